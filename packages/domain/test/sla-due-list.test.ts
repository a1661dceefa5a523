import { describe, expect, it } from 'vitest';
import {
  createTicket,
  pauseSla,
  recordSlaFiring,
  selectSlaDue,
  slaStanding,
  startSla,
  type SlaStandingState,
  type Ticket,
} from '../src/index.js';
import { officeSlaConfig } from './sla-fixtures.js';

const config = officeSlaConfig();

const d = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;

function opened(id: string, priority: 'urgent' | 'normal', at: string, level: 2 | 3 = 3): Ticket {
  const message = { messageId: `<${id}@example.com>`, direction: 'in' as const, kind: null, from: 'c@example.com', at };
  const t = createTicket({ id, subject: 's', customer: { email: 'c@example.com', name: 'C' }, level, priority, category: null, language: 'en', message }, d(at)).ticket;
  return { ...t, status: 'open', sla: startSla(t, config, d(at)) };
}
/** The ticket with every SLA moment up to `until` recorded, as the sla-timer would have. */
function fired(t: Ticket, until: string): Ticket {
  let x = t;
  for (const [target, kind, at] of [
    ['firstResponse', 'warning', '2026-03-02T10:48:00Z'],
    ['firstResponse', 'breach', '2026-03-02T11:00:00Z'],
    ['resolution', 'warning', '2026-03-02T13:12:00Z'],
    ['resolution', 'breach', '2026-03-02T14:00:00Z'],
  ] as const) {
    if (d(at) <= d(until)) x = recordSlaFiring(x, target, kind, d(at)).ticket;
  }
  return x;
}

describe('slaStanding', () => {
  const t = opened('TD-1', 'urgent', '2026-03-02T10:00:00Z');

  it('is due, by the earliest owed deadline, while every deadline is ahead', () => {
    const s = slaStanding(t, config, d('2026-03-02T10:30:00Z'))!;
    expect(s).toMatchObject({ state: 'due', target: 'firstResponse', remainingMs: 30 * 60_000, overdueMs: null, pausedSince: null });
    expect(s.due.toISOString()).toBe('2026-03-02T11:00:00.000Z');
    expect(s.next).toMatchObject({ kind: 'warning', target: 'firstResponse' });
  });

  it('is overdue once a deadline passed, before and after its breach is recorded, with the time since', () => {
    const late = slaStanding(t, config, d('2026-03-02T11:20:00Z'))!;
    expect(late).toMatchObject({ state: 'overdue', target: 'firstResponse', overdueMs: 20 * 60_000, remainingMs: -20 * 60_000 });
    expect(late.next).toMatchObject({ kind: 'breach', target: 'firstResponse' });
    // Breach recorded: the timer moves on to the resolution warning, the ticket is still overdue.
    const recorded = slaStanding(fired(t, '2026-03-02T11:00:00Z'), config, d('2026-03-02T11:20:00Z'))!;
    expect(recorded).toMatchObject({ state: 'overdue', target: 'firstResponse', overdueMs: 20 * 60_000 });
    expect(recorded.next).toMatchObject({ kind: 'warning', target: 'resolution' });
  });

  it('stays overdue with nothing left to fire once every deadline is breached', () => {
    const s = slaStanding(fired(t, '2026-03-02T14:00:00Z'), config, d('2026-03-02T15:30:00Z'))!;
    expect(s).toMatchObject({ state: 'overdue', target: 'firstResponse', overdueMs: 4.5 * HOUR, next: null });
  });

  it('follows resolution alone once the first response is given, and owes nothing once resolved or without a policy', () => {
    const answered = { ...t, firstResponseAt: '2026-03-02T10:05:00Z' };
    expect(slaStanding(answered, config, d('2026-03-02T12:00:00Z'))).toMatchObject({ state: 'due', target: 'resolution', remainingMs: 2 * HOUR });
    expect(slaStanding({ ...answered, status: 'resolved' }, config, d('2026-03-02T15:00:00Z'))).toBeNull();
    expect(slaStanding({ ...t, status: 'closed' }, config, d('2026-03-02T15:00:00Z'))).toBeNull();
    expect(slaStanding(opened('TD-2', 'normal', '2026-03-02T10:00:00Z', 2), config, d('2026-03-02T10:00:00Z'))).toBeNull();
  });

  it('is paused while waiting on the customer, with the business time left when it resumes', () => {
    // Business policy, Mon 08:00: first response due 12:00; paused at 11:30 with 30 minutes left.
    const b = opened('TD-3', 'normal', '2026-03-02T08:00:00Z');
    const paused = { ...b, status: 'waiting_customer' as const, sla: pauseSla(b.sla, d('2026-03-02T11:30:00Z')) };
    const s = slaStanding(paused, config, d('2026-03-02T16:00:00Z'))!;
    // Hours later, past the stored deadline, it is still paused, not overdue.
    expect(s).toMatchObject({ state: 'paused', target: 'firstResponse', remainingMs: 30 * 60_000, overdueMs: null, next: null });
    expect(s.pausedSince?.toISOString()).toBe('2026-03-02T11:30:00.000Z');
    // Paused after the deadline had passed: negative, how long it had been overdue.
    const late = { ...b, status: 'waiting_consent' as const, sla: pauseSla(b.sla, d('2026-03-02T12:45:00Z')) };
    expect(slaStanding(late, config, d('2026-03-02T16:00:00Z'))).toMatchObject({ state: 'paused', remainingMs: -45 * 60_000 });
  });
});

describe('selectSlaDue', () => {
  const c = (id: string, state: SlaStandingState, remainingMin: number) => ({ id, state, remainingMs: remainingMin * 60_000 });
  const candidates = [
    c('TD-1', 'due', 90),
    c('TD-2', 'paused', 20),
    c('TD-3', 'due', 10),
    c('TD-4', 'overdue', -5),
    c('TD-5', 'paused', 300),
    c('TD-6', 'overdue', -600),
    c('TD-7', 'due', 45),
    c('TD-8', 'paused', -30),
    c('TD-10', 'due', 45),
  ];
  const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

  it('lists overdue tickets first (longest overdue first) whatever the window, then due soonest first, then paused', () => {
    expect(ids(selectSlaDue(candidates, HOUR).items)).toEqual(['TD-6', 'TD-4', 'TD-3', 'TD-7', 'TD-10', 'TD-8', 'TD-2']);
    expect(ids(selectSlaDue(candidates, 0).items)).toEqual(['TD-6', 'TD-4', 'TD-8']);
    expect(ids(selectSlaDue(candidates, 10 * HOUR).items)).toEqual(['TD-6', 'TD-4', 'TD-3', 'TD-7', 'TD-10', 'TD-1', 'TD-8', 'TD-2', 'TD-5']);
  });

  it('applies the limit after filtering and sorting, and counts what qualified', () => {
    // Tickets outside the window come first in the input: they must not use up the limit.
    const input = [c('TD-20', 'due', 600), c('TD-21', 'due', 700), c('TD-22', 'paused', 800), ...candidates];
    const two = selectSlaDue(input, HOUR, 2);
    expect(ids(two.items)).toEqual(['TD-6', 'TD-4']);
    expect(two.total).toBe(7);
    const four = selectSlaDue(input, HOUR, 4);
    expect(ids(four.items)).toEqual(['TD-6', 'TD-4', 'TD-3', 'TD-7']);
    expect(selectSlaDue(input, HOUR, 100).items).toHaveLength(7);
    expect(selectSlaDue([], HOUR, 5)).toEqual({ items: [], total: 0 });
  });

  it('keeps the entries it is given, untouched', () => {
    const withExtra = candidates.map((x) => ({ ...x, subject: `about ${x.id}` }));
    const out = selectSlaDue(withExtra, HOUR, 1).items[0]!;
    expect(out).toBe(withExtra.find((x) => x.id === 'TD-6'));
  });
});
