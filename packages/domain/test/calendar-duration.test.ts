import { describe, expect, it } from 'vitest';
import { BusinessCalendar, ContinuousCalendar, InvalidInputError, computeDeadline, parseSlaDuration } from '../src/index.js';

const cal = new BusinessCalendar({
  timezone: 'UTC',
  businessHours: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
});

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof InvalidInputError ? e.code : 'other';
  }
};

describe('SLA durations', () => {
  it('reads hours, minutes and seconds for business calendars', () => {
    expect(parseSlaDuration('PT16H', 'business')).toBe(16 * 3_600_000);
    expect(parseSlaDuration('PT1H30M', 'business')).toBe(90 * 60_000);
    expect(parseSlaDuration('PT0.5H', 'business')).toBe(30 * 60_000);
    expect(parseSlaDuration('PT45S', 'business')).toBe(45_000);
  });

  it('reads days and weeks as fixed lengths for 24x7', () => {
    expect(parseSlaDuration('P2D', '24x7')).toBe(48 * 3_600_000);
    expect(parseSlaDuration('P1W', '24x7')).toBe(7 * 24 * 3_600_000);
    expect(parseSlaDuration('P1DT2H', '24x7')).toBe(26 * 3_600_000);
  });

  it('refuses days in a business calendar, with a message saying why', () => {
    expect(code(() => parseSlaDuration('P2D', 'business'))).toBe('INVALID_INPUT');
    expect(() => parseSlaDuration('P2D', 'business')).toThrow(/hours, minutes and seconds only \(e\.g\. "PT16H", not "P2D"\)/);
    expect(() => computeDeadline(new Date('2025-06-10T08:00:00Z'), 'P1DT1H', cal)).toThrow(InvalidInputError);
  });

  it('refuses garbage, zero, negative and variable-length durations', () => {
    for (const bad of ['garbage', '', 'PT', 'PT0S', 'PT0H0M', '-PT1H', 'PT1H-30M', 'pt1h', 'PT1,5H']) {
      expect(code(() => parseSlaDuration(bad, 'business')), bad).toBe('INVALID_INPUT');
      expect(code(() => parseSlaDuration(bad, '24x7')), bad).toBe('INVALID_INPUT');
    }
    expect(() => parseSlaDuration('PT0S', '24x7')).toThrow(/longer than zero/);
    expect(() => parseSlaDuration('garbage', '24x7')).toThrow(/not an ISO-8601 duration/);
    expect(() => parseSlaDuration('P1M', '24x7')).toThrow(/months have no fixed length/);
    expect(code(() => parseSlaDuration('P1Y', '24x7'))).toBe('INVALID_INPUT');
    // Ten years at most: beyond that a deadline soon leaves the range of a Date.
    expect(parseSlaDuration('PT87600H', '24x7')).toBe(87_600 * 3_600_000);
    expect(() => parseSlaDuration('PT87601H', 'business')).toThrow(/at most ten years/);
    expect(() => parseSlaDuration('PT9999999999H', '24x7')).toThrow(/at most ten years/);
  });

  it('applies to computeDeadline on either calendar', () => {
    expect(computeDeadline(new Date('2025-06-09T16:00:00Z'), 'PT2H', cal).toISOString()).toBe('2025-06-10T09:00:00.000Z');
    expect(computeDeadline(new Date('2025-06-09T16:00:00Z'), 'PT2H', new ContinuousCalendar()).toISOString()).toBe('2025-06-09T18:00:00.000Z');
  });
});
