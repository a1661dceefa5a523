import { describe, expect, it } from 'vitest';
import { countdowns, formatDuration, nextCountdown, slaPauses } from '../src/sla-view.js';
import { config, ticket } from './fixtures.js';

// Example config: Europe/Berlin, Mon–Fri 08–12 and 13–17. 2026-11-27 is a Friday.
const sla = (extra: Partial<ReturnType<typeof ticket>['sla']>) => ({ policy: 'product-experts', firstResponseDue: null, resolutionDue: null, pausedSince: null, breaches: [], ...extra });

describe('SLA countdowns', () => {
  it('counts business time left, not wall-clock time, over a weekend', () => {
    // Friday 15:00 Berlin (14:00Z) → due Monday 10:00 Berlin (09:00Z): 2 h Friday + 2 h Monday.
    const t = ticket({ sla: sla({ firstResponseDue: '2026-11-30T09:00:00.000Z' }) });
    const [c] = countdowns(t, config, new Date('2026-11-27T14:00:00Z'));
    expect(c).toMatchObject({ target: 'firstResponse', state: 'running', ms: 4 * 3600_000 });
  });

  it('says the clock stands still outside business hours', () => {
    const t = ticket({ sla: sla({ firstResponseDue: '2026-11-30T09:00:00.000Z' }) });
    expect(nextCountdown(t, config, new Date('2026-11-28T12:00:00Z'))).toMatchObject({ state: 'stopped', ms: 2 * 3600_000 });
  });

  it('runs in real time on a 24x7 policy', () => {
    const t = ticket({ sla: sla({ policy: 'urgent-product-experts', firstResponseDue: '2026-11-29T12:00:00.000Z' }) });
    expect(nextCountdown(t, config, new Date('2026-11-29T11:30:00Z'))).toMatchObject({ state: 'running', ms: 30 * 60_000 });
  });

  it('freezes the time left while paused', () => {
    const t = ticket({ status: 'waiting_customer', sla: sla({ firstResponseDue: '2026-11-27T15:00:00.000Z', pausedSince: '2026-11-27T14:00:00.000Z' }) });
    const a = nextCountdown(t, config, new Date('2026-11-27T14:10:00Z'));
    const b = nextCountdown(t, config, new Date('2026-12-01T10:00:00Z'));
    expect(a).toMatchObject({ state: 'paused', ms: 3600_000 });
    expect(b).toEqual(a);
  });

  it('reports overdue time, and a met first response moves on to the resolution deadline', () => {
    const t = ticket({ sla: sla({ firstResponseDue: '2026-11-27T10:00:00.000Z', resolutionDue: '2026-12-04T10:00:00.000Z' }) });
    expect(nextCountdown(t, config, new Date('2026-11-27T10:05:00Z'))).toMatchObject({ target: 'firstResponse', state: 'overdue', ms: 5 * 60_000 });
    const answered = { ...t, firstResponseAt: '2026-11-27T09:00:00.000Z' };
    expect(countdowns(answered, config, new Date('2026-11-27T10:05:00Z')).map((c) => c.state)).toEqual(['met', 'running']);
    expect(nextCountdown({ ...answered, status: 'resolved', resolvedAt: '2026-11-27T11:00:00.000Z' }, config, new Date('2026-11-27T12:00:00Z'))).toBeNull();
    expect(countdowns({ ...t, status: 'resolved', resolvedAt: '2026-11-27T11:00:00.000Z' }, config, new Date('2026-11-27T12:00:00Z')).map((c) => c.state)).toEqual(['met', 'met']);
  });

  it('formats durations compactly', () => {
    expect(formatDuration(0)).toBe('0m 00s');
    expect(formatDuration(75_000)).toBe('1m 15s');
    expect(formatDuration(4 * 3600_000 + 5 * 60_000)).toBe('4h 05m');
    expect(formatDuration(50 * 3600_000)).toBe('2d 2h');
  });
});

describe('SLA pauses on the ticket page', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 24, h)).toISOString();
  const ev = (type: string, h: number, data: Record<string, unknown>) => ({ type, at: at(h), data }) as ReturnType<typeof ticket>['events'][number];

  it('lists each stretch in waiting_customer or waiting_consent after the clock was armed, the last one open', () => {
    const t = ticket({
      sla: sla({ firstResponseDue: at(20), pausedSince: at(15) }),
      events: [
        ev('ticket.created', 9, {}),
        ev('sla.armed', 9, { policy: 'product-experts' }),
        ev('ticket.status_changed', 10, { from: 'open', to: 'waiting_customer', reason: 'agent replied' }),
        ev('ticket.status_changed', 12, { from: 'waiting_customer', to: 'open', reason: 'customer replied' }),
        ev('ticket.status_changed', 13, { from: 'open', to: 'callback_scheduled', reason: 'callback' }),
        ev('ticket.status_changed', 15, { from: 'callback_scheduled', to: 'waiting_consent', reason: 'level 4' }),
      ],
    });
    expect(slaPauses(t)).toEqual([
      { from: at(10), to: at(12), status: 'waiting_customer' },
      { from: at(15), to: null, status: 'waiting_consent' },
    ]);
  });

  it('starts paused when the clock is armed while the ticket already waits, and lists nothing without a policy', () => {
    const events = [
      ev('ticket.status_changed', 9, { from: 'new', to: 'waiting_consent', reason: 'level 4' }),
      ev('sla.armed', 10, { policy: 'vendor-contract' }),
      ev('ticket.status_changed', 11, { from: 'waiting_consent', to: 'waiting_vendor', reason: 'consent granted' }),
    ];
    expect(slaPauses(ticket({ sla: sla({ policy: 'vendor-contract' }), events }))).toEqual([{ from: at(10), to: at(11), status: 'waiting_consent' }]);
    expect(slaPauses(ticket({ sla: sla({ policy: null }), events }))).toEqual([]);
  });
});
