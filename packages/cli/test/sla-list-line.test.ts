import { describe, expect, it } from 'vitest';
import type { SlaDueEntry } from '@tierdesk/sla-timer';
import { slaListLine } from '../src/commands-sla.js';

const now = Date.parse('2026-03-02T12:00:00Z');
const base: SlaDueEntry = {
  id: 'TD-1',
  subject: 's',
  level: 3,
  priority: 'urgent',
  status: 'open',
  policy: 'fast',
  target: 'firstResponse',
  due: '2026-03-02T12:45:00.000Z',
  overdue: false,
  state: 'due',
  overdueMs: null,
  remainingMs: 45 * 60_000,
  pausedSince: null,
  next: { kind: 'warning', at: '2026-03-02T12:33:00.000Z' },
};

describe('tierdesk sla list, one line per ticket', () => {
  it('shows a running deadline with the time left and the warning still to come', () => {
    expect(slaListLine(base, now)).toMatch(/^TD-1\s+L3\s+urgent\s+open\s+first response due 2026-03-02T12:45:00.000Z {2}in 45m {2}fast {2}\(warning at 2026-03-02T12:33:00.000Z\)$/);
  });

  it('marks an overdue ticket with how long since the breach, also when nothing is left to fire', () => {
    const e: SlaDueEntry = { ...base, target: 'resolution', due: '2026-03-02T09:55:00.000Z', overdue: true, state: 'overdue', overdueMs: 125 * 60_000, remainingMs: -125 * 60_000, next: null };
    expect(slaListLine(e, now)).toMatch(/^TD-1\s+L3\s+urgent\s+open\s+resolution due 2026-03-02T09:55:00.000Z {2}OVERDUE by 2h05m {2}fast$/);
  });

  it('shows a paused ticket as paused, with the clock time it has left (or had overdue)', () => {
    const e: SlaDueEntry = { ...base, status: 'waiting_customer', state: 'paused', pausedSince: '2026-03-02T11:30:00.000Z', remainingMs: 30 * 60_000, next: null };
    const text = slaListLine(e, now);
    expect(text).toMatch(/^TD-1\s+L3\s+urgent\s+waiting_customer\s+first response paused since 2026-03-02T11:30:00.000Z {2}30m left when resumed {2}fast$/);
    expect(text).not.toMatch(/ due |OVERDUE/);
    expect(slaListLine({ ...e, overdue: true, remainingMs: -90 * 60_000 }, now)).toMatch(/1h30m overdue when paused {2}fast$/);
  });
});
