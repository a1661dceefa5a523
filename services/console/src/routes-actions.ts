import type { FastifyInstance } from 'fastify';
import { TierdeskError } from '@tierdesk/domain';
import { apiBody, callApi, isApiAction } from './actions.js';
import { ticketPage } from './pages/ticket-page.js';
import { pageContext, type ConsoleDeps } from './request-context.js';
import { notFoundPage, sendHtml, TICKET_ID } from './routes-pages.js';
import { applyTriageReview, parseTriageReview } from './triage-review.js';
import { TriageCorrections, correctionFor } from './triage-corrections.js';

const STATUS_BY_CODE: Record<string, number> = { INVALID_INPUT: 400, TICKET_NOT_FOUND: 404, TRANSITION_NOT_ALLOWED: 409, STORE_CONFLICT: 503 };

/**
 * POST /console/tickets/:id/:action. Success redirects to the ticket page (post/redirect/get);
 * a refusal re-renders the page with the API's error code and the agent's input kept.
 */
export function registerActionRoutes(app: FastifyInstance, root: () => FastifyInstance, deps: ConsoleDeps): void {
  const { rt } = deps;
  const corrections = new TriageCorrections(rt.redis, rt.env.prefix);

  app.post<{ Params: { id: string; action: string }; Body: Record<string, string> }>('/console/tickets/:id/:action', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const id = req.params.id.toUpperCase();
    const action = req.params.action;
    const form = req.body ?? {};
    const agent = ctx.session!.agent;
    const before = TICKET_ID.test(id) ? await rt.store.getWithEvents(id) : null;
    if (!before) return sendHtml(reply, 404, notFoundPage(ctx, req.params.id));

    let failure: { status: number; code: string; message: string } | null = null;
    let done = action;
    if (action === 'triage') {
      try {
        const review = parseTriageReview(form, before);
        const now = rt.now();
        await rt.store.update(id, (t) => applyTriageReview(t, review, agent, now), now);
        await corrections.add(correctionFor(before, review, agent, now));
        done = `triage-${review.verdict}`;
        req.log.info({ ticketId: id, verdict: review.verdict, level: review.level }, 'triage reviewed in the console');
      } catch (err) {
        if (!(err instanceof TierdeskError)) throw err;
        failure = { status: STATUS_BY_CODE[err.code] ?? 500, code: err.code, message: err.message };
      }
    } else if (isApiAction(action)) {
      const res = await callApi(root(), rt.secrets.apiToken, id, action, apiBody(action, form, agent));
      if (!res.ok) failure = res;
    } else {
      return sendHtml(reply, 404, notFoundPage(ctx, `${req.params.id}/${action}`));
    }

    if (!failure) return reply.code(303).header('location', `/console/tickets/${id}?done=${encodeURIComponent(done)}#flash`).send();
    const current = (await rt.store.getWithEvents(id)) ?? before;
    const values: Record<string, string> = action === 'triage' ? { triageLevel: form.level ?? '', category: form.category ?? '' } : form;
    return sendHtml(reply, failure.status >= 400 && failure.status < 600 ? failure.status : 500, ticketPage(ctx, current, { kind: 'error', code: failure.code, message: failure.message }, values));
  });
}
