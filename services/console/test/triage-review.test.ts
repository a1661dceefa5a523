import { describe, expect, it } from 'vitest';
import { planNotifications, type TicketEvent } from '@tierdesk/domain';
import { applyTriageReview, parseTriageReviewRequest } from '../src/triage-review.js';
import { correctionFor } from '../src/triage-corrections.js';
import { config, ticket } from './fixtures.js';

const now = new Date('2026-11-25T10:00:00Z');
const confirm = parseTriageReviewRequest({ confirm: true });
const correct = (body: Record<string, unknown>) => parseTriageReviewRequest(body);

describe('the triage review request', () => {
  it('is a confirmation or a level with an optional category and reason', () => {
    expect(confirm).toEqual({ confirm: true, reason: null });
    expect(correct({ level: 3, category: ' database ', reason: 'a server error' })).toEqual({ confirm: false, level: 3, category: 'database', reason: 'a server error' });
    expect(correct({ level: 0 })).toEqual({ confirm: false, level: 0, reason: null });
    expect(correct({ level: 1, category: '' })).toMatchObject({ category: null });
    expect(correct({ level: 1, category: null })).toMatchObject({ category: null });
  });

  it.each([
    ['no object', null, 'body'],
    ['an array', [], 'body'],
    ['neither confirm nor level', {}, 'level'],
    ['confirm false', { confirm: false }, 'confirm'],
    ['confirm with a level', { confirm: true, level: 2 }, 'confirm'],
    ['confirm with a category', { confirm: true, category: 'x' }, 'confirm'],
    ['a level as text', { level: '3' }, 'level'],
    ['a level outside 0-4', { level: 5 }, 'level'],
    ['a fractional level', { level: 1.5 }, 'level'],
    ['a category of two lines', { level: 1, category: 'a\nb' }, 'category'],
    ['a category that is no string', { level: 1, category: 7 }, 'category'],
    ['a reason that is no string', { confirm: true, reason: 1 }, 'reason'],
  ])('refuses %s (400)', (_name, body, field) => {
    expect(() => parseTriageReviewRequest(body)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', details: { field } }));
  });
});

describe('applying a triage review', () => {
  it('a confirmation clears needs-triage and records the verdict on the timeline, nothing else', () => {
    const t = ticket();
    const { ticket: after, events, review } = applyTriageReview(t, confirm, 'anna@example.com', now);
    expect(review).toEqual({ verdict: 'confirmed', level: 2, category: 'export' });
    expect(after).toMatchObject({ level: 2, category: 'export', status: 'open', flags: ['triage-confirmed'], triage: { needsTriage: false } });
    expect(events).toEqual([
      { type: 'ticket.triage_reviewed', data: { verdict: 'confirmed', level: 2, category: 'export', previousLevel: 2, previousCategory: 'export', by: 'anna@example.com', reason: null } },
    ]);
  });

  it('a second confirmation is recorded again', () => {
    const once = applyTriageReview(ticket(), confirm, 'anna@example.com', now).ticket;
    const again = applyTriageReview(once, confirm, 'felix@example.com', now);
    expect(again.ticket.flags).toEqual(['triage-confirmed']);
    expect(again.events).toEqual([expect.objectContaining({ type: 'ticket.triage_reviewed', data: expect.objectContaining({ by: 'felix@example.com' }) })]);
  });

  it('a correction to a higher level is an escalation by the agent, whose agents are notified', () => {
    const t = ticket();
    const { ticket: after, events } = applyTriageReview(t, correct({ level: 3, category: 'database', reason: 'server down' }), 'felix@example.com', now);
    expect(after).toMatchObject({ level: 3, category: 'database', flags: ['triage-corrected'] });
    expect(events.map((e) => e.type)).toEqual(['ticket.triage_reviewed', 'ticket.escalated']);
    expect(events[1]).toMatchObject({ data: { from: 2, to: 3, by: 'felix@example.com', reason: 'triage corrected by felix@example.com: L2/export → L3/database (server down)' } });
    const escalated = { ...events[1], id: 'TD-7:2.1', v: 1, ticketId: 'TD-7', at: now.toISOString() } as TicketEvent;
    const mails = planNotifications(escalated, after, config);
    expect(mails.map((m) => m.to.address).sort()).toEqual(config.agents.filter((a) => a.levels.includes(3)).map((a) => a.email).sort());
  });

  it('a correction down a level is a de-escalation by the agent', () => {
    const { events } = applyTriageReview(ticket(), correct({ level: 1, category: 'billing' }), 'anna@example.com', now);
    expect(events[1]).toMatchObject({ type: 'ticket.deescalated', data: { from: 2, to: 1, by: 'anna@example.com' } });
  });

  it('a category-only correction keeps the level and moves nothing; an absent category keeps the ticket\'s', () => {
    const cat = applyTriageReview(ticket(), correct({ level: 2, category: 'billing' }), 'a@example.com', now);
    expect(cat.events.map((e) => e.type)).toEqual(['ticket.triage_reviewed']);
    expect(cat.ticket).toMatchObject({ level: 2, category: 'billing' });
    expect(applyTriageReview(ticket(), correct({ level: 4 }), 'a@example.com', now).ticket).toMatchObject({ level: 4, category: 'export' });
  });

  it('a correction after a confirmation replaces the verdict flag', () => {
    const confirmed = applyTriageReview(ticket(), confirm, 'a@example.com', now).ticket;
    expect(applyTriageReview(confirmed, correct({ level: 3 }), 'a@example.com', now).ticket.flags).toEqual(['triage-corrected']);
  });

  it('refuses a "correction" that changes nothing (400)', () => {
    expect(() => applyTriageReview(ticket(), correct({ level: 2, category: 'export' }), 'a@example.com', now)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => applyTriageReview(ticket(), correct({ level: 2 }), 'a@example.com', now)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it.each(['resolved', 'closed'] as const)('refuses any review of a %s ticket (409)', (status) => {
    for (const request of [confirm, correct({ level: 3 }), correct({ level: 2, category: 'x' })]) {
      expect(() => applyTriageReview(ticket({ status }), request, 'a@example.com', now)).toThrow(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }));
    }
  });

  it('refuses a review of a ticket triage has not classified yet (409)', () => {
    expect(() => applyTriageReview(ticket({ triage: null }), confirm, 'a@example.com', now)).toThrow(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }));
  });

  it('keeps what the classifier saw and said next to the label', () => {
    const t = ticket();
    const { review } = applyTriageReview(t, correct({ level: 3, category: 'database' }), 'a@example.com', now);
    const c = correctionFor(t, review, 'a@example.com', now);
    expect(c).toMatchObject({ ticketId: 'TD-7', subject: 'Export fails', body: 'The DATEV export fails.', from: 'c@example.org', level: 3, category: 'database', verdict: 'corrected' });
    expect(c.predicted).toMatchObject({ level: 2, category: 'export', confidence: 0.4 });
  });
});
