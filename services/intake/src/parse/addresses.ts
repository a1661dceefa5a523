import { parseAddressHeader, type EmailAddress } from 'mailparser';
import { decodeRawHeaderBytes } from './charset.js';
import { cleanOneLine } from './text-clean.js';

/** A mailbox as Tierdesk keeps it: lowercased address, display name safe to echo in a header. */
export interface Mailbox {
  email: string;
  name: string;
}

const MAX_ADDRESSES = 100;
// Deliberately simple: one @, no blanks, brackets, quotes or separators that could split a header.
const ADDRESS = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+$/;

/** Whether `email` (already lowercased and trimmed) is an address we can store and write back to. */
export function isUsableAddress(email: string): boolean {
  // eslint-disable-next-line no-control-regex
  return email.length <= 320 && ADDRESS.test(email) && !/[\u0000-\u001f\u007f]/.test(email);
}

function flatten(list: EmailAddress[], out: EmailAddress[], depth = 0): void {
  for (const a of list) {
    if (out.length >= MAX_ADDRESSES) return;
    if (a.group && depth < 2) flatten(a.group, out, depth + 1);
    else out.push(a);
  }
}

/**
 * Parses address header values (raw, as binary strings; several occurrences allowed) into usable
 * mailboxes. Groups are flattened, encoded words in names decoded, control characters removed,
 * entries without a valid address dropped. Never throws.
 */
export function parseAddressList(binaryValues: string | string[]): Mailbox[] {
  const values = ([] as string[]).concat(binaryValues).map((v) => decodeRawHeaderBytes(v.slice(0, 65536)));
  let parsed: EmailAddress[];
  try {
    parsed = parseAddressHeader(values).value;
  } catch {
    return [];
  }
  const flat: EmailAddress[] = [];
  flatten(parsed, flat);
  const out: Mailbox[] = [];
  for (const a of flat) {
    const email = (a.address ?? '').trim().toLowerCase();
    if (!isUsableAddress(email)) continue;
    out.push({ email, name: cleanOneLine(a.name ?? '', 200) });
  }
  return out;
}
