import type { Job } from 'bullmq';
import type { TimerJob } from '@tierdesk/bus';
import { hasPendingCallback } from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import type { CallbackDeps } from './callback-deps.js';
import { sendReminder } from './callback-emails.js';
import { reminderToken } from './reminders.js';

/**
 * A `callback-reminder` timer fired. It acts only if the ticket still waits for exactly the
 * call it was armed for; a moved, cancelled or finished callback makes it a no-op.
 */
export function createCallbackTimerProcessor(deps: CallbackDeps) {
  const { rt } = deps;
  return async (job: Job<TimerJob>, log: Logger): Promise<{ sent: boolean; stale?: boolean }> => {
    const { ticketId, kind, token } = job.data;
    if (kind !== 'callback-reminder') return { sent: false, stale: true };
    const ticket = await rt.store.get(ticketId);
    if (!ticket || !hasPendingCallback(ticket) || reminderToken(ticket.callback.slotStart, ticket.callback.agent) !== token) {
      log.info({ token }, 'callback reminder is stale; nothing to do');
      return { sent: false, stale: true };
    }
    await sendReminder(rt, ticket, ticket.callback);
    log.info({ agent: ticket.callback.agent, slotStart: ticket.callback.slotStart }, 'callback reminder queued');
    return { sent: true };
  };
}
