import { describe, expect, it } from 'vitest';
import { NOTIFIED_EVENT_TYPES, type TicketEvent, type TicketEventType } from '@tierdesk/domain';
import { SLA_EVENT_TYPES } from '@tierdesk/sla-timer';
import { EVENT_ROUTES, changeOf, jobsForEvents, queuesFor, queuesForEvent } from '../src/queues.js';

const routed = (queue: keyof typeof EVENT_ROUTES): readonly TicketEventType[] => {
  const r = EVENT_ROUTES[queue];
  if (!r || r === '*') throw new Error(`${queue} takes every event`);
  return r;
};

/** The routes are narrowed to what each processor acts on; these keep them from missing a type. */
describe('event routes', () => {
  it('send the notify queue every type planNotifications answers', () => {
    expect([...routed('notify')].sort()).toEqual([...NOTIFIED_EVENT_TYPES].sort());
  });

  it('send the sla queue every type that can move an SLA clock', () => {
    expect([...routed('sla')].sort()).toEqual([...SLA_EVENT_TYPES].sort());
  });

  it('give a new ticket (created, message received, classified, status changed) ten jobs by type, not seventeen', () => {
    const types: TicketEventType[] = ['ticket.created', 'message.received', 'ticket.classified', 'ticket.status_changed'];
    expect(types.flatMap((t) => queuesForEvent(t))).toHaveLength(10);
  });
});

function event(type: TicketEventType, data: Record<string, unknown>, id = 'TD-1:1.0'): TicketEvent {
  return { id, type, v: 1, ticketId: id.slice(0, id.indexOf(':')), at: '2026-11-25T10:00:00.000Z', data } as unknown as TicketEvent;
}
const classified = (level: number) => event('ticket.classified', { level, category: null, language: 'en', confidence: 1, needsTriage: false, explanation: [], kb: [], vendor: null, priority: 'normal' });
const received = (d: Record<string, unknown>) => event('message.received', { messageId: '<m@x>', from: 'c@x', role: 'customer', autoSubmitted: false, bounce: false, newTicket: false, ...d });

describe('event skips (what a processor would ignore costs no job)', () => {
  it('send a classified ticket to the level service it concerns only', () => {
    expect(queuesFor(classified(1)).sort()).toEqual(['notify', 'sla']);
    expect(queuesFor(classified(0))).toContain('selfhelp');
    expect(queuesFor(classified(2))).toContain('callbacks');
    expect(queuesFor(classified(4))).toContain('vendor');
    expect(queuesFor(classified(3)).sort()).toEqual(['notify', 'sla']);
  });

  it('keep the message that opened a ticket, automatic mail and bounces from callbacks, notify and vendor', () => {
    expect(queuesFor(received({ newTicket: true }))).toEqual([]);
    expect(queuesFor(received({ bounce: true }))).toEqual([]);
    expect(queuesFor(received({ autoSubmitted: true }))).toEqual(['vendor']);
    expect(queuesFor(received({ role: 'vendor' }))).toEqual(['vendor']);
    expect(queuesFor(received({ role: 'unknown' }))).toEqual(['vendor']);
    // A customer writing again: the agents are told (notify), besides callbacks and vendor.
    expect(queuesFor(received({})).sort()).toEqual(['callbacks', 'notify', 'vendor']);
  });

  it('give a new level-1 ticket four event jobs', () => {
    const events = [event('ticket.created', {}), received({ newTicket: true }), classified(1), event('ticket.status_changed', { from: 'new', to: 'open', reason: 'triaged' })];
    expect(events.flatMap((e) => queuesFor(e))).toHaveLength(4);
  });

  it('drop only events of types the queue is routed', () => {
    for (const e of [classified(1), received({})]) for (const q of queuesFor(e)) expect(queuesForEvent(e.type)).toContain(q);
  });
});

describe('coalescing (one SLA job per ticket change)', () => {
  // A new level-1 ticket as triage writes it: one change, four events.
  const newTicket = (ticket: string, version: number) => {
    const id = (i: number) => `${ticket}:${version}.${i}`;
    return [
      event('ticket.created', {}, id(0)),
      event('message.received', { messageId: '<m@x>', from: 'c@x', role: 'customer', autoSubmitted: false, bounce: false, newTicket: true }, id(1)),
      { ...classified(1), id: id(2), ticketId: ticket },
      event('ticket.status_changed', { from: 'new', to: 'open', reason: 'triaged' }, id(3)),
    ];
  };

  it('give a new level-1 ticket one notify job and one SLA job, for the change\'s last SLA event', () => {
    const jobs = jobsForEvents(newTicket('TD-1', 1));
    expect([...jobs.keys()].sort()).toEqual(['notify', 'sla']);
    expect(jobs.get('notify')?.map((e) => e.type)).toEqual(['ticket.classified']);
    expect(jobs.get('sla')?.map((e) => e.id)).toEqual(['TD-1:1.3']);
  });

  it('keep one SLA job per change: other tickets and later versions of the same ticket get their own', () => {
    const later = event('ticket.status_changed', { from: 'open', to: 'waiting_customer', reason: 'asked' }, 'TD-1:2.0');
    const events = [...newTicket('TD-1', 1), ...newTicket('TD-12', 1), later];
    const sla = jobsForEvents(events).get('sla')?.map((e) => e.id);
    expect(sla).toEqual(['TD-1:1.3', 'TD-12:1.3', 'TD-1:2.0']);
    // Notify is not coalesced: every event it is routed is a job.
    expect(jobsForEvents([...events, { ...classified(2), id: 'TD-1:2.1' }]).get('notify')?.map((e) => e.id)).toEqual(['TD-1:1.2', 'TD-12:1.2', 'TD-1:2.1']);
  });

  it('tell changes apart by ticket and version, not by index', () => {
    expect(changeOf(event('ticket.created', {}, 'TD-10:3.12'))).toBe('TD-10:3');
    expect(changeOf(event('ticket.created', {}, 'TD-1:3.0'))).not.toBe(changeOf(event('ticket.created', {}, 'TD-1:4.0')));
  });
});
