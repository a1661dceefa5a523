import type { FastifyInstance } from 'fastify';
import { Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { QUEUE_NAMES } from '@tierdesk/bus';
import type { Runtime } from '@tierdesk/runtime';
import { slaLatenessSnapshot } from '@tierdesk/sla-timer';

/** Job states reported as queue depth. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

type Labels = Record<string, string>;
interface Sample {
  metricName?: string;
  labels: Labels;
  value: number;
}

/**
 * A metric whose samples are read at scrape time from shared state (Redis), so the numbers are
 * the deployment's, not this process's. prom-client formats anything with `get()`.
 */
function sharedMetric(name: string, help: string, type: 'counter' | 'histogram', read: () => Promise<Sample[]>): Metric {
  return {
    name,
    help,
    type,
    get: async () => ({ name, help, type, aggregator: 'first', values: await read() }),
  } as unknown as Metric;
}

/** One read shared by the metrics of one scrape (they are collected in parallel). */
function perScrape<T>(read: () => Promise<T>, ttlMs = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = performance.now();
    if (!cached || now - cached.at > ttlMs) {
      const value = read();
      cached = { at: now, value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
}

const le = (bound: number) => (Number.isFinite(bound) ? String(bound) : '+Inf');

/** Prometheus histogram samples from cumulative buckets. */
function histogramSamples(name: string, labels: Labels, buckets: Array<{ le: number; count: number }>, sum: number, count: number): Sample[] {
  return [
    ...buckets.map((b) => ({ metricName: `${name}_bucket`, labels: { ...labels, le: le(b.le) }, value: b.count })),
    { metricName: `${name}_sum`, labels, value: sum },
    { metricName: `${name}_count`, labels, value: count },
  ];
}

/**
 * The /metrics registry: queue depth per state, job durations and failures per queue (recorded
 * by every worker process in Redis), tickets by level and status, SLA breaches and timer
 * lateness (kept in Redis by the sla-timer), plus this process's Node.js metrics.
 */
export function createMetricsRegistry(rt: Runtime): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'tierdesk_queue_jobs',
    help: 'Jobs per queue and state (depth); state="failed" are the dead letters.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await Promise.all(QUEUE_NAMES.map((q) => rt.bus.queue(q).getJobCounts(...QUEUE_STATES)));
      QUEUE_NAMES.forEach((queue, i) => {
        for (const state of QUEUE_STATES) this.set({ queue, state }, counts[i]?.[state] ?? 0);
      });
    },
  });

  const counts = perScrape(() => rt.store.counts());
  new Gauge({
    name: 'tierdesk_tickets',
    help: 'Tickets in total.',
    registers: [registry],
    async collect() {
      this.set((await counts()).total);
    },
  });
  new Gauge({
    name: 'tierdesk_tickets_by_level',
    help: 'Tickets by current level.',
    labelNames: ['level'],
    registers: [registry],
    async collect() {
      for (const [level, n] of Object.entries((await counts()).byLevel)) this.set({ level }, n);
    },
  });
  new Gauge({
    name: 'tierdesk_tickets_by_status',
    help: 'Tickets by current status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      for (const [status, n] of Object.entries((await counts()).byStatus)) this.set({ status }, n);
    },
  });

  const jobStats = perScrape(() => rt.bus.stats.snapshot(QUEUE_NAMES));
  const perQueue = (field: 'completed' | 'failed' | 'deadLettered') => async () =>
    Object.entries(await jobStats()).map(([queue, s]) => ({ labels: { queue }, value: s[field] }));
  registry.registerMetric(sharedMetric('tierdesk_jobs_completed_total', 'Job attempts that succeeded, per queue.', 'counter', perQueue('completed')));
  registry.registerMetric(sharedMetric('tierdesk_jobs_failed_total', 'Job attempts that failed (retried or not), per queue.', 'counter', perQueue('failed')));
  registry.registerMetric(sharedMetric('tierdesk_jobs_dead_lettered_total', 'Jobs that failed for good into the failed set, per queue.', 'counter', perQueue('deadLettered')));
  registry.registerMetric(
    sharedMetric('tierdesk_job_duration_seconds', 'Time a worker spent on one job attempt, per queue.', 'histogram', async () =>
      Object.entries(await jobStats()).flatMap(([queue, s]) => histogramSamples('tierdesk_job_duration_seconds', { queue }, s.buckets, s.sumSeconds, s.count)),
    ),
  );

  const lateness = perScrape(() => slaLatenessSnapshot(rt));
  registry.registerMetric(
    sharedMetric('tierdesk_sla_breaches_total', 'SLA breaches recorded (sla.breached events).', 'counter', async () => [{ labels: {}, value: (await lateness()).byKind.breach }]),
  );
  registry.registerMetric(
    sharedMetric('tierdesk_sla_warnings_total', 'SLA warnings recorded (sla.warning events).', 'counter', async () => [{ labels: {}, value: (await lateness()).byKind.warning }]),
  );
  registry.registerMetric(
    sharedMetric('tierdesk_sla_timer_lateness_seconds', 'How late an SLA warning or breach was recorded after its due moment.', 'histogram', async () => {
      const s = await lateness();
      return histogramSamples('tierdesk_sla_timer_lateness_seconds', {}, s.buckets.map((b) => ({ le: b.le / 1000, count: b.count })), s.sumMs / 1000, s.count);
    }),
  );
  return registry;
}

/** GET /metrics in Prometheus text; registered inside the bearer-auth scope. */
export function registerMetricsRoute(app: FastifyInstance, rt: Runtime): void {
  const registry = createMetricsRegistry(rt);
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
