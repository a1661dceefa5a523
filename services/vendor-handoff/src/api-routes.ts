import type { FastifyInstance } from 'fastify';
import type { Runtime } from '@tierdesk/runtime';
import { recordPhoneConsent } from './consent-decision.js';
import { chooseVendor } from './vendor-actions.js';

interface IdParams {
  id: string;
}

/** CONTRACT §4 level-4 actions, registered inside the API's bearer-auth scope. */
export function registerVendorApiRoutes(app: FastifyInstance, rt: Runtime): void {
  app.post<{ Params: IdParams; Body: { granted?: unknown; agent?: unknown } | undefined }>('/api/tickets/:id/consent', async (req) =>
    recordPhoneConsent(rt, req.params.id.toUpperCase(), { granted: req.body?.granted, agent: req.body?.agent }),
  );
  app.post<{ Params: IdParams; Body: { vendor?: unknown; agent?: unknown } | undefined }>('/api/tickets/:id/vendor', async (req) =>
    chooseVendor(rt, req.params.id.toUpperCase(), { vendor: req.body?.vendor, agent: req.body?.agent }),
  );
}
