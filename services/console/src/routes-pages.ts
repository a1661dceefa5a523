import type { FastifyInstance, FastifyReply } from 'fastify';
import { TicketNotFoundError } from '@tierdesk/domain';
import { html } from './html.js';
import { layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { queuePage, queueSections } from './pages/queue-page.js';
import { ticketLive, ticketPage, type Flash } from './pages/ticket-page.js';
import { loadQueue, parseFilters } from './queue-data.js';
import { pageContext, type ConsoleDeps } from './request-context.js';

export const TICKET_ID = /^TD-\d{1,12}$/;

export function sendHtml(reply: FastifyReply, status: number, body: { value: string }): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}

export function notFoundPage(ctx: PageContext, id: string): { value: string } {
  return layout(ctx, ctx.t('notFound', { id }), html`<h1>${ctx.t('notFound', { id })}</h1><p><a href="/console">${ctx.t('back')}</a></p>`);
}

/** Labels for the "done" notice after an action. */
export const DONE_KEYS = {
  reply: 'sendReply',
  escalate: 'changeLevelSubmit',
  priority: 'changePrioritySubmit',
  resolve: 'resolveSubmit',
  callback: 'recordOutcome',
  consent: 'recordConsent',
  vendor: 'chooseVendorSubmit',
  'triage-confirmed': 'triageConfirmed',
  'triage-corrected': 'triageCorrected',
} as const;

export function registerPageRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const { rt } = deps;

  app.get('/console/', async (_req, reply) => reply.code(301).header('location', '/console').send());

  app.get<{ Querystring: Record<string, string> }>('/console', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const filters = parseFilters(req.query);
    const view = await loadQueue(rt.store, rt.config, filters, ctx.now);
    return sendHtml(reply, 200, queuePage(ctx, filters, view));
  });

  app.get<{ Querystring: Record<string, string> }>('/console/api/queue', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const filters = parseFilters(req.query);
    const view = await loadQueue(rt.store, rt.config, filters, ctx.now);
    const shown = filters.level === null ? Object.values(view.levels) : [view.levels[filters.level]];
    const ids = shown.flatMap((rows) => rows.map((r) => r.ticket.id));
    return { at: ctx.now.toISOString(), counts: view.counts, ids, html: queueSections(ctx, filters, view).value };
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/console/tickets/:id', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const id = req.params.id.toUpperCase();
    const tk = TICKET_ID.test(id) ? await rt.store.getWithEvents(id) : null;
    if (!tk) return sendHtml(reply, 404, notFoundPage(ctx, req.params.id));
    const done = req.query.done && req.query.done in DONE_KEYS ? ctx.t(DONE_KEYS[req.query.done as keyof typeof DONE_KEYS]) : null;
    const flash: Flash | null = done ? { kind: 'done', action: done } : null;
    return sendHtml(reply, 200, ticketPage(ctx, tk, flash));
  });

  app.get<{ Params: { id: string } }>('/console/api/tickets/:id', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const id = req.params.id.toUpperCase();
    const tk = TICKET_ID.test(id) ? await rt.store.getWithEvents(id) : null;
    if (!tk) throw new TicketNotFoundError(req.params.id);
    return { id: tk.id, version: tk.version, status: tk.status, level: tk.level, html: ticketLive(ctx, tk).value };
  });
}
