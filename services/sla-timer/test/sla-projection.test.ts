import { describe, expect, it } from 'vitest';
import {
  chain,
  changeLevel,
  changePriority,
  changeStatus,
  createTicket,
  newEvent,
  recordAgentReply,
  recordSlaFiring,
  reopenTicket,
  resolveTicket,
  type Ticket,
  type TicketChange,
  type TicketEvent,
} from '@tierdesk/domain';
import { projectSla, sameSlaClock } from '../src/sla-projection.js';
import { testConfig } from './support.js';

const config = testConfig();
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000);
const iso = (s: number) => at(s).toISOString();

/** Applies changes one after the other, keeping the event log the way the store does. */
function history(...steps: Array<[number, (t: Ticket, now: Date) => TicketChange]>): Ticket {
  let ticket = null as unknown as Ticket;
  let version = 0;
  for (const [s, step] of steps) {
    const change = step(ticket, at(s));
    version++;
    const events = change.events.map((e, i) => ({ ...e, id: `TD-1:${version}.${i}`, v: 1, ticketId: 'TD-1', at: iso(s) }) as TicketEvent);
    ticket = { ...change.ticket, version, events: [...(ticket?.events ?? []), ...events] };
  }
  return ticket;
}

const message = { messageId: '<m@c.test>', direction: 'in' as const, kind: null, from: 'c@c.test', at: iso(0) };
const opened = (level: 2 | 3): [number, (t: Ticket, now: Date) => TicketChange] => [
  0,
  (_t, now) =>
    chain(createTicket({ id: 'TD-1', subject: 's', customer: { email: 'c@c.test', name: 'C' }, level, priority: 'normal', category: null, language: 'en', message }, now), (t) =>
      chain(
        { ticket: t, events: [newEvent('ticket.classified', { level, category: null, language: 'en', confidence: 1, needsTriage: false, explanation: [], kb: [], vendor: null, priority: 'normal' })] },
        (x) => changeStatus(x, 'open', 'triaged', now),
      ),
    ),
];

describe('projectSla', () => {
  it('starts the clock at the first classification', () => {
    const t = history(opened(3));
    expect(projectSla(t, config)).toMatchObject({ policy: 'l3-fast', clock: 1, startedAt: iso(0), resolutionDue: iso(3), pausedSince: null, pausedMs: 0 });
  });

  it('pauses while waiting on the customer and gives the time back on resume', () => {
    const t = history(opened(2), [1, (x, n) => changeStatus(x, 'waiting_customer', 'asked', n)], [61, (x, n) => changeStatus(x, 'open', 'answered', n)]);
    expect(projectSla(t, config)).toMatchObject({ policy: 'l2-pausable', clock: 1, resolutionDue: iso(64), pausedSince: null, pausedMs: 60_000 });
    const stillWaiting = history(opened(2), [1, (x, n) => changeStatus(x, 'waiting_customer', 'asked', n)]);
    expect(projectSla(stillWaiting, config)).toMatchObject({ resolutionDue: iso(4), pausedSince: iso(1) });
  });

  it('starts a new clock on escalation and reopening, keeping a given first response; a priority change keeping the policy keeps the clock', () => {
    const escalated = history(opened(3), [2, (x, n) => changeLevel(x, 4, 'needs the vendor', 'system', n)]);
    expect(projectSla(escalated, config)).toMatchObject({ policy: 'l4-slow', clock: 2, startedAt: iso(2), firstResponseDue: iso(62), resolutionDue: iso(122) });
    const answered = history(
      opened(3),
      [2, (x, n) => changeLevel(x, 4, 'vendor', 'system', n)],
      [10, (x, n) => recordAgentReply(x, 'a@agents.test', { ...message, messageId: '<r@x>', direction: 'out', at: n.toISOString() }, n)],
      [20, (x, n) => changePriority(x, 'urgent', 'customer is down', { agent: 'a@agents.test' }, n)],
    );
    // The reply paused the clock (waiting_customer); urgent keeps l4-slow, so the priority change leaves the clock as it was.
    expect(projectSla(answered, config)).toMatchObject({ policy: 'l4-slow', clock: 2, startedAt: iso(2), firstResponseDue: iso(62), resolutionDue: iso(122), pausedSince: iso(10) });
    const reopened = history(opened(2), [1, (x, n) => resolveTicket(x, 'done', 'system', n)], [100, (x, n) => reopenTicket(x, 'not done', n)]);
    expect(projectSla(reopened, config)).toMatchObject({ clock: 2, startedAt: iso(100), resolutionDue: iso(104) });
  });

  it('keeps recorded warnings and breaches, and is the same however often it is computed', () => {
    let t = history(opened(2));
    t = { ...t, sla: projectSla(t, config) };
    t = { ...t, ...recordSlaFiring(t, 'resolution', 'breach', at(5)).ticket };
    const again = projectSla(t, config);
    expect(again.breaches).toHaveLength(1);
    expect(sameSlaClock(again, t.sla)).toBe(true);
  });

  it('has no clock for a ticket without a matching policy', () => {
    const t = history([0, (_t, now) => createTicket({ id: 'TD-1', subject: 's', customer: { email: 'c@c.test', name: 'C' }, level: 1, priority: 'low', category: null, language: 'en', message }, now)]);
    expect(projectSla(t, config)).toMatchObject({ policy: null, clock: 0, resolutionDue: null });
  });
});
