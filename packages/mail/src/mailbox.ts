import addressparser from 'nodemailer/lib/addressparser';
import { InvalidInputError } from '@tierdesk/domain';
import type { MailAddress } from './outbound-email.js';
import { sanitizeHeaderText } from './sanitize-header-text.js';

// A plain addr-spec: no whitespace, brackets, quotes, commas or semicolons that could end the
// address early or add another recipient. Stricter than RFC 5322 on purpose.
const ADDRESS = /^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+$/;
const MAX_ADDRESS = 254;

/** An address a transport may put in To/Cc/Reply-To: trimmed, no controls, a single mailbox. */
export function cleanAddress(address: string): string {
  const a = String(address).trim();
  if (a.length > MAX_ADDRESS || !ADDRESS.test(a)) {
    throw new InvalidInputError(`Not a usable email address: ${JSON.stringify(a.slice(0, 80))}.`, { field: 'address' });
  }
  return a;
}

/**
 * A recipient as a nodemailer address object: never a concatenated string, so a display name
 * with quotes, commas or CRLF can only ever be a display name.
 */
export function toAddressObject(m: MailAddress): { name: string; address: string } {
  return { name: m.name ? sanitizeHeaderText(m.name, 120) : '', address: cleanAddress(m.address) };
}

/** Parses one mailbox such as MAIL_FROM ('Support <support@example.com>'); null when there is none. */
export function parseMailbox(value: string): { name: string; address: string } | null {
  for (const entry of addressparser(String(value), { flatten: true })) {
    if (entry.address) return { name: sanitizeHeaderText(entry.name ?? '', 120), address: entry.address };
  }
  return null;
}
