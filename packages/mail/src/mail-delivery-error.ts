import { TierdeskError } from '@tierdesk/domain';

/**
 * Sending an email failed. `transient` tells the caller whether a retry can succeed
 * (connection refused, timeouts, 4xx replies) or not (5xx replies, an unbuildable message).
 */
export class MailDeliveryError extends TierdeskError {
  readonly transient: boolean;
  constructor(message: string, transient: boolean, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super('MAIL_DELIVERY_FAILED', message, { ...details, transient });
    this.transient = transient;
    if (options && 'cause' in options) this.cause = options.cause;
  }
}
