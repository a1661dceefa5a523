import { createHash } from 'node:crypto';
import type { MailKind } from '@tierdesk/domain';
import { InvalidInputError } from '@tierdesk/domain';
import { parseMailbox } from './mailbox.js';

const TICKET_ID = /^TD-\d+$/;
const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

/** Throws unless `id` is a ticket id of the form TD-n. */
export function assertTicketId(id: string): void {
  if (!TICKET_ID.test(id)) throw new InvalidInputError(`Not a ticket id: ${JSON.stringify(id)} (expected TD-<n>).`, { ticketId: id });
}

/** True for a Message-ID in its full '<local@domain>' form with nothing that could break a header. */
export function isMessageId(id: string): boolean {
  return MESSAGE_ID.test(id);
}

/** Only what a hostname may hold; anything else would let a domain smuggle text into headers. */
function cleanDomain(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/[^a-z0-9.-]/g, '').replace(/^[.-]+|[.-]+$/g, '');
  return d || 'localhost';
}

/**
 * The Message-ID of the email of `kind` about a ticket, identified by `key` (e.g. the event id
 * and recipient). Deterministic, so a retried job sends the same Message-ID and receivers
 * (and our own intake) see one message: '<td-7.ack.<hash>@domain>'.
 */
export function buildMessageId(ticketId: string, kind: MailKind, key: string, domain: string): string {
  assertTicketId(ticketId);
  const hash = createHash('sha256').update(`${ticketId}\n${kind}\n${key}`).digest('hex').slice(0, 24);
  return `<${ticketId.toLowerCase()}.${kind}.${hash}@${cleanDomain(domain)}>`;
}

/** The domain of the MAIL_FROM address ('Support <support@example.com>' → 'example.com'). */
export function senderDomain(mailFrom: string): string {
  const address = parseMailbox(mailFrom)?.address ?? '';
  const at = address.lastIndexOf('@');
  return cleanDomain(at >= 0 ? address.slice(at + 1) : '');
}
