import type { Job } from 'bullmq';
import type { TicketEventJob } from '@tierdesk/bus';
import type { Logger } from '@tierdesk/logger';
import { cancelForTicket } from './cancel-callback-action.js';
import type { CallbackDeps } from './callback-deps.js';
import { sendCancelledToAgent, sendScheduledEmails, sendUnreachableNotice } from './callback-emails.js';
import { armReminder, cancelReminders } from './reminders.js';
import { rescheduleOnReply } from './reschedule-on-reply.js';
import { scheduleOnLevel2 } from './schedule-on-level2.js';

/**
 * Reacts to the ticket events routed to the `callbacks` queue: books on reaching level 2,
 * cancels on leaving it or finishing, moves the call when the customer asks, and turns each
 * booking into its emails and reminder. Every branch re-reads the ticket and is idempotent, so a
 * redelivered event does nothing twice.
 */
export function createCallbackEventProcessor(deps: CallbackDeps) {
  const { rt } = deps;
  return async (job: Job<TicketEventJob>, log: Logger): Promise<Record<string, unknown>> => {
    const { event } = job.data;
    if (event.v !== 1) return { ignored: `unknown version ${String(event.v)}` };
    const id = event.ticketId;
    switch (event.type) {
      case 'ticket.classified':
        return event.data.level === 2 ? { schedule: await scheduleOnLevel2(deps, id, event.id, log) } : {};
      case 'ticket.escalated':
      case 'ticket.deescalated':
        if (event.data.to === 2) return { schedule: await scheduleOnLevel2(deps, id, event.id, log) };
        if (event.data.from === 2) return { cancel: await cancelForTicket(deps, id, `moved to level ${event.data.to}: ${event.data.reason}`) };
        return {};
      case 'ticket.resolved':
        return { cancel: await cancelForTicket(deps, id, `resolved: ${event.data.resolution}`) };
      case 'ticket.closed':
        return { cancel: await cancelForTicket(deps, id, `closed: ${event.data.reason}`) };
      case 'message.received': {
        const d = event.data;
        if (d.role !== 'customer' || d.autoSubmitted || d.bounce || d.newTicket) return {};
        return { reschedule: await rescheduleOnReply(deps, id, event.id, d.messageId, log) };
      }
      case 'callback.scheduled': {
        const ticket = await rt.store.getWithEvents(id);
        if (!ticket) return {};
        const sent = await sendScheduledEmails(rt, ticket, event);
        if (sent.length === 0) return { superseded: true };
        const cb = ticket.callback!;
        const delay = await armReminder(rt, id, cb);
        await cancelReminders(rt, ticket, cb);
        log.info({ emails: sent, reminderInMs: delay }, 'callback announced');
        return { sent, reminderInMs: delay };
      }
      case 'callback.cancelled': {
        const ticket = await rt.store.getWithEvents(id);
        return ticket ? { agentTold: await sendCancelledToAgent(rt, ticket, event) } : {};
      }
      case 'callback.outcome': {
        const ticket = await rt.store.getWithEvents(id);
        if (!ticket) return {};
        await cancelReminders(rt, ticket, ticket.callback?.status === 'scheduled' ? ticket.callback : null);
        const gaveUp = event.data.outcome === 'no-answer' && ticket.callback?.status === 'failed' && ticket.callback.attempts === event.data.attempt;
        return gaveUp ? { customerTold: await sendUnreachableNotice(rt, ticket, event) } : {};
      }
      default:
        return {};
    }
  };
}
