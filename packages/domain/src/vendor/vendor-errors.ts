import { InvalidInputError, TransitionNotAllowedError } from '../errors.js';

/** An agent named a vendor the configuration does not list (HTTP 400). */
export class UnknownVendorError extends InvalidInputError {
  constructor(vendorId: string, known: readonly string[]) {
    super(`Unknown vendor "${vendorId}"; configured vendors: ${known.length ? known.join(', ') : 'none'}.`, { field: 'vendor', vendor: vendorId, known: [...known] });
  }
}

/**
 * A vendor nobody can write to: nothing could be handed over, so asking the customer's consent
 * for it would promise what cannot happen (HTTP 409). The config schema already requires an
 * email; this guards configs built in code and keeps the rule next to the handoff.
 */
export class VendorWithoutEmailError extends TransitionNotAllowedError {
  constructor(vendorId: string) {
    super(`Vendor "${vendorId}" has no email address; add one to its config entry before handing tickets to it.`, { vendor: vendorId });
  }
}
