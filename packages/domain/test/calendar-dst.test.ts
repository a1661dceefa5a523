import { describe, expect, it } from 'vitest';
import { BusinessCalendar, computeDeadline, type BusinessHours } from '../src/index.js';

const H = 3_600_000;
const d = (iso: string): Date => new Date(iso);
const every = (iv: Array<[string, string]>): BusinessHours => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: iv, sun: iv });
const weekdays = (iv: Array<[string, string]>): BusinessHours => ({ ...every(iv), sat: [], sun: [] });
const make = (timezone: string, businessHours: BusinessHours): BusinessCalendar => new BusinessCalendar({ timezone, businessHours, holidays: [] });
const due = (c: BusinessCalendar, opened: string, duration: string): string => computeDeadline(d(opened), duration, c).toISOString();

describe('Europe/Berlin, spring forward (Sun 2025-03-30, 02:00 → 03:00)', () => {
  const office = make('Europe/Berlin', weekdays([['08:00', '17:00']]));
  const always = make('Europe/Berlin', every([['08:00', '17:00']]));

  it('a deadline over the weekend keeps local opening hours on both sides', () => {
    // Fri 16:00 CET (+1) + 2 h → 1 h Friday, Mon 08:00 CEST (+2) + 1 h = 07:00Z
    expect(due(office, '2025-03-28T15:00:00Z', 'PT2H')).toBe('2025-03-31T07:00:00.000Z');
  });

  it('the week around the change still has 45 h', () => {
    expect(office.businessTimeBetween(d('2025-03-24T00:00:00Z'), d('2025-03-31T00:00:00Z'))).toBe(45 * H);
  });

  it('08:00–17:00 local on the day of the change is 9 h of wall-clock time', () => {
    const ivs = always.openIntervals(d('2025-03-30T00:00:00Z'), d('2025-03-31T00:00:00Z'));
    expect(ivs.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([['2025-03-30T06:00:00.000Z', '2025-03-30T15:00:00.000Z']]);
    expect(due(always, '2025-03-29T15:00:00Z', 'PT2H')).toBe('2025-03-30T07:00:00.000Z'); // Sat 16:00 CET → Sun 09:00 CEST
  });

  it('an interval across the change is 1 h shorter in real time', () => {
    const nights = make('Europe/Berlin', every([['00:00', '06:00']]));
    expect(nights.businessTimeBetween(d('2025-03-29T12:00:00Z'), d('2025-03-30T12:00:00Z'))).toBe(5 * H);
    const allDay = make('Europe/Berlin', every([['00:00', '24:00']]));
    expect(allDay.businessTimeBetween(d('2025-03-29T23:00:00Z'), d('2025-03-30T22:00:00Z'))).toBe(23 * H);
    // Open around the clock, business time is real time: Sat 12:00 CET + 24 h = Sun 13:00 CEST.
    expect(due(allDay, '2025-03-29T11:00:00Z', 'PT24H')).toBe('2025-03-30T11:00:00.000Z');
  });

  it('an interval that lies in the skipped hour has no time in it', () => {
    const gap = make('Europe/Berlin', every([['02:00', '03:00']]));
    expect(gap.businessTimeBetween(d('2025-03-29T12:00:00Z'), d('2025-03-30T12:00:00Z'))).toBe(0);
    expect(gap.nextOpening(d('2025-03-29T12:00:00Z')).toISOString()).toBe('2025-03-31T00:00:00.000Z');
  });
});

describe('Europe/Berlin, fall back (Sun 2025-10-26, 03:00 → 02:00)', () => {
  const office = make('Europe/Berlin', weekdays([['08:00', '17:00']]));

  it('a deadline over the weekend keeps local opening hours on both sides', () => {
    // Fri 16:00 CEST (+2) → Mon 09:00 CET (+1) = 08:00Z
    expect(due(office, '2025-10-24T14:00:00Z', 'PT2H')).toBe('2025-10-27T08:00:00.000Z');
    expect(office.businessTimeBetween(d('2025-10-20T00:00:00Z'), d('2025-10-27T00:00:00Z'))).toBe(45 * H);
  });

  it('an interval across the change is 1 h longer in real time', () => {
    const allDay = make('Europe/Berlin', every([['00:00', '24:00']]));
    expect(allDay.businessTimeBetween(d('2025-10-25T22:00:00Z'), d('2025-10-26T23:00:00Z'))).toBe(25 * H);
    const repeated = make('Europe/Berlin', every([['02:00', '03:00']]));
    // 02:00 is read as its first occurrence (CEST, 00:00Z); 03:00 exists once (CET, 02:00Z).
    expect(repeated.openIntervals(d('2025-10-25T12:00:00Z'), d('2025-10-26T12:00:00Z')).map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2025-10-26T00:00:00.000Z', '2025-10-26T02:00:00.000Z'],
    ]);
  });

  it('08:00–17:00 local on the day of the change is 9 h', () => {
    const always = make('Europe/Berlin', every([['08:00', '17:00']]));
    expect(always.businessTimeBetween(d('2025-10-26T00:00:00Z'), d('2025-10-27T00:00:00Z'))).toBe(9 * H);
    expect(always.nextOpening(d('2025-10-25T20:00:00Z')).toISOString()).toBe('2025-10-26T07:00:00.000Z');
  });
});

describe('America/New_York, spring forward (Sun 2025-03-09, 02:00 → 03:00)', () => {
  const office = make('America/New_York', weekdays([['09:00', '17:00']]));

  it('a deadline over the weekend keeps local opening hours on both sides', () => {
    // Fri 16:00 EST (-5) = 21:00Z + 2 h → Mon 10:00 EDT (-4) = 14:00Z
    expect(due(office, '2025-03-07T21:00:00Z', 'PT2H')).toBe('2025-03-10T14:00:00.000Z');
    expect(office.businessTimeBetween(d('2025-03-03T05:00:00Z'), d('2025-03-10T04:00:00Z'))).toBe(40 * H);
  });

  it('opened at night before the change counts from Monday 09:00 EDT', () => {
    expect(office.nextOpening(d('2025-03-09T06:30:00Z')).toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('a Sunday interval on the day of the change is in local time', () => {
    const always = make('America/New_York', every([['08:00', '17:00']]));
    expect(always.openIntervals(d('2025-03-09T00:00:00Z'), d('2025-03-10T04:00:00Z')).map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2025-03-09T12:00:00.000Z', '2025-03-09T21:00:00.000Z'],
    ]);
  });
});

describe('America/New_York, fall back (Sun 2025-11-02, 02:00 → 01:00)', () => {
  const office = make('America/New_York', weekdays([['09:00', '17:00']]));

  it('a deadline over the weekend keeps local opening hours on both sides', () => {
    // Fri 16:00 EDT = 20:00Z + 2 h → Mon 10:00 EST = 15:00Z
    expect(due(office, '2025-10-31T20:00:00Z', 'PT2H')).toBe('2025-11-03T15:00:00.000Z');
  });

  it('a deadline landing at closing time on the Monday after stays there', () => {
    // Fri 09:00 EDT + 16 h → Mon 17:00 EST = 22:00Z
    expect(due(office, '2025-10-31T13:00:00Z', 'PT16H')).toBe('2025-11-03T22:00:00.000Z');
  });

  it('an all-day interval is 25 h on the day of the change', () => {
    const allDay = make('America/New_York', every([['00:00', '24:00']]));
    expect(allDay.businessTimeBetween(d('2025-11-02T04:00:00Z'), d('2025-11-03T05:00:00Z'))).toBe(25 * H);
  });
});

describe('a zone with a 30-minute DST shift (Australia/Lord_Howe)', () => {
  it('still measures its all-day intervals in real time', () => {
    const allDay = make('Australia/Lord_Howe', every([['00:00', '24:00']]));
    // 2025-04-06: clocks go back 30 min at 02:00 (+11 → +10:30).
    expect(allDay.businessTimeBetween(d('2025-04-05T13:00:00Z'), d('2025-04-06T13:30:00Z'))).toBe(24.5 * H);
  });
});
