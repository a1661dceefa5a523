import { describe, expect, it } from 'vitest';
import {
  TransitionNotAllowedError,
  UnknownVendorError,
  VendorWithoutEmailError,
  handOffToVendor,
  handoffSummary,
  messagesToShare,
  nextVendorFollowup,
  proposedVendor,
  recordConsentDecision,
  recordVendorFollowup,
  recordVendorReply,
  requireVendor,
  vendorFollowupToken,
  isoDurationMs,
  type Ticket,
} from '../src/index.js';
import { NAS, NOW, PRINTER, inbound, level4Ticket, waitingConsent } from './consent-fixtures.js';

const config = { vendors: [NAS, PRINTER, { ...PRINTER, id: 'mute', email: ' ' }] };
const later = new Date('2026-11-27T10:00:00Z');

function granted(): Ticket {
  return recordConsentDecision(waitingConsent(), { granted: true, channel: 'link' }, NOW).ticket;
}

function handedOff(): Ticket {
  return handOffToVendor(granted(), NAS, '<handoff@support.test>', NOW).ticket;
}

describe('choosing a vendor', () => {
  it('finds configured vendors and refuses unknown ones and those without email', () => {
    expect(requireVendor(config, 'nas')).toBe(NAS);
    expect(() => requireVendor(config, 'acme')).toThrow(UnknownVendorError);
    expect(() => requireVendor(config, 42)).toThrow(UnknownVendorError);
    expect(() => requireVendor(config, 'mute')).toThrow(VendorWithoutEmailError);
    expect(new UnknownVendorError('x', []).code).toBe('INVALID_INPUT');
    expect(new VendorWithoutEmailError('x').code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('proposes the vendor triage matched, else the one asked about before, else none', () => {
    expect(proposedVendor(level4Ticket(), config)).toBe(NAS);
    expect(proposedVendor(level4Ticket({ triage: null }), config)).toBeNull();
    expect(proposedVendor({ ...waitingConsent(), triage: null }, config)).toBe(NAS);
  });
});

describe('handing over', () => {
  it('only with consent for that very vendor', () => {
    expect(() => handOffToVendor(waitingConsent(), NAS, '<h@x>', NOW)).toThrow(TransitionNotAllowedError);
    expect(() => handOffToVendor(granted(), PRINTER, '<h@x>', NOW)).toThrow(TransitionNotAllowedError);
    const denied = recordConsentDecision(waitingConsent(), { granted: false, channel: 'link' }, NOW).ticket;
    expect(() => handOffToVendor(denied, NAS, '<h@x>', NOW)).toThrow(TransitionNotAllowedError);
  });

  it('makes the vendor a party and waits for it; a repeat changes nothing', () => {
    const change = handOffToVendor(granted(), NAS, '<handoff@support.test>', NOW);
    expect(change.ticket.status).toBe('waiting_vendor');
    expect(change.ticket.vendor).toMatchObject({ id: 'nas', email: 'support@nas.test', handedOffAt: NOW.toISOString(), followups: 0 });
    expect(change.events.map((e) => e.type)).toEqual(['vendor.handed_off', 'ticket.status_changed']);
    expect(handOffToVendor(change.ticket, NAS, '<handoff@support.test>', later).events).toEqual([]);
  });

  it('shares only the messages promised when consent was asked', () => {
    const t = granted();
    const withLater = { ...t, messages: [...t.messages, inbound('<later@x>', { text: 'yes' })] };
    expect(messagesToShare(withLater).map((m) => m.messageId)).toEqual(['<m1@customer.test>']);
    expect(handoffSummary(t, 'de', 1)).toContain('Clara Weber <clara@customer.test>');
  });
});

describe('when the vendor replies', () => {
  it('records the reply once, remembers its first ticket number and reopens the ticket', () => {
    const first = recordVendorReply(handedOff(), '<r1@nas.test>', 'INC12345', later)!;
    expect(first.ticket.status).toBe('open');
    expect(first.ticket.vendor).toMatchObject({ externalRef: 'INC12345', lastReplyAt: later.toISOString(), lastReplyMessageId: '<r1@nas.test>' });
    expect(first.events[0]).toEqual({ type: 'vendor.replied', data: { vendorId: 'nas', messageId: '<r1@nas.test>', externalRef: 'INC12345' } });
    expect(recordVendorReply(first.ticket, '<r1@nas.test>', 'INC12345', later)).toBeNull();
    expect(recordVendorReply(first.ticket, '<r2@nas.test>', 'INC99999', later)?.ticket.vendor?.externalRef).toBe('INC12345');
    expect(recordVendorReply(granted(), '<r@x>', null, later)).toBeNull();
  });
});

describe('when the vendor stays silent', () => {
  it('follows up up to the maximum, then tells the agents; stale timers do nothing', () => {
    let t = handedOff();
    const token0 = vendorFollowupToken(t)!;
    expect(nextVendorFollowup(t, token0, 2)).toBe('followup');
    t = recordVendorFollowup(t, 1, later)!.ticket;
    expect(nextVendorFollowup(t, token0, 2)).toBe('none');
    expect(recordVendorFollowup(t, 1, later)).toBeNull();
    t = recordVendorFollowup(t, 2, later)!.ticket;
    expect(nextVendorFollowup(t, vendorFollowupToken(t)!, 2)).toBe('tell-agents');
    expect(nextVendorFollowup({ ...t, flags: ['vendor-silent'] }, vendorFollowupToken(t)!, 2)).toBe('none');
    expect(nextVendorFollowup(handedOff(), token0, 0)).toBe('tell-agents');
  });

  it('a reply voids the pending follow-up', () => {
    const t = handedOff();
    const token = vendorFollowupToken(t)!;
    const replied = recordVendorReply(t, '<r1@nas.test>', null, later)!.ticket;
    expect(nextVendorFollowup(replied, token, 3)).toBe('none');
  });

  it('reads waiting times as elapsed time', () => {
    expect(isoDurationMs('P2D')).toBe(2 * 24 * 3600_000);
    expect(isoDurationMs('PT90S')).toBe(90_000);
    expect(() => isoDurationMs('soon')).toThrow();
  });
});
