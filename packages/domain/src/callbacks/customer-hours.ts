import { Info } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE, ZoneTime } from '../calendar/zone-time.js';

/** A half-open span [start, end) in epoch milliseconds. */
export type Span = readonly [number, number];

/** Day numbers and wall-clock instants in one zone: an IANA zone or a fixed offset. */
interface ZoneClock {
  dayOf(ts: number): number;
  instantsOfDay(day: number, minutes: readonly number[]): number[];
}

function fixedClock(offsetMs: number): ZoneClock {
  return {
    dayOf: (ts) => Math.floor((ts + offsetMs) / MS_PER_DAY),
    instantsOfDay: (day, minutes) => minutes.map((m) => day * MS_PER_DAY + m * MS_PER_MINUTE - offsetMs),
  };
}

/**
 * An IANA zone's clock with its offsets memoised per quarter hour (every modern transition falls
 * on one): finding a slot asks for the day of many instants, and each uncached offset is an Intl call.
 */
function ianaClock(zone: ZoneTime): ZoneClock {
  const offsets = new Map<number, number>();
  return {
    dayOf(ts) {
      const bucket = Math.floor(ts / QUARTER_HOUR);
      let o = offsets.get(bucket);
      if (o === undefined) {
        if (offsets.size > 200_000) offsets.clear();
        o = zone.offsetMs(bucket * QUARTER_HOUR);
        offsets.set(bucket, o);
      }
      return Math.floor((ts + o) / MS_PER_DAY);
    },
    instantsOfDay: (day, minutes) => zone.instantsOfDay(day, minutes),
  };
}

const QUARTER_HOUR = 15 * MS_PER_MINUTE;
// Zone clocks keep their offset caches warm between searches; a few hundred zones at most exist.
const clocks = new Map<string, ZoneClock>();

/** The wall clock of `zone` ("Europe/Paris", "UTC+2", "UTC-5:30"); IANA zones use the calendar's ZoneTime. */
export function zoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    const z = Info.normalizeZone(zone);
    clock = z && z.isValid && z.type === 'fixed' ? fixedClock(z.offset(0) * MS_PER_MINUTE) : ianaClock(new ZoneTime(z?.name ?? zone));
    if (clocks.size > 1000) clocks.clear();
    clocks.set(zone, clock);
  }
  return clock;
}

function minutesOf(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The customer's reasonable hours (`callbacks.customerHours`, wall clock in their zone) that
 * intersect [from, to). A wall time in a spring-forward gap moves forward by the gap, as in the
 * business calendar, and "24:00" is the next local midnight.
 */
export function customerHourSpans(zone: string, hours: readonly [string, string], from: number, to: number): Span[] {
  if (to <= from) return [];
  const clock = zoneClock(zone);
  const minutes = [minutesOf(hours[0]), minutesOf(hours[1])];
  const out: Span[] = [];
  // A day's hours end by its next midnight, so the day of `from` is the first that can matter.
  for (let day = clock.dayOf(from), last = clock.dayOf(to); day <= last; day++) {
    const [s, e] = clock.instantsOfDay(day, minutes) as [number, number];
    const cs = Math.max(s, from);
    const ce = Math.min(e, to);
    if (ce > cs) out.push([cs, ce]);
  }
  return out;
}

/** The parts of time open in both sorted lists of disjoint spans. */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Span;
    const y = b[j] as Span;
    const s = Math.max(x[0], y[0]);
    const e = Math.min(x[1], y[1]);
    if (e > s) out.push([s, e]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

/** Whether [start, end) lies wholly inside the customer's reasonable hours in `zone`. */
export function withinCustomerHours(zone: string, hours: readonly [string, string], start: number, end: number): boolean {
  // Spans are clipped to [start, end) and disjoint; adjacent days' hours ("00:00"–"24:00") add up.
  return end > start && customerHourSpans(zone, hours, start, end).reduce((sum, [s, e]) => sum + (e - s), 0) === end - start;
}
