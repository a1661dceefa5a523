import { consentExpiry, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { ConsentSigner } from './consent-signer.js';

export interface ConsentLinks {
  grantUrl: string;
  denyUrl: string;
  expiresAt: string;
}

/**
 * The grant and deny links of the ticket's open consent request. Deterministic for a request
 * (same nonce, vendor and expiry ⇒ same tokens), so a reminder repeats the very same links.
 */
export function consentLinks(rt: Pick<Runtime, 'env' | 'secrets'>, ticket: Ticket): ConsentLinks | null {
  const c = ticket.consent;
  if (!c?.nonce || !c.expiresAt) return null;
  const signer = new ConsentSigner(rt.secrets.consentSecret);
  const base = rt.env.publicUrl.replace(/\/+$/, '');
  const common = { ticketId: ticket.id, vendorId: c.vendorId, nonce: c.nonce, exp: consentExpiry(c.expiresAt) };
  return {
    grantUrl: `${base}/consent/${signer.sign({ ...common, decision: 'grant' })}`,
    denyUrl: `${base}/consent/${signer.sign({ ...common, decision: 'deny' })}`,
    expiresAt: c.expiresAt,
  };
}
