import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';

/** Job duration histogram bounds in seconds (Prometheus `le`). */
export const JOB_DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export type JobOutcome = 'completed' | 'failed';

export interface QueueJobStats {
  completed: number;
  /** Failed attempts, retried or not. */
  failed: number;
  /** Attempts that failed for good: the job went to the failed set (dead letters). */
  deadLettered: number;
  /** Cumulative counts per bound, the last one `le: Infinity`. */
  buckets: Array<{ le: number; count: number }>;
  sumSeconds: number;
  count: number;
}

/** True when this failure put the job in the failed set for good (no retry follows). */
export function isFinalFailure(job: Pick<Job, 'attemptsMade' | 'opts'>, err: Error | undefined): boolean {
  return err?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/**
 * Job counters and duration histograms per queue, kept in Redis so that every worker process of
 * the deployment adds to the same numbers and /metrics (served by the api process) shows them all.
 * Key `${prefix}:metrics:jobs`, one hash; fields `<queue>|<what>`. Wire contract for /metrics.
 */
export class JobStats {
  readonly key: string;
  /** Counts not yet in Redis, by field; sums (seconds) apart since they are floats. */
  private readonly counts = new Map<string, number>();
  private readonly sums = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** How long counts gather in memory before one write: a MULTI per job cost 4 commands on every job. */
    private readonly flushEveryMs = 1000,
  ) {
    this.key = `${prefix}:metrics:jobs`;
  }

  /** Fire and forget: metrics must never fail or slow a job. */
  record(queue: string, durationMs: number, outcome: JobOutcome): void {
    const s = Math.max(0, durationMs) / 1000;
    const le = JOB_DURATION_BUCKETS_S.find((b) => s <= b);
    for (const field of [`${queue}|${outcome}`, `${queue}|le|${le ?? '+Inf'}`, `${queue}|count`]) this.counts.set(field, (this.counts.get(field) ?? 0) + 1);
    this.sums.set(`${queue}|sum`, (this.sums.get(`${queue}|sum`) ?? 0) + s);
    this.timer ??= setTimeout(() => void this.flush(), this.flushEveryMs).unref();
  }

  /** Writes what gathered since the last flush, in one MULTI (also called on close). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.counts.size === 0 && this.sums.size === 0) return;
    const m = this.redis.multi();
    for (const [field, n] of this.counts) m.hincrby(this.key, field, n);
    for (const [field, s] of this.sums) m.hincrbyfloat(this.key, field, s);
    this.counts.clear();
    this.sums.clear();
    await m.exec().catch(() => undefined);
  }

  recordDeadLetter(queue: string): void {
    this.redis.hincrby(this.key, `${queue}|deadLettered`, 1).catch(() => undefined);
  }

  /** This process's own counts are flushed first; other processes' lag by at most flushEveryMs. */
  async snapshot(queues: readonly string[]): Promise<Record<string, QueueJobStats>> {
    await this.flush();
    const h = await this.redis.hgetall(this.key);
    const out: Record<string, QueueJobStats> = {};
    for (const q of queues) {
      const n = (f: string) => Number(h[`${q}|${f}`] ?? 0);
      let running = 0;
      const buckets = [...JOB_DURATION_BUCKETS_S, Infinity].map((le) => {
        running += n(`le|${Number.isFinite(le) ? le : '+Inf'}`);
        return { le, count: running };
      });
      out[q] = { completed: n('completed'), failed: n('failed'), deadLettered: n('deadLettered'), buckets, sumSeconds: n('sum'), count: n('count') };
    }
    return out;
  }
}
