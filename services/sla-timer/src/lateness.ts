import type { Runtime } from '@tierdesk/runtime';
import { slaTimerKeys } from './keys.js';

/** Histogram bucket bounds in ms (Prometheus `le`), for SLA timer lateness. */
export const SLA_LATENESS_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000] as const;
const RECENT = 1000;

/**
 * Records how late a warning or breach was recorded after its moment: one bucket (non-cumulative
 * in Redis, so one HINCRBY), the totals, and a capped list of recent values for percentiles.
 */
export async function recordSlaLateness(rt: Runtime, kind: 'warning' | 'breach', lateMs: number): Promise<void> {
  const ms = Math.max(0, Math.round(lateMs));
  const keys = slaTimerKeys(rt.env.prefix);
  const le = SLA_LATENESS_BUCKETS_MS.find((b) => ms <= b);
  await rt.redis
    .multi()
    .hincrby(keys.lateness, `le:${le ?? '+Inf'}`, 1)
    .hincrby(keys.lateness, 'count', 1)
    .hincrby(keys.lateness, `count:${kind}`, 1)
    .hincrby(keys.lateness, 'sum', ms)
    .lpush(keys.latenessRecent, ms)
    .ltrim(keys.latenessRecent, 0, RECENT - 1)
    .exec();
}

export interface SlaLatenessSnapshot {
  /** Firings recorded (warnings and breaches), and how many of each. */
  count: number;
  byKind: { warning: number; breach: number };
  sumMs: number;
  /** Cumulative, as a Prometheus histogram wants them; the last bucket is `le: Infinity`. */
  buckets: Array<{ le: number; count: number }>;
  /** Percentiles over the latest (up to 1000) firings; null before any. */
  recent: { n: number; p50: number; p90: number; p99: number; max: number } | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Timer lateness (deadline → warning/breach recorded) for /metrics and the CLI. */
export async function slaLatenessSnapshot(rt: Runtime): Promise<SlaLatenessSnapshot> {
  const keys = slaTimerKeys(rt.env.prefix);
  const [hash, recentRaw] = await Promise.all([rt.redis.hgetall(keys.lateness), rt.redis.lrange(keys.latenessRecent, 0, -1)]);
  const n = (field: string) => Number(hash[field] ?? 0);
  let running = 0;
  const buckets = [...SLA_LATENESS_BUCKETS_MS, Infinity].map((le) => {
    running += n(`le:${Number.isFinite(le) ? le : '+Inf'}`);
    return { le, count: running };
  });
  const recent = recentRaw.map(Number).sort((a, b) => a - b);
  return {
    count: n('count'),
    byKind: { warning: n('count:warning'), breach: n('count:breach') },
    sumMs: n('sum'),
    buckets,
    recent: recent.length
      ? { n: recent.length, p50: percentile(recent, 50), p90: percentile(recent, 90), p99: percentile(recent, 99), max: recent[recent.length - 1] ?? 0 }
      : null,
  };
}
