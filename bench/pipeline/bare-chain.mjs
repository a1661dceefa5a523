// The yardstick: a bare BullMQ chain with Tierdesk's hops (intake → triage → notify → outbound)
// and its worker concurrencies, jobs that do nothing but hand on. Run as its own process, like
// Tierdesk, by `node bench/pipeline/bare-chain.mjs <redisUrl> <prefix>`.
import { Queue, Worker } from 'bullmq';

/** Tierdesk's worker concurrencies per hop (services/*\/src/service.ts). */
export const HOPS = [
  { queue: 'intake', concurrency: 8 },
  { queue: 'triage', concurrency: 8 },
  { queue: 'notify', concurrency: 8 },
  { queue: 'outbound', concurrency: 4 },
];

/** The same retention Tierdesk's jobs get (packages/bus DEFAULT_JOB_OPTIONS). */
export const JOB_OPTIONS = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 5000 }, removeOnFail: false };

async function main(redisUrl, prefix) {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queues = HOPS.map((h) => new Queue(h.queue, { connection, prefix, defaultJobOptions: JOB_OPTIONS }));
  const workers = HOPS.map(
    (h, i) =>
      new Worker(
        h.queue,
        async (job) => {
          const next = queues[i + 1];
          // Deterministic ids, as Tierdesk's (idempotent publishing).
          if (next) await next.add(HOPS[i + 1].queue, job.data, { jobId: `${HOPS[i + 1].queue}-${job.data.i}` });
        },
        { connection, prefix, concurrency: h.concurrency },
      ),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  process.stdout.write('bare chain ready\n');
  const stop = async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.close()));
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2], process.argv[3]);
