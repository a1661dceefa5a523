import type { Job } from 'bullmq';
import type { TriageJob } from '@tierdesk/bus';
import {
  addFlag,
  appendMessage,
  chain,
  changeLevel,
  changeStatus,
  createClassifier,
  createTicket,
  detectSelfHelpReply,
  newEvent,
  priorityRank,
  reopenTicket,
  resolveTicket,
  type Classification,
  type Priority,
  type Ticket,
  type TicketChange,
  type TicketMessage,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { senderRole, timezoneFromOffset, toTicketMessage, type StoredInbound } from './inbound-message.js';

function strongest(a: Priority, b: Priority | null): Priority {
  return b && priorityRank(b) > priorityRank(a) ? b : a;
}

/** The ticket as triage leaves it: classified, and waiting where the level says it waits. */
export function classifyTicket(ticket: Ticket, c: Classification, message: TicketMessage, now: Date): TicketChange {
  const classified: Ticket = {
    ...ticket,
    level: c.level,
    category: c.category,
    language: c.language,
    priority: c.priority,
    flags: c.needsTriage ? [...ticket.flags, 'needs-triage'] : ticket.flags,
    triage: { confidence: c.confidence, needsTriage: c.needsTriage, explanation: c.explanation, kb: c.kb, vendor: c.vendor },
    updatedAt: now.toISOString(),
  };
  const events: TicketChange['events'] = [
    newEvent('message.received', { messageId: message.messageId, from: message.from, role: message.role ?? 'customer', autoSubmitted: Boolean(message.autoSubmitted), bounce: false, newTicket: true }),
    newEvent('ticket.classified', {
      level: c.level,
      category: c.category,
      language: c.language,
      confidence: c.confidence,
      needsTriage: c.needsTriage,
      explanation: c.explanation,
      kb: c.kb,
      vendor: c.vendor,
      priority: c.priority,
    }),
  ];
  // Self-help answers wait for the customer's verdict; everything else is worked by the team.
  const status = c.level === 0 && c.kb.length > 0 && !message.autoSubmitted ? 'waiting_customer' : 'open';
  return chain({ ticket: classified, events }, (t) => changeStatus(t, status, c.level === 0 ? 'self-help answer sent' : 'triaged', now));
}

/** A message on an existing ticket: record it and move the ticket the way the sender's words say. */
export function applyReply(ticket: Ticket, message: TicketMessage, now: Date): TicketChange {
  const withMessage = appendMessage(ticket, message, now);
  if (withMessage === ticket) return { ticket, events: [] };
  let change: TicketChange = {
    ticket: withMessage,
    events: [newEvent('message.received', { messageId: message.messageId, from: message.from, role: message.role ?? 'unknown', autoSubmitted: Boolean(message.autoSubmitted), bounce: Boolean(message.bounce), newTicket: false })],
  };
  if (message.bounce) return chain(change, (t) => addFlag(t, 'bounced', `delivery failed: ${message.text?.slice(0, 200) ?? ''}`, now));
  if (message.autoSubmitted || message.role !== 'customer') return change;
  if (ticket.status === 'resolved') return chain(change, (t) => reopenTicket(t, 'the customer replied after resolution', now));
  if (ticket.status !== 'waiting_customer') return change;
  if (ticket.level === 0) {
    const verdict = detectSelfHelpReply(message.text ?? '');
    if (verdict === 'solved') return chain(change, (t) => resolveTicket(t, 'The customer confirmed the self-help articles solved it.', 'system', now));
    const reason = verdict === 'not-helped' ? 'The self-help articles did not help the customer.' : 'The customer answered the self-help email with a question.';
    return chain(change, (t) => changeLevel(t, 1, reason, 'system', now));
  }
  change = chain(change, (t) => changeStatus(t, 'open', 'the customer replied', now));
  return change;
}

export function createTriageProcessor(rt: Runtime) {
  const classify = createClassifier({ rules: rt.config.rules, vendors: rt.config.vendors, kb: rt.config.kb });
  return async (job: Job<TriageJob>, log: Logger): Promise<{ ticketId: string | null; created: boolean }> => {
    const m = await rt.inbound.getParsed<StoredInbound>(job.data.messageId);
    if (!m) {
      log.error({ messageId: job.data.messageId }, 'parsed message missing');
      return { ticketId: null, created: false };
    }
    const now = rt.now();
    let target = job.data.ticketId ? await rt.store.get(job.data.ticketId) : null;
    // Closed tickets stay as archived; a new message about one opens a new ticket.
    if (target?.status === 'closed') target = null;
    if (target) {
      const { events } = await rt.store.update(target.id, (t) => applyReply(t, toTicketMessage(m, senderRole(m.from?.email ?? null, t, rt.config, [...(m.inReplyTo ? [m.inReplyTo] : []), ...m.references])), now), now);
      log.info({ ticketId: target.id, messageId: m.messageId, events: events.map((e) => e.type) }, 'message added to ticket');
      return { ticketId: target.id, created: false };
    }
    if (m.bounce) {
      log.warn({ messageId: m.messageId, original: m.bounce.originalMessageId }, 'bounce for a message we do not know; bounces never open tickets');
      return { ticketId: null, created: false };
    }
    const c = classify({ subject: m.subject, body: m.text, from: m.from?.email ?? '', headers: m.headers });
    const classification: Classification = { ...c, priority: strongest(c.priority, m.priorityHint) };
    const message = toTicketMessage(m, 'customer');
    const { ticket, created } = await rt.store.create(
      m.messageId,
      (id) =>
        chain(
          createTicket(
            {
              id,
              subject: m.subject || '(no subject)',
              customer: { email: m.from?.email ?? '', name: m.from?.name ?? '', timezone: null, dateTimezone: timezoneFromOffset(m.dateOffsetMinutes) },
              level: classification.level,
              priority: classification.priority,
              category: classification.category,
              language: classification.language,
              message,
            },
            now,
          ),
          (t) => {
            const classified = classifyTicket(t, classification, message, now);
            return m.from ? classified : chain(classified, (x) => addFlag(x, 'no-sender', 'the message has no usable From address; nobody can be answered', now));
          },
        ),
      now,
    );
    log.info({ ticketId: ticket.id, created, level: ticket.level, category: ticket.category, confidence: classification.confidence }, created ? 'ticket created' : 'ticket already existed');
    return { ticketId: ticket.id, created };
  };
}
