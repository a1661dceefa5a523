import {
  LEVEL_DEFINITIONS,
  appendMessage,
  type MailKind,
  type PlannedEmail,
  type Ticket,
  type TicketMessage,
} from '@tierdesk/domain';
import { buildMessageId, renderEmail, senderDomain, type OutboundAttachment, type OutboundEmail, type TemplateContext } from '@tierdesk/mail';
import type { Runtime } from '@tierdesk/runtime';

export interface TicketEmailRequest {
  kind: MailKind;
  to: PlannedEmail['to'];
  language: string;
  /** With `kind` and the ticket, makes the Message-ID: the same request twice is one email. */
  key: string;
  inReplyTo: string | null;
  context?: Partial<TemplateContext>;
  attachments?: OutboundAttachment[];
  replyTo?: string;
  /** Automatic emails carry Auto-Submitted; an agent's reply does not. */
  automatic?: boolean;
  /**
   * A Message-ID already recorded on the ticket for this email (an agent's reply is recorded with
   * its text by the API before it is sent): the email goes out under it, so the ticket holds one
   * message, not two, and the customer's answer threads to the recorded one.
   */
  messageId?: string;
}

function emailLanguage(lang: string): 'en' | 'fr' | 'de' {
  return lang === 'fr' || lang === 'de' ? lang : 'en';
}

/** The thread an email belongs to: the ticket's first message, then the one it answers. */
function referencesFor(ticket: Ticket, inReplyTo: string | null): string[] {
  const first = ticket.messages[0]?.messageId;
  return [...new Set([first, inReplyTo].filter((x): x is string => Boolean(x)))];
}

export function baseContext(rt: Runtime, ticket: Ticket): TemplateContext {
  return {
    ticket: { id: ticket.id, subject: ticket.subject, level: ticket.level, priority: ticket.priority, status: ticket.status, customer: ticket.customer, category: ticket.category },
    publicUrl: rt.env.publicUrl,
  };
}

/**
 * Renders an email about a ticket, records it on the ticket (so replies to it thread back), and
 * queues it for sending. Deterministic end to end: a retried caller produces the same
 * Message-ID, the same job id and no second message on the ticket.
 */
export async function queueTicketEmail(rt: Runtime, ticket: Ticket, req: TicketEmailRequest): Promise<OutboundEmail> {
  const [email] = await queueTicketEmails(rt, ticket, [req]);
  return email as OutboundEmail;
}

/**
 * queueTicketEmail for several emails about one ticket at once (an event's notifications): one
 * ticket update records them all, then their send jobs go to the queue together. The same
 * guarantees: every email is on the ticket before its job exists, and a retried caller changes
 * nothing twice (appendMessage keeps a Message-ID once; job ids come from the Message-IDs).
 * `asStored`: `ticket` is exactly as just read from the store, so the update starts from it
 * instead of reading it again (never for a ticket changed locally: the update would save that).
 */
export async function queueTicketEmails(rt: Runtime, ticket: Ticket, reqs: readonly TicketEmailRequest[], opts: { asStored?: boolean } = {}): Promise<OutboundEmail[]> {
  if (reqs.length === 0) return [];
  const base = baseContext(rt, ticket);
  const domain = senderDomain(rt.env.mailFrom);
  const now = rt.now();
  const at = now.toISOString();
  const emails: OutboundEmail[] = [];
  const records: TicketMessage[] = [];
  for (const req of reqs) {
    const language = emailLanguage(req.language);
    const messageId = req.messageId ?? buildMessageId(ticket.id, req.kind, req.key, domain);
    const ctx: TemplateContext = { ...base, recipientName: req.to.name ?? '', ...req.context };
    const rendered = renderEmail(req.kind, language, ctx);
    emails.push({
      ticketId: ticket.id,
      kind: req.kind,
      to: [req.to],
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId,
      inReplyTo: req.inReplyTo,
      references: referencesFor(ticket, req.inReplyTo),
      autoSubmitted: req.automatic ?? true,
      language,
      ...(req.replyTo ? { replyTo: req.replyTo } : {}),
      ...(req.attachments?.length ? { attachments: req.attachments } : {}),
    });
    records.push({ messageId, direction: 'out', kind: req.kind, from: rt.env.mailFrom, at, to: [req.to.address], subject: rendered.subject });
  }
  await rt.store.update(ticket.id, (t) => ({ ticket: records.reduce((acc, r) => appendMessage(acc, r, now), t), events: [] }), now, opts.asStored ? ticket : undefined);
  await rt.bus.publishMany(
    'outbound',
    emails.map((email) => ({ data: { email: email as unknown as OutboundEmail & { [k: string]: unknown } }, jobId: `mail-${email.messageId}` })),
  );
  return emails;
}

export function levelName(level: number, lang: string): string {
  const def = LEVEL_DEFINITIONS[level as 0 | 1 | 2 | 3 | 4];
  return def ? def.name[emailLanguage(lang)] : `Level ${level}`;
}
