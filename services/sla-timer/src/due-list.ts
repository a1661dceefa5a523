import {
  isFinished,
  isSlaDueWithin,
  selectSlaDue,
  slaStanding,
  TICKET_STATUSES,
  type Level,
  type Priority,
  type SlaStandingState,
  type SlaTarget,
  type Ticket,
  type TicketStatus,
} from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';

const BATCH = 500;

/** One line of `tierdesk sla list`: an open ticket and its most pressing SLA deadline. */
export interface SlaDueEntry {
  id: string;
  subject: string;
  level: Level;
  priority: Priority;
  status: TicketStatus;
  policy: string | null;
  /** The owed target whose deadline comes (or came) first. */
  target: SlaTarget;
  /** Its deadline; while paused, as it stood when the clock stopped (it moves on resume). */
  due: string;
  /** The deadline has passed: on a running clock, or already before the clock was paused. */
  overdue: boolean;
  /** overdue: a deadline passed on a running clock; due: the next is ahead; paused: the clock stands still. */
  state: SlaStandingState;
  /** Overdue only: milliseconds since the deadline passed (the breach), else null. */
  overdueMs: number | null;
  /** Clock time left until the deadline in ms, negative once passed (paused: what is left on resume). */
  remainingMs: number;
  /** When the clock was paused, else null. */
  pausedSince: string | null;
  /**
   * The moment its timer fires next: the warning before the deadline, or the breach. Null when
   * nothing is left to fire: every owed deadline already breached, or the clock paused.
   */
  next: { kind: 'warning' | 'breach'; at: string } | null;
}

export interface SlaDueList {
  tickets: SlaDueEntry[];
  /** How many tickets qualified before `limit` was applied. */
  total: number;
}

function entry(t: Ticket, rt: Runtime, now: Date): SlaDueEntry | null {
  const s = slaStanding(t, rt.config, now);
  if (!s) return null;
  return {
    id: t.id,
    subject: t.subject,
    level: t.level,
    priority: t.priority,
    status: t.status,
    policy: t.sla.policy,
    target: s.target,
    due: s.due.toISOString(),
    overdue: s.remainingMs <= 0,
    state: s.state,
    overdueMs: s.overdueMs,
    remainingMs: s.remainingMs,
    pausedSince: s.pausedSince?.toISOString() ?? null,
    next: s.next ? { kind: s.next.kind, at: s.next.at.toISOString() } : null,
  };
}

/**
 * Open tickets on the SLA due list for a window of `withinMs` from now: every overdue one
 * (whatever the window, including those whose every deadline is already breached and so have no
 * armed timer), running deadlines within the window, and paused tickets whose remaining clock time
 * is within it — in that order (selectSlaDue), at most `limit`, applied after filtering and
 * sorting. Reads every unfinished ticket through the status indexes, in batches: the armed-timer
 * index cannot find a ticket with nothing left to fire.
 */
export async function listSlaDueTickets(rt: Runtime, withinMs: number, limit = 1000): Promise<SlaDueList> {
  const now = rt.now();
  const seen = new Set<string>();
  const entries: SlaDueEntry[] = [];
  for (const status of TICKET_STATUSES.filter((s) => !isFinished(s))) {
    let cursor = '0';
    do {
      const [nextCursor, ids] = await rt.redis.sscan(rt.store.keys.byStatus(status), cursor, 'COUNT', String(BATCH));
      cursor = nextCursor;
      const fresh = ids.filter((id) => !seen.has(id));
      for (const id of fresh) seen.add(id);
      for (const t of await rt.store.getMany(fresh)) {
        const e = entry(t, rt, now);
        if (e && isSlaDueWithin(e, withinMs)) entries.push(e);
      }
    } while (cursor !== '0');
  }
  const { items, total } = selectSlaDue(entries, withinMs, limit);
  return { tickets: items, total };
}

/** The due list's tickets alone (listSlaDueTickets). */
export async function listSlaDue(rt: Runtime, withinMs: number, limit = 1000): Promise<SlaDueEntry[]> {
  return (await listSlaDueTickets(rt, withinMs, limit)).tickets;
}
