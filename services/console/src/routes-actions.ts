import type { FastifyInstance } from 'fastify';
import { apiBody, callApi, isApiAction } from './actions.js';
import { ticketPage } from './pages/ticket-page.js';
import { pageContext, type ConsoleDeps } from './request-context.js';
import { notFoundPage, sendHtml, TICKET_ID } from './routes-pages.js';

/**
 * POST /console/tickets/:id/:action. Success redirects to the ticket page (post/redirect/get);
 * a refusal re-renders the page with the API's error code and the agent's input kept.
 */
export function registerActionRoutes(app: FastifyInstance, root: () => FastifyInstance, deps: ConsoleDeps): void {
  const { rt } = deps;

  app.post<{ Params: { id: string; action: string }; Body: Record<string, string> }>('/console/tickets/:id/:action', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const id = req.params.id.toUpperCase();
    const action = req.params.action;
    const form = req.body ?? {};
    const agent = ctx.session!.agent;
    const before = TICKET_ID.test(id) ? await rt.store.getWithEvents(id) : null;
    if (!before) return sendHtml(reply, 404, notFoundPage(ctx, req.params.id));

    if (!isApiAction(action)) return sendHtml(reply, 404, notFoundPage(ctx, `${req.params.id}/${action}`));
    const res = await callApi(root(), rt.secrets.apiToken, id, action, apiBody(action, form, agent));
    const failure = res.ok ? null : res;
    const done = action === 'triage' ? `triage-${form.verdict === 'confirmed' ? 'confirmed' : 'corrected'}` : action;

    if (!failure) return reply.code(303).header('location', `/console/tickets/${id}?done=${encodeURIComponent(done)}#flash`).send();
    const current = (await rt.store.getWithEvents(id)) ?? before;
    const values: Record<string, string> = action === 'triage' ? { triageLevel: form.level ?? '', category: form.category ?? '' } : form;
    return sendHtml(reply, failure.status >= 400 && failure.status < 600 ? failure.status : 500, ticketPage(ctx, current, { kind: 'error', code: failure.code, message: failure.message }, values));
  });
}
