import type { Job } from 'bullmq';
import { InvalidInputError, TierdeskError } from '@tierdesk/domain';
import { safeJobId, ticketIdOf, type Bus } from './bus.js';
import { QUEUE_NAMES, type QueueName } from './queues.js';

/**
 * Dead letters: jobs that exhausted their retries and stay in their queue's failed set. One
 * implementation for every place that shows or replays them (`tierdesk jobs failed|retry`, the
 * console's "Failed jobs" page).
 */
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

export interface RetryTarget {
  id?: string;
  all?: boolean;
  queue?: string;
}

export interface RetryResult {
  retried: Array<{ queue: QueueName; id: string }>;
  /** Found but not failed (already replayed, running or done): nothing to do. */
  skipped: Array<{ queue: QueueName; id: string; state: string }>;
}

function queuesOf(queue: string | undefined): QueueName[] {
  if (queue === undefined) return [...QUEUE_NAMES];
  if (!(QUEUE_NAMES as readonly string[]).includes(queue)) throw new InvalidInputError(`Unknown queue "${queue}". Queues: ${QUEUE_NAMES.join(', ')}.`, { field: 'queue' });
  return [queue as QueueName];
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
    ticketId: ticketIdOf(job.data) ?? null,
  };
}

/** Every job in the failed sets (the dead letters), newest failure first. */
export async function listFailedJobs(bus: Bus, queue?: string): Promise<FailedJobInfo[]> {
  const out: FailedJobInfo[] = [];
  for (const q of queuesOf(queue)) {
    const jobs = (await bus.queue(q).getFailed(0, -1)) as Array<Job | undefined>;
    for (const j of jobs) if (j) out.push(info(q, j));
  }
  return out.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
}

/** How many dead letters all queues hold (one count per queue, no job read). */
export async function countFailedJobs(bus: Bus): Promise<number> {
  const counts = await Promise.all(QUEUE_NAMES.map((q) => bus.queue(q).getFailedCount()));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Replays failed jobs with a fresh set of attempts. Idempotent: a job no longer in the failed set
 * is skipped, and the processors themselves do nothing for work already done (e.g. an email
 * with a sent-record is not sent again). Throws JobNotFoundError for an id no queue knows.
 */
export async function retryJobs(bus: Bus, target: RetryTarget): Promise<RetryResult> {
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
    const queue = bus.queue(q);
    if (target.all) {
      for (const job of (await queue.getFailed(0, -1)) as Array<Job | undefined>) if (job) await replay(q, job);
      continue;
    }
    const id = target.id ?? '';
    const job = ((await queue.getJob(id)) ?? (await queue.getJob(safeJobId(id)))) as Job | undefined;
    if (!job) continue;
    const state = await job.getState();
    if (state === 'failed') await replay(q, job);
    else result.skipped.push({ queue: q, id: String(job.id), state });
  }
  if (!target.all && result.retried.length === 0 && result.skipped.length === 0) throw new JobNotFoundError(target.id ?? '');
  return result;
}
