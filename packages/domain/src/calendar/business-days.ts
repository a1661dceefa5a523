import type { CompiledBusinessHours } from './business-hours.js';
import type { ZoneTime } from './zone-time.js';

/** Open time of one local day as epoch-millisecond pairs [start, end), sorted, none empty. */
export type DayIntervals = ReadonlyArray<readonly [number, number]>;

const NO_INTERVALS: DayIntervals = [];
// Day shapes are cheap to recompute; the cap only keeps a long-lived process from growing.
const CACHE_LIMIT = 20_000;

/**
 * The open intervals of each local day, in absolute time. Computing a day's boundaries needs
 * zone offsets (Intl calls), and deadlines revisit the same weeks over and over, so days are
 * memoised per calendar.
 */
export class BusinessDays {
  private readonly cache = new Map<number, DayIntervals>();
  /** Whether any weekday has open time at all (else every search would run to its limit). */
  readonly hasOpenWeekday: boolean;

  constructor(
    private readonly hours: CompiledBusinessHours,
    private readonly zone: ZoneTime,
  ) {
    this.hasOpenWeekday = hours.week.some((d) => d.length > 0);
  }

  /** The local day number of an instant. */
  dayOf(ts: number): number {
    return this.zone.dayOf(ts);
  }

  /** Open intervals of local day `day` (days since 1970-01-01, a Thursday). */
  intervals(day: number): DayIntervals {
    const hit = this.cache.get(day);
    if (hit) return hit;
    const value = this.compute(day);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(day, value);
    return value;
  }

  private compute(day: number): DayIntervals {
    if (this.hours.holidays.has(day)) return NO_INTERVALS;
    const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
    const spans = this.hours.week[weekday] ?? [];
    if (spans.length === 0) return NO_INTERVALS;
    const instants = this.zone.instantsOfDay(day, spans.flat());
    const out: Array<readonly [number, number]> = [];
    for (let i = 0; i + 1 < instants.length; i += 2) {
      const start = instants[i] as number;
      const end = instants[i + 1] as number;
      // An interval lying wholly in a spring-forward gap has no real time in it.
      if (end > start) out.push([start, end]);
    }
    return out;
  }
}
