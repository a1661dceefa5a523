import { Info } from 'luxon';
import type { TicketChange } from '../ticket-commands.js';
import type { CallbackState, Customer, Ticket } from '../ticket.js';

/** Where the zone a callback is shown in came from (CallbackState.timezoneSource). */
export type TimezoneSource = CallbackState['timezoneSource'];

export interface CustomerZone {
  zone: string;
  source: TimezoneSource;
}

/** No inhabited place is further than 14 hours from UTC; a Date header saying otherwise is broken. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Whether luxon can work in `zone`: an IANA name, or a fixed offset such as "UTC+2" or
 * "UTC-5:30" (what triage derives from a Date header) within ±14 hours.
 */
export function isUsableZone(zone: string | null | undefined): zone is string {
  if (typeof zone !== 'string' || !zone.trim()) return false;
  const z = Info.normalizeZone(zone);
  if (!z || !z.isValid) return false;
  if (z.type !== 'fixed') return true;
  return Math.abs(z.offset(0)) <= MAX_OFFSET_MINUTES;
}

/**
 * The zone to call the customer in: their known zone, else the offset of their email's Date
 * header, else the team's own zone. The source is kept so the email can say how sure we are.
 */
export function resolveCustomerZone(customer: Pick<Customer, 'timezone' | 'dateTimezone'>, teamZone: string): CustomerZone {
  if (isUsableZone(customer.timezone)) return { zone: customer.timezone, source: 'customer' };
  if (isUsableZone(customer.dateTimezone)) return { zone: customer.dateTimezone, source: 'date-header' };
  return { zone: teamZone, source: 'team' };
}

/**
 * An IANA name for a zone, for calendar files that need a VTIMEZONE: a whole-hour fixed offset
 * maps to its `Etc/GMT∓n` twin (POSIX signs are inverted), anything else without a name to null.
 */
export function ianaZoneFor(zone: string): string | null {
  const z = Info.normalizeZone(zone);
  if (!z || !z.isValid) return null;
  if (z.type === 'iana') return z.name;
  const offset = z.offset(0);
  if (offset === 0) return 'UTC';
  // The tz database has Etc/GMT+12 … Etc/GMT-14 only.
  if (offset % 60 !== 0 || offset < -12 * 60 || offset > 14 * 60) return null;
  const hours = offset / 60;
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

/**
 * Records the zone the customer told us (a reply such as "I'm in New York") as theirs: the
 * ticket's customer record, read first by every later booking. Unchanged tickets (or no zone to
 * note, null) give no change.
 */
export function noteCustomerZone(ticket: Ticket, zone: string | null, now: Date): TicketChange {
  if (!isUsableZone(zone) || ticket.customer.timezone === zone) return { ticket, events: [] };
  return { ticket: { ...ticket, customer: { ...ticket.customer, timezone: zone }, updatedAt: now.toISOString() }, events: [] };
}
