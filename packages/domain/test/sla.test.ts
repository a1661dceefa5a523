import { describe, expect, it } from 'vitest';
import {
  applySla,
  changeLevel,
  createTicket,
  computeSlaDue,
  matchPolicy,
  nextSlaTimer,
  recordAgentReply,
  recordSlaFiring,
  slaEscalationOnBreach,
  slaEscalationReason,
  startSla,
  type Level,
  type Priority,
  type SlaPolicyConfig,
  type Ticket,
  type TierdeskConfig,
} from '../src/index.js';
import { policy } from './sla-fixtures.js';

const lunchBreak: Array<[string, string]> = [['08:00', '12:00'], ['13:00', '17:00']];
// The example config's policies, in its order.
const policies: SlaPolicyConfig[] = [
  policy({ name: 'urgent-product-experts', levels: [3], priorities: ['urgent'], firstResponse: 'PT1H', resolution: 'PT8H', calendar: '24x7', warnAtPercent: 75, escalateOnBreach: true }),
  policy({ name: 'urgent-vendor', levels: [4], priorities: ['urgent'], firstResponse: 'PT2H', resolution: 'PT24H', calendar: '24x7', warnAtPercent: 75 }),
  policy({ name: 'product-experts', levels: [3], priorities: ['low', 'normal', 'high'], firstResponse: 'PT4H', resolution: 'PT40H' }),
  policy({ name: 'vendor-contract', levels: [4], priorities: ['low', 'normal', 'high'], firstResponse: 'PT8H', resolution: 'PT80H' }),
  policy({ name: 'helpdesk-first-response', levels: [1, 2], firstResponse: 'PT8H' }),
];
const config = {
  timezone: 'Europe/Berlin',
  businessHours: { mon: lunchBreak, tue: lunchBreak, wed: lunchBreak, thu: lunchBreak, fri: lunchBreak, sat: [], sun: [] },
  holidays: ['2026-04-03', '2026-04-06'],
  sla: { policies },
  agents: [],
  escalationContacts: [],
} as unknown as TierdeskConfig;

function ticket(level: Level, priority: Priority, at: string): Ticket {
  const message = { messageId: '<m1@example.com>', direction: 'in' as const, kind: null, from: 'c@example.com', at };
  return createTicket({ id: 'TD-1', subject: 's', customer: { email: 'c@example.com', name: 'C' }, level, priority, category: null, language: 'en', message }, new Date(at)).ticket;
}

describe('policy matching', () => {
  it('takes the first policy whose levels and priorities both match', () => {
    expect(matchPolicy(policies, 3, 'urgent')?.name).toBe('urgent-product-experts');
    expect(matchPolicy(policies, 3, 'high')?.name).toBe('product-experts');
    expect(matchPolicy(policies, 4, 'low')?.name).toBe('vendor-contract');
    expect(matchPolicy(policies, 2, 'urgent')?.name).toBe('helpdesk-first-response');
    expect(matchPolicy(policies, 0, 'urgent')).toBeNull();
  });

  it('lets an earlier, broader policy shadow a later one', () => {
    const broad = policy({ name: 'everything-level-3', levels: [3], firstResponse: 'PT1H' });
    expect(matchPolicy([broad, ...policies], 3, 'urgent')?.name).toBe('everything-level-3');
    expect(matchPolicy([...policies, broad], 3, 'urgent')?.name).toBe('urgent-product-experts');
  });
});

describe('computeSlaDue (tierdesk sla due)', () => {
  it('computes business deadlines around the lunch break and over days', () => {
    // Mon 2026-03-02 09:00 CET: 3 h to noon + 1 h after lunch = 14:00; 40 h = Mon 7 h + 4 × 8 h + 1 h.
    expect(computeSlaDue(config, 3, 'normal', new Date('2026-03-02T08:00:00Z'))).toEqual({
      policy: 'product-experts',
      firstResponseDue: '2026-03-02T13:00:00.000Z',
      resolutionDue: '2026-03-09T08:00:00.000Z',
    });
  });

  it('computes 24x7 deadlines in real time', () => {
    expect(computeSlaDue(config, 3, 'urgent', new Date('2026-03-07T22:30:00Z'))).toEqual({
      policy: 'urgent-product-experts',
      firstResponseDue: '2026-03-07T23:30:00.000Z',
      resolutionDue: '2026-03-08T06:30:00.000Z',
    });
  });

  it('skips the Easter holidays', () => {
    // Thu 2026-04-02 16:00 CEST; Good Friday and Easter Monday are holidays → Tue 08:00 + 7 h.
    expect(computeSlaDue(config, 4, 'normal', new Date('2026-04-02T14:00:00Z')).firstResponseDue).toBe('2026-04-07T14:00:00.000Z');
  });

  it('gives nulls without a policy or without a target', () => {
    expect(computeSlaDue(config, 0, 'normal', new Date('2026-03-02T08:00:00Z'))).toEqual({ policy: null, firstResponseDue: null, resolutionDue: null });
    expect(computeSlaDue(config, 1, 'normal', new Date('2026-03-02T08:00:00Z'))).toMatchObject({ policy: 'helpdesk-first-response', resolutionDue: null });
  });
});

describe('startSla', () => {
  it('arms the matching policy from now', () => {
    const t = ticket(3, 'normal', '2026-03-02T08:00:00Z');
    const sla = startSla(t, config, new Date('2026-03-02T08:00:00Z'));
    expect(sla).toMatchObject({
      policy: 'product-experts',
      firstResponseDue: '2026-03-02T13:00:00.000Z',
      resolutionDue: '2026-03-09T08:00:00.000Z',
      pausedSince: null,
      startedAt: '2026-03-02T08:00:00.000Z',
      clock: 1,
      breaches: [],
    });
  });

  it('keeps no policy when none matches', () => {
    const sla = startSla(ticket(0, 'normal', '2026-03-02T08:00:00Z'), config, new Date('2026-03-02T08:00:00Z'));
    expect(sla).toMatchObject({ policy: null, firstResponseDue: null, resolutionDue: null, pausedSince: null });
    expect(nextSlaTimer({ ...ticket(0, 'normal', '2026-03-02T08:00:00Z'), sla }, config, new Date('2026-03-02T08:00:00Z'))).toBeNull();
  });

  describe('when an escalation restarts the clock after a breach and a first response', () => {
    const opened = new Date('2026-03-02T08:00:00Z');
    let t = ticket(3, 'urgent', opened.toISOString());
    t = { ...t, sla: startSla(t, config, opened) };
    t = recordAgentReply(t, 'a@example.com', { messageId: '<r1@x>', direction: 'out', kind: 'agent-reply', from: 'a@example.com', at: '2026-03-02T08:30:00Z' }, new Date('2026-03-02T08:30:00Z')).ticket;
    t = { ...t, status: 'open' };
    const breachedAt = new Date('2026-03-02T16:00:00Z');
    t = recordSlaFiring(t, 'resolution', 'breach', breachedAt).ticket;
    const level = slaEscalationOnBreach(t, config);
    const escalation = changeLevel(t, level ?? 3, slaEscalationReason(t.sla.policy, 'resolution', t.sla.resolutionDue ?? ''), 'system', breachedAt);
    const escalated = escalation.ticket;
    const restarted = { ...escalated, sla: startSla(escalated, config, breachedAt) };

    it('escalates one level up because the policy says so', () => {
      expect(level).toBe(4);
      expect(escalation.events[0]).toEqual({
        type: 'ticket.escalated',
        data: { from: 3, to: 4, by: 'system', reason: 'SLA "urgent-product-experts" resolution deadline 2026-03-02T16:00:00.000Z breached' },
      });
    });

    it('applies the new policy from the moment of change', () => {
      expect(restarted.sla).toMatchObject({ policy: 'urgent-vendor', resolutionDue: '2026-03-03T16:00:00.000Z', startedAt: breachedAt.toISOString(), clock: 2 });
    });

    it('keeps the first response given and the breach recorded', () => {
      expect(restarted.sla.firstResponseDue).toBe('2026-03-02T09:00:00.000Z');
      expect(restarted.sla.breaches).toEqual([{ target: 'resolution', at: '2026-03-02T16:00:00.000Z', due: '2026-03-02T16:00:00.000Z', clock: 1 }]);
    });

    it('arms the new team’s resolution deadline, first its warning', () => {
      const next = nextSlaTimer(restarted, config, breachedAt);
      expect(next).toEqual({ target: 'resolution', kind: 'warning', at: new Date('2026-03-03T10:00:00Z'), due: new Date('2026-03-03T16:00:00Z') });
    });
  });

  it('starts paused when the ticket waits for consent, with the whole duration left on resume', () => {
    const t = { ...ticket(4, 'normal', '2026-03-02T08:00:00Z'), status: 'waiting_consent' as const };
    const sla = startSla(t, config, new Date('2026-03-02T08:00:00Z'));
    expect(sla.pausedSince).toBe('2026-03-02T08:00:00.000Z');
    expect(nextSlaTimer({ ...t, sla }, config, new Date('2026-03-02T08:00:00Z'))).toBeNull();
  });
});

describe('slaEscalationOnBreach', () => {
  it('is null when the policy does not escalate, or at level 4', () => {
    const vendor = ticket(4, 'urgent', '2026-03-02T08:00:00Z');
    expect(slaEscalationOnBreach({ ...vendor, sla: startSla(vendor, config, new Date('2026-03-02T08:00:00Z')) }, config)).toBeNull();
    const experts = ticket(3, 'normal', '2026-03-02T08:00:00Z');
    expect(slaEscalationOnBreach({ ...experts, sla: startSla(experts, config, new Date('2026-03-02T08:00:00Z')) }, config)).toBeNull();
    const top = { ...policies[1]!, escalateOnBreach: true };
    expect(slaEscalationOnBreach({ ...vendor, sla: { ...vendor.sla, policy: top.name } }, { ...config, sla: { policies: [top] } })).toBeNull();
  });
});

describe('applySla', () => {
  it('records an sla.armed event when a deadline changes, and nothing when the state is the same', () => {
    const t = ticket(3, 'normal', '2026-03-02T08:00:00Z');
    const now = new Date('2026-03-02T08:00:00Z');
    const change = applySla(t, startSla(t, config, now), now);
    expect(change.events).toEqual([
      { type: 'sla.armed', data: { policy: 'product-experts', firstResponseDue: '2026-03-02T13:00:00.000Z', resolutionDue: '2026-03-09T08:00:00.000Z' } },
    ]);
    expect(applySla(change.ticket, change.ticket.sla, now).events).toEqual([]);
  });
});
