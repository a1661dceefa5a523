import type { SendMailOptions } from 'nodemailer';
import { InvalidInputError } from '@tierdesk/domain';
import { assertTicketId, isMessageId } from './message-id.js';
import { parseMailbox, toAddressObject } from './mailbox.js';
import type { OutboundAttachment, OutboundEmail } from './outbound-email.js';
import { sanitizeHeaderText } from './sanitize-header-text.js';

/** References beyond this are dropped from the front (RFC 5322 allows trimming the middle). */
const MAX_REFERENCES = 20;

/** "[TD-n] subject", unless the subject already carries this ticket's tag. */
export function tagSubject(ticketId: string, subject: string): string {
  const clean = sanitizeHeaderText(subject);
  const tag = `[${ticketId}]`;
  if (clean.toUpperCase().includes(tag.toUpperCase())) return clean;
  return sanitizeHeaderText(clean ? `${tag} ${clean}` : tag);
}

/** Message-IDs from inbound mail are customer input: keep only well-formed ones, without duplicates. */
function cleanReferences(email: OutboundEmail): { inReplyTo?: string; references?: string[] } {
  const inReplyTo = email.inReplyTo && isMessageId(email.inReplyTo.trim()) ? email.inReplyTo.trim() : undefined;
  const refs: string[] = [];
  for (const r of [...(email.references ?? []), ...(inReplyTo ? [inReplyTo] : [])]) {
    const id = r.trim();
    if (isMessageId(id) && !refs.includes(id)) refs.push(id);
  }
  const references = refs.length > MAX_REFERENCES ? [refs[0] as string, ...refs.slice(-(MAX_REFERENCES - 1))] : refs;
  return { ...(inReplyTo ? { inReplyTo } : {}), ...(references.length ? { references } : {}) };
}

/** Content as it arrives after a trip through a JSON job queue: a Buffer becomes {type:'Buffer',data}. */
function normalizeContent(content: unknown): string | Buffer {
  if (typeof content === 'string' || Buffer.isBuffer(content)) return content;
  const c = content as { type?: unknown; data?: unknown } | null;
  if (c && c.type === 'Buffer' && Array.isArray(c.data)) return Buffer.from(c.data as number[]);
  throw new InvalidInputError('Attachment content must be a string or a Buffer.', { field: 'attachments' });
}

function safeFilename(name: string): string {
  return sanitizeHeaderText(name, 120).replace(/[/\\"]/g, '_') || 'attachment';
}

function splitAttachments(list: OutboundAttachment[]): Pick<SendMailOptions, 'attachments' | 'icalEvent'> {
  const out: Pick<SendMailOptions, 'attachments' | 'icalEvent'> = {};
  const attachments: NonNullable<SendMailOptions['attachments']> = [];
  for (const a of list) {
    const method = a.method ? a.method.toUpperCase().replace(/[^A-Z]/g, '') : '';
    // The first invite goes in as nodemailer's icalEvent: a text/calendar;method=… alternative
    // (what Outlook and Gmail turn into an accept/decline card) plus an .ics attachment.
    if (!out.icalEvent && method && /^text\/calendar\b/i.test(a.contentType)) {
      out.icalEvent = { filename: safeFilename(a.filename), content: normalizeContent(a.content), method };
      continue;
    }
    attachments.push({ filename: safeFilename(a.filename), content: normalizeContent(a.content), contentType: sanitizeHeaderText(a.contentType, 120) });
  }
  if (attachments.length) out.attachments = attachments;
  return out;
}

/**
 * The nodemailer message for an outbound email, with the CONTRACT §3 headers: "[TD-n]" in
 * the Subject, X-Tierdesk-Ticket, X-Tierdesk-Kind, Auto-Submitted for automatic mail, the
 * threading headers and an explicit Message-ID. Nothing a customer wrote can add a header.
 */
export function toNodemailerMessage(email: OutboundEmail, from: string): SendMailOptions {
  assertTicketId(email.ticketId);
  if (!isMessageId(email.messageId)) {
    throw new InvalidInputError(`Not a Message-ID: ${JSON.stringify(email.messageId)} (expected <local@domain>).`, { field: 'messageId' });
  }
  if (email.to.length === 0) throw new InvalidInputError('An email needs at least one recipient.', { field: 'to' });
  const sender = parseMailbox(from);
  if (!sender) throw new InvalidInputError(`MAIL_FROM holds no address: ${JSON.stringify(from)}.`, { field: 'from' });
  const replyTo = email.replyTo ? parseMailbox(email.replyTo) : null;

  const headers: Record<string, string> = {
    'X-Tierdesk-Ticket': email.ticketId,
    'X-Tierdesk-Kind': email.kind,
  };
  if (['en', 'fr', 'de'].includes(email.language)) headers['Content-Language'] = email.language;
  if (email.autoSubmitted) {
    headers['Auto-Submitted'] = 'auto-generated';
    // Asks Exchange not to answer with out-of-office replies, which would only loop back to us.
    headers['X-Auto-Response-Suppress'] = 'All';
  }

  return {
    from: toAddressObject(sender),
    to: email.to.map(toAddressObject),
    ...(email.cc?.length ? { cc: email.cc.map(toAddressObject) } : {}),
    ...(replyTo ? { replyTo: toAddressObject(replyTo) } : {}),
    subject: tagSubject(email.ticketId, email.subject),
    messageId: email.messageId,
    ...cleanReferences(email),
    text: email.text,
    ...(email.html ? { html: email.html } : {}),
    ...splitAttachments(email.attachments ?? []),
    headers,
    // Content only ever comes from memory; never let a value be read as a path or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
  };
}
