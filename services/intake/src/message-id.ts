import { createHash } from 'node:crypto';
import { splitHeaderBlock } from './parse/raw-headers.js';

const MAX_ID_LENGTH = 500;
const MAX_REFERENCES = 100;

/**
 * Normalises a Message-ID to `<id@host>`: the first `<...>` token (or the bare value), comments,
 * folding and control characters gone. Case is kept — the local part is case-sensitive and the
 * same message always carries the same bytes. Null when nothing usable is left.
 */
export function normalizeMessageId(value: string): string | null {
  const v = value.replace(/\([^()]*\)/g, ' ').trim();
  const bracketed = /<([^<>]*)>/.exec(v);
  const core = (bracketed ? bracketed[1] ?? '' : v.split(/[\s,]+/)[0] ?? '').replace(/\s+/g, '');
  // eslint-disable-next-line no-control-regex
  if (!core || core.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f<>"\\]/.test(core)) return null;
  return `<${core}>`;
}

/**
 * Every Message-ID in a References / In-Reply-To value, normalised, in order, duplicates dropped.
 * Over 100: the first (the thread root) and the 99 most recent are kept.
 */
export function parseMessageIdList(value: string | undefined): string[] {
  if (!value) return [];
  // Without brackets only tokens that look like ids count: "Your message of Tue" is not three ids.
  const tokens = value.includes('<') ? (value.match(/<[^<>]*>/g) ?? []) : value.split(/[\s,]+/).filter((t) => t.includes('@'));
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const id = normalizeMessageId(token);
    if (id && !seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids.length > MAX_REFERENCES ? [ids[0] as string, ...ids.slice(ids.length - (MAX_REFERENCES - 1))] : ids;
}

// Headers a relay or the final mailbox adds on the way in; they differ by channel, the message does not.
const TRANSPORT_HEADERS = new Set([
  'received', 'return-path', 'delivered-to', 'x-original-to', 'x-received', 'received-spf',
  'authentication-results', 'arc-seal', 'arc-message-signature', 'arc-authentication-results', 'x-envelope-from', 'x-envelope-to',
]);
const TRANSPORT_PREFIXES = ['x-spam-', 'x-virus-'];

function isTransportHeader(name: string): boolean {
  return TRANSPORT_HEADERS.has(name) || TRANSPORT_PREFIXES.some((p) => name.startsWith(p));
}

/** Feeds `buf` into the hash line by line with LF endings, so CRLF and LF copies hash the same. */
function updateNormalised(hash: ReturnType<typeof createHash>, buf: Buffer): void {
  let pos = 0;
  while (pos < buf.length) {
    let lf = buf.indexOf(0x0a, pos);
    if (lf === -1) lf = buf.length;
    const end = lf > pos && buf[lf - 1] === 0x0d ? lf - 1 : lf;
    hash.update(buf.subarray(pos, end));
    hash.update('\n');
    pos = lf + 1;
  }
}

/**
 * A stable id for a message that has none: SHA-256 over the raw bytes minus transport headers
 * (Received, Return-Path, Delivered-To, authentication results …), with line ends normalised and
 * trailing blank lines dropped, so the same message delivered over SMTP and fetched by IMAP or
 * posted over HTTP gets the same id.
 */
export function contentHashMessageId(raw: Buffer): string {
  const hash = createHash('sha256');
  const head = splitHeaderBlock(raw);
  // An mbox "From " line carries the envelope sender and delivery time: transport, not message.
  let cursor = raw.subarray(0, 5).toString('latin1') === 'From ' ? raw.indexOf(0x0a) + 1 || raw.length : 0;
  for (const field of head.fields) {
    if (!isTransportHeader(field.name)) continue;
    updateNormalised(hash, raw.subarray(cursor, field.start));
    cursor = field.end;
  }
  updateNormalised(hash, raw.subarray(cursor, head.bodyOffset));
  let end = raw.length;
  while (end > head.bodyOffset && [0x0a, 0x0d, 0x20, 0x09].includes(raw[end - 1] as number)) end--;
  updateNormalised(hash, raw.subarray(head.bodyOffset, end));
  return `<${hash.digest('hex')}.hash@tierdesk.invalid>`;
}
