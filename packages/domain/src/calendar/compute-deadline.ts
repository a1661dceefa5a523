import type { Calendar } from './calendar.js';
import { parseSlaDuration } from './sla-duration.js';

/**
 * When `duration` (ISO-8601) of the calendar's time has elapsed since `opened` (CONTRACT §7):
 * opened while closed, counting starts at the next opening; a deadline landing exactly on a
 * closing time stays there.
 */
export function computeDeadline(opened: Date, duration: string, calendar: Calendar): Date {
  return calendar.addBusinessTime(opened, parseSlaDuration(duration, calendar.kind));
}
