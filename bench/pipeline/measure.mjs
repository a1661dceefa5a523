// Timing of items through a chain of queues, seen from outside: when each item went in and when
// its outbound job was added (the ack queued), read from the outbound queue's event stream.
import { readFileSync } from 'node:fs';
import { Queue, QueueEvents } from 'bullmq';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(label, starts, ends, extra = {}) {
  const lat = [];
  let first = Infinity;
  let last = 0;
  for (const [k, t0] of starts) {
    const t1 = ends.get(k);
    if (t1 === undefined) continue;
    lat.push(t1 - t0);
    first = Math.min(first, t0);
    last = Math.max(last, t1);
  }
  lat.sort((a, b) => a - b);
  const seconds = (last - first) / 1000;
  return { label, items: lat.length, seconds, perSecond: lat.length / seconds, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1], ...extra };
}

/**
 * Watches `outbound` under `prefix` and records, per item key, the Redis time its outbound job
 * was added. `keyOf(jobId, queue)` maps a job to an item key (or null for jobs not measured).
 */
export async function watchOutbound(redisUrl, prefix, keyOf) {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const events = new QueueEvents('outbound', { connection, prefix, autorun: false });
  const queue = new Queue('outbound', { connection, prefix });
  const ends = new Map();
  const pending = [];
  events.on('added', ({ jobId }, id) => {
    // The stream entry id starts with Redis' clock in ms: the moment the job was added.
    const at = Number(String(id).split('-')[0]);
    pending.push(
      Promise.resolve(keyOf(jobId, queue)).then((k) => {
        if (k !== null && k !== undefined && !ends.has(k)) ends.set(k, at);
      }),
    );
  });
  void events.run();
  await events.waitUntilReady();
  return {
    ends,
    async settle() {
      await Promise.all(pending);
    },
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

/** CPU time (user + system) a process has used so far, in ms; Linux /proc only, else NaN. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return NaN;
  }
}

/** Redis' own CPU time so far, in ms (INFO cpu). */
export async function redisCpuMs(redis) {
  const info = await redis.info('cpu');
  return (Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0) + Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0)) * 1000;
}
