import { DateTime } from 'luxon';
import { MS_PER_DAY } from './callback-time.js';

/** A half-open span [start, end) in epoch milliseconds. */
export type Span = readonly [number, number];

function clock(value: string): { hour: number; minute: number } {
  const [h, m] = value.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

/**
 * The customer's reasonable hours (`callbacks.customerHours`, wall clock in their zone) that
 * intersect [from, to). Works for IANA zones and fixed offsets alike; a start in a spring-forward
 * gap moves forward with luxon's usual rule, and "24:00" is the next local midnight.
 */
export function customerHourSpans(zone: string, hours: readonly [string, string], from: number, to: number): Span[] {
  if (to <= from) return [];
  const start = clock(hours[0]);
  const endOfDay = hours[1] === '24:00';
  const end = clock(hours[1]);
  const out: Span[] = [];
  let day = DateTime.fromMillis(from - MS_PER_DAY, { zone }).startOf('day');
  const last = to + MS_PER_DAY;
  while (day.toMillis() < last) {
    const s = day.set(start).toMillis();
    const e = endOfDay ? day.plus({ days: 1 }).startOf('day').toMillis() : day.set(end).toMillis();
    const cs = Math.max(s, from);
    const ce = Math.min(e, to);
    if (ce > cs) out.push([cs, ce]);
    day = day.plus({ days: 1 }).startOf('day');
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
