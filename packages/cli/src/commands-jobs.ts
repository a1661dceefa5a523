import type { Command } from 'commander';
import { QUEUE_NAMES, safeJobId, type QueueName } from '@tierdesk/bus';
import { InvalidInputError, TierdeskError } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { withRuntime } from './context.js';

/** A BullMQ job as the bus's queues hand it out (no direct bullmq dependency here). */
type Job = NonNullable<Awaited<ReturnType<ReturnType<Runtime['bus']['queue']>['getJob']>>>;

export class JobNotFoundError extends TierdeskError {
  constructor(id: string) {
    super('JOB_NOT_FOUND', `No job "${id}" in any queue. List dead letters with: tierdesk jobs failed`, { id });
  }
}

/** A job that exhausted its retries, as `tierdesk jobs failed` prints it. */
export interface FailedJobInfo {
  id: string;
  queue: QueueName;
  name: string;
  failedReason: string;
  attemptsMade: number;
  /** When the job was created, and when it failed for good (ISO). */
  timestamp: string;
  failedAt: string | null;
  ticketId: string | null;
}

function queuesOf(queue: string | undefined): QueueName[] {
  if (queue === undefined) return [...QUEUE_NAMES];
  if (!(QUEUE_NAMES as readonly string[]).includes(queue)) throw new InvalidInputError(`Unknown queue "${queue}". Queues: ${QUEUE_NAMES.join(', ')}.`, { field: 'queue' });
  return [queue as QueueName];
}

function ticketOf(job: Job): string | null {
  const d = (job.data ?? {}) as { ticketId?: string; event?: { ticketId?: string }; email?: { ticketId?: string } };
  return d.ticketId ?? d.event?.ticketId ?? d.email?.ticketId ?? null;
}

function info(queue: QueueName, job: Job): FailedJobInfo {
  return {
    id: String(job.id),
    queue,
    name: job.name,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    timestamp: new Date(job.timestamp).toISOString(),
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    ticketId: ticketOf(job),
  };
}

/** Every job in the failed sets (the dead letters), newest failure first. */
export async function listFailedJobs(rt: Runtime, queue?: string): Promise<FailedJobInfo[]> {
  const out: FailedJobInfo[] = [];
  for (const q of queuesOf(queue)) {
    const jobs = await rt.bus.queue(q).getFailed(0, -1);
    for (const j of jobs) if (j) out.push(info(q, j as Job));
  }
  return out.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
}

export interface RetryResult {
  retried: Array<{ queue: QueueName; id: string }>;
  /** Found but not failed (already replayed, running or done): nothing to do. */
  skipped: Array<{ queue: QueueName; id: string; state: string }>;
}

/**
 * Replays failed jobs with a fresh set of attempts. Idempotent: a job no longer in the failed set
 * is skipped, and the processors themselves do nothing for work already done (e.g. an email
 * with a sent-record is not sent again).
 */
export async function retryJobs(rt: Runtime, target: { id?: string; all?: boolean; queue?: string }): Promise<RetryResult> {
  const result: RetryResult = { retried: [], skipped: [] };
  const replay = async (q: QueueName, job: Job) => {
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      result.retried.push({ queue: q, id: String(job.id) });
    } catch {
      // Replayed by someone else in the meantime.
      result.skipped.push({ queue: q, id: String(job.id), state: await job.getState() });
    }
  };
  for (const q of queuesOf(target.queue)) {
    const queue = rt.bus.queue(q);
    if (target.all) {
      for (const job of await queue.getFailed(0, -1)) if (job) await replay(q, job as Job);
      continue;
    }
    const id = target.id as string;
    const job = ((await queue.getJob(id)) ?? (await queue.getJob(safeJobId(id)))) as Job | undefined;
    if (!job) continue;
    const state = await job.getState();
    if (state === 'failed') await replay(q, job);
    else result.skipped.push({ queue: q, id: String(job.id), state });
  }
  if (!target.all && result.retried.length === 0 && result.skipped.length === 0) throw new JobNotFoundError(target.id ?? '');
  return result;
}

function table(jobs: FailedJobInfo[]): string {
  if (!jobs.length) return 'no failed jobs';
  return jobs
    .map((j) => [j.failedAt ?? j.timestamp, j.queue.padEnd(15), (j.ticketId ?? '-').padEnd(7), `attempts ${j.attemptsMade}`, j.id, `— ${j.failedReason}`].join('  '))
    .join('\n');
}

export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('dead letters: jobs that exhausted their retries, and replaying them');
  jobs
    .command('failed')
    .description('list jobs in the failed sets of all queues (or one)')
    .option('--queue <queue>', `one of: ${QUEUE_NAMES.join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (o: { queue?: string; json?: boolean }) => {
      const list = await withRuntime((rt) => listFailedJobs(rt, o.queue));
      process.stdout.write(o.json ? `${JSON.stringify(list, null, 2)}\n` : `${table(list)}\n`);
    });
  jobs
    .command('retry [id]')
    .description('replay a failed job (by id), or --all of them; replay is idempotent')
    .option('--queue <queue>', 'only this queue')
    .option('--all', 'every failed job (of --queue, or of all queues)')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, o: { queue?: string; all?: boolean; json?: boolean }) => {
      if (!id && !o.all) throw new InvalidInputError('Give a job id (see tierdesk jobs failed) or --all.');
      if (id && o.all) throw new InvalidInputError('Give either a job id or --all, not both.');
      const r = await withRuntime((rt) => retryJobs(rt, { ...(id ? { id } : {}), all: Boolean(o.all), ...(o.queue ? { queue: o.queue } : {}) }));
      const text = [
        ...r.retried.map((j) => `replayed ${j.queue} ${j.id}`),
        ...r.skipped.map((j) => `skipped ${j.queue} ${j.id} (${j.state}, not failed)`),
      ].join('\n');
      process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${text || 'no failed jobs to replay'}\n`);
    });
}
