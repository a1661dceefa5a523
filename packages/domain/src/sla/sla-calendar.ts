import { calendarFor } from '../calendar/calendar-for.js';
import type { Calendar } from '../calendar/calendar.js';
import type { TierdeskConfig } from '../config-types.js';
import { findPolicy } from './sla-policy.js';

/**
 * The calendar a ticket's SLA clock runs on: its policy's. A policy no longer in the config
 * falls back to 24x7, so its recorded deadlines still move by real time rather than not at all.
 */
export function slaCalendar(config: TierdeskConfig, policyName: string | null | undefined): Calendar {
  return calendarFor(findPolicy(config, policyName)?.calendar ?? '24x7', config);
}
