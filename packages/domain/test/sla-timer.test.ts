import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  ContinuousCalendar,
  createTicket,
  nextSlaTimer,
  pauseSla,
  recordSlaFiring,
  resumeSla,
  slaCalendar,
  startSla,
  type SlaTimer,
  type Ticket,
} from '../src/index.js';
import { officeSlaConfig, policy } from './sla-fixtures.js';

const config = officeSlaConfig([policy({ name: 'no-warning', levels: [4], firstResponse: 'PT1H', warnAtPercent: 100 })]);

const d = (iso: string): Date => new Date(iso);
function armed(priority: 'urgent' | 'normal', opened: string, level: 3 | 4 = 3): Ticket {
  const message = { messageId: '<m1@example.com>', direction: 'in' as const, kind: null, from: 'c@example.com', at: opened };
  const t = createTicket({ id: 'TD-9', subject: 's', customer: { email: 'c@example.com', name: 'C' }, level, priority, category: null, language: 'en', message }, d(opened)).ticket;
  return { ...t, status: 'open', sla: startSla(t, config, d(opened)) };
}
const brief = (x: SlaTimer | null): string | null => (x ? `${x.target} ${x.kind} ${x.at.toISOString()} (due ${x.due.toISOString()})` : null);

describe('nextSlaTimer', () => {
  it('fires warning then breach, first response before resolution, each once', () => {
    let t = armed('urgent', '2026-03-02T10:00:00Z');
    const fired: string[] = [];
    for (let timer = nextSlaTimer(t, config, d('2026-03-02T10:00:00Z')); timer; timer = nextSlaTimer(t, config, timer.at)) {
      fired.push(brief(timer) ?? '');
      const change = recordSlaFiring(t, timer.target, timer.kind, timer.at);
      expect(change.events).toHaveLength(1);
      t = change.ticket;
    }
    expect(fired).toEqual([
      'firstResponse warning 2026-03-02T10:48:00.000Z (due 2026-03-02T11:00:00.000Z)',
      'firstResponse breach 2026-03-02T11:00:00.000Z (due 2026-03-02T11:00:00.000Z)',
      'resolution warning 2026-03-02T13:12:00.000Z (due 2026-03-02T14:00:00.000Z)',
      'resolution breach 2026-03-02T14:00:00.000Z (due 2026-03-02T14:00:00.000Z)',
    ]);
    expect(t.sla.breaches.map((b) => b.target)).toEqual(['firstResponse', 'resolution']);
    expect(t.sla.warnings?.map((w) => w.target)).toEqual(['firstResponse', 'resolution']);
  });

  it('places business warnings by the business time left, across the lunch break', () => {
    // Mon 08:30 + 4 h = 12:00 then 13:30; 20 % (48 min) before that is 11:42.
    expect(brief(nextSlaTimer(armed('normal', '2026-03-02T08:30:00Z'), config, d('2026-03-02T08:30:00Z')))).toBe(
      'firstResponse warning 2026-03-02T11:42:00.000Z (due 2026-03-02T13:30:00.000Z)',
    );
    // From 08:48, 80 % of 4 h ends exactly at the lunch closing: the warning is at 12:00, not 13:00.
    const t = armed('normal', '2026-03-02T08:48:00Z');
    expect(brief(nextSlaTimer(t, config, d('2026-03-02T08:48:00Z')))).toBe('firstResponse warning 2026-03-02T12:00:00.000Z (due 2026-03-02T13:48:00.000Z)');
  });

  it('only follows resolution once the first response is given, and nothing once resolved', () => {
    const t = { ...armed('urgent', '2026-03-02T10:00:00Z'), firstResponseAt: '2026-03-02T10:05:00Z' };
    expect(nextSlaTimer(t, config, d('2026-03-02T10:05:00Z'))?.target).toBe('resolution');
    expect(nextSlaTimer({ ...t, status: 'resolved' }, config, d('2026-03-02T10:05:00Z'))).toBeNull();
    expect(nextSlaTimer({ ...t, status: 'closed' }, config, d('2026-03-02T10:05:00Z'))).toBeNull();
  });

  it('still returns a warning whose moment has passed while its deadline has not', () => {
    const t = armed('urgent', '2026-03-02T10:00:00Z');
    expect(brief(nextSlaTimer(t, config, d('2026-03-02T10:55:00Z')))).toBe('firstResponse warning 2026-03-02T10:48:00.000Z (due 2026-03-02T11:00:00.000Z)');
  });

  it('skips a warning whose deadline has passed too: the breach fires at once', () => {
    const t = armed('urgent', '2026-03-02T10:00:00Z');
    expect(brief(nextSlaTimer(t, config, d('2026-03-02T12:00:00Z')))).toBe('firstResponse breach 2026-03-02T11:00:00.000Z (due 2026-03-02T11:00:00.000Z)');
  });

  it('arms no warning at warnAtPercent 100', () => {
    const t = armed('normal', '2026-03-02T08:00:00Z', 4);
    expect(nextSlaTimer(t, config, d('2026-03-02T08:00:00Z'))?.kind).toBe('breach');
  });
});

describe('recordSlaFiring', () => {
  const t = armed('urgent', '2026-03-02T10:00:00Z');

  it('records the breach (CONTRACT §5) with an sla.breached event', () => {
    const change = recordSlaFiring(t, 'firstResponse', 'breach', d('2026-03-02T11:00:01Z'));
    expect(change.events).toEqual([{ type: 'sla.breached', data: { target: 'firstResponse', due: '2026-03-02T11:00:00.000Z' } }]);
    expect(change.ticket.sla.breaches).toEqual([{ target: 'firstResponse', at: '2026-03-02T11:00:01.000Z', due: '2026-03-02T11:00:00.000Z', clock: 1 }]);
    expect(change.ticket.updatedAt).toBe('2026-03-02T11:00:01.000Z');
  });

  it('is idempotent: a second recording changes nothing and emits nothing', () => {
    const once = recordSlaFiring(t, 'firstResponse', 'breach', d('2026-03-02T11:00:01Z')).ticket;
    const twice = recordSlaFiring(once, 'firstResponse', 'breach', d('2026-03-02T11:00:05Z'));
    expect(twice.events).toEqual([]);
    expect(twice.ticket).toBe(once);
    const warned = recordSlaFiring(t, 'resolution', 'warning', d('2026-03-02T13:12:00Z'));
    expect(warned.events).toEqual([{ type: 'sla.warning', data: { target: 'resolution', due: '2026-03-02T14:00:00.000Z' } }]);
    expect(recordSlaFiring(warned.ticket, 'resolution', 'warning', d('2026-03-02T13:12:00Z')).events).toEqual([]);
  });

  it('ignores a warning after its breach', () => {
    const breached = recordSlaFiring(t, 'firstResponse', 'breach', d('2026-03-02T11:00:00Z')).ticket;
    expect(recordSlaFiring(breached, 'firstResponse', 'warning', d('2026-03-02T11:00:00Z')).events).toEqual([]);
  });
});

describe('pause and resume', () => {
  it('extends a 24x7 deadline by the paused time', () => {
    const t = armed('urgent', '2026-03-02T10:00:00Z');
    const paused = pauseSla(t.sla, d('2026-03-02T10:15:00Z'));
    expect(nextSlaTimer({ ...t, status: 'waiting_customer', sla: paused }, config, d('2026-03-02T10:30:00Z'))).toBeNull();
    const resumed = resumeSla(paused, new ContinuousCalendar(), d('2026-03-02T10:45:00Z'));
    expect(resumed).toMatchObject({ firstResponseDue: '2026-03-02T11:30:00.000Z', resolutionDue: '2026-03-02T14:30:00.000Z', pausedSince: null, pausedMs: 30 * 60_000 });
    // The warning moves with its deadline: 12 minutes before it.
    expect(brief(nextSlaTimer({ ...t, sla: resumed }, config, d('2026-03-02T10:45:00Z')))).toBe(
      'firstResponse warning 2026-03-02T11:18:00.000Z (due 2026-03-02T11:30:00.000Z)',
    );
  });

  it('extends a business deadline by the paused business time only', () => {
    // Due Mon 13:30 (08:30 + 4 h); paused Mon 11:00 with 1 h 30 left, resumed Tue 09:00 → Tue
    // 10:30. The 6 h of business time paused moved it; the night did not.
    const t = armed('normal', '2026-03-02T08:30:00Z');
    const cal = slaCalendar(config, t.sla.policy);
    expect(cal).toBeInstanceOf(BusinessCalendar);
    const resumed = resumeSla(pauseSla(t.sla, d('2026-03-02T11:00:00Z')), cal, d('2026-03-03T09:00:00Z'));
    expect(resumed.firstResponseDue).toBe('2026-03-03T10:30:00.000Z');
    expect(resumed.pausedMs).toBe(6 * 3_600_000);
    expect(cal.businessTimeBetween(d(t.sla.firstResponseDue ?? ''), d(resumed.firstResponseDue ?? ''))).toBe(6 * 3_600_000);
    expect(cal.businessTimeBetween(d('2026-03-03T09:00:00Z'), d(resumed.resolutionDue ?? ''))).toBe(cal.businessTimeBetween(d('2026-03-02T11:00:00Z'), d(t.sla.resolutionDue ?? '')));
  });

  it('is idempotent', () => {
    const t = armed('urgent', '2026-03-02T10:00:00Z');
    const paused = pauseSla(t.sla, d('2026-03-02T10:15:00Z'));
    expect(pauseSla(paused, d('2026-03-02T10:20:00Z'))).toBe(paused);
    expect(resumeSla(t.sla, new ContinuousCalendar(), d('2026-03-02T10:20:00Z'))).toBe(t.sla);
  });

  it('keeps a deadline that had passed before the pause', () => {
    const t = armed('urgent', '2026-03-02T10:00:00Z');
    const resumed = resumeSla(pauseSla(t.sla, d('2026-03-02T11:30:00Z')), new ContinuousCalendar(), d('2026-03-02T12:30:00Z'));
    expect(resumed.firstResponseDue).toBe('2026-03-02T11:00:00.000Z');
    expect(resumed.resolutionDue).toBe('2026-03-02T15:00:00.000Z');
  });

  it('does not repeat a warning already sent when the deadline moves', () => {
    let t = armed('urgent', '2026-03-02T10:00:00Z');
    t = recordSlaFiring(t, 'firstResponse', 'warning', d('2026-03-02T10:48:00Z')).ticket;
    const sla = resumeSla(pauseSla(t.sla, d('2026-03-02T10:50:00Z')), new ContinuousCalendar(), d('2026-03-02T11:50:00Z'));
    expect(brief(nextSlaTimer({ ...t, sla }, config, d('2026-03-02T11:50:00Z')))).toBe('firstResponse breach 2026-03-02T12:00:00.000Z (due 2026-03-02T12:00:00.000Z)');
  });
});

describe('pause and resume, for any pause', () => {
  const H = 3_600_000;
  const cal = slaCalendar(config, 'office');
  const start = Date.UTC(2026, 2, 2, 8);
  it('moves a pending deadline by exactly the business time paused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 * H }), fc.integer({ min: 0, max: 60 * H }), fc.integer({ min: 0, max: 200 * H }), (len, pauseAfter, pauseFor) => {
        const due = cal.addBusinessTime(d('2026-03-02T08:00:00Z'), len);
        const sla = { ...armed('normal', '2026-03-02T08:00:00Z').sla, firstResponseDue: due.toISOString(), resolutionDue: null };
        const [p, r] = [new Date(start + pauseAfter), new Date(start + pauseAfter + pauseFor)];
        const resumed = resumeSla(pauseSla(sla, p), cal, r);
        const moved = d(resumed.firstResponseDue ?? '');
        if (p.getTime() >= due.getTime()) {
          expect(moved).toEqual(due);
        } else {
          expect(cal.businessTimeBetween(r, moved)).toBe(cal.businessTimeBetween(p, due));
          expect(cal.businessTimeBetween(due, moved)).toBe(cal.businessTimeBetween(p, r));
        }
      }),
    );
  });
});
