import type { FastifyInstance } from 'fastify';
import { listFailedJobs, retryJobs } from '@tierdesk/bus';
import { InvalidInputError, TierdeskError } from '@tierdesk/domain';
import { failedJobsPage, type JobsFlash } from './pages/failed-jobs-page.js';
import { pageContext, type ConsoleDeps } from './request-context.js';
import { sendHtml } from './routes-pages.js';

/**
 * The dead letters (`GET /console/jobs`) and their replay (`POST /console/jobs/retry`, one job by
 * queue and id, or `all`): the same listing and idempotent replay as `tierdesk jobs failed|retry`.
 * The result is shown on the page that answers the POST; sending it again replays nothing twice.
 */
export function registerJobRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const { rt } = deps;

  app.get('/console/jobs', async (req, reply) => {
    const jobs = await listFailedJobs(rt.bus);
    const ctx = { ...pageContext(deps, req, reply), failedJobs: jobs.length };
    return sendHtml(reply, 200, failedJobsPage(ctx, jobs, null));
  });

  app.post<{ Body: Record<string, string> }>('/console/jobs/retry', async (req, reply) => {
    const form = req.body ?? {};
    let flash: JobsFlash;
    let status = 200;
    try {
      const target = form.all === '1' ? { all: true } : { id: form.id ?? '', ...(form.queue ? { queue: form.queue } : {}) };
      if (!target.all && !form.id) throw new InvalidInputError('Give a job id, or replay all.', { field: 'id' });
      const result = await retryJobs(rt.bus, target);
      flash = { kind: 'done', result };
      req.log.info({ agent: req.consoleSession?.agent, retried: result.retried.length, skipped: result.skipped.length }, 'console replayed dead letters');
    } catch (err) {
      if (!(err instanceof TierdeskError)) throw err;
      flash = { kind: 'error', code: err.code, message: err.message };
      status = err.code === 'JOB_NOT_FOUND' ? 404 : 400;
    }
    const jobs = await listFailedJobs(rt.bus);
    // Counted after the replay, so the navigation badge agrees with the list.
    const ctx = { ...pageContext(deps, req, reply), failedJobs: jobs.length };
    return sendHtml(reply, status, failedJobsPage(ctx, jobs, flash));
  });
}
