import type { TimerJob } from '@tierdesk/bus';
import type { SlaTarget, SlaTimer, Ticket } from '@tierdesk/domain';

/** One SLA moment of one clock of one ticket: what a timer job is armed for. */
export interface SlaTimerRef {
  ticketId: string;
  clock: number;
  target: SlaTarget;
  kind: 'warning' | 'breach';
  /** Epoch ms at which it fires. */
  at: number;
}

export function slaTimerRef(ticket: Ticket, timer: SlaTimer): SlaTimerRef {
  return { ticketId: ticket.id, clock: ticket.sla.clock ?? 0, target: timer.target, kind: timer.kind, at: timer.at.getTime() };
}

/**
 * Deterministic BullMQ job id (no ':', not a bare number): arming the same moment again is a
 * no-op, and a moved deadline gets a new id. E.g. `TD-7.2.rb.1764064800000`.
 */
export function slaTimerJobId(ref: SlaTimerRef): string {
  return `${ref.ticketId}.${ref.clock}.${ref.target === 'firstResponse' ? 'f' : 'r'}${ref.kind === 'warning' ? 'w' : 'b'}.${ref.at}`;
}

/** The queue payload (TimerJob): `kind` names the target and kind, `token` the clock and moment. */
export function toTimerJob(ref: SlaTimerRef): TimerJob {
  return { ticketId: ref.ticketId, kind: `${ref.target}.${ref.kind}`, token: `${ref.clock}@${ref.at}` };
}

/** Reads a timer payload back; null when it is not one this service wrote. */
export function fromTimerJob(job: TimerJob): SlaTimerRef | null {
  const kind = /^(firstResponse|resolution)\.(warning|breach)$/.exec(job.kind ?? '');
  const token = /^(\d+)@(\d+)$/.exec(job.token ?? '');
  if (!kind || !token || typeof job.ticketId !== 'string' || !job.ticketId) return null;
  return { ticketId: job.ticketId, clock: Number(token[1]), target: kind[1] as SlaTarget, kind: kind[2] as SlaTimerRef['kind'], at: Number(token[2]) };
}

export function sameSlaTimer(a: SlaTimerRef, b: SlaTimerRef): boolean {
  return a.ticketId === b.ticketId && a.clock === b.clock && a.target === b.target && a.kind === b.kind && a.at === b.at;
}
