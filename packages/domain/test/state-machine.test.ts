import { describe, expect, it } from 'vitest';
import {
  ALLOWED_TRANSITIONS,
  TICKET_STATUSES,
  TransitionNotAllowedError,
  InvalidInputError,
  assertTransition,
  canTransition,
  changeLevel,
  changeStatus,
  closeTicket,
  createTicket,
  recordAgentReply,
  reopenTicket,
  resolveTicket,
  type Ticket,
  type TicketStatus,
} from '../src/index.js';

const now = new Date('2026-11-25T10:00:00Z');

function ticket(status: TicketStatus = 'open', level: 0 | 1 | 2 | 3 | 4 = 1, extra: Partial<Ticket> = {}): Ticket {
  const { ticket: t } = createTicket(
    {
      id: 'TD-1',
      subject: 's',
      customer: { email: 'c@x.test', name: 'C' },
      level,
      priority: 'normal',
      category: null,
      language: 'en',
      message: { messageId: '<m1@x>', direction: 'in', kind: null, from: 'c@x.test', at: now.toISOString() },
    },
    now,
  );
  return { ...t, status, ...extra };
}

const EXPECTED: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'waiting_customer', 'callback_scheduled', 'waiting_consent', 'resolved', 'closed'],
  open: ['waiting_customer', 'callback_scheduled', 'waiting_consent', 'waiting_vendor', 'resolved', 'closed'],
  waiting_customer: ['open', 'callback_scheduled', 'waiting_consent', 'resolved', 'closed'],
  callback_scheduled: ['open', 'waiting_customer', 'waiting_consent', 'resolved', 'closed'],
  waiting_consent: ['open', 'waiting_vendor', 'resolved', 'closed'],
  waiting_vendor: ['open', 'waiting_customer', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

describe('ticket state machine', () => {
  it('has exactly the documented transitions', () => {
    expect(ALLOWED_TRANSITIONS).toEqual(EXPECTED);
  });

  // Every ordered pair of statuses: 64 cases, each allowed or refused.
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      if (from === to) continue;
      const allowed = EXPECTED[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        const t = ticket(from, 4, to === 'waiting_vendor' ? { consent: { status: 'granted', vendorId: 'nas', requestedAt: now.toISOString(), decidedAt: now.toISOString(), channel: 'link', reminders: 0 } } : {});
        if (allowed) {
          const change = changeStatus(t, to, 'test', now);
          expect(change.ticket.status).toBe(to);
          expect(change.events).toEqual([{ type: 'ticket.status_changed', data: { from, to, reason: 'test' } }]);
        } else {
          expect(() => changeStatus(t, to, 'test', now)).toThrow(TransitionNotAllowedError);
        }
      });
    }
  }

  it('changing to the same status is a no-op with no event', () => {
    const t = ticket('open');
    expect(changeStatus(t, 'open', 'x', now)).toEqual({ ticket: t, events: [] });
  });

  it('never lets a ticket reach the vendor without granted consent', () => {
    for (const consent of [null, 'requested', 'denied', 'expired'] as const) {
      const t = ticket('waiting_consent', 4, {
        consent: consent ? { status: consent, vendorId: 'nas', requestedAt: now.toISOString(), decidedAt: null, channel: null, reminders: 0 } : null,
      });
      expect(() => assertTransition(t, 'waiting_vendor')).toThrow(/consent/);
    }
  });
});

describe('levels', () => {
  it('escalates upward with a reason, reopening a waiting self-help ticket', () => {
    const c = changeLevel(ticket('waiting_customer', 0), 1, 'did not help', 'system', now);
    expect(c.ticket.level).toBe(1);
    expect(c.ticket.status).toBe('open');
    expect(c.events.map((e) => e.type)).toEqual(['ticket.escalated', 'ticket.status_changed']);
  });

  it('lets only an agent lower a level, and only with a reason', () => {
    const t = ticket('open', 3);
    expect(() => changeLevel(t, 1, 'wrong level', 'system', now)).toThrow(TransitionNotAllowedError);
    expect(() => changeLevel(t, 1, '  ', { agent: 'a@x' }, now)).toThrow(InvalidInputError);
    const c = changeLevel(t, 1, 'wrong level', { agent: 'a@x' }, now);
    expect(c.ticket.level).toBe(1);
    expect(c.events).toEqual([{ type: 'ticket.deescalated', data: { from: 3, to: 1, reason: 'wrong level', by: 'a@x' } }]);
  });

  // Every ordered pair of levels, by the system and by an agent: 5 × 5 × 2 cases.
  for (const from of [0, 1, 2, 3, 4] as const) {
    for (const to of [0, 1, 2, 3, 4] as const) {
      for (const actor of ['system', { agent: 'a@x.test' }] as const) {
        const who = actor === 'system' ? 'the system' : 'an agent';
        const outcome = from === to ? 'refused (same level)' : to > from ? 'an escalation' : actor === 'system' ? 'refused (only an agent lowers)' : 'a de-escalation';
        it(`L${from} → L${to} by ${who} is ${outcome}`, () => {
          const t = ticket('open', from);
          if (from === to || (to < from && actor === 'system')) {
            expect(() => changeLevel(t, to, 'because', actor, now)).toThrow(TransitionNotAllowedError);
            return;
          }
          const c = changeLevel(t, to, 'because', actor, now);
          expect(c.ticket.level).toBe(to);
          expect(c.ticket.status).toBe('open');
          expect(c.ticket.updatedAt).toBe(now.toISOString());
          const by = actor === 'system' ? 'system' : actor.agent;
          expect(c.events).toEqual([{ type: to > from ? 'ticket.escalated' : 'ticket.deescalated', data: { from, to, reason: 'because', by } }]);
          // Every level change needs a reason, whoever makes it.
          expect(() => changeLevel(t, to, ' ', actor, now)).toThrow(InvalidInputError);
        });
      }
    }
  }

  it('refuses invalid levels, the same level, and finished tickets', () => {
    expect(() => changeLevel(ticket('open', 1), 5, 'x', 'system', now)).toThrow(InvalidInputError);
    expect(() => changeLevel(ticket('open', 1), 1.5, 'x', 'system', now)).toThrow(InvalidInputError);
    expect(() => changeLevel(ticket('open', 1), 1, 'x', 'system', now)).toThrow(TransitionNotAllowedError);
    expect(() => changeLevel(ticket('resolved', 1), 3, 'x', 'system', now)).toThrow(TransitionNotAllowedError);
    expect(() => changeLevel(ticket('closed', 1), 3, 'x', 'system', now)).toThrow(TransitionNotAllowedError);
  });
});

describe('replies, resolution, reopening', () => {
  const reply = { messageId: '<r1@x>', direction: 'out' as const, kind: 'agent-reply' as const, from: 'a@x', at: now.toISOString() };

  it('records the first response once and waits for the customer', () => {
    const first = recordAgentReply(ticket('open'), 'a@x', reply, now);
    expect(first.ticket.firstResponseAt).toBe(now.toISOString());
    expect(first.ticket.status).toBe('waiting_customer');
    expect(first.events[0]).toEqual({ type: 'ticket.replied', data: { agent: 'a@x', messageId: '<r1@x>', firstResponse: true } });
    const later = new Date(now.getTime() + 60_000);
    const second = recordAgentReply({ ...first.ticket, status: 'open' }, 'a@x', { ...reply, messageId: '<r2@x>' }, later);
    expect(second.ticket.firstResponseAt).toBe(now.toISOString());
    expect(second.events[0]).toMatchObject({ data: { firstResponse: false } });
  });

  it('keeps a callback or vendor wait when an agent replies', () => {
    expect(recordAgentReply(ticket('callback_scheduled'), 'a@x', reply, now).ticket.status).toBe('callback_scheduled');
    expect(() => recordAgentReply(ticket('closed'), 'a@x', reply, now)).toThrow(TransitionNotAllowedError);
  });

  it('resolves with a resolution, refuses to resolve twice, reopens and closes', () => {
    const r = resolveTicket(ticket('open'), 'fixed', { agent: 'a@x' }, now);
    expect(r.ticket).toMatchObject({ status: 'resolved', resolution: 'fixed', resolvedAt: now.toISOString() });
    expect(r.events.map((e) => e.type)).toEqual(['ticket.status_changed', 'ticket.resolved']);
    expect(() => resolveTicket(r.ticket, 'again', 'system', now)).toThrow(TransitionNotAllowedError);
    expect(() => resolveTicket(ticket('open'), '', 'system', now)).toThrow(InvalidInputError);
    const o = reopenTicket(r.ticket, 'customer replied', now);
    expect(o.ticket).toMatchObject({ status: 'open', resolution: null, resolvedAt: null });
    const c = closeTicket(r.ticket, 'done', now);
    expect(c.ticket.status).toBe('closed');
    expect(() => reopenTicket(c.ticket, 'x', now)).toThrow(TransitionNotAllowedError);
  });
});
