import type { Job } from 'bullmq';
import type { TicketEventJob, TimerJob } from '@tierdesk/bus';
import { chain, closeTicket, parseSlaDuration, resolveTicket, type Ticket, type TicketChange } from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';

const CLOSE = 'selfhelp-close';

/**
 * A self-help answer nobody replied to: the customer found what they needed, or gave up. Either
 * way the ticket is closed after `selfHelp.closeAfter`, with a last note to the customer — but only
 * if it is still the same wait (still level 0, still waiting, nothing new from the customer).
 */
export function closeUnansweredSelfHelp(ticket: Ticket, armedAt: string, now: Date): TicketChange | null {
  if (ticket.level !== 0 || ticket.status !== 'waiting_customer') return null;
  const answeredSince = ticket.messages.some((m) => m.direction === 'in' && m.role === 'customer' && m.at > armedAt && m !== ticket.messages[0]);
  if (answeredSince) return null;
  const note = 'No reply after the self-help answer; closing this ticket. Reply at any time to open a new one.';
  return chain(resolveTicket(ticket, note, 'system', now), (t) => closeTicket(t, 'self-help answer unanswered', now));
}

/** Arms the close timer when a ticket starts waiting on a self-help answer. */
export function createSelfHelpProcessor(rt: Runtime) {
  const delay = parseSlaDuration(rt.config.selfHelp.closeAfter, '24x7');
  return async (job: Job<TicketEventJob>, log: Logger): Promise<{ armed: boolean }> => {
    const { event } = job.data;
    if (event.type !== 'ticket.classified' || event.data.level !== 0) return { armed: false };
    const ticket = await rt.store.get(event.ticketId);
    if (!ticket || ticket.status !== 'waiting_customer') return { armed: false };
    await rt.bus.publish('selfhelp-timers', { ticketId: ticket.id, kind: CLOSE, token: event.at }, { jobId: `${ticket.id}-${CLOSE}`, delay });
    log.info({ closeInMs: delay }, 'self-help close timer armed');
    return { armed: true };
  };
}

export function createSelfHelpTimerProcessor(rt: Runtime) {
  return async (job: Job<TimerJob>, log: Logger): Promise<{ closed: boolean }> => {
    if (job.data.kind !== CLOSE) return { closed: false };
    const now = rt.now();
    const { events } = await rt.store.update(job.data.ticketId, (t) => closeUnansweredSelfHelp(t, job.data.token, now), now);
    if (events.length) log.info('unanswered self-help ticket closed');
    return { closed: events.length > 0 };
  };
}
