import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, ContinuousCalendar, computeDeadline, type BusinessHours, type Calendar } from '../src/index.js';

const MIN = 60_000;
const H = 60 * MIN;
const weekdays = (iv: Array<[string, string]>): BusinessHours => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: [], sun: [] });

const calendars: Record<string, Calendar> = {
  'Berlin office with holidays': new BusinessCalendar({
    timezone: 'Europe/Berlin',
    businessHours: weekdays([['08:00', '17:00']]),
    holidays: ['2025-03-31', '2025-10-27', '2025-12-25', '2025-12-26', '2026-01-01'],
  }),
  'New York with a lunch break': new BusinessCalendar({
    timezone: 'America/New_York',
    businessHours: { ...weekdays([['08:00', '12:00'], ['13:00', '17:30']]), sat: [['10:00', '14:00']] },
    holidays: ['2025-11-27'],
  }),
  'Berlin nights across midnight and DST': new BusinessCalendar({
    timezone: 'Europe/Berlin',
    businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [['22:00', '24:00']], sat: [['00:00', '03:30'], ['20:00', '24:00']], sun: [['00:00', '02:30']] },
    holidays: [],
  }),
  'Lord Howe (30-minute DST)': new BusinessCalendar({
    timezone: 'Australia/Lord_Howe',
    businessHours: { ...weekdays([['09:00', '17:00']]), sun: [['00:00', '24:00']] },
    holidays: [],
  }),
  '24x7': new ContinuousCalendar(),
};

// 2024–2026, half of the draws within days of a DST change of one of the zones above.
const DST_CHANGES = ['2025-03-09', '2025-03-30', '2025-04-06', '2025-10-05', '2025-10-26', '2025-11-02'].map((x) => Date.parse(x));
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -4 * 24 * H, max: 2 * 24 * H })).map(([c, off]) => c + off),
);
// Business durations up to ~3 weeks, sometimes whole minutes (deadlines then hit boundaries).
const amount = fc.oneof(fc.integer({ min: 0, max: 120 * H }), fc.integer({ min: 0, max: 7200 }).map((m) => m * MIN));
const at = (ms: number): Date => new Date(ms);

describe.each(Object.entries(calendars))('calendar laws: %s', (_name, cal) => {
  it('addBusinessTime is monotone in the amount', () => {
    fc.assert(
      fc.property(instant, amount, amount, (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(cal.addBusinessTime(at(t), lo).getTime()).toBeLessThanOrEqual(cal.addBusinessTime(at(t), hi).getTime());
      }),
    );
  });

  it('addBusinessTime is additive', () => {
    fc.assert(
      fc.property(instant, amount, amount, (t, a, b) => {
        const stepwise = cal.addBusinessTime(cal.addBusinessTime(at(t), a), b);
        expect(stepwise.toISOString()).toBe(cal.addBusinessTime(at(t), a + b).toISOString());
      }),
    );
  });

  it('businessTimeBetween measures exactly what addBusinessTime added', () => {
    fc.assert(
      fc.property(instant, amount, (t, a) => {
        expect(cal.businessTimeBetween(at(t), cal.addBusinessTime(at(t), a))).toBe(a);
      }),
    );
  });

  it('a positive amount ends inside an open interval or exactly at its end', () => {
    fc.assert(
      fc.property(instant, amount.filter((a) => a > 0), (t, a) => {
        const r = cal.addBusinessTime(at(t), a).getTime();
        expect(cal.isOpen(at(r - 1))).toBe(true);
        // …and at the earliest such instant: one millisecond less is not enough.
        expect(cal.businessTimeBetween(at(t), at(r - 1))).toBe(a - 1);
      }),
    );
  });

  it('subtractBusinessTime mirrors addBusinessTime', () => {
    fc.assert(
      fc.property(instant, amount, amount, (t, a, b) => {
        const due = cal.addBusinessTime(at(t), a + b);
        const warn = cal.subtractBusinessTime(due, b);
        expect(cal.businessTimeBetween(warn, due)).toBe(b);
        if (a > 0) expect(warn.toISOString()).toBe(cal.addBusinessTime(at(t), a).toISOString());
        // With nothing added, the earliest instant may lie before t, but only across closed time.
        else expect(cal.businessTimeBetween(warn, at(t))).toBe(0);
      }),
    );
  });

  it('nextOpening is the first open instant at or after t', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const o = cal.nextOpening(at(t));
        expect(o.getTime()).toBeGreaterThanOrEqual(t);
        expect(cal.isOpen(o)).toBe(true);
        expect(cal.businessTimeBetween(at(t), o)).toBe(0);
        expect(cal.isOpen(at(t))).toBe(o.getTime() === t);
      }),
    );
  });

  it('openIntervals are ordered, separate, clipped and add up to businessTimeBetween', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * 24 * H }), (t, span) => {
        const [from, to] = [at(t), at(t + span)];
        const ivs = cal.openIntervals(from, to);
        let total = 0;
        let prevEnd = -Infinity;
        for (const { start, end } of ivs) {
          expect(start.getTime()).toBeGreaterThan(prevEnd);
          expect(end.getTime()).toBeGreaterThan(start.getTime());
          expect(start.getTime()).toBeGreaterThanOrEqual(t);
          expect(end.getTime()).toBeLessThanOrEqual(t + span);
          expect(cal.isOpen(start)).toBe(true);
          total += end.getTime() - start.getTime();
          prevEnd = end.getTime();
        }
        expect(total).toBe(cal.businessTimeBetween(from, to));
      }),
    );
  });

  it('computeDeadline is monotone in the ISO duration', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(computeDeadline(at(t), `PT${lo}M`, cal).getTime()).toBeLessThanOrEqual(computeDeadline(at(t), `PT${hi}M`, cal).getTime());
      }),
    );
  });
});
