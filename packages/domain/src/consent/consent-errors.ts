import { TierdeskError, TransitionNotAllowedError } from '../errors.js';

/**
 * Why a consent link does nothing. Wire contract: the public consent page and the logs show
 * these; renaming one changes what customers and operators read.
 */
export const CONSENT_LINK_PROBLEMS = [
  'malformed',
  'forged',
  'expired',
  'unknown-ticket',
  'wrong-ticket',
  'wrong-vendor',
  'superseded',
  'used',
  'ticket-finished',
  'not-requested',
] as const;
export type ConsentLinkProblem = (typeof CONSENT_LINK_PROBLEMS)[number];

/** A consent link that must not record anything; `problem` says why, for the page and the log. */
export class ConsentLinkRefusedError extends TierdeskError {
  readonly problem: ConsentLinkProblem;
  constructor(problem: ConsentLinkProblem, details?: Record<string, unknown>) {
    super('CONSENT_LINK_REFUSED', `The consent link was refused: ${problem}.`, { problem, ...details });
    this.problem = problem;
  }
}

/** The ticket is not waiting for a consent decision (none asked, or already decided) — HTTP 409. */
export class ConsentNotPendingError extends TransitionNotAllowedError {
  constructor(ticketId: string, consentStatus: string | null, ticketStatus: string) {
    super(
      consentStatus === null
        ? `Ticket ${ticketId} is not waiting for the customer's consent.`
        : `Ticket ${ticketId} is not waiting for the customer's consent (consent ${consentStatus}, status ${ticketStatus}).`,
      { ticketId, consent: consentStatus, status: ticketStatus },
    );
  }
}
