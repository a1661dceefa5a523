import { describe, expect, it } from 'vitest';
import {
  TransitionNotAllowedError,
  assertTransition,
  checkConsentLink,
  consentExpiry,
  giveUpUnusableGrant,
  handOffToVendor,
  level4Arrival,
  proposedVendor,
  recordConsentDecision,
  requestConsent,
  resolveTicket,
  unusableGrant,
  unusableGrantNote,
  type Ticket,
  type TicketChange,
  type TicketEvent,
} from '../src/index.js';
import { NAS, NONCE, NOW, PRINTER, waitingConsent } from './consent-fixtures.js';

const later = new Date('2026-11-26T10:00:00Z');
const withoutNas = { vendors: [PRINTER] };
const nasWithoutEmail = { vendors: [{ ...NAS, email: '  ' }, PRINTER] };

function granted(): Ticket {
  return recordConsentDecision(waitingConsent(), { granted: true, channel: 'link' }, NOW).ticket;
}

/** Applies a change with its events in the history, ids as the store gives them. */
function stored(t: Ticket, change: TicketChange, at: Date): Ticket {
  const v = t.version + 1;
  const events = change.events.map((e, i) => ({ id: `${t.id}:${v}.${i}`, v: 1, ticketId: t.id, at: at.toISOString(), ...e }) as TicketEvent);
  return { ...change.ticket, version: v, events: [...t.events, ...events] };
}

describe('a grant whose vendor left the configuration before the handoff', () => {
  it('is given up: consent void, the ticket open again at level 4 and flagged needs-vendor', () => {
    const before = granted();
    expect(before.status).toBe('waiting_consent');
    const change = giveUpUnusableGrant(before, withoutNas, later);
    expect(change).not.toBeNull();
    const { ticket: t, events } = change!;
    expect(t.consent).toEqual({ ...before.consent, status: 'void' });
    expect(t).toMatchObject({ level: 4, status: 'open' });
    expect(t.flags).toContain('needs-vendor');
    expect(t.vendor).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['consent.voided', 'ticket.status_changed', 'ticket.flagged']);
    expect(events[0]!.data).toMatchObject({ vendorId: 'nas', cause: 'not-configured' });
    expect((events[0]!.data as { reason: string }).reason).toMatch(/vendor nas is no longer configured.*consented to sharing with nas only/);
    expect(events[1]!.data).toMatchObject({ from: 'waiting_consent', to: 'open' });
  });

  it('is given up as well when the vendor is still configured but has no email address', () => {
    const change = giveUpUnusableGrant(granted(), nasWithoutEmail, later)!;
    expect(change.ticket.consent?.status).toBe('void');
    expect(change.events[0]!.data).toMatchObject({ vendorId: 'nas', cause: 'no-email' });
    expect(unusableGrant(granted(), nasWithoutEmail)).toEqual({ vendorId: 'nas', cause: 'no-email' });
  });

  it('is given up once: a retry, a usable vendor, no grant, a handed-over or finished ticket change nothing', () => {
    const voided = giveUpUnusableGrant(granted(), withoutNas, later)!.ticket;
    expect(giveUpUnusableGrant(voided, withoutNas, later)).toBeNull();
    expect(giveUpUnusableGrant(granted(), { vendors: [NAS, PRINTER] }, later)).toBeNull();
    expect(giveUpUnusableGrant(waitingConsent(), withoutNas, later)).toBeNull();
    const denied = recordConsentDecision(waitingConsent(), { granted: false, channel: 'phone' }, NOW).ticket;
    expect(giveUpUnusableGrant(denied, withoutNas, later)).toBeNull();
    const handed = handOffToVendor(granted(), NAS, '<handoff@support.test>', NOW).ticket;
    expect(giveUpUnusableGrant(handed, withoutNas, later)).toBeNull();
    const resolved = resolveTicket(granted(), 'fixed', { agent: 'a@x.test' }, NOW).ticket;
    expect(giveUpUnusableGrant(resolved, withoutNas, later)).toBeNull();
  });

  it('never carries over: nothing can go to a vendor until the customer consents again', () => {
    const voided = giveUpUnusableGrant(granted(), withoutNas, later)!.ticket;
    expect(() => assertTransition(voided, 'waiting_vendor')).toThrow(TransitionNotAllowedError);
    expect(() => handOffToVendor(voided, PRINTER, '<h@support.test>', later)).toThrow(TransitionNotAllowedError);
    expect(() => handOffToVendor(voided, NAS, '<h@support.test>', later)).toThrow(TransitionNotAllowedError);
    // The triage vendor is gone, so nobody proposes one: an agent must choose.
    expect(proposedVendor(voided, withoutNas)).toBeNull();
    // Choosing another vendor asks the customer again, with new links, and clears the flag.
    const asked = requestConsent(voided, { vendor: PRINTER, nonce: 'second-nonce-0123456789', expiresAt: '2026-12-03T10:00:00.000Z', reason: 'chosen by an agent' }, later);
    expect(asked.ticket).toMatchObject({ status: 'waiting_consent', consent: { status: 'requested', vendorId: 'printer', nonce: 'second-nonce-0123456789' } });
    expect(asked.ticket.flags).not.toContain('needs-vendor');
  });

  it("leaves the customer's old links used up", () => {
    const voided = giveUpUnusableGrant(granted(), withoutNas, later)!.ticket;
    const link = { ticketId: voided.id, vendorId: 'nas', decision: 'grant' as const, nonce: NONCE, exp: consentExpiry('2026-12-02T10:00:00.000Z') };
    expect(checkConsentLink(link, voided, later)).toBe('used');
  });

  it('tells the agents what happened and how to choose another vendor', () => {
    const note = unusableGrantNote({ vendorId: 'nas', cause: 'not-configured' }, 'TD-7', ['printer']);
    expect(note).toContain('vendor nas is no longer configured');
    expect(note).toContain('Nothing was sent to any vendor');
    expect(note).toContain('POST /api/tickets/TD-7/vendor {"vendor": "<id>"}');
    expect(note).toContain('(configured: printer)');
    expect(note).toContain('asked for consent again');
    expect(unusableGrantNote({ vendorId: 'nas', cause: 'no-email' }, 'TD-7', [])).toMatch(/has no email address.*configured: none configured.*give vendor nas an email address/);
  });

  it('is read from the history by a later level-4 arrival: an agent chooses, or the customer is asked again', () => {
    let t = stored({ ...granted(), events: [] }, { ticket: granted(), events: [{ type: 'consent.decided', data: { granted: true, channel: 'link', vendorId: 'nas' } }] }, NOW);
    t = stored(t, giveUpUnusableGrant(t, withoutNas, later)!, later);
    const escalated = stored(t, { ticket: t, events: [{ type: 'ticket.escalated', data: { from: 3, to: 4, reason: 'SLA breached', by: 'system' } }] }, later);
    const arrival = escalated.events.at(-1)!;
    expect(level4Arrival(arrival, escalated, withoutNas)).toEqual({ step: 'choose-vendor', known: ['printer'] });
    // The vendor configured again: the void grant does not count, the customer is asked anew.
    expect(level4Arrival(arrival, escalated, { vendors: [NAS, PRINTER] })).toMatchObject({ step: 'ask-consent', vendorId: 'nas' });
  });
});
