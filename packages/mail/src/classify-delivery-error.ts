import type { NodemailerError } from 'nodemailer';
import { TierdeskError } from '@tierdesk/domain';
import { MailDeliveryError } from './mail-delivery-error.js';

// Failures of the connection, not of the message: the same email can go through later.
const TRANSIENT_CODES = new Set([
  'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'EMAXLIMIT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
  // outbox: a full or briefly unwritable disk
  'ENOSPC', 'EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE',
]);
// Failures that will repeat however often the same message is sent.
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EMAXRECIPIENTS', 'EOTP', 'EFILEACCESS', 'EURLACCESS']);

/** Whether a failed send may succeed if retried: 4xx and connection problems yes, 5xx no. */
export function isTransientDeliveryFailure(err: unknown): boolean {
  if (err instanceof MailDeliveryError) return err.transient;
  if (err instanceof TierdeskError) return false; // our own validation: the message itself is wrong
  const e = (err ?? {}) as NodemailerError;
  if (typeof e.responseCode === 'number') {
    if (typeof e.permanent === 'boolean') return !e.permanent;
    return e.responseCode < 500;
  }
  for (const code of [e.code, e.originalCode]) {
    if (code && TRANSIENT_CODES.has(code)) return true;
    if (code && PERMANENT_CODES.has(code)) return false;
  }
  return true; // unknown: let the queue's bounded retries decide rather than drop the email
}

/** Wraps whatever a transport threw into a MailDeliveryError that says whether to retry. */
export function toDeliveryError(err: unknown, context: { messageId: string; via: string }): MailDeliveryError {
  if (err instanceof MailDeliveryError) return err;
  const e = (err ?? {}) as NodemailerError;
  const transient = isTransientDeliveryFailure(err);
  const reason = e.message || String(err);
  return new MailDeliveryError(
    `Could not deliver ${context.messageId} via ${context.via}: ${reason}`,
    transient,
    {
      messageId: context.messageId,
      via: context.via,
      ...(e.code ? { errorCode: e.code } : {}),
      ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
      ...(e instanceof TierdeskError ? { errorCode: e.code } : {}),
    },
    { cause: err },
  );
}
