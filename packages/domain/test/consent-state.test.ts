import { describe, expect, it } from 'vitest';
import {
  ConsentNotPendingError,
  TransitionNotAllowedError,
  VendorWithoutEmailError,
  assertTransition,
  changeLevel,
  consentSharedItems,
  expireConsent,
  isConsentPending,
  keepInHouse,
  recordConsentDecision,
  recordConsentReminder,
  requestConsent,
  resolveTicket,
  withdrawConsentRequest,
} from '../src/index.js';
import { NAS, NONCE, NOW, PRINTER, inbound, level4Ticket, waitingConsent } from './consent-fixtures.js';

const later = new Date('2026-11-26T10:00:00Z');
const input = { vendor: NAS, nonce: NONCE, expiresAt: '2026-12-02T10:00:00.000Z', reason: 'level 4 needs the vendor' };

describe('when a level-4 ticket needs its vendor', () => {
  it('asks for consent: waiting_consent, one consent.requested, the promised messages fixed', () => {
    const ticket = level4Ticket({ flags: ['needs-vendor'] });
    const withAuto = { ...ticket, messages: [...ticket.messages, inbound('<auto@x>', { autoSubmitted: true }), inbound('<v@x>', { role: 'vendor' })] };
    const { ticket: t, events } = requestConsent(withAuto, input, NOW);
    expect(t.status).toBe('waiting_consent');
    expect(t.consent).toMatchObject({ status: 'requested', vendorId: 'nas', nonce: NONCE, reminders: 0, decidedAt: null, channel: null, messageIds: ['<m1@customer.test>'] });
    expect(t.flags).not.toContain('needs-vendor');
    expect(events.map((e) => e.type)).toEqual(['consent.requested', 'ticket.status_changed']);
  });

  it('asking again about the same vendor changes nothing; another vendor voids the old links', () => {
    const t = waitingConsent();
    expect(requestConsent(t, { ...input, nonce: 'other-nonce-0123456789' }, later)).toEqual({ ticket: t, events: [] });
    const switched = requestConsent(t, { ...input, vendor: PRINTER, nonce: 'other-nonce-0123456789' }, later).ticket;
    expect(switched.consent).toMatchObject({ vendorId: 'printer', nonce: 'other-nonce-0123456789' });
  });

  it('refuses below level 4, on a finished ticket, for a vendor without email, and once handed over', () => {
    expect(() => requestConsent(level4Ticket({ level: 3 }), input, NOW)).toThrow(TransitionNotAllowedError);
    expect(() => requestConsent(level4Ticket({ status: 'resolved' }), input, NOW)).toThrow(TransitionNotAllowedError);
    expect(() => requestConsent(level4Ticket(), { ...input, vendor: { ...NAS, email: '' } }, NOW)).toThrow(VendorWithoutEmailError);
    const granted = recordConsentDecision(waitingConsent(), { granted: true, channel: 'link' }, NOW).ticket;
    expect(() => requestConsent(granted, { ...input, vendor: PRINTER }, NOW)).toThrow(TransitionNotAllowedError);
  });

  it('lists exactly what would be shared, in the customer language', () => {
    const items = consentSharedItems(waitingConsent(), 'de', []);
    expect(items[0]).toBe('Ihr Name und Ihre E-Mail-Adresse: Clara Weber <clara@customer.test>');
    expect(items.filter((i) => i.startsWith('Der Text Ihrer E-Mail'))).toHaveLength(1);
    expect(items.some((i) => i.includes('Anhang'))).toBe(false);
    expect(consentSharedItems(waitingConsent(), 'en', ['log.txt']).some((i) => i === 'The files attached to these emails: log.txt')).toBe(true);
  });
});

describe('when the customer answers', () => {
  it('a grant is recorded once and keeps the ticket at level 4 for the handoff', () => {
    const { ticket: t, events } = recordConsentDecision(waitingConsent(), { granted: true, channel: 'link' }, later);
    expect(t.consent).toMatchObject({ status: 'granted', channel: 'link', decidedAt: later.toISOString() });
    expect(t.level).toBe(4);
    expect(events).toEqual([{ type: 'consent.decided', data: { granted: true, channel: 'link', vendorId: 'nas' } }]);
    expect(() => assertTransition(t, 'waiting_vendor')).not.toThrow();
    expect(() => recordConsentDecision(t, { granted: false, channel: 'reply' }, later)).toThrow(ConsentNotPendingError);
  });

  it('a denial keeps the ticket in house at level 3 and it can never reach the vendor', () => {
    const { ticket: t, events } = recordConsentDecision(waitingConsent(), { granted: false, channel: 'reply' }, later);
    expect(t).toMatchObject({ level: 3, status: 'open', consent: { status: 'denied', channel: 'reply' } });
    expect(events.map((e) => e.type)).toEqual(['consent.decided', 'ticket.deescalated', 'ticket.status_changed']);
    expect(events[1]?.data).toMatchObject({ from: 4, to: 3, by: 'system' });
    expect(() => assertTransition(t, 'waiting_vendor')).toThrow(TransitionNotAllowedError);
  });

  it('a phone decision names the agent who took it', () => {
    const { ticket: t, events } = recordConsentDecision(waitingConsent(), { granted: false, channel: 'phone', by: 'felix@support.test' }, later);
    expect(events[0]).toEqual({ type: 'consent.decided', data: { granted: false, channel: 'phone', vendorId: 'nas', by: 'felix@support.test' } });
    expect(events[1]?.data).toMatchObject({ reason: expect.stringContaining('recorded by felix@support.test') });
    expect(t.consent?.status).toBe('denied');
  });

  it('refuses a decision for a ticket resolved meanwhile, or never asked', () => {
    const resolved = resolveTicket(waitingConsent(), 'fixed', { agent: 'a@x.test' }, NOW).ticket;
    expect(() => recordConsentDecision(resolved, { granted: true, channel: 'phone' }, later)).toThrow(TransitionNotAllowedError);
    expect(() => recordConsentDecision(level4Ticket(), { granted: true, channel: 'phone' }, later)).toThrow(ConsentNotPendingError);
  });
});

describe('when the customer stays silent', () => {
  it('counts each reminder once', () => {
    const first = recordConsentReminder(waitingConsent(), NONCE, 1, later);
    expect(first?.ticket.consent?.reminders).toBe(1);
    expect(recordConsentReminder(first!.ticket, NONCE, 1, later)).toBeNull();
    expect(recordConsentReminder(waitingConsent(), 'stale-nonce-0123456789', 1, later)).toBeNull();
  });

  it('expires the request and keeps the ticket in house', () => {
    const change = expireConsent(waitingConsent(), NONCE, 'P5D', later);
    expect(change?.ticket).toMatchObject({ level: 3, status: 'open', consent: { status: 'expired' } });
    expect(change?.events.map((e) => e.type)).toEqual(['ticket.deescalated', 'ticket.status_changed']);
    expect(isConsentPending(change!.ticket)).toBe(false);
  });

  it('lapses when the ticket is resolved first, so its links stay dead after a reopen', () => {
    const resolved = resolveTicket(waitingConsent(), 'fixed', { agent: 'a@x.test' }, NOW).ticket;
    expect(withdrawConsentRequest(resolved, later)?.ticket.consent).toMatchObject({ status: 'expired', decidedAt: later.toISOString() });
    expect(withdrawConsentRequest(waitingConsent(), later)).toBeNull();
  });

  it('a stale give-up timer does nothing', () => {
    expect(expireConsent(waitingConsent(), 'stale-nonce-0123456789', 'P5D', later)).toBeNull();
    const granted = recordConsentDecision(waitingConsent(), { granted: true, channel: 'link' }, NOW).ticket;
    expect(expireConsent(granted, NONCE, 'P5D', later)).toBeNull();
  });
});

describe('keepInHouse, the one automatic de-escalation', () => {
  it('is refused unless a level-4 ticket lacks consent', () => {
    expect(() => keepInHouse(level4Ticket(), 'why', NOW)).toThrow(TransitionNotAllowedError);
    const granted = recordConsentDecision(waitingConsent(), { granted: true, channel: 'link' }, NOW).ticket;
    expect(() => keepInHouse(granted, 'why', NOW)).toThrow(TransitionNotAllowedError);
  });

  it('while the general rule still forbids the system to lower a level', () => {
    expect(() => changeLevel(waitingConsent(), 3, 'why', 'system', NOW)).toThrow(TransitionNotAllowedError);
  });
});
