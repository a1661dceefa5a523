import { hostname } from 'node:os';
import { Queue, Worker, type Job, type JobsOptions, type KeepJobs } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '@tierdesk/logger';
import type { QueueJobs, QueueName } from './queues.js';
import { isFinalFailure, JobStats } from './job-stats.js';

export type Processor<Q extends QueueName> = (job: Job<QueueJobs[Q]>, log: Logger) => Promise<unknown>;

export interface BusOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** How quickly jobs of a dead process come back; see WORKER_RECOVERY_DEFAULTS. */
  recovery?: Partial<WorkerRecovery>;
  /** The host this process's workers report in Redis (default: this machine's or container's hostname). */
  workerHost?: string;
}

/** This machine's (or container's) name as workers report it; CLIENT SETNAME allows no spaces. */
export function workerHostName(): string {
  return hostname().replace(/\s+/g, '-') || 'unknown-host';
}

export interface WorkerRecovery {
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
}

/**
 * A job held by a process that died (SIGKILL, OOM, lost host) returns to its queue once its lock
 * expires (the lock is renewed every lockDurationMs / 2 while the process lives) and a stalled
 * check, run every stalledIntervalMs by any worker, finds it: at most 15 s here, against 60 s with
 * BullMQ's defaults. The price: a live worker must never block its event loop for 5 s, or its job
 * is taken for dead and run again (harmless — jobs are idempotent — but wasted). A job that was in
 * flight in more than maxStalledCount crashes goes to the failed set, so a message that kills its
 * worker cannot crash the fleet forever.
 */
export const WORKER_RECOVERY_DEFAULTS: WorkerRecovery = { lockDurationMs: 10_000, stalledIntervalMs: 5_000, maxStalledCount: 3 };

export interface PublishOptions {
  /** Deterministic id: publishing the same logical job twice is a no-op while it is kept. */
  jobId: string;
  delay?: number;
  attempts?: number;
  priority?: number;
}

export interface WorkerOptions {
  concurrency?: number;
  /** Completed jobs to keep when a job's own options do not say (e.g. `{ count: 0 }`: none). */
  removeOnComplete?: KeepJobs;
}

/**
 * Retries with exponential backoff (1 s, 2 s, 4 s … about 4 minutes in all); what still fails
 * stays in the queue's failed set, the dead-letter place that `tierdesk jobs failed` lists and
 * `tierdesk jobs retry` replays.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: false,
};

/** The ticket a job is about, for its log lines: the payload's, its event's or its email's. */
export function ticketIdOf(payload: unknown): string | undefined {
  const data = (payload ?? {}) as { ticketId?: unknown; event?: { ticketId?: unknown }; email?: { ticketId?: unknown } };
  const id = data.ticketId ?? data.event?.ticketId ?? data.email?.ticketId;
  return typeof id === 'string' ? id : undefined;
}

/** BullMQ job ids may not contain ':' (it separates key parts). */
export function safeJobId(id: string): string {
  return id.replace(/:/g, '|');
}

export function redisOptions(extra: RedisOptions = {}): RedisOptions {
  return { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra };
}

/** Typed publish/consume over BullMQ, all keys under one prefix. */
export class Bus {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  /** Producer connection: fails fast when Redis is away, so intake can answer 451 at once. */
  readonly producer: Redis;
  readonly prefix: string;
  /** Job counts and durations of every process, in Redis, for /metrics. */
  readonly stats: JobStats;
  private readonly log: Logger;
  private readonly recovery: WorkerRecovery;
  /** Workers are named after it, so a container's health check can find its own among its peers'. */
  readonly workerHost: string;

  constructor(private readonly opts: BusOptions) {
    this.prefix = opts.prefix;
    this.workerHost = opts.workerHost ?? workerHostName();
    this.log = opts.logger;
    this.recovery = { ...WORKER_RECOVERY_DEFAULTS, ...opts.recovery };
    this.producer = new Redis(opts.redisUrl, redisOptions({ maxRetriesPerRequest: 2, enableOfflineQueue: true, connectionName: `${opts.prefix}:producer` }));
    this.producer.on('error', (err: Error) => this.log.debug({ err }, 'redis producer connection error'));
    this.stats = new JobStats(this.producer, this.prefix);
  }

  queue<Q extends QueueName>(name: Q): Queue<QueueJobs[Q]> {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.producer, prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', (err: Error) => this.log.debug({ err, queue: name }, 'queue error'));
      this.queues.set(name, q);
    }
    return q as unknown as Queue<QueueJobs[Q]>;
  }

  async publish<Q extends QueueName>(name: Q, data: QueueJobs[Q], opts: PublishOptions): Promise<void> {
    const q = this.queue(name) as unknown as Queue;
    await q.add(name, data, {
      jobId: safeJobId(opts.jobId),
      ...(opts.delay !== undefined ? { delay: Math.max(0, Math.round(opts.delay)) } : {}),
      ...(opts.attempts !== undefined ? { attempts: opts.attempts } : {}),
      ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
    });
  }

  async publishMany<Q extends QueueName>(name: Q, jobs: Array<{ data: QueueJobs[Q]; jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    const q = this.queue(name) as unknown as Queue;
    await q.addBulk(jobs.map((j) => ({ name, data: j.data, opts: { jobId: safeJobId(j.jobId) } })));
  }

  /** Removes a pending (e.g. delayed) job, if it is still there. */
  async cancel(name: QueueName, jobId: string): Promise<boolean> {
    const job = await this.queue(name).getJob(safeJobId(jobId));
    if (!job) return false;
    try {
      await job.remove();
      return true;
    } catch {
      // Active or locked: the processor re-checks the ticket and will do nothing.
      return false;
    }
  }

  consume<Q extends QueueName>(name: Q, processor: Processor<Q>, opts: WorkerOptions = {}): Worker<QueueJobs[Q]> {
    const worker = new Worker<QueueJobs[Q]>(
      name,
      async (job) => {
        const ticketId = ticketIdOf(job.data);
        const log = this.log.child({ queue: name, jobId: job.id, ...(ticketId ? { ticketId } : {}), attempt: job.attemptsMade + 1 });
        const started = performance.now();
        try {
          const result = await processor(job, log);
          this.stats.record(name, performance.now() - started, 'completed');
          return result;
        } catch (err) {
          this.stats.record(name, performance.now() - started, 'failed');
          throw err;
        }
      },
      {
        // BullMQ owns (and closes) connections it creates from options, unlike a passed client.
        connection: { url: this.opts.redisUrl, maxRetriesPerRequest: null, connectionName: `${this.prefix}:worker:${name}` },
        prefix: this.prefix,
        name: this.workerHost,
        concurrency: opts.concurrency ?? 4,
        ...(opts.removeOnComplete ? { removeOnComplete: opts.removeOnComplete } : {}),
        lockDuration: this.recovery.lockDurationMs,
        stalledInterval: this.recovery.stalledIntervalMs,
        maxStalledCount: this.recovery.maxStalledCount,
      },
    );
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = isFinalFailure(job, err);
      if (final) this.stats.recordDeadLetter(name);
      const ticketId = ticketIdOf(job.data);
      this.log[final ? 'error' : 'warn'](
        { queue: name, jobId: job.id, ...(ticketId ? { ticketId } : {}), attempt: job.attemptsMade, err, deadLetter: final },
        final ? 'job failed for good; kept in the failed set for replay' : 'job failed; will retry',
      );
    });
    worker.on('error', (err) => this.log.debug({ err, queue: name }, 'worker error'));
    this.workers.push(worker as unknown as Worker);
    return worker;
  }

  /**
   * Live workers of a queue in Redis, of every process or (with `host`) only of the processes on
   * that host: a scaled-out service's container is not healthy merely because a peer is.
   */
  async workerCount(name: QueueName, host?: string): Promise<number> {
    const workers = (await this.queue(name).getWorkers()) as Array<{ rawname?: string }>;
    return host === undefined ? workers.length : workers.filter((w) => w.rawname?.endsWith(`:w:${host}`)).length;
  }

  /** Stops taking new jobs and waits for the running ones to finish (or be returned). */
  async closeWorkers(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
  }

  async close(): Promise<void> {
    await this.closeWorkers();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.stats.flush();
    this.producer.disconnect();
  }
}
