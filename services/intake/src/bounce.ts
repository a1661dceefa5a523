import { normalizeMessageId } from './message-id.js';
import { decodeBytes } from './parse/charset.js';
import { walkMime, type MimeLeaf, type MimeWalk } from './parse/mime-walk.js';
import { parseAddressList } from './parse/addresses.js';
import { firstField, headerText, splitHeaderBlock, type RawHeaderField } from './parse/raw-headers.js';
import { extractTicketTags } from './parse/ticket-tags.js';

/** A delivery status notification (RFC 3464) reduced to what threading and flagging need. */
export interface BounceInfo {
  /** Message-ID of the message that could not be delivered (from the returned message or headers). */
  originalMessageId: string | null;
  /** Final-Recipient addresses, lowercased. */
  recipients: string[];
  /** Enhanced status code (RFC 3463) of the recipient that failed, e.g. '5.1.1'. */
  status: string | null;
  /** Action of that recipient: failed, delayed, delivered, relayed, expanded. */
  action: string | null;
  /** `TD-n` of the original, from its X-Tierdesk-Ticket header or a [TD-n] subject tag, if returned. */
  originalTicketId: string | null;
}

const STATUS_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_PARTS = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/global-headers']);
const ROBOT_SENDER = /^(?:mailer-daemon|postmaster)@/i;
const ACTION_RANK: Record<string, number> = { failed: 0, delayed: 1 };

function fieldBlocks(body: Buffer): RawHeaderField[][] {
  const blocks: RawHeaderField[][] = [];
  let rest = body;
  for (let guard = 0; rest.length > 0 && guard < 1000; guard++) {
    let skip = 0;
    while (skip < rest.length && (rest[skip] === 0x0a || rest[skip] === 0x0d || rest[skip] === 0x20 || rest[skip] === 0x09)) skip++;
    rest = rest.subarray(skip);
    if (rest.length === 0) break;
    const block = splitHeaderBlock(rest);
    if (block.bodyOffset === 0) break;
    if (block.fields.length) blocks.push(block.fields);
    rest = rest.subarray(block.bodyOffset);
  }
  return blocks;
}

function value(fields: RawHeaderField[], name: string): string | null {
  const f = firstField(fields, name);
  return f ? headerText(f.value) : null;
}

function typedAddress(v: string | null): string | null {
  if (!v) return null;
  const addr = (v.includes(';') ? v.slice(v.indexOf(';') + 1) : v).trim().replace(/^<|>$/g, '').toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(addr) ? addr : null;
}

function statusCode(v: string | null): string | null {
  return /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(v ?? '')?.[1] ?? null;
}

function readStatus(leaf: MimeLeaf): Pick<BounceInfo, 'recipients' | 'status' | 'action'> {
  const perRecipient = fieldBlocks(leaf.body)
    .slice(1)
    .map((fields) => ({
      recipient: typedAddress(value(fields, 'final-recipient')) ?? typedAddress(value(fields, 'original-recipient')),
      action: value(fields, 'action')?.toLowerCase().split(/\s/)[0] ?? null,
      status: statusCode(value(fields, 'status')),
    }));
  const recipients = [...new Set(perRecipient.map((r) => r.recipient).filter((r): r is string => r !== null))];
  const primary = [...perRecipient].sort((a, b) => (ACTION_RANK[a.action ?? ''] ?? 9) - (ACTION_RANK[b.action ?? ''] ?? 9))[0];
  return { recipients, status: primary?.status ?? null, action: primary?.action ?? null };
}

function readOriginal(leaves: MimeLeaf[]): Pick<BounceInfo, 'originalMessageId' | 'originalTicketId'> {
  const returned = leaves.find((l) => RETURNED_PARTS.has(l.contentType));
  if (returned) {
    const fields = splitHeaderBlock(returned.body).fields;
    const declared = value(fields, 'x-tierdesk-ticket')?.toUpperCase() ?? '';
    const ticket = /^TD-[1-9]\d{0,14}$/.test(declared) ? declared : (extractTicketTags(value(fields, 'subject') ?? '')[0] ?? null);
    return { originalMessageId: normalizeMessageId(value(fields, 'message-id') ?? ''), originalTicketId: ticket };
  }
  // Some MTAs quote the original headers in the human-readable part instead of attaching them.
  for (const leaf of leaves) {
    if (!leaf.contentType.startsWith('text/')) continue;
    const m = /^[ \t>]*Message-ID:[ \t]*(<[^<>\s]+>)/im.exec(decodeBytes(leaf.body, leaf.params.charset).text);
    if (m?.[1]) return { originalMessageId: normalizeMessageId(m[1]), originalTicketId: null };
  }
  return { originalMessageId: null, originalTicketId: null };
}

/**
 * Bounce detection over an already walked MIME tree. A bounce is a multipart/report with
 * report-type=delivery-status (RFC 3464/6522), or — for MTAs that still send plain-text bounces —
 * mail from MAILER-DAEMON/postmaster that quotes the original Message-ID.
 */
export function detectBounceInWalk(walk: MimeWalk): BounceInfo | null {
  const statusLeaf = walk.leaves.find((l) => STATUS_PARTS.has(l.contentType));
  const reportType = (walk.root.params['report-type'] ?? '').toLowerCase();
  const isReport = walk.root.value === 'multipart/report' && (reportType === 'delivery-status' || (reportType === '' && statusLeaf !== undefined));
  if (isReport) {
    const status = statusLeaf ? readStatus(statusLeaf) : { recipients: [], status: null, action: null };
    return { ...readOriginal(walk.leaves), ...status };
  }
  const fromValue = firstField(walk.rootFields, 'from')?.value;
  const from = fromValue ? parseAddressList(fromValue)[0] : undefined;
  if (!from || !ROBOT_SENDER.test(from.email) || walk.root.value === 'multipart/report') return null;
  const original = readOriginal(walk.leaves);
  if (!original.originalMessageId) return null;
  const texts = walk.leaves.filter((l) => l.contentType === 'text/plain').map((l) => decodeBytes(l.body, l.params.charset).text);
  const status = statusCode(texts.join('\n').match(/\b[45]\.\d{1,3}\.\d{1,3}\b/)?.[0] ?? null);
  return { ...original, recipients: [], status, action: status?.startsWith('5') ? 'failed' : null };
}

/** Detects a delivery status notification in a raw message; null when it is not one. Never throws. */
export function detectBounce(raw: Buffer): BounceInfo | null {
  try {
    return detectBounceInWalk(walkMime(raw));
  } catch {
    return null;
  }
}
