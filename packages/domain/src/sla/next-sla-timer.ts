import { calendarFor } from '../calendar/calendar-for.js';
import { parseSlaDuration } from '../calendar/sla-duration.js';
import type { SlaPolicyConfig, TierdeskConfig } from '../config-types.js';
import { isFinished } from '../status.js';
import type { Ticket } from '../ticket.js';
import { isSlaRecorded } from './sla-records.js';
import { findPolicy, SLA_TARGETS, type SlaTarget } from './sla-policy.js';

/** The one deadline a ticket's timer is armed for. `at <= now` means fire now. */
export interface SlaTimer {
  target: SlaTarget;
  kind: 'warning' | 'breach';
  at: Date;
  due: Date;
}

/**
 * The ticket's next SLA moment to fire: the earliest warning or breach not yet recorded on the
 * current clock. First response counts only until it is given, resolution until the ticket is
 * resolved or closed, and nothing fires while the clock is paused. A warning whose moment has
 * passed still fires if its deadline has not; once the deadline has passed, only the breach does.
 */
export function nextSlaTimer(ticket: Ticket, config: TierdeskConfig, now: Date): SlaTimer | null {
  const sla = ticket.sla;
  if (sla.pausedSince || isFinished(ticket.status)) return null;
  const policy = findPolicy(config, sla.policy);
  const candidates: SlaTimer[] = [];
  for (const target of SLA_TARGETS) {
    if (target === 'firstResponse' && ticket.firstResponseAt !== null) continue;
    const dueIso = target === 'firstResponse' ? sla.firstResponseDue : sla.resolutionDue;
    if (dueIso === null || isSlaRecorded(sla, target, 'breach')) continue;
    const due = new Date(dueIso);
    if (due.getTime() > now.getTime() && !isSlaRecorded(sla, target, 'warning')) {
      const at = warningMoment(policy, target, due, config);
      if (at) candidates.push({ target, kind: 'warning', at, due });
    }
    candidates.push({ target, kind: 'breach', at: due, due });
  }
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b));
  return candidates[0] ?? null;
}

/** Ties go to warnings before breaches, then first response before resolution. */
function order(t: SlaTimer): number {
  return (t.kind === 'warning' ? 0 : 2) + (t.target === 'firstResponse' ? 0 : 1);
}

/**
 * `warnAtPercent` of the target's duration, counted back from the deadline as the share that
 * remains, so a pause (which moves the deadline) moves the warning with it.
 */
function warningMoment(policy: SlaPolicyConfig | null, target: SlaTarget, due: Date, config: TierdeskConfig): Date | null {
  const duration = policy?.[target];
  if (!policy || !duration || !(policy.warnAtPercent < 100)) return null;
  const ms = parseSlaDuration(duration, policy.calendar);
  const remaining = Math.round((ms * (100 - Math.max(0, policy.warnAtPercent))) / 100);
  return calendarFor(policy.calendar, config).subtractBusinessTime(due, remaining);
}
