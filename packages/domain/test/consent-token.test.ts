import { describe, expect, it } from 'vitest';
import {
  checkConsentLink,
  consentExpiry,
  consentSigningInput,
  decodeConsentPayload,
  encodeConsentPayload,
  expireConsent,
  recordConsentDecision,
  resolveTicket,
  splitConsentToken,
  type ConsentTokenPayload,
} from '../src/index.js';
import { NONCE, NOW, waitingConsent } from './consent-fixtures.js';

const payload: ConsentTokenPayload = { ticketId: 'TD-7', vendorId: 'nas', decision: 'grant', nonce: NONCE, exp: consentExpiry('2026-12-02T10:00:00.000Z') };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('consent token payload', () => {
  it('round-trips every field', () => {
    expect(decodeConsentPayload(encodeConsentPayload(payload))).toEqual(payload);
    expect(decodeConsentPayload(encodeConsentPayload({ ...payload, decision: 'deny' }))?.decision).toBe('deny');
  });

  it.each([
    ['another version', [2, 'TD-7', 'nas', 'grant', NONCE, 1]],
    ['a ticket id that is not TD-n', [1, 'TD-7; drop', 'nas', 'grant', NONCE, 1]],
    ['a vendor id with upper case', [1, 'TD-7', 'NAS', 'grant', NONCE, 1]],
    ['an unknown decision', [1, 'TD-7', 'nas', 'maybe', NONCE, 1]],
    ['a short nonce', [1, 'TD-7', 'nas', 'grant', 'abc', 1]],
    ['a fractional expiry', [1, 'TD-7', 'nas', 'grant', NONCE, 1.5]],
    ['a missing field', [1, 'TD-7', 'nas', 'grant', NONCE]],
    ['an object instead of the array', { ticketId: 'TD-7' }],
  ])('refuses %s', (_what, value) => {
    expect(decodeConsentPayload(b64(value))).toBeNull();
  });

  it('refuses bytes that are not JSON', () => {
    expect(decodeConsentPayload(Buffer.from('not json at all, really').toString('base64url'))).toBeNull();
    expect(decodeConsentPayload('!!!!')).toBeNull();
  });

  it('splits only <body>.<43-char signature> tokens', () => {
    const body = encodeConsentPayload(payload);
    const sig = 'A'.repeat(43);
    expect(splitConsentToken(`${body}.${sig}`)).toEqual({ body, signature: sig });
    expect(splitConsentToken(body)).toBeNull();
    expect(splitConsentToken(`${body}.${sig}x`)).toBeNull();
    expect(splitConsentToken(`${body}.${sig}.more`)).toBeNull();
    expect(splitConsentToken(`${body}/..${sig}`)).toBeNull();
    expect(splitConsentToken(`${'a'.repeat(700)}.${sig}`)).toBeNull();
  });

  it('signs the body under a Tierdesk-specific context', () => {
    expect(consentSigningInput('abc')).toBe('tierdesk-consent-v1.abc');
  });
});

describe('checking a genuine consent link against the ticket', () => {
  const ticket = waitingConsent();

  it('accepts the link of the open request', () => {
    expect(checkConsentLink(payload, ticket, NOW)).toBeNull();
  });

  it('refuses a link for another ticket, vendor or request', () => {
    expect(checkConsentLink({ ...payload, ticketId: 'TD-8' }, ticket, NOW)).toBe('wrong-ticket');
    expect(checkConsentLink({ ...payload, vendorId: 'printer' }, ticket, NOW)).toBe('wrong-vendor');
    expect(checkConsentLink({ ...payload, nonce: 'another-nonce-0123456' }, ticket, NOW)).toBe('superseded');
    expect(checkConsentLink(payload, null, NOW)).toBe('unknown-ticket');
  });

  it('refuses an expired link, from the second of its expiry on', () => {
    expect(checkConsentLink(payload, ticket, new Date(payload.exp * 1000 - 1))).toBeNull();
    expect(checkConsentLink(payload, ticket, new Date(payload.exp * 1000))).toBe('expired');
  });

  it('refuses a link once the consent was decided, by any channel', () => {
    const decided = recordConsentDecision(ticket, { granted: true, channel: 'phone' }, NOW).ticket;
    expect(checkConsentLink(payload, decided, NOW)).toBe('used');
    expect(checkConsentLink({ ...payload, decision: 'deny' }, decided, NOW)).toBe('used');
  });

  it('calls a link of a request that lapsed unanswered expired, even before its own expiry', () => {
    const lapsed = expireConsent(ticket, NONCE, 'P5D', NOW)!.ticket;
    expect(checkConsentLink(payload, lapsed, NOW)).toBe('expired');
  });

  it('refuses a link for a ticket resolved meanwhile', () => {
    const resolved = resolveTicket(ticket, 'fixed by a restart', { agent: 'a@x.test' }, NOW).ticket;
    expect(checkConsentLink(payload, resolved, NOW)).toBe('ticket-finished');
  });

  it('refuses a link for a ticket that never asked', () => {
    expect(checkConsentLink(payload, { ...ticket, consent: null }, NOW)).toBe('not-requested');
  });
});
