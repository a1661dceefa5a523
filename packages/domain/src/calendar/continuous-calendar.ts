import { InvalidInputError } from '../errors.js';
import type { Calendar, OpenInterval } from './calendar.js';

/** The 24x7 calendar: every millisecond counts (CONTRACT §7). */
export class ContinuousCalendar implements Calendar {
  readonly kind = '24x7' as const;

  isOpen(_at: Date): boolean {
    return true;
  }

  nextOpening(at: Date): Date {
    return new Date(at.getTime());
  }

  openIntervals(from: Date, to: Date): OpenInterval[] {
    return to.getTime() > from.getTime() ? [{ start: new Date(from.getTime()), end: new Date(to.getTime()) }] : [];
  }

  businessTimeBetween(a: Date, b: Date): number {
    return Math.max(0, b.getTime() - a.getTime());
  }

  addBusinessTime(from: Date, ms: number): Date {
    return new Date(from.getTime() + checkAmount(ms));
  }

  subtractBusinessTime(to: Date, ms: number): Date {
    return new Date(to.getTime() - checkAmount(ms));
  }
}

/** Business time only moves forward; a negative or non-finite amount is a caller's bug. */
export function checkAmount(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InvalidInputError(`An amount of business time must be a finite number of milliseconds >= 0, got ${String(ms)}.`, { ms });
  }
  return ms;
}
