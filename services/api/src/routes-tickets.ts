import type { FastifyInstance } from 'fastify';
import { TicketNotFoundError, isLevel, isTicketStatus, InvalidInputError } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import type { TicketListQuery } from '@tierdesk/store';
import { changePriorityAction, escalateTicket, replyToTicket, resolveTicketAction } from './ticket-actions.js';

export interface ListQuery {
  status?: string | undefined;
  level?: string | undefined;
  customer?: string | undefined;
  messageId?: string | undefined;
  limit?: string | undefined;
  cursor?: string | undefined;
}

/**
 * The filters of a ticket list as text (query string or CLI options), checked: an unknown status,
 * a level outside 0-4, a limit that is no positive integer or a cursor this API never gave out is
 * an InvalidInputError (400, exit 1) instead of a silently empty or unfiltered list.
 */
export function parseTicketListQuery(q: ListQuery): TicketListQuery {
  if (q.status && !isTicketStatus(q.status)) throw new InvalidInputError(`Unknown status "${q.status}".`, { field: 'status' });
  const level = q.level !== undefined && q.level !== '' ? Number(q.level) : undefined;
  if (level !== undefined && !isLevel(level)) throw new InvalidInputError('level must be 0 to 4.', { field: 'level' });
  const limit = q.limit ? Number(q.limit) : undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new InvalidInputError('limit must be a positive integer.', { field: 'limit' });
  if (q.cursor && !/^\d+$/.test(q.cursor)) throw new InvalidInputError('cursor is not one this API gave out.', { field: 'cursor' });
  return { status: q.status || undefined, level, customer: q.customer || undefined, messageId: q.messageId || undefined, limit, cursor: q.cursor || null };
}

export function registerTicketRoutes(app: FastifyInstance, rt: Runtime): void {
  app.get<{ Querystring: ListQuery }>('/api/tickets', async (req) => rt.store.list(parseTicketListQuery(req.query)));

  app.get<{ Params: { id: string } }>('/api/tickets/:id', async (req) => {
    const t = await rt.store.getWithEvents(req.params.id.toUpperCase());
    if (!t) throw new TicketNotFoundError(req.params.id);
    return t;
  });

  app.get('/api/stats', async () => {
    const [tickets, queues] = await Promise.all([rt.store.counts(), queueCounts(rt)]);
    return { tickets, queues };
  });

  app.post<{ Params: { id: string }; Body: { level?: unknown; reason?: unknown; agent?: string } }>('/api/tickets/:id/escalate', async (req) =>
    escalateTicket(rt, req.params.id.toUpperCase(), { level: req.body?.level, reason: req.body?.reason, ...(req.body?.agent ? { agent: req.body.agent } : {}) }),
  );
  app.post<{ Params: { id: string }; Body: { body?: unknown; agent?: unknown } }>('/api/tickets/:id/reply', async (req) =>
    replyToTicket(rt, req.params.id.toUpperCase(), { body: req.body?.body, agent: req.body?.agent }),
  );
  app.post<{ Params: { id: string }; Body: { resolution?: unknown; agent?: string } }>('/api/tickets/:id/resolve', async (req) =>
    resolveTicketAction(rt, req.params.id.toUpperCase(), { resolution: req.body?.resolution, ...(req.body?.agent ? { agent: req.body.agent } : {}) }),
  );
  app.post<{ Params: { id: string }; Body: { priority?: unknown; reason?: unknown; agent?: string } }>('/api/tickets/:id/priority', async (req) =>
    changePriorityAction(rt, req.params.id.toUpperCase(), { priority: req.body?.priority, reason: req.body?.reason, ...(req.body?.agent ? { agent: req.body.agent } : {}) }),
  );
}

export async function queueCounts(rt: Runtime): Promise<Record<string, Record<string, number>>> {
  const { QUEUE_NAMES } = await import('@tierdesk/bus');
  const out: Record<string, Record<string, number>> = {};
  for (const name of QUEUE_NAMES) {
    out[name] = await rt.bus.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  }
  return out;
}
