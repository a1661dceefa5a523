import type { TimerJob } from '@tierdesk/bus';

/**
 * A ticket has one SLA timer, so a moment identifies it: the job id is derived from the ticket id
 * and the instant (`TD-7@1764064800000`; no ':' and never a bare number, as BullMQ requires).
 * Arming the same moment again is a no-op; a moved deadline gets a new id. What the moment is for
 * (which clock, target and kind) is read from the ticket when it fires, never trusted from the job.
 */
export function slaTimerJobId(ticketId: string, at: number): string {
  return `${ticketId}@${at}`;
}

/** The queue payload (TimerJob), kept small: every byte is paid once per open ticket. */
export function toTimerJob(ticketId: string, at: number): TimerJob {
  return { ticketId, kind: 'sla', token: String(at) };
}

/** The moment a timer payload was armed for; null when it is not one this service wrote. */
export function timerMoment(job: TimerJob): number | null {
  if (job.kind !== 'sla' || typeof job.ticketId !== 'string' || !job.ticketId || !/^\d{1,15}$/.test(job.token ?? '')) return null;
  return Number(job.token);
}
