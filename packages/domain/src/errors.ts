/** Base of every error Tierdesk raises on purpose: a stable code callers can branch on. */
export class TierdeskError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** A requested ticket change is not allowed from the ticket's current state (HTTP 409). */
export class TransitionNotAllowedError extends TierdeskError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('TRANSITION_NOT_ALLOWED', message, details);
  }
}

/** Input that can never be valid, whatever the state (HTTP 400). */
export class InvalidInputError extends TierdeskError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_INPUT', message, details);
  }
}

export class TicketNotFoundError extends TierdeskError {
  constructor(ticketId: string) {
    super('TICKET_NOT_FOUND', `No ticket ${ticketId}.`, { ticketId });
  }
}
