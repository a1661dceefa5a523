import { describe, expect, it } from 'vitest';
import { applyTriageReview, parseTriageReview } from '../src/triage-review.js';
import { correctionFor } from '../src/triage-corrections.js';
import { ticket } from './fixtures.js';

const now = new Date('2026-11-25T10:00:00Z');

describe('triage review', () => {
  it('a confirmation clears needs-triage and leaves a timeline entry, nothing else', () => {
    const t = ticket();
    const { ticket: after, events } = applyTriageReview(t, parseTriageReview({ verdict: 'confirmed' }, t), 'anna@example.com', now);
    expect(after.flags).toEqual(['triage-confirmed']);
    expect(after.triage?.needsTriage).toBe(false);
    expect(after.level).toBe(2);
    expect(events).toEqual([{ type: 'ticket.flagged', data: { flag: 'triage-confirmed', reason: expect.stringContaining('anna@example.com') } }]);
  });

  it('a correction to another level moves the ticket as an agent escalation and keeps the category', () => {
    const t = ticket();
    const review = parseTriageReview({ verdict: 'corrected', level: '3', category: 'database' }, t);
    const { ticket: after, events } = applyTriageReview(t, review, 'felix@example.com', now);
    expect(after).toMatchObject({ level: 3, category: 'database' });
    expect(after.flags).toEqual(['triage-corrected']);
    expect(events.map((e) => e.type)).toEqual(['ticket.escalated', 'ticket.flagged']);
  });

  it('a correction down a level is a de-escalation by the agent', () => {
    const t = ticket();
    const { events } = applyTriageReview(t, parseTriageReview({ verdict: 'corrected', level: '1', category: 'billing' }, t), 'anna@example.com', now);
    expect(events[0]).toMatchObject({ type: 'ticket.deescalated', data: { from: 2, to: 1, by: 'anna@example.com' } });
  });

  it('refuses nonsense and a "correction" that changes nothing', () => {
    const t = ticket();
    expect(() => parseTriageReview({ verdict: 'maybe' }, t)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseTriageReview({ verdict: 'corrected', level: '9' }, t)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseTriageReview({ verdict: 'corrected', level: '2', category: 'export' }, t)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseTriageReview({ verdict: 'corrected', level: '2', category: 'a\nb' }, t)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('a resolved ticket cannot change level: the correction is refused', () => {
    const t = ticket({ status: 'resolved' });
    expect(() => applyTriageReview(t, parseTriageReview({ verdict: 'corrected', level: '3', category: 'x' }, t), 'a@example.com', now)).toThrow(
      expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }),
    );
  });

  it('keeps what the classifier saw and said next to the label', () => {
    const t = ticket();
    const c = correctionFor(t, parseTriageReview({ verdict: 'corrected', level: '3', category: 'database' }, t), 'a@example.com', now);
    expect(c).toMatchObject({ ticketId: 'TD-7', subject: 'Export fails', body: 'The DATEV export fails.', from: 'c@example.org', level: 3, category: 'database', verdict: 'corrected' });
    expect(c.predicted).toMatchObject({ level: 2, category: 'export', confidence: 0.4 });
  });
});
