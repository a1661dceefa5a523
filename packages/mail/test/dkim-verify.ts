import { createHash, createVerify, type KeyObject } from 'node:crypto';

/**
 * An independent DKIM check (RFC 6376, rsa-sha256, relaxed/relaxed) of a message as a receiving
 * server got it, against the public key a receiver would find in DNS. Written from the RFC, not
 * from nodemailer, so a test using it fails if the signature would not verify elsewhere.
 */
export interface DkimResult {
  ok: boolean;
  reason?: string;
  tags: Record<string, string>;
}

interface Field {
  name: string;
  raw: string;
}

function splitMessage(raw: string): { fields: Field[]; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at + 2);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const fields: Field[] = [];
  for (const line of head.split(/(?<=\r\n)/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1]!.raw += line;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
  }
  return { fields, body };
}

/** RFC 6376 3.4.2: lower-case name, unfold, runs of WSP to one SP, no WSP around the value. */
function relaxedHeader(raw: string): string {
  const colon = raw.indexOf(':');
  const name = raw.slice(0, colon).trim().toLowerCase();
  const value = raw
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}`;
}

/** RFC 6376 3.4.4: WSP runs to one SP, none at line ends, no empty lines at the end. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

function tagsOf(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).replace(/\s+/g, '');
  }
  return out;
}

export function verifyDkim(message: Buffer | string, publicKey: KeyObject): DkimResult {
  const { fields, body } = splitMessage(Buffer.isBuffer(message) ? message.toString('binary') : message);
  const sig = fields.find((f) => f.name === 'dkim-signature');
  if (!sig) return { ok: false, reason: 'no DKIM-Signature header', tags: {} };
  const tags = tagsOf(sig.raw.slice(sig.raw.indexOf(':') + 1));
  if (tags.a !== 'rsa-sha256') return { ok: false, reason: `algorithm ${tags.a}`, tags };
  if (tags.c !== 'relaxed/relaxed') return { ok: false, reason: `canonicalization ${tags.c}`, tags };
  const bh = createHash('sha256').update(relaxedBody(body), 'binary').digest('base64');
  if (bh !== tags.bh) return { ok: false, reason: 'body hash mismatch', tags };
  // Each name in h= takes the last not yet used instance of that field, from the bottom up.
  const used = new Set<Field>();
  const signed: string[] = [];
  for (const name of (tags.h ?? '').split(':').map((n) => n.trim().toLowerCase())) {
    const f = [...fields].reverse().find((x) => x.name === name && x !== sig && !used.has(x));
    if (!f) continue; // a listed but absent field signs as empty: contributes nothing
    used.add(f);
    signed.push(`${relaxedHeader(f.raw)}\r\n`);
  }
  const withoutB = relaxedHeader(sig.raw).replace(/(^|;)(\s*b=)[^;]*/, '$1$2');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(signed.join('') + withoutB, 'binary');
  const ok = verifier.verify(publicKey, Buffer.from(tags.b ?? '', 'base64'));
  return ok ? { ok, tags } : { ok, reason: 'signature does not verify', tags };
}
