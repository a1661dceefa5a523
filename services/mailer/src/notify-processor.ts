import type { Job } from 'bullmq';
import type { TicketEventJob } from '@tierdesk/bus';
import { NOTIFIED_EVENT_TYPES, planNotifications, type CustomerReplyExcerpt, type KbArticleConfig, type PlannedEmail, type Ticket, type TicketEvent } from '@tierdesk/domain';
import type { TemplateContext } from '@tierdesk/mail';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { queueTicketEmails } from './queue-email.js';

function kbTitle(a: KbArticleConfig, lang: string): string {
  if (typeof a.title === 'string') return a.title;
  return a.title[lang as 'en'] ?? a.title.en ?? Object.values(a.title)[0] ?? a.id;
}

/** Fills in what the template of a planned email needs from the event and the ticket. */
function contextFor(rt: Runtime, p: PlannedEmail, event: TicketEvent, ticket: Ticket): Partial<TemplateContext> {
  const ctx: Partial<TemplateContext> = { reason: p.reason };
  if (p.kind === 'kb-answer') {
    const ids = (p.extra?.kb as string[] | undefined) ?? [];
    ctx.articles = ids
      .map((id) => rt.config.kb.find((a) => a.id === id))
      .filter((a): a is KbArticleConfig => Boolean(a))
      .map((a) => ({ title: kbTitle(a, p.language), url: a.url }));
  }
  if (p.kind === 'agent-reply') {
    const m = ticket.messages.find((x) => x.messageId === p.extra?.messageId);
    ctx.body = m?.text ?? '';
  }
  // A customer's follow-up: the excerpt the domain took from their reply (customer-follow-up.ts).
  if (p.extra?.customerReply) ctx.customerReply = p.extra.customerReply as CustomerReplyExcerpt;
  if (p.kind === 'resolved') ctx.resolution = ticket.resolution ?? p.reason;
  if (event.type === 'sla.warning' || event.type === 'sla.breached') {
    ctx.sla = { target: event.data.target, due: event.data.due, policy: ticket.sla.policy, timezone: rt.config.timezone };
  }
  return ctx;
}

/** Turns ticket events into the emails CONTRACT §3 says people get. */
export function createNotifyProcessor(rt: Runtime) {
  return async (job: Job<TicketEventJob>, log: Logger): Promise<{ queued: number }> => {
    const { event } = job.data;
    // The relay routes only these here; jobs queued before that routing may still carry others.
    if (!NOTIFIED_EVENT_TYPES.includes(event.type)) return { queued: 0 };
    const ticket = await rt.store.getWithEvents(event.ticketId);
    if (!ticket) return { queued: 0 };
    const emails = planNotifications(event, ticket, rt.config);
    await queueTicketEmails(
      rt,
      ticket,
      emails.map((p) => ({
        kind: p.kind,
        to: p.to,
        language: p.language,
        key: `${event.id}:${p.key}`,
        inReplyTo: p.inReplyTo,
        context: contextFor(rt, p, event, ticket),
        automatic: p.kind !== 'agent-reply',
        // An agent's reply goes out under the Message-ID the API recorded with its text.
        ...(p.kind === 'agent-reply' && typeof p.extra?.messageId === 'string' ? { messageId: p.extra.messageId } : {}),
      })),
      { asStored: true },
    );
    if (emails.length) log.info({ eventType: event.type, emails: emails.map((e) => `${e.kind}→${e.to.address}`) }, 'notifications queued');
    return { queued: emails.length };
  };
}
