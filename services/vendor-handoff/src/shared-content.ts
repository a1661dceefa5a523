import { simpleParser } from 'mailparser';
import { consentSharedItems, messagesToShare, type Ticket } from '@tierdesk/domain';
import type { OutboundAttachment } from '@tierdesk/mail';
import type { Runtime } from '@tierdesk/runtime';

interface ParsedSummary {
  rawId?: string;
  attachments?: Array<{ filename?: string }>;
}

/** Names of the files attached to the promised messages; empty unless the config lets them go along. */
export async function attachmentNames(rt: Runtime, ticket: Ticket): Promise<string[]> {
  if (!rt.config.vendorFollowup.attachAttachments) return [];
  const names: string[] = [];
  for (const m of messagesToShare(ticket)) {
    const parsed = await rt.inbound.getParsed<ParsedSummary>(m.messageId);
    for (const a of parsed?.attachments ?? []) names.push(a.filename || 'attachment');
  }
  return names;
}

/** What the consent request and its confirmation page list as shared: the same function the handoff honours. */
export async function sharedItemsFor(rt: Runtime, ticket: Ticket): Promise<string[]> {
  return consentSharedItems(ticket, ticket.language, await attachmentNames(rt, ticket));
}

/**
 * The files of the promised messages, read back from the raw messages intake kept (parsed
 * summaries hold only names). Empty unless the config allows attachments.
 */
export async function attachmentsToShare(rt: Runtime, ticket: Ticket): Promise<OutboundAttachment[]> {
  if (!rt.config.vendorFollowup.attachAttachments) return [];
  const out: OutboundAttachment[] = [];
  for (const m of messagesToShare(ticket)) {
    const parsed = await rt.inbound.getParsed<ParsedSummary>(m.messageId);
    const raw = parsed?.rawId ? await rt.inbound.getRaw(parsed.rawId) : null;
    if (!raw) continue;
    const mail = await simpleParser(raw.raw);
    for (const a of mail.attachments) {
      if (a.related) continue;
      out.push({ filename: a.filename || 'attachment', content: a.content, contentType: a.contentType || 'application/octet-stream' });
    }
  }
  return out;
}
