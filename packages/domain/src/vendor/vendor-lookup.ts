import type { TierdeskConfig, VendorConfig } from '../config-types.js';
import type { Ticket } from '../ticket.js';
import { UnknownVendorError, VendorWithoutEmailError } from './vendor-errors.js';

/** The configured vendor `id`, ready to receive a handoff; throws a typed error otherwise. */
export function requireVendor(config: Pick<TierdeskConfig, 'vendors'>, id: unknown): VendorConfig {
  if (typeof id !== 'string' || !id.trim()) {
    throw new UnknownVendorError(String(id ?? ''), config.vendors.map((v) => v.id));
  }
  const vendor = config.vendors.find((v) => v.id === id.trim());
  if (!vendor) throw new UnknownVendorError(id, config.vendors.map((v) => v.id));
  if (!vendor.email.trim()) throw new VendorWithoutEmailError(vendor.id);
  return vendor;
}

/**
 * The vendor a level-4 ticket would go to without asking an agent: the one triage matched, else
 * the one the customer was asked about before (a re-escalation after a denial asks again about
 * the same vendor). Null when nobody knows: an agent must choose.
 */
export function proposedVendor(ticket: Ticket, config: Pick<TierdeskConfig, 'vendors'>): VendorConfig | null {
  return firstUsableVendor(config, [ticket.triage?.vendor, ticket.consent?.vendorId]);
}

/** The first of `ids` that names a configured vendor with an email address, else null. */
export function firstUsableVendor(config: Pick<TierdeskConfig, 'vendors'>, ids: ReadonlyArray<string | null | undefined>): VendorConfig | null {
  for (const id of ids) {
    const v = id ? config.vendors.find((x) => x.id === id) : undefined;
    if (v && v.email.trim()) return v;
  }
  return null;
}
