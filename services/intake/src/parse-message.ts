import { detectAutoReply, type AutoSubmitted } from './auto-reply.js';
import { detectBounceInWalk, type BounceInfo } from './bounce.js';
import { contentHashMessageId, normalizeMessageId, parseMessageIdList } from './message-id.js';
import { parseAddressList, type Mailbox } from './parse/addresses.js';
import { readBody, type AttachmentInfo } from './parse/body.js';
import { parseDateHeader } from './parse/date-header.js';
import { buildHeaderRecord } from './parse/header-record.js';
import { walkMime } from './parse/mime-walk.js';
import { priorityHint, type PriorityHint } from './parse/priority.js';
import type { RawHeaderField } from './parse/raw-headers.js';
import { headerText } from './parse/raw-headers.js';
import { capString, cleanBodyText, cleanOneLine } from './parse/text-clean.js';
import { extractTicketTags } from './parse/ticket-tags.js';

/** An inbound email reduced to what Tierdesk uses; every string is safe to store and display. */
export interface ParsedInbound {
  /** Normalised `<id@host>`; without one, `<sha256.hash@tierdesk.invalid>` over the content (see contentHashMessageId). */
  messageId: string;
  hasOwnMessageId: boolean;
  /** Lowercased address and cleaned display name; null when From is missing or has no usable address. */
  from: Mailbox | null;
  to: string[];
  cc: string[];
  replyTo: string | null;
  /** Decoded, control characters (CR/LF included) removed, trimmed; '' when missing. */
  subject: string;
  /** Plain text, LF line ends; derived from the HTML when there is only HTML; capped at TEXT_MAX. */
  text: string;
  html: string | null;
  /** ISO instant of the Date header. */
  date: string | null;
  /** The Date header's own UTC offset in minutes (+0200 → 120): a hint at the customer's time zone. */
  dateOffsetMinutes: number | null;
  inReplyTo: string | null;
  references: string[];
  /** Every `TD-n` tagged `[TD-n]` in the subject, in order. */
  ticketTags: string[];
  /** Lowercased names → first value, decoded, one line, capped at 8 KB. */
  headers: Record<string, string>;
  autoSubmitted: AutoSubmitted;
  bounce: BounceInfo | null;
  priorityHint: PriorityHint | null;
  attachments: AttachmentInfo[];
  /** True when anything had to be repaired, guessed or dropped; `problems` says what. */
  malformed: boolean;
  problems: string[];
  sizeBytes: number;
}

/** Longest body text kept (UTF-16 units, ~1 MB); the raw message keeps the rest. */
export const TEXT_MAX = 1_048_576;
/** Longest HTML kept. */
export const HTML_MAX = 2_097_152;
const SUBJECT_MAX = 1000;

function all(fields: readonly RawHeaderField[], name: string): string[] {
  return fields.filter((f) => f.name === name).map((f) => f.value);
}

function addresses(fields: readonly RawHeaderField[], name: string): string[] {
  const values = all(fields, name);
  return values.length ? [...new Set(parseAddressList(values).map((m) => m.email))] : [];
}

function readFrom(fields: readonly RawHeaderField[], problems: string[]): Mailbox | null {
  const values = all(fields, 'from');
  if (!values.length) {
    problems.push('missing From header');
    return null;
  }
  const from = parseAddressList(values[0] as string)[0] ?? null;
  if (!from) problems.push('From header has no usable address');
  return from;
}

/**
 * Parses a raw RFC 822 message. Never throws for bad input and always finishes: whatever cannot
 * be read is listed in `problems` (and sets `malformed`); the raw bytes stay the source of truth.
 */
export async function parseInbound(raw: Buffer): Promise<ParsedInbound> {
  try {
    return await parseOrThrow(raw);
  } catch (err) {
    // A bug of ours must not lose the message: the raw bytes are kept, this says what happened.
    return fallbackResult(raw, `parser failure: ${cleanOneLine(String((err as Error)?.message ?? err), 200)}`);
  }
}

function fallbackResult(raw: Buffer, problem: string): ParsedInbound {
  return {
    messageId: contentHashMessageId(raw), hasOwnMessageId: false, from: null, to: [], cc: [], replyTo: null, subject: '', text: '',
    html: null, date: null, dateOffsetMinutes: null, inReplyTo: null, references: [], ticketTags: [], headers: {},
    autoSubmitted: { auto: false, reason: null }, bounce: null, priorityHint: null, attachments: [], malformed: true,
    problems: [problem], sizeBytes: raw.length,
  };
}

async function parseOrThrow(raw: Buffer): Promise<ParsedInbound> {
  const problems: string[] = [];
  if (raw.length === 0) problems.push('empty message');
  const walk = walkMime(raw);
  problems.push(...walk.problems);
  const fields = walk.rootFields;
  if (raw.length > 0 && fields.length === 0 && !problems.some((p) => p.startsWith('no header block'))) problems.push('no header fields');
  const headers = buildHeaderRecord(fields, problems);

  const ownId = fields.some((f) => f.name === 'message-id') ? normalizeMessageId(headerText(all(fields, 'message-id')[0] ?? '')) : null;
  if (!ownId && fields.some((f) => f.name === 'message-id')) problems.push('unusable Message-ID header; a content hash is used instead');
  const subject = cleanOneLine(headerText(all(fields, 'subject')[0] ?? ''), SUBJECT_MAX);
  const from = readFrom(fields, problems);
  const date = parseDateHeader(headers['date']);
  if (date.problem) problems.push(date.problem);

  const body = await readBody(raw, walk, problems);
  const text = cleanBodyText(body.text, TEXT_MAX);
  if (text.truncated) problems.push(`text longer than ${TEXT_MAX} characters; truncated`);
  const html = body.html === null ? null : capString(body.html, HTML_MAX).replace(/\r\n?/g, '\n').replace(/\0/g, '');
  if (body.html && body.html.length > HTML_MAX) problems.push(`HTML longer than ${HTML_MAX} characters; truncated`);

  const bounce = detectBounceInWalk(walk);
  let autoSubmitted = detectAutoReply(headers, from?.email ?? null);
  if (!autoSubmitted.auto && bounce) autoSubmitted = { auto: true, reason: 'delivery status notification' };
  if (!autoSubmitted.auto && walk.root.value === 'multipart/report') autoSubmitted = { auto: true, reason: 'multipart/report' };

  return {
    messageId: ownId ?? contentHashMessageId(raw),
    hasOwnMessageId: ownId !== null,
    from,
    to: addresses(fields, 'to'),
    cc: addresses(fields, 'cc'),
    replyTo: addresses(fields, 'reply-to')[0] ?? null,
    subject,
    text: text.text,
    html,
    date: date.iso,
    dateOffsetMinutes: date.offsetMinutes,
    inReplyTo: parseMessageIdList(headerText(all(fields, 'in-reply-to')[0] ?? ''))[0] ?? null,
    references: parseMessageIdList(headerText(all(fields, 'references').join(' '))),
    ticketTags: extractTicketTags(subject),
    headers,
    autoSubmitted,
    bounce,
    priorityHint: priorityHint(headers),
    attachments: body.attachments,
    malformed: problems.length > 0,
    problems,
    sizeBytes: raw.length,
  };
}
