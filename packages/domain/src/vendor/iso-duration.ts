import { Duration } from 'luxon';
import { InvalidInputError } from '../errors.js';

/**
 * An ISO-8601 duration of a waiting time (consent, vendor follow-ups) in milliseconds. These are
 * elapsed-time waits, so a day is 24 h; the config schema has already refused invalid values.
 */
export function isoDurationMs(iso: string): number {
  const d = Duration.fromISO(iso);
  const ms = d.isValid ? Math.round(d.toMillis()) : Number.NaN;
  if (!(ms > 0)) throw new InvalidInputError(`Invalid duration ${JSON.stringify(iso)}: expected an ISO-8601 duration such as "P2D".`, { duration: iso });
  return ms;
}

/** `now` plus an ISO duration, as an ISO instant. */
export function addIsoDuration(now: Date, iso: string): string {
  return new Date(now.getTime() + isoDurationMs(iso)).toISOString();
}
