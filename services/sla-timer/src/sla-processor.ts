import type { Job } from 'bullmq';
import type { TicketEventJob } from '@tierdesk/bus';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { armSlaTimer } from './arm-timer.js';
import { reconcileSla } from './reconcile-sla.js';
import { SLA_EVENT_TYPES } from './sla-projection.js';

export interface SlaEventResult {
  ticketId: string;
  skipped?: boolean;
  policy?: string | null;
  armed?: string | null;
  state?: string;
}

/**
 * The `sla` queue: on every event that can move a clock, keeps the ticket's SLA state right and
 * its one timer armed for the next moment (or disarmed once resolved, paused or without policy).
 */
export function createSlaProcessor(rt: Runtime) {
  return async (job: Job<TicketEventJob>, log: Logger): Promise<SlaEventResult> => {
    const { event } = job.data;
    if (!SLA_EVENT_TYPES.has(event.type)) return { ticketId: event.ticketId, skipped: true };
    const ticket = await reconcileSla(rt, event.ticketId);
    if (!ticket) {
      log.warn({ eventType: event.type }, 'ticket of an SLA event is missing');
      return { ticketId: event.ticketId, skipped: true };
    }
    const armed = await armSlaTimer(rt, ticket);
    if (armed.state !== 'unchanged') {
      log.info(
        { eventType: event.type, policy: ticket.sla.policy, state: armed.state, at: armed.at === null ? null : new Date(armed.at).toISOString() },
        'sla timer updated',
      );
    }
    return { ticketId: ticket.id, policy: ticket.sla.policy, armed: armed.jobId, state: armed.state };
  };
}
