import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  ContinuousCalendar,
  InvalidInputError,
  businessCalendarProblems,
  calendarFor,
  computeDeadline,
  type BusinessCalendarConfig,
  type BusinessHours,
} from '../src/index.js';

const NINE_TO_FIVE: BusinessHours = {
  mon: [['08:00', '17:00']],
  tue: [['08:00', '17:00']],
  wed: [['08:00', '17:00']],
  thu: [['08:00', '17:00']],
  fri: [['08:00', '17:00']],
  sat: [],
  sun: [],
};

const berlin: BusinessCalendarConfig = { timezone: 'Europe/Berlin', businessHours: NINE_TO_FIVE, holidays: ['2025-12-25', '2025-12-26'] };
const cal = new BusinessCalendar(berlin);
const d = (iso: string): Date => new Date(iso);
const due = (opened: string, duration: string, c = cal as BusinessCalendar | ContinuousCalendar): string =>
  computeDeadline(d(opened), duration, c).toISOString();
const H = 3_600_000;

describe('a business calendar (Europe/Berlin, Mon–Fri 08:00–17:00)', () => {
  it('counts from the opening instant within business hours', () => {
    // Tue 2025-06-10 10:00 CEST
    expect(due('2025-06-10T08:00:00Z', 'PT4H')).toBe('2025-06-10T12:00:00.000Z');
  });

  it('carries what is left of the day over to the next morning', () => {
    // Tue 15:00 CEST + 4h = 2h Tue + 2h Wed → Wed 10:00 CEST
    expect(due('2025-06-10T13:00:00Z', 'PT4H')).toBe('2025-06-11T08:00:00.000Z');
  });

  it('starts counting at the next opening when opened at night', () => {
    // Tue 22:00 CEST → Wed 08:00 + 1h
    expect(due('2025-06-10T20:00:00Z', 'PT1H')).toBe('2025-06-11T07:00:00.000Z');
  });

  it('starts counting on Monday when opened on a weekend', () => {
    // Sat 2025-06-14 10:00 CEST → Mon 08:00 + 2h
    expect(due('2025-06-14T08:00:00Z', 'PT2H')).toBe('2025-06-16T08:00:00.000Z');
    // Fri 16:00 + 2h = 1h Fri + 1h Mon
    expect(due('2025-06-13T14:00:00Z', 'PT2H')).toBe('2025-06-16T07:00:00.000Z');
  });

  it('skips holidays: opened on Christmas Day, counting starts the Monday after Boxing Day', () => {
    // Thu 2025-12-25 10:00 CET; 25th and 26th are holidays, then the weekend.
    expect(cal.isOpen(d('2025-12-25T09:00:00Z'))).toBe(false);
    expect(cal.nextOpening(d('2025-12-25T09:00:00Z')).toISOString()).toBe('2025-12-29T07:00:00.000Z');
    expect(due('2025-12-25T09:00:00Z', 'PT1H')).toBe('2025-12-29T08:00:00.000Z');
    // A deadline running into the holidays jumps over them.
    expect(due('2025-12-24T15:00:00Z', 'PT2H')).toBe('2025-12-29T08:00:00.000Z');
  });

  it('treats a ticket opened exactly at closing time as opened outside hours', () => {
    // Tue 17:00 CEST
    expect(cal.isOpen(d('2025-06-10T15:00:00Z'))).toBe(false);
    expect(cal.isOpen(d('2025-06-10T14:59:59.999Z'))).toBe(true);
    expect(cal.nextOpening(d('2025-06-10T15:00:00Z')).toISOString()).toBe('2025-06-11T06:00:00.000Z');
    expect(due('2025-06-10T15:00:00Z', 'PT1H')).toBe('2025-06-11T07:00:00.000Z');
  });

  it('keeps a deadline that lands exactly on a closing time at that closing time', () => {
    expect(due('2025-06-10T06:00:00Z', 'PT9H')).toBe('2025-06-10T15:00:00.000Z'); // 08:00 + 9h = 17:00
    expect(due('2025-06-10T14:00:00Z', 'PT1H')).toBe('2025-06-10T15:00:00.000Z'); // 16:00 + 1h = 17:00
    // Friday 17:00 stays Friday, not Monday morning.
    expect(due('2025-06-12T14:00:00Z', 'PT10H')).toBe('2025-06-13T15:00:00.000Z');
  });

  it('counts from exactly the opening time', () => {
    expect(cal.isOpen(d('2025-06-10T06:00:00Z'))).toBe(true);
    expect(due('2025-06-10T06:00:00Z', 'PT1H')).toBe('2025-06-10T07:00:00.000Z');
  });

  it('handles long durations day by day (PT400H = 8 weeks and 40 h)', () => {
    // Mon 2025-01-06 08:00 CET; 45 h a week → after 8 weeks Mon 2025-03-03 08:00, then Mon–Thu
    // (36 h) and 4 h of Friday.
    const r = computeDeadline(d('2025-01-06T07:00:00Z'), 'PT400H', cal);
    expect(r.toISOString()).toBe('2025-03-07T11:00:00.000Z');
    expect(cal.businessTimeBetween(d('2025-01-06T07:00:00Z'), r)).toBe(400 * H);
  });

  it('measures business time between two instants', () => {
    expect(cal.businessTimeBetween(d('2025-06-09T00:00:00Z'), d('2025-06-16T00:00:00Z'))).toBe(45 * H);
    expect(cal.businessTimeBetween(d('2025-06-10T10:00:00Z'), d('2025-06-10T09:00:00Z'))).toBe(0);
    expect(cal.businessTimeBetween(d('2025-12-22T00:00:00Z'), d('2025-12-29T00:00:00Z'))).toBe(27 * H);
  });

  it('lists the open intervals of a span, clipped to it', () => {
    const ivs = cal.openIntervals(d('2025-06-13T10:00:00Z'), d('2025-06-16T07:30:00Z'));
    expect(ivs.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2025-06-13T10:00:00.000Z', '2025-06-13T15:00:00.000Z'],
      ['2025-06-16T06:00:00.000Z', '2025-06-16T07:30:00.000Z'],
    ]);
    expect(cal.openIntervals(d('2025-06-14T00:00:00Z'), d('2025-06-15T00:00:00Z'))).toEqual([]);
  });
});

describe('a business day with several intervals (08:00–12:00 and 13:00–17:00)', () => {
  const split: BusinessHours = { ...NINE_TO_FIVE, wed: [['13:00', '17:00'], ['08:00', '12:00']] };
  const lunch = new BusinessCalendar({ timezone: 'Europe/Berlin', businessHours: split, holidays: [] });

  it('skips the lunch break', () => {
    // Wed 2025-06-11 11:00 CEST + 2h = 1h before lunch + 1h after → 14:00
    expect(due('2025-06-11T09:00:00Z', 'PT2H', lunch)).toBe('2025-06-11T12:00:00.000Z');
  });

  it('keeps a deadline at the start of the break', () => {
    expect(due('2025-06-11T09:00:00Z', 'PT1H', lunch)).toBe('2025-06-11T10:00:00.000Z');
  });

  it('starts counting after the break when opened during it', () => {
    expect(lunch.isOpen(d('2025-06-11T10:30:00Z'))).toBe(false);
    expect(due('2025-06-11T10:30:00Z', 'PT30M', lunch)).toBe('2025-06-11T11:30:00.000Z');
  });

  it('has 8 h that day and lists both intervals', () => {
    const [a, b] = [d('2025-06-11T00:00:00Z'), d('2025-06-12T00:00:00Z')];
    expect(lunch.businessTimeBetween(a, b)).toBe(8 * H);
    expect(lunch.openIntervals(a, b).map((i) => i.start.toISOString())).toEqual(['2025-06-11T06:00:00.000Z', '2025-06-11T11:00:00.000Z']);
  });
});

describe('intervals ending at 24:00', () => {
  const night = new BusinessCalendar({
    timezone: 'UTC',
    businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [['20:00', '24:00']], sun: [['00:00', '04:00']] },
    holidays: [],
  });

  it('join the next day’s interval across midnight', () => {
    const ivs = night.openIntervals(d('2025-06-14T00:00:00Z'), d('2025-06-16T00:00:00Z'));
    expect(ivs.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([['2025-06-14T20:00:00.000Z', '2025-06-15T04:00:00.000Z']]);
    expect(due('2025-06-14T23:00:00Z', 'PT2H', night)).toBe('2025-06-15T01:00:00.000Z');
    expect(night.isOpen(d('2025-06-15T00:00:00Z'))).toBe(true);
  });
});

describe('the 24x7 calendar', () => {
  const c = new ContinuousCalendar();
  it('counts real elapsed time, nights, weekends and DST included', () => {
    expect(due('2025-03-29T11:00:00Z', 'PT24H', c)).toBe('2025-03-30T11:00:00.000Z');
    expect(due('2025-06-14T08:00:00Z', 'P2D', c)).toBe('2025-06-16T08:00:00.000Z');
    expect(c.isOpen(d('2025-06-14T03:00:00Z'))).toBe(true);
    expect(c.businessTimeBetween(d('2025-06-14T00:00:00Z'), d('2025-06-15T00:00:00Z'))).toBe(24 * H);
    expect(c.subtractBusinessTime(d('2025-06-14T10:00:00Z'), H).toISOString()).toBe('2025-06-14T09:00:00.000Z');
  });

  it('is what calendarFor gives for "24x7"; business calendars are shared per config', () => {
    expect(calendarFor('24x7', berlin).kind).toBe('24x7');
    expect(calendarFor('business', berlin)).toBe(calendarFor('business', berlin));
  });
});

describe('invalid calendar configuration', () => {
  it('names each bad path', () => {
    const problems = businessCalendarProblems({
      timezone: 'Mars/Olympus',
      businessHours: { ...NINE_TO_FIVE, mon: [['08:00', '12:00'], ['11:00', '17:00']], tue: [['8am', '17:00']], wed: [['17:00', '08:00']], sat: [['00:00', '24:01']] },
      holidays: ['2025-02-30', 'xmas'],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'timezone',
      'businessHours.mon',
      'businessHours.tue[0][0]',
      'businessHours.wed[0]',
      'businessHours.sat[0][1]',
      'holidays[0]',
      'holidays[1]',
    ]);
    expect(businessCalendarProblems(berlin)).toEqual([]);
  });

  it('is refused by the calendar with InvalidInputError', () => {
    expect(() => new BusinessCalendar({ ...berlin, timezone: 'Nowhere/Land' })).toThrow(InvalidInputError);
    expect(() => new BusinessCalendar({ ...berlin, timezone: 'Nowhere/Land' })).toThrow(/timezone: unknown time zone/);
  });

  it('throws instead of searching forever when there is no open time', () => {
    const closed = new BusinessCalendar({ timezone: 'UTC', businessHours: { ...NINE_TO_FIVE, mon: [], tue: [], wed: [], thu: [], fri: [] }, holidays: [] });
    expect(() => closed.nextOpening(d('2025-06-10T00:00:00Z'))).toThrow(InvalidInputError);
    expect(() => closed.addBusinessTime(d('2025-06-10T00:00:00Z'), H)).toThrow(/no open time/);
  });

  it('refuses negative amounts of business time', () => {
    expect(() => cal.addBusinessTime(d('2025-06-10T00:00:00Z'), -1)).toThrow(InvalidInputError);
  });
});
