import type { BusinessCalendarConfig } from '../config-types.js';
import { InvalidInputError } from '../errors.js';
import { BusinessDays } from './business-days.js';
import { compileBusinessHours } from './business-hours.js';
import type { Calendar, OpenInterval } from './calendar.js';
import { checkAmount } from './continuous-calendar.js';
import { ZoneTime } from './zone-time.js';

/** How far a search for open time goes before the calendar is deemed to have none. */
export const MAX_CLOSED_DAYS = 731;

/**
 * Business hours in a time zone, minus holidays (CONTRACT §7). Works day by day on each day's
 * absolute open intervals, so a deadline weeks away costs a few dozen steps, never minute ones.
 * Scans start a day early because an instant's local day is only known up to its offset.
 */
export class BusinessCalendar implements Calendar {
  readonly kind = 'business' as const;
  readonly timezone: string;
  private readonly days: BusinessDays;

  /** Throws InvalidInputError naming every invalid path of `cfg`. */
  constructor(cfg: BusinessCalendarConfig) {
    const hours = compileBusinessHours(cfg);
    this.timezone = cfg.timezone;
    this.days = new BusinessDays(hours, new ZoneTime(cfg.timezone));
  }

  isOpen(at: Date): boolean {
    const t = at.getTime();
    const day = this.days.dayOf(t);
    for (let d = day - 1; d <= day + 1; d++) {
      for (const [s, e] of this.days.intervals(d)) if (s <= t && t < e) return true;
    }
    return false;
  }

  nextOpening(at: Date): Date {
    const t = at.getTime();
    const first = this.days.dayOf(t) - 1;
    for (let d = first; d <= first + MAX_CLOSED_DAYS && this.days.hasOpenWeekday; d++) {
      for (const [s, e] of this.days.intervals(d)) if (e > t) return new Date(Math.max(s, t));
    }
    throw this.noOpenTime(t);
  }

  openIntervals(from: Date, to: Date): OpenInterval[] {
    const [a, b] = [from.getTime(), to.getTime()];
    const out: Array<[number, number]> = [];
    if (b <= a) return [];
    for (let d = this.days.dayOf(a) - 1, last = this.days.dayOf(b) + 1; d <= last; d++) {
      for (const [s, e] of this.days.intervals(d)) {
        const [cs, ce] = [Math.max(s, a), Math.min(e, b)];
        if (ce <= cs) continue;
        const prev = out[out.length - 1];
        if (prev && prev[1] === cs) prev[1] = ce;
        else out.push([cs, ce]);
      }
    }
    return out.map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
  }

  businessTimeBetween(a: Date, b: Date): number {
    const [from, to] = [a.getTime(), b.getTime()];
    if (to <= from) return 0;
    let total = 0;
    for (let d = this.days.dayOf(from) - 1, last = this.days.dayOf(to) + 1; d <= last; d++) {
      for (const [s, e] of this.days.intervals(d)) {
        const overlap = Math.min(e, to) - Math.max(s, from);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  addBusinessTime(from: Date, ms: number): Date {
    let remaining = checkAmount(ms);
    const t = from.getTime();
    if (remaining === 0) return new Date(t);
    let closedDays = 0;
    for (let d = this.days.dayOf(t) - 1; closedDays <= MAX_CLOSED_DAYS && this.days.hasOpenWeekday; d++) {
      const intervals = this.days.intervals(d);
      closedDays = intervals.length === 0 ? closedDays + 1 : 0;
      for (const [s, e] of intervals) {
        if (e <= t) continue;
        const start = Math.max(s, t);
        // `<=`: using up the amount exactly at a closing time ends there, not at the next opening.
        if (remaining <= e - start) return new Date(start + remaining);
        remaining -= e - start;
      }
    }
    throw this.noOpenTime(t);
  }

  subtractBusinessTime(to: Date, ms: number): Date {
    let remaining = checkAmount(ms);
    const t = to.getTime();
    if (remaining === 0) return new Date(t);
    let closedDays = 0;
    // Set once the amount is used up exactly at an opening: the earliest instant is then the
    // previous closing, mirroring addBusinessTime.
    let exhaustedAt: number | null = null;
    for (let d = this.days.dayOf(t) + 1; closedDays <= MAX_CLOSED_DAYS && this.days.hasOpenWeekday; d--) {
      const intervals = this.days.intervals(d);
      closedDays = intervals.length === 0 ? closedDays + 1 : 0;
      for (let i = intervals.length - 1; i >= 0; i--) {
        const [s, e] = intervals[i] as readonly [number, number];
        if (s >= t) continue;
        const end = Math.min(e, t);
        if (exhaustedAt !== null) return new Date(end);
        if (remaining < end - s) return new Date(end - remaining);
        remaining -= end - s;
        if (remaining === 0) exhaustedAt = s;
      }
    }
    if (exhaustedAt !== null) return new Date(exhaustedAt);
    throw this.noOpenTime(t);
  }

  private noOpenTime(t: number): InvalidInputError {
    return new InvalidInputError(
      `The business calendar (${this.timezone}) has no open time within ${MAX_CLOSED_DAYS} days of ${new Date(t).toISOString()}; check businessHours and holidays.`,
      { timezone: this.timezone },
    );
  }
}
