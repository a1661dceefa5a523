import type { FastifyInstance } from 'fastify';
import type { Runtime } from '@tierdesk/runtime';
import { reviewTriage } from './triage-action.js';
import { TriageCorrections } from './triage-corrections.js';

/** `POST /api/tickets/:id/triage`, registered inside the API's bearer-auth scope (an ApiPlugin). */
export function registerTriageApiRoutes(app: FastifyInstance, rt: Runtime): void {
  const corrections = new TriageCorrections(rt.redis, rt.env.prefix);
  app.post<{ Params: { id: string }; Body: unknown }>('/api/tickets/:id/triage', async (req) => reviewTriage(rt, req.params.id.toUpperCase(), req.body, corrections));
}
