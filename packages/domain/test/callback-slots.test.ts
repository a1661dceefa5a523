import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  findCallbackSlot,
  ianaZoneFor,
  isUsableZone,
  resolveCustomerZone,
  type BusinessCalendarConfig,
  type BusinessHours,
  type CallbackAgentLoad,
  type CallbackConfig,
  type CallbackSlotSearch,
} from '../src/index.js';

const MIN = 60_000;
const H = 60 * MIN;
const weekdays = (iv: Array<[string, string]>): BusinessHours => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: [], sun: [] });

const berlin: BusinessCalendarConfig = {
  timezone: 'Europe/Berlin',
  businessHours: weekdays([['08:00', '12:00'], ['13:00', '17:00']]),
  // Good Friday and Easter Monday 2026
  holidays: ['2026-04-03', '2026-04-06'],
};
const callbacks: CallbackConfig = { slot: 'PT30M', reminderBefore: 'PT15M', maxAttempts: 3, retryAfter: 'PT2H', leadTime: 'PT1H', customerHours: ['08:00', '19:00'] };
const jonas: CallbackAgentLoad = { email: 'jonas@example.com', name: 'Jonas Schmidt', busy: [] };
const oliver: CallbackAgentLoad = { email: 'oliver@example.com', name: 'Oliver Hughes', busy: [] };

function search(now: string, extra: Partial<CallbackSlotSearch> = {}): CallbackSlotSearch {
  return { now: new Date(now), calendar: berlin, callbacks, customerZone: 'Europe/Berlin', agents: [jonas, oliver], ...extra };
}
const slotOf = (s: CallbackSlotSearch) => {
  const slot = findCallbackSlot(s);
  return slot && { start: slot.start.toISOString(), end: slot.end.toISOString(), agent: slot.agent, load: slot.load };
};
const busy = (agent: CallbackAgentLoad, ...spans: Array<[string, string]>): CallbackAgentLoad => ({
  ...agent,
  busy: spans.map(([s, e]) => ({ start: Date.parse(s), end: Date.parse(e) })),
});

describe('finding a callback slot (Berlin team, Mon–Fri 08–12 and 13–17, 30-minute slots, 1 h lead)', () => {
  it('books a Friday-evening request on Monday at opening time', () => {
    // Fri 2026-03-06 18:00 CET
    expect(slotOf(search('2026-03-06T17:00:00Z'))).toMatchObject({ start: '2026-03-09T07:00:00.000Z', end: '2026-03-09T07:30:00.000Z' });
  });

  it('keeps the lead time and starts on the slot grid', () => {
    // Tue 09:10 CET + 1 h = 10:10 → the 10:30 slot
    expect(slotOf(search('2026-03-10T08:10:00Z'))?.start).toBe('2026-03-10T09:30:00.000Z');
  });

  it('never lets a slot run into the lunch break', () => {
    // Tue 10:45 + 1 h = 11:45 → 12:00 would be lunch → 13:00
    expect(slotOf(search('2026-03-10T09:45:00Z'))?.start).toBe('2026-03-10T12:00:00.000Z');
    // 11:30–12:00 still fits before lunch
    expect(slotOf(search('2026-03-10T09:25:00Z'))?.start).toBe('2026-03-10T10:30:00.000Z');
  });

  it('skips the Easter holidays and the weekend between them', () => {
    // Thu 2026-04-02 18:00 CEST → Good Friday, weekend, Easter Monday → Tue 08:00 CEST
    expect(slotOf(search('2026-04-02T16:00:00Z'))?.start).toBe('2026-04-07T06:00:00.000Z');
  });

  it('calls a customer six hours behind (New York in winter) once their day has begun', () => {
    // Tue 2026-02-10 07:00 CET: 08:00 in New York is 14:00 in Berlin
    expect(slotOf(search('2026-02-10T06:00:00Z', { customerZone: 'America/New_York' }))?.start).toBe('2026-02-10T13:00:00.000Z');
    // The last Berlin slot (16:30) is 10:30 in New York: a request at 16:00 goes to the next afternoon
    expect(slotOf(search('2026-02-10T15:00:00Z', { customerZone: 'America/New_York' }))?.start).toBe('2026-02-11T13:00:00.000Z');
  });

  it('calls a customer six hours ahead (a UTC+7 Date header) in the Berlin morning only', () => {
    // 08:00–19:00 at UTC+7 is 02:00–13:00 CET: only the morning block overlaps
    expect(slotOf(search('2026-02-10T10:30:00Z', { customerZone: 'UTC+7' }))?.start).toBe('2026-02-11T07:00:00.000Z');
    expect(slotOf(search('2026-02-10T08:00:00Z', { customerZone: 'UTC+7' }))?.start).toBe('2026-02-10T09:00:00.000Z');
  });

  it('follows the clocks in the weeks the US and then Europe switch to summer time', () => {
    // Wed 2026-03-18: New York already on EDT (UTC-4), Berlin still on CET: 5 h apart → 13:00 Berlin
    expect(slotOf(search('2026-03-18T06:00:00Z', { customerZone: 'America/New_York' }))?.start).toBe('2026-03-18T12:00:00.000Z');
    // Mon 2026-03-30, Berlin on CEST since Sunday: opening 08:00 is 06:00Z, not 07:00Z
    expect(slotOf(search('2026-03-27T17:00:00Z'))?.start).toBe('2026-03-30T06:00:00.000Z');
  });

  it('follows the clocks back in the autumn week', () => {
    // Fri 2026-10-23 18:00 CEST → Mon 2026-10-26 08:00 CET = 07:00Z
    expect(slotOf(search('2026-10-23T16:00:00Z'))?.start).toBe('2026-10-26T07:00:00.000Z');
  });

  it('respects notBefore (a retry after retryAfter, a time the customer asked for)', () => {
    expect(slotOf(search('2026-03-10T07:00:00Z', { notBefore: new Date('2026-03-12T14:10:00Z') }))?.start).toBe('2026-03-12T14:30:00.000Z');
  });

  it('takes the earliest time any agent is free, even if another agent is freer that day', () => {
    const s = search('2026-03-06T17:00:00Z', {
      agents: [
        busy(jonas, ['2026-03-09T07:00:00Z', '2026-03-09T07:30:00Z']),
        busy(oliver, ['2026-03-09T07:00:00Z', '2026-03-09T08:00:00Z']),
      ],
    });
    expect(slotOf(s)).toMatchObject({ start: '2026-03-09T07:30:00.000Z', agent: 'jonas@example.com', load: 1 });
  });

  it('gives the slot to the agent with fewer bookings that day', () => {
    const s = search('2026-03-06T17:00:00Z', {
      agents: [busy(jonas, ['2026-03-09T12:00:00Z', '2026-03-09T12:30:00Z']), busy(oliver, ['2026-03-09T13:00:00Z', '2026-03-09T13:30:00Z'], ['2026-03-09T14:00:00Z', '2026-03-09T14:30:00Z'])],
    });
    expect(slotOf(s)).toMatchObject({ start: '2026-03-09T07:00:00.000Z', agent: 'jonas@example.com', load: 1 });
  });

  it('breaks a tie by name, and counts only the same day', () => {
    // Oliver's booking is on Friday, so Monday is a tie: "Jonas" < "Oliver"
    const s = search('2026-03-06T17:00:00Z', { agents: [busy(oliver, ['2026-03-06T10:00:00Z', '2026-03-06T10:30:00Z']), jonas] });
    expect(slotOf(s)?.agent).toBe('jonas@example.com');
    const t = search('2026-03-06T17:00:00Z', { agents: [oliver, busy(jonas, ['2026-03-09T15:00:00Z', '2026-03-09T15:30:00Z'])] });
    expect(slotOf(t)?.agent).toBe('oliver@example.com');
  });

  it('spreads a day of bookings evenly over the agents', () => {
    const agents: CallbackAgentLoad[] = [jonas, oliver, { email: 'ada@example.com', name: 'Ada', busy: [] }].map((a) => ({ ...a, busy: [] }));
    const counts = new Map<string, number>();
    for (let i = 0; i < 12; i++) {
      const slot = findCallbackSlot(search('2026-03-06T17:00:00Z', { agents }))!;
      (agents.find((a) => a.email === slot.agent)!.busy as Array<{ start: number; end: number }>).push({ start: slot.start.getTime(), end: slot.end.getTime() });
      counts.set(slot.agent, (counts.get(slot.agent) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([4, 4, 4]);
  });

  it('finds nothing without agents, and nothing when business and customer hours never meet', () => {
    expect(findCallbackSlot(search('2026-03-06T17:00:00Z', { agents: [] }))).toBeNull();
    // Auckland's 08:00–19:00 is 20:00–07:00 in Berlin
    const far = search('2026-03-06T17:00:00Z', { customerZone: 'Pacific/Auckland', searchDays: 30 });
    expect(findCallbackSlot(far)).toBeNull();
    expect(slotOf({ ...far, ignoreCustomerHours: true })?.start).toBe('2026-03-09T07:00:00.000Z');
  });

  it('books around the clock with 24x7 hours and seconds-long slots (the short test configuration)', () => {
    const allDay: BusinessCalendarConfig = { timezone: 'UTC', businessHours: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] }, holidays: [] };
    const short = { ...callbacks, slot: 'PT5S', leadTime: 'PT1S', customerHours: ['00:00', '24:00'] as [string, string] };
    expect(slotOf(search('2026-03-07T23:59:58.200Z', { calendar: allDay, callbacks: short }))?.start).toBe('2026-03-08T00:00:00.000Z');
  });
});

describe('the customer zone', () => {
  it('prefers the customer record, then the Date header offset, then the team zone', () => {
    expect(resolveCustomerZone({ timezone: 'America/Chicago', dateTimezone: 'UTC+2' }, 'Europe/Berlin')).toEqual({ zone: 'America/Chicago', source: 'customer' });
    expect(resolveCustomerZone({ timezone: null, dateTimezone: 'UTC-5:30' }, 'Europe/Berlin')).toEqual({ zone: 'UTC-5:30', source: 'date-header' });
    expect(resolveCustomerZone({ timezone: 'Mars/Olympus', dateTimezone: 'UTC+99' }, 'Europe/Berlin')).toEqual({ zone: 'Europe/Berlin', source: 'team' });
    expect(resolveCustomerZone({}, 'Europe/Berlin').source).toBe('team');
  });

  it('accepts fixed offsets within ±14 h only', () => {
    expect(isUsableZone('UTC+14')).toBe(true);
    expect(isUsableZone('UTC+15')).toBe(false);
    expect(isUsableZone('')).toBe(false);
  });

  it('names an IANA twin for whole-hour offsets, for the calendar file', () => {
    expect(ianaZoneFor('UTC+2')).toBe('Etc/GMT-2');
    expect(ianaZoneFor('UTC-5')).toBe('Etc/GMT+5');
    expect(ianaZoneFor('UTC')).toBe('UTC');
    expect(ianaZoneFor('UTC+5:30')).toBeNull();
    expect(ianaZoneFor('Europe/Paris')).toBe('Europe/Paris');
  });
});

describe('slot finding, as a property', () => {
  const cal = new BusinessCalendar(berlin);
  const base = Date.parse('2026-03-02T00:00:00Z');
  const arbBusy = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * 24 * 4 }), fc.integer({ min: 1, max: 8 })), { maxLength: 25 });
  const toAgent = (email: string, list: Array<[number, number]>): CallbackAgentLoad => ({
    email,
    name: email,
    busy: list.map(([q, n]) => ({ start: base + q * 15 * MIN, end: base + (q + n) * 15 * MIN })),
  });

  it('returns the earliest grid slot inside every window with its agent free (checked by brute force)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 24 * 4 }), arbBusy, arbBusy, fc.constantFrom('Europe/Berlin', 'America/New_York', 'UTC+5:30', 'Asia/Tokyo'), (q, a, b, zone) => {
        const now = new Date(base + q * 15 * MIN);
        const agents = [toAgent('a@x.test', a), toAgent('b@x.test', b)];
        const got = findCallbackSlot({ now, calendar: berlin, callbacks, customerZone: zone, agents, searchDays: 14 });
        const free = (ag: CallbackAgentLoad, s: number) => ag.busy.every((x) => x.end <= s || x.start >= s + 30 * MIN);
        const inCustomerHours = (s: number) => {
          const a = DateTime.fromMillis(s, { zone });
          const b = DateTime.fromMillis(s + 30 * MIN - 1, { zone });
          return a.hasSame(b, 'day') && a.hour * 60 + a.minute >= 8 * 60 && b.hour * 60 + b.minute < 19 * 60;
        };
        const ok = (s: number) =>
          cal.businessTimeBetween(new Date(s), new Date(s + 30 * MIN)) === 30 * MIN && inCustomerHours(s) && agents.some((ag) => free(ag, s));
        let expected: number | null = null;
        for (let s = Math.ceil((now.getTime() + H) / (30 * MIN)) * 30 * MIN; s < now.getTime() + 14 * 24 * H; s += 30 * MIN) {
          if (ok(s)) {
            expected = s;
            break;
          }
        }
        expect(got?.start.getTime() ?? null).toBe(expected);
        if (got) expect(free(agents.find((x) => x.email === got.agent)!, got.start.getTime())).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
