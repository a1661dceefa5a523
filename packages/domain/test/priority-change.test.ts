import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  TransitionNotAllowedError,
  changePriority,
  closeTicket,
  createTicket,
  pauseSla,
  reprioritiseSla,
  resolveTicket,
  resumeSla,
  slaCalendar,
  startSla,
  type Priority,
  type Ticket,
} from '../src/index.js';
import { officeSlaConfig, policy } from './sla-fixtures.js';

const config = officeSlaConfig([policy({ name: 'anything', levels: [1] })]);
const agent = { agent: 'ann@agents.test' };
// Monday 2026-03-02 09:00 UTC, inside office hours.
const opened = new Date('2026-03-02T09:00:00.000Z');
const later = (minutes: number) => new Date(opened.getTime() + minutes * 60_000);

function openTicket(priority: Priority = 'normal', level: 1 | 3 = 3): Ticket {
  const t = createTicket(
    {
      id: 'TD-9',
      subject: 'Cluster down',
      customer: { email: 'c@c.test', name: 'C' },
      level,
      priority,
      category: null,
      language: 'en',
      message: { messageId: '<m@c.test>', direction: 'in', kind: null, from: 'c@c.test', at: opened.toISOString() },
    },
    opened,
  ).ticket;
  const running = { ...t, status: 'open' as const };
  return { ...running, sla: startSla(running, config, opened) };
}

describe('changePriority', () => {
  it('sets the priority with a ticket.priority_changed event naming the agent and the reason', () => {
    const change = changePriority(openTicket(), 'urgent', '  customer is down ', agent, later(30));
    expect(change.ticket.priority).toBe('urgent');
    expect(change.ticket.updatedAt).toBe(later(30).toISOString());
    expect(change.events).toEqual([{ type: 'ticket.priority_changed', data: { from: 'normal', to: 'urgent', reason: 'customer is down', by: 'ann@agents.test' } }]);
  });

  it('takes no reason as null', () => {
    const change = changePriority(openTicket(), 'low', '  ', agent, later(1));
    expect(change.events[0]?.data).toMatchObject({ reason: null, to: 'low' });
    expect(changePriority(openTicket(), 'high', null, 'system', later(1)).events[0]?.data).toMatchObject({ reason: null, by: 'system' });
  });

  it('refuses an unknown priority and the priority the ticket already has as INVALID_INPUT', () => {
    expect(() => changePriority(openTicket(), 'critical', null, agent, later(1))).toThrow(InvalidInputError);
    const same = (() => {
      try {
        changePriority(openTicket('high'), 'high', null, agent, later(1));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(same).toBeInstanceOf(InvalidInputError);
    expect((same as InvalidInputError).code).toBe('INVALID_INPUT');
  });

  it('refuses a resolved or closed ticket as TRANSITION_NOT_ALLOWED', () => {
    const resolved = resolveTicket(openTicket(), 'fixed', agent, later(5)).ticket;
    expect(() => changePriority(resolved, 'urgent', null, agent, later(6))).toThrow(TransitionNotAllowedError);
    const closed = closeTicket(resolved, 'done', later(7)).ticket;
    expect(() => changePriority(closed, 'urgent', null, agent, later(8))).toThrow(/closed; reopen it/);
  });
});

describe('reprioritiseSla', () => {
  it('picks the new priority\'s policy and counts its deadlines from the clock\'s start, not from the change', () => {
    const t = openTicket('normal');
    expect(t.sla).toMatchObject({ policy: 'office', clock: 1, startedAt: opened.toISOString() });
    const raised = changePriority(t, 'urgent', 'outage', agent, later(30)).ticket;
    const sla = reprioritiseSla(raised, config, later(30));
    // fast: PT1H / PT4H on 24x7, from 09:00, not from the change at 09:30.
    expect(sla).toMatchObject({ policy: 'fast', clock: 2, startedAt: opened.toISOString(), firstResponseDue: '2026-03-02T10:00:00.000Z', resolutionDue: '2026-03-02T13:00:00.000Z' });
  });

  it('lowering the priority goes back to the slower policy, also from the clock\'s start', () => {
    const urgent = openTicket('urgent');
    expect(urgent.sla.policy).toBe('fast');
    const lowered = changePriority(urgent, 'normal', null, agent, later(45)).ticket;
    // office: PT4H of office hours from Monday 09:00 with a lunch break is 14:00; PT16H is Wednesday 09:00 (7 h Monday, 8 h Tuesday).
    expect(reprioritiseSla(lowered, config, later(45))).toMatchObject({ policy: 'office', firstResponseDue: '2026-03-02T14:00:00.000Z', resolutionDue: '2026-03-04T09:00:00.000Z' });
  });

  it('adds back the business time the clock stood paused and leaves a paused clock paused', () => {
    const t = openTicket('normal');
    const paused = pauseSla(t.sla, later(10));
    const resumed = resumeSla(paused, slaCalendar(config, 'office'), later(40));
    expect(resumed.pausedMs).toBe(30 * 60_000);
    const raised = { ...changePriority({ ...t, sla: resumed }, 'urgent', null, agent, later(50)).ticket };
    expect(reprioritiseSla(raised, config, later(50))).toMatchObject({ policy: 'fast', resolutionDue: '2026-03-02T13:30:00.000Z', pausedSince: null });
    const stillPaused = changePriority({ ...t, sla: paused }, 'urgent', null, agent, later(20)).ticket;
    expect(reprioritiseSla(stillPaused, config, later(20))).toMatchObject({ policy: 'fast', resolutionDue: '2026-03-02T13:00:00.000Z', pausedSince: later(10).toISOString() });
  });

  it('keeps a given first response\'s deadline and the recorded breaches', () => {
    const t = openTicket('normal');
    const answered: Ticket = { ...t, firstResponseAt: later(5).toISOString(), sla: { ...t.sla, breaches: [{ target: 'resolution', at: later(1).toISOString() }] } };
    const sla = reprioritiseSla(changePriority(answered, 'urgent', null, agent, later(10)).ticket, config, later(10));
    expect(sla.firstResponseDue).toBe(t.sla.firstResponseDue);
    expect(sla.breaches).toHaveLength(1);
  });

  it('keeps the clock as it is when the policy stays the same', () => {
    const t = openTicket('normal');
    const sla = reprioritiseSla(changePriority(t, 'high', null, agent, later(10)).ticket, config, later(10));
    expect(sla).toBe(t.sla);
  });

  it('starts a fresh clock at the change when none was running', () => {
    const t = openTicket('normal', 1);
    const noClock = { ...t, sla: { ...t.sla, policy: null, startedAt: null, firstResponseDue: null, resolutionDue: null } };
    const sla = reprioritiseSla(changePriority(noClock, 'urgent', null, agent, later(10)).ticket, config, later(10));
    expect(sla).toMatchObject({ policy: 'anything', startedAt: later(10).toISOString() });
  });
});
