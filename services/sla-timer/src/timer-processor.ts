import { DelayedError, type Job } from 'bullmq';
import type { TimerJob } from '@tierdesk/bus';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { armSlaTimer, forgetSlaTimer } from './arm-timer.js';
import { currentSlaTimer, fireSlaTimer } from './fire-sla-timer.js';
import { recordSlaLateness } from './lateness.js';
import { reconcileSla } from './reconcile-sla.js';
import { timerMoment } from './timer-ref.js';

/** An early timer (clocks of two hosts disagree) waits in-process up to this long, else goes back to the delayed set. */
const MAX_EARLY_WAIT_MS = 5000;

export interface SlaTimerResult {
  ticketId: string;
  outcome: 'fired' | 'duplicate' | 'stale' | 'missing';
  lateMs?: number;
  next?: string | null;
}

/**
 * The `sla-timers` queue: a timer re-checks the ticket and acts only if its moment is still the
 * ticket's next one. Then it records the warning or breach (the mailer's notify processor turns
 * the event into `sla-warning`/`sla-breach` emails), escalates on a breach where the policy says
 * so, and arms the next timer. The recorded firing on the ticket is the guard against a second
 * send: a late duplicate or a clock jump finds it and records nothing.
 */
export function createSlaTimerProcessor(rt: Runtime) {
  return async (job: Job<TimerJob>, log: Logger): Promise<SlaTimerResult> => {
    const at = timerMoment(job.data);
    if (at === null) {
      log.warn({ data: job.data }, 'not an SLA timer payload; dropped');
      return { ticketId: job.data.ticketId, outcome: 'stale' };
    }
    const early = at - rt.now().getTime();
    if (early > MAX_EARLY_WAIT_MS) {
      await job.moveToDelayed(at, job.token);
      throw new DelayedError();
    }
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    const now = new Date(Math.max(rt.now().getTime(), at));
    // Take in ticket events the sla processor has not applied yet (a pause, an escalation) first.
    const ticket = await reconcileSla(rt, job.data.ticketId);
    if (!ticket) {
      await forgetSlaTimer(rt, job.data.ticketId);
      return { ticketId: job.data.ticketId, outcome: 'missing' };
    }
    const timer = currentSlaTimer(ticket, at, rt.config, now);
    if (!timer) {
      // Paused, resolved, moved or already recorded: do nothing, but make sure the real next one is armed.
      const armed = await armSlaTimer(rt, ticket, { firingJobId: job.id });
      if (armed.state === 'firing') throw new Error(`SLA timer ${job.id} is due again; retrying`);
      log.debug({ next: armed.jobId }, 'stale sla timer ignored');
      return { ticketId: ticket.id, outcome: 'stale', next: armed.jobId };
    }
    const { ticket: after, events } = await rt.store.update(ticket.id, (t) => fireSlaTimer(t, at, rt.config, now), now);
    const recorded = events.some((e) => e.type === 'sla.warning' || e.type === 'sla.breached');
    const lateMs = now.getTime() - at;
    const [armed] = await Promise.all([armSlaTimer(rt, after, { firingJobId: job.id }), recorded ? recordSlaLateness(rt, timer.kind, lateMs) : null]);
    if (armed.state === 'firing') throw new Error(`SLA timer ${job.id} is due again; retrying`);
    if (recorded) {
      const escalated = events.find((e) => e.type === 'ticket.escalated');
      log.info(
        { target: timer.target, kind: timer.kind, due: timer.due.toISOString(), lateMs, escalatedTo: escalated?.type === 'ticket.escalated' ? escalated.data.to : null, next: armed.jobId },
        timer.kind === 'breach' ? 'sla breached' : 'sla warning',
      );
    }
    return { ticketId: ticket.id, outcome: recorded ? 'fired' : 'duplicate', lateMs, next: armed.jobId };
  };
}
