import { InvalidInputError, requireVendor, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { startConsentRequest } from './consent-request.js';

/**
 * An agent names the vendor of a level-4 ticket triage could not match (API and CLI): the
 * customer is then asked for consent about it. 400 unknown vendor, 409 vendor without email or
 * a ticket that is not at level 4, finished, or already with a vendor.
 */
export async function chooseVendor(rt: Runtime, id: string, input: { vendor: unknown; agent?: unknown }): Promise<Ticket> {
  if (input.agent !== undefined && typeof input.agent !== 'string') throw new InvalidInputError('"agent" must be an email address.', { field: 'agent' });
  const vendor = requireVendor(rt.config, input.vendor);
  const by = typeof input.agent === 'string' && input.agent ? input.agent : 'an agent';
  await startConsentRequest(rt, id, vendor, `vendor ${vendor.id} chosen by ${by}`);
  return (await rt.store.getWithEvents(id)) as Ticket;
}
