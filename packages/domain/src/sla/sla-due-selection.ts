import type { SlaStandingState } from './sla-standing.js';

/** What the selection needs of a ticket: its id and SLA standing (SlaStanding). */
export interface SlaDueCandidate {
  id: string;
  state: SlaStandingState;
  remainingMs: number;
}

export interface SlaDueSelection<T> {
  /** The selected tickets, in order, at most `limit`. */
  items: T[];
  /** How many qualified before the limit was applied. */
  total: number;
}

const RANK: Record<SlaStandingState, number> = { overdue: 0, due: 1, paused: 2 };

/**
 * Whether a ticket belongs on the due list for a window of `withinMs`: overdue ones always;
 * running ones when their deadline is within the window; paused ones when the clock time they
 * have left (or had left: negative once the deadline passed before the pause) is within it.
 */
export function isSlaDueWithin(c: Pick<SlaDueCandidate, 'state' | 'remainingMs'>, withinMs: number): boolean {
  return c.state === 'overdue' || c.remainingMs <= withinMs;
}

/**
 * Orders the due list: overdue first (longest overdue first), then running deadlines soonest
 * first, then paused tickets by the time they have left; ties by ticket id.
 */
export function compareSlaDue(a: SlaDueCandidate, b: SlaDueCandidate): number {
  return RANK[a.state] - RANK[b.state] || a.remainingMs - b.remainingMs || a.id.localeCompare(b.id, 'en', { numeric: true });
}

/**
 * The tickets of `candidates` on the due list for the window, in order; the limit applies after
 * filtering and sorting, so a short list never hides a due ticket behind others that are not.
 */
export function selectSlaDue<T extends SlaDueCandidate>(candidates: readonly T[], withinMs: number, limit: number = Number.POSITIVE_INFINITY): SlaDueSelection<T> {
  const due = candidates.filter((c) => isSlaDueWithin(c, withinMs)).sort(compareSlaDue);
  return { items: due.slice(0, Math.max(0, limit)), total: due.length };
}
