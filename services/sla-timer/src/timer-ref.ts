import type { TimerJob } from '@tierdesk/bus';

/**
 * A ticket has one SLA timer, so a moment identifies it: the job id is derived from the ticket id
 * and the instant in base 36 (`TD-7@mifnyhc0`; no ':' and never a bare number, as BullMQ
 * requires; short, because the id is stored three times per job and keeps its hash compact).
 * Arming the same moment again is a no-op; a moved deadline gets a new id. What the moment is for
 * (which clock, target and kind) is read from the ticket when it fires, never trusted from the job.
 */
export function slaTimerJobId(ticketId: string, at: number): string {
  return `${ticketId}@${at.toString(36)}`;
}

/** The queue payload (TimerJob), kept small: every byte is paid once per open ticket. */
export function toTimerJob(ticketId: string, at: number): TimerJob {
  return { ticketId, kind: 'sla', token: at.toString(36) };
}

/** The moment a timer payload was armed for; null when it is not one this service wrote. */
export function timerMoment(job: TimerJob): number | null {
  if (job.kind !== 'sla' || typeof job.ticketId !== 'string' || !job.ticketId || !/^[0-9a-z]{1,11}$/.test(job.token ?? '')) return null;
  return Number.parseInt(job.token, 36);
}
