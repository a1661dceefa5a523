import { isFinished } from '../status.js';
import type { Ticket } from '../ticket.js';
import type { ConsentLinkProblem } from './consent-errors.js';

/**
 * What a signed consent link carries. Wire contract: links already mailed must keep decoding,
 * so a new field means a new version, never a changed meaning.
 */
export interface ConsentTokenPayload {
  ticketId: string;
  vendorId: string;
  decision: ConsentDecision;
  /** The consent request's nonce: a new request for the ticket voids the old links. */
  nonce: string;
  /** Expiry as epoch seconds. */
  exp: number;
}

export type ConsentDecision = 'grant' | 'deny';

const VERSION = 1;
/** Prefixed to the signed bytes so a signature over anything else never verifies here. */
const SIGNING_CONTEXT = 'tierdesk-consent-v1.';
const TICKET_ID = /^TD-\d{1,12}$/;
const VENDOR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const BODY = /^[A-Za-z0-9_-]{16,512}$/;
/** HMAC-SHA256 in base64url without padding. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

export function encodeConsentPayload(p: ConsentTokenPayload): string {
  return Buffer.from(JSON.stringify([VERSION, p.ticketId, p.vendorId, p.decision, p.nonce, p.exp]), 'utf8').toString('base64url');
}

/** The payload of a token body, or null unless every field has exactly the expected form. */
export function decodeConsentPayload(body: string): ConsentTokenPayload | null {
  if (!BODY.test(body)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 6) return null;
  const [version, ticketId, vendorId, decision, nonce, exp] = value as unknown[];
  if (version !== VERSION) return null;
  if (typeof ticketId !== 'string' || !TICKET_ID.test(ticketId)) return null;
  if (typeof vendorId !== 'string' || !VENDOR_ID.test(vendorId)) return null;
  if (decision !== 'grant' && decision !== 'deny') return null;
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) return null;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return null;
  return { ticketId, vendorId, decision, nonce, exp };
}

/** A token is `<body>.<signature>`; null when it does not even have that shape. */
export function splitConsentToken(token: string): { body: string; signature: string } | null {
  if (typeof token !== 'string' || token.length > 600) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  return BODY.test(body) && SIGNATURE.test(signature) ? { body, signature } : null;
}

/** The exact bytes the HMAC covers for a token body. */
export function consentSigningInput(body: string): string {
  return `${SIGNING_CONTEXT}${body}`;
}

/** Epoch seconds of an ISO instant, for `exp`. */
export function consentExpiry(expiresAt: string): number {
  return Math.floor(Date.parse(expiresAt) / 1000);
}

/**
 * Whether a link with a genuine signature may decide `ticket`'s consent at `now`; null when it
 * may, else why not. Pure, so the store re-runs it inside the atomic update: two clicks racing
 * each other cannot both decide.
 */
export function checkConsentLink(payload: ConsentTokenPayload, ticket: Ticket | null, now: Date): ConsentLinkProblem | null {
  if (!ticket) return 'unknown-ticket';
  if (ticket.id !== payload.ticketId) return 'wrong-ticket';
  if (isFinished(ticket.status)) return 'ticket-finished';
  const consent = ticket.consent;
  if (!consent?.nonce) return 'not-requested';
  if (consent.nonce !== payload.nonce) return 'superseded';
  if (consent.vendorId !== payload.vendorId) return 'wrong-vendor';
  // A lapsed request is expired whatever the link says; an answer given through any channel
  // uses up every link of the request.
  if (consent.status === 'expired') return 'expired';
  if (consent.status !== 'requested') return 'used';
  if (now.getTime() >= payload.exp * 1000) return 'expired';
  return null;
}
