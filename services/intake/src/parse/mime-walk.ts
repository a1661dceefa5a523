import { parseMimeHeader, type MimeHeaderValue } from './mime-params.js';
import { firstField, headerText, splitHeaderBlock, type RawHeaderField } from './raw-headers.js';
import { decodeTransferEncoding } from './transfer-encoding.js';

/** A non-multipart MIME part with its body already transfer-decoded (charset untouched). */
export interface MimeLeaf {
  contentType: string;
  params: Record<string, string>;
  disposition: string | null;
  filename: string | null;
  body: Buffer;
  depth: number;
  /** Inside a multipart/alternative: one of several renderings of the same text. */
  inAlternative: boolean;
}

/** The MIME structure as far as it could be read, with what had to be guessed or given up. */
export interface MimeWalk {
  rootFields: RawHeaderField[];
  root: MimeHeaderValue;
  leaves: MimeLeaf[];
  problems: string[];
}

export interface WalkLimits {
  maxDepth: number;
  maxParts: number;
}

// Real mail rarely nests past 6 levels; deeper trees are hostile and only cost CPU.
const DEFAULT_LIMITS: WalkLimits = { maxDepth: 32, maxParts: 1000 };

interface Split {
  parts: Buffer[];
  found: boolean;
  closed: boolean;
}

function isBlank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Splits a multipart body at `--boundary` lines; linear in the body size. */
function splitMultipart(body: Buffer, boundary: string): Split {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Buffer[] = [];
  let partStart = -1;
  let from = 0;
  while (from <= body.length) {
    const at = body.indexOf(delim, from);
    if (at === -1) break;
    from = at + 1;
    if (at > 0 && body[at - 1] !== 0x0a) continue;
    const afterDelim = at + delim.length;
    const closing = body[afterDelim] === 0x2d && body[afterDelim + 1] === 0x2d;
    let eol = body.indexOf(0x0a, afterDelim);
    if (eol === -1) eol = body.length;
    if (!closing && !isBlank(body, afterDelim, eol)) continue;
    if (partStart >= 0) {
      let end = at;
      if (end > partStart && body[end - 1] === 0x0a) end--;
      if (end > partStart && body[end - 1] === 0x0d) end--;
      parts.push(body.subarray(partStart, Math.max(partStart, end)));
    }
    if (closing) return { parts, found: true, closed: true };
    partStart = Math.min(eol + 1, body.length);
    from = partStart;
  }
  if (partStart >= 0) parts.push(body.subarray(partStart));
  return { parts, found: partStart >= 0, closed: false };
}

/** The first `--token` line of a body, the likely real boundary of a multipart that declared another. */
function guessBoundary(body: Buffer): string | null {
  const head = body.subarray(0, 65536).toString('latin1');
  const m = /(?:^|\n)--([\x21-\x7e]{1,70}?)(?:--)?[ \t]*\r?(?:\n|$)/.exec(head);
  return m?.[1] ?? null;
}

/**
 * Walks the MIME tree of a raw message without trusting it: depth and part count are bounded,
 * a multipart whose boundary never shows up is read as plain text, unclosed multiparts keep what
 * they had. Embedded messages (message/rfc822) stay leaves; callers parse them when they need to.
 */
export function walkMime(raw: Buffer, limits: WalkLimits = DEFAULT_LIMITS): MimeWalk {
  const problems = new Set<string>();
  const leaves: MimeLeaf[] = [];
  let partCount = 0;
  const head = splitHeaderBlock(raw);
  head.problems.forEach((p) => problems.add(p));
  const root = parseMimeHeader(headerText(firstField(head.fields, 'content-type')?.value ?? ''));

  const visit = (fields: RawHeaderField[], body: Buffer, depth: number, inAlternative: boolean): void => {
    if (++partCount > limits.maxParts) {
      problems.add(`more than ${limits.maxParts} MIME parts; the rest not read`);
      return;
    }
    const ct = parseMimeHeader(headerText(firstField(fields, 'content-type')?.value ?? ''));
    const type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(ct.value) ? ct.value : 'text/plain';
    if (type.startsWith('multipart/')) {
      if (depth >= limits.maxDepth) {
        problems.add(`MIME nesting deeper than ${limits.maxDepth} levels; inner parts not read`);
        return;
      }
      const declared = ct.params.boundary;
      let split = declared ? splitMultipart(body, declared) : null;
      if (!split || !split.found) {
        // Broken generators (and forwarding that re-wraps) leave the real delimiter in the body.
        const guessed = guessBoundary(body);
        const retry = guessed ? splitMultipart(body, guessed) : null;
        const why = declared ? 'multipart boundary never appears in the body' : 'multipart without a boundary';
        if (!retry || !retry.found || retry.parts.length === 0) {
          problems.add(`${why}; body read as plain text`);
          leaves.push({ contentType: 'text/plain', params: {}, disposition: null, filename: null, body, depth, inAlternative });
          return;
        }
        problems.add(`${why}; split at the delimiter found in the body instead`);
        split = retry;
      }
      if (!split.closed) problems.add('multipart not closed by its final boundary');
      for (const part of split.parts) {
        const ph = splitHeaderBlock(part);
        visit(ph.fields, part.subarray(ph.bodyOffset), depth + 1, inAlternative || type === 'multipart/alternative');
      }
      return;
    }
    const disposition = parseMimeHeader(headerText(firstField(fields, 'content-disposition')?.value ?? ''));
    const encoding = headerText(firstField(fields, 'content-transfer-encoding')?.value ?? '');
    leaves.push({
      contentType: type,
      params: ct.params,
      disposition: disposition.value || null,
      filename: disposition.params.filename ?? ct.params.name ?? null,
      body: decodeTransferEncoding(body, encoding),
      depth,
      inAlternative,
    });
  };

  visit(head.fields, raw.subarray(head.bodyOffset), 0, false);
  return { rootFields: head.fields, root, leaves, problems: [...problems] };
}
