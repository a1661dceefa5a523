import { Duration } from 'luxon';
import type { CalendarKind } from '../config-types.js';
import { InvalidInputError } from '../errors.js';

const CLOCK_UNITS = new Set(['hours', 'minutes', 'seconds', 'milliseconds']);
const FIXED_UNITS = new Set([...CLOCK_UNITS, 'days', 'weeks']);
/** Ten years: no SLA is longer, and a deadline must stay a representable date. */
export const MAX_SLA_DURATION_MS = 87_600 * 3_600_000;

/**
 * An SLA duration (ISO-8601) in milliseconds. Business calendars take hours, minutes and seconds
 * only (CONTRACT §7): a business "day" has no fixed length, so `P2D` would be ambiguous. On 24x7
 * a day is 24 h and a week 7 days; months and years have no fixed length anywhere.
 */
export function parseSlaDuration(iso: string, kind: CalendarKind): number {
  const fail = (why: string): never => {
    throw new InvalidInputError(`Invalid SLA duration ${JSON.stringify(iso)}: ${why}.`, { duration: iso, calendar: kind });
  };
  if (typeof iso !== 'string') return fail('expected an ISO-8601 duration string such as "PT4H"');
  const d = Duration.fromISO(iso);
  if (!d.isValid) return fail('not an ISO-8601 duration (e.g. "PT4H", "PT30M")');
  const parts = Object.entries(d.toObject()) as Array<[string, number]>;
  const allowed = kind === 'business' ? CLOCK_UNITS : FIXED_UNITS;
  for (const [unit, value] of parts) {
    if (!allowed.has(unit)) {
      return fail(
        kind === 'business'
          ? `a business calendar takes hours, minutes and seconds only (e.g. "PT16H", not "P2D"); found ${unit}`
          : `${unit} have no fixed length; use weeks, days, hours, minutes or seconds`,
      );
    }
    if (value < 0) return fail('components must not be negative');
  }
  const ms = Math.round(d.toMillis());
  if (!(ms > 0)) return fail('must be longer than zero');
  if (ms > MAX_SLA_DURATION_MS) return fail('must be at most ten years (PT87600H)');
  return ms;
}
