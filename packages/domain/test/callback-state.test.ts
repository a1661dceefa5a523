import { describe, expect, it } from 'vitest';
import {
  TransitionNotAllowedError,
  InvalidInputError,
  applyCallbackOutcome,
  callbackCauseOf,
  callbackReason,
  cancelCallback,
  createTicket,
  hasPendingCallback,
  needsCallback,
  nextCallbackStep,
  resolveTicket,
  scheduleCallback,
  scheduleNote,
  scheduledSince,
  timezoneNote,
  unreachableNotice,
  type CallbackBooking,
  type Ticket,
  type TicketEvent,
} from '../src/index.js';

const NOW = new Date('2026-03-09T09:00:00Z');

function level2(extra: Partial<Ticket> = {}): Ticket {
  const { ticket } = createTicket(
    {
      id: 'TD-4',
      subject: 'Blocked by my antivirus',
      customer: { email: 'lea@client.test', name: 'Léa Dubois', timezone: null, dateTimezone: 'UTC+1' },
      level: 2,
      priority: 'normal',
      category: 'technical',
      language: 'fr',
      message: { messageId: '<m1@client.test>', direction: 'in', kind: null, from: 'lea@client.test', at: NOW.toISOString(), role: 'customer' },
    },
    NOW,
  );
  return { ...ticket, status: 'open', ...extra };
}

const booking = (start = '2026-03-09T13:00:00Z', agent = 'jonas@example.com'): CallbackBooking => ({
  start: new Date(start),
  end: new Date(Date.parse(start) + 30 * 60_000),
  agent,
  customerTimezone: 'UTC+1',
  timezoneSource: 'date-header',
});

/** Applies a change and gives its events ids the way the store does. */
function stored(t: Ticket, change: { ticket: Ticket; events: Array<{ type: string; data: unknown }> }): Ticket {
  const v = t.version + 1;
  const events = change.events.map((e, i) => ({ id: `${t.id}:${v}.${i}`, v: 1, ticketId: t.id, at: NOW.toISOString(), ...e }) as TicketEvent);
  return { ...change.ticket, version: v, events: [...t.events, ...events] };
}

function scheduled(): Ticket {
  const t = level2();
  return stored(t, scheduleCallback(t, booking(), 1, callbackReason('level2'), NOW));
}

describe('booking a callback on a ticket', () => {
  it('records the slot, waits for the call and says why', () => {
    const t = scheduled();
    expect(t.status).toBe('callback_scheduled');
    expect(t.callback).toMatchObject({ status: 'scheduled', slotStart: '2026-03-09T13:00:00.000Z', slotEnd: '2026-03-09T13:30:00.000Z', agent: 'jonas@example.com', attempts: 1, timezoneSource: 'date-header' });
    expect(t.events.map((e) => e.type)).toEqual(['callback.scheduled', 'ticket.status_changed']);
    expect(hasPendingCallback(t)).toBe(true);
    expect(needsCallback(t)).toBe(false);
  });

  it('only books open level-2 tickets whose customer may be answered', () => {
    expect(needsCallback(level2())).toBe(true);
    expect(needsCallback(level2({ level: 3 }))).toBe(false);
    expect(needsCallback(level2({ status: 'resolved' }))).toBe(false);
    const auto = level2();
    auto.messages = [{ ...auto.messages[0]!, autoSubmitted: true }];
    expect(needsCallback(auto)).toBe(false);
    expect(() => scheduleCallback(level2({ level: 1 }), booking(), 1, 'x', NOW)).toThrow(TransitionNotAllowedError);
  });

  it('knows when a trigger was already handled (a redelivered event books nothing)', () => {
    const t = level2();
    const withTrigger = stored(t, { ticket: t, events: [{ type: 'ticket.classified', data: {} }] });
    const trigger = withTrigger.events[0]!.id;
    expect(scheduledSince(withTrigger, trigger)).toBe(false);
    const after = stored(withTrigger, scheduleCallback(withTrigger, booking(), 1, 'x', NOW));
    expect(scheduledSince(after, trigger)).toBe(true);
  });

  it('cancels a pending callback and puts the ticket back to work', () => {
    const t = cancelCallback(scheduled(), 'escalated to level 3', NOW)!;
    expect(t.ticket.callback?.status).toBe('cancelled');
    expect(t.ticket.status).toBe('open');
    expect(t.events.map((e) => e.type)).toEqual(['callback.cancelled', 'ticket.status_changed']);
    expect(cancelCallback(level2(), 'x', NOW)).toBeNull();
    // Resolved meanwhile: the callback is called off, the status stays resolved.
    const resolved = resolveTicket(scheduled(), 'fixed by email', 'system', NOW).ticket;
    expect(cancelCallback(resolved, 'resolved', NOW)!.ticket.status).toBe('resolved');
  });
});

describe('recording a callback outcome', () => {
  const input = { notes: 'Explained the exclusion list', maxAttempts: 3, actor: { agent: 'jonas@example.com' } as const };

  it('refuses a ticket without a scheduled callback (409)', () => {
    expect(() => applyCallbackOutcome(level2(), { ...input, outcome: 'reached' }, NOW)).toThrow(TransitionNotAllowedError);
  });

  it('reached: keeps the notes and works the ticket again at level 2', () => {
    const c = applyCallbackOutcome(scheduled(), { ...input, outcome: 'reached' }, NOW);
    expect(c.ticket).toMatchObject({ status: 'open', level: 2, callback: { status: 'reached', notes: 'Explained the exclusion list' } });
    expect(c.events[0]).toEqual({ type: 'callback.outcome', data: { outcome: 'reached', attempt: 1, notes: 'Explained the exclusion list' } });
  });

  it('reached and solved: resolves with the resolution', () => {
    const c = applyCallbackOutcome(scheduled(), { ...input, outcome: 'reached', resolution: 'Added an antivirus exclusion' }, NOW);
    expect(c.ticket).toMatchObject({ status: 'resolved', resolution: 'Added an antivirus exclusion' });
    expect(c.events.map((e) => e.type)).toContain('ticket.resolved');
    expect(() => applyCallbackOutcome(scheduled(), { ...input, notes: '', outcome: 'reached', resolution: ' ' }, NOW)).toThrow(InvalidInputError);
  });

  it('no answer: books the next attempt while attempts remain', () => {
    const t = scheduled();
    expect(nextCallbackStep(t, 'no-answer', 3)).toBe('retry');
    expect(() => applyCallbackOutcome(t, { ...input, outcome: 'no-answer' }, NOW)).toThrow(InvalidInputError);
    const c = applyCallbackOutcome(t, { ...input, outcome: 'no-answer', retry: booking('2026-03-09T15:00:00Z', 'oliver@example.com') }, NOW);
    expect(c.ticket).toMatchObject({ status: 'callback_scheduled', callback: { status: 'scheduled', attempts: 2, agent: 'oliver@example.com', slotStart: '2026-03-09T15:00:00.000Z' } });
    expect(c.events.map((e) => e.type)).toEqual(['callback.outcome', 'callback.scheduled']);
    expect(callbackCauseOf((c.events[1]!.data as { reason: string }).reason).cause).toBe('retry');
  });

  it('no answer at the last attempt: level 3 with the reason', () => {
    let t = scheduled();
    t = { ...t, callback: { ...t.callback!, attempts: 3 } };
    expect(nextCallbackStep(t, 'no-answer', 3)).toBe('escalate');
    const c = applyCallbackOutcome(t, { ...input, outcome: 'no-answer' }, NOW);
    expect(c.ticket).toMatchObject({ level: 3, status: 'open', callback: { status: 'failed' } });
    const escalated = c.events.find((e) => e.type === 'ticket.escalated');
    expect(escalated?.data).toMatchObject({ from: 2, to: 3, reason: 'The customer could not be reached in 3 callback attempts.', by: 'jonas@example.com' });
  });
});

describe('what the customer is told', () => {
  it('says which zone the time is in when it was guessed, in their language', () => {
    expect(timezoneNote('customer', 'Europe/Paris', 'fr')).toBeUndefined();
    expect(timezoneNote('date-header', 'UTC+1', 'fr')).toMatch(/UTC\+1.*décalage horaire de votre e-mail/);
    expect(timezoneNote('team', 'Europe/Berlin', 'de')).toMatch(/unserer Zeitzone \(Europe\/Berlin\)/);
    expect(timezoneNote('team', 'Europe/Berlin', 'xx')).toMatch(/^We could not tell your time zone/);
  });

  it('explains a rebooked time, and a handover after unanswered calls', () => {
    expect(scheduleNote('level2', false, 'en')).toBeUndefined();
    expect(scheduleNote('customerTimeUnavailable', false, 'de')).toMatch(/nächsten freien Termin/);
    expect(scheduleNote('customerOtherTime', true, 'en')).toMatch(/could not read a date[\s\S]*do not overlap/);
    expect(callbackCauseOf(callbackReason('customerTime', true))).toEqual({ cause: 'customerTime', outsideCustomerHours: true });
    expect(callbackCauseOf('something old')).toEqual({ cause: 'level2', outsideCustomerHours: false });
    expect(unreachableNotice(3, 'fr')).toMatch(/3 fois.*niveau 3/);
  });
});
