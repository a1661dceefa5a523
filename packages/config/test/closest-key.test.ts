import { describe, expect, it } from 'vitest';
import { closestKey } from '../src/closest-key.js';

describe('closestKey', () => {
  const keys = ['warnAtPercent', 'escalateOnBreach', 'firstResponse', 'resolution', 'calendar'];

  it('finds transpositions, case slips and small typos', () => {
    expect(closestKey('warnAtPrecent', keys)).toBe('warnAtPercent');
    expect(closestKey('FirstResponse', keys)).toBe('firstResponse');
    expect(closestKey('resoluton', keys)).toBe('resolution');
    expect(closestKey('calender', keys)).toBe('calendar');
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestKey('colour', keys)).toBeNull();
    expect(closestKey('xy', ['en', 'fr', 'de'])).toBeNull();
  });
});
