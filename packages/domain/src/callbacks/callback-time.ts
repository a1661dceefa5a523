import { Duration } from 'luxon';
import { InvalidInputError } from '../errors.js';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** An ISO-8601 duration of the `callbacks` config in milliseconds (a day is 24 h here). */
export function callbackDurationMs(iso: string, what: string): number {
  const d = typeof iso === 'string' ? Duration.fromISO(iso) : null;
  const ms = d?.isValid ? Math.round(d.toMillis()) : NaN;
  if (!(ms > 0)) throw new InvalidInputError(`callbacks.${what} must be an ISO-8601 duration longer than zero, got ${JSON.stringify(iso)}.`, { field: `callbacks.${what}` });
  return ms;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The grid slots start on: the largest step that divides both the slot length and an hour, so
 * 30-minute slots start at :00 and :30, 45-minute ones on quarter hours, 20-minute ones at :00,
 * :20 and :40. Epoch-aligned, which is wall-clock-aligned in every whole- or half-hour zone.
 */
export function slotStep(slotMs: number): number {
  const seconds = Math.max(1, Math.round(slotMs / 1000));
  return gcd(seconds, 3600) * 1000;
}

/** The first instant on the grid at or after `t`. */
export function alignUp(t: number, step: number): number {
  return Math.ceil(t / step) * step;
}
