import { nextSlaTimer, type Level, type Priority, type SlaTarget, type TicketStatus } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { slaTimerKeys } from './keys.js';

/** One line of `tierdesk sla list`: an open ticket and its next deadline. */
export interface SlaDueEntry {
  id: string;
  subject: string;
  level: Level;
  priority: Priority;
  status: TicketStatus;
  policy: string | null;
  target: SlaTarget;
  due: string;
  overdue: boolean;
  /** The moment its timer fires next: the warning before the deadline, or the breach. */
  next: { kind: 'warning' | 'breach'; at: string };
}

/**
 * Tickets whose next SLA deadline falls within `withinMs` from now (overdue ones included),
 * soonest first. Reads the armed-timer index: a timer's moment is never after its deadline, so
 * the index finds every candidate; each is then checked against the ticket itself.
 */
export async function listSlaDue(rt: Runtime, withinMs: number, limit = 1000): Promise<SlaDueEntry[]> {
  const now = rt.now();
  const until = now.getTime() + withinMs;
  const ids = await rt.redis.zrangebyscore(slaTimerKeys(rt.env.prefix).armed, '-inf', until, 'LIMIT', 0, limit);
  if (ids.length === 0) return [];
  const tickets = await Promise.all(ids.map((id) => rt.store.get(id)));
  const out: SlaDueEntry[] = [];
  for (const t of tickets) {
    if (!t) continue;
    const next = nextSlaTimer(t, rt.config, now);
    if (!next || next.due.getTime() > until) continue;
    out.push({
      id: t.id,
      subject: t.subject,
      level: t.level,
      priority: t.priority,
      status: t.status,
      policy: t.sla.policy,
      target: next.target,
      due: next.due.toISOString(),
      overdue: next.due.getTime() <= now.getTime(),
      next: { kind: next.kind, at: next.at.toISOString() },
    });
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}
