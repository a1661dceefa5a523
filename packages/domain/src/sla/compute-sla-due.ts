import { calendarFor } from '../calendar/calendar-for.js';
import { computeDeadline } from '../calendar/compute-deadline.js';
import type { TierdeskConfig } from '../config-types.js';
import type { Level } from '../levels.js';
import type { Priority } from '../priority.js';
import { matchPolicy } from './sla-policy.js';

/** The deadlines of a fresh SLA clock, as `tierdesk sla due` prints them (CONTRACT §7). */
export interface SlaDue {
  policy: string | null;
  firstResponseDue: string | null;
  resolutionDue: string | null;
}

/** Deadlines for a ticket of `level` and `priority` opened at `opened`; nulls without a policy or target. */
export function computeSlaDue(config: TierdeskConfig, level: Level, priority: Priority, opened: Date): SlaDue {
  const policy = matchPolicy(config.sla.policies, level, priority);
  if (!policy) return { policy: null, firstResponseDue: null, resolutionDue: null };
  const calendar = calendarFor(policy.calendar, config);
  const due = (duration: string | null): string | null => (duration === null ? null : computeDeadline(opened, duration, calendar).toISOString());
  return { policy: policy.name, firstResponseDue: due(policy.firstResponse), resolutionDue: due(policy.resolution) };
}
