import { describe, expect, it } from 'vitest';
import { NOTIFIED_EVENT_TYPES, type TicketEventType } from '@tierdesk/domain';
import { SLA_EVENT_TYPES } from '@tierdesk/sla-timer';
import { EVENT_ROUTES, queuesForEvent } from '../src/queues.js';

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

  it('give a new ticket (created, message received, classified, status changed) nine jobs, not seventeen', () => {
    const types: TicketEventType[] = ['ticket.created', 'message.received', 'ticket.classified', 'ticket.status_changed'];
    expect(types.flatMap((t) => queuesForEvent(t))).toHaveLength(9);
  });
});
