// Callback booking benchmark: 10k callbacks across 20 level-2 agents, booked by several
// concurrent bookers over two Redis connections (two "processes"), then every agent calendar is
// scanned for double bookings. A raw SET NX loop on the same Redis, with the same concurrency,
// is measured in the same run as the baseline.
// Usage (after `npx tsc -b tsconfig.build.json`): node bench/callbacks/run.mjs [--n 10000] [--agents 20] [--lanes 8] [--days 60]
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { CallbackBookings, bookCallbackSlot } from '../../services/callback-scheduler/dist/index.js';
import { parseConfig } from '../../packages/config/dist/index.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 10_000);
const AGENTS = arg('agents', 20);
const LANES = arg('lanes', 8);
const DAYS = arg('days', 60);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tdbench-${randomBytes(4).toString('hex')}`;
const DAY = 86_400_000;

const week = [['08:00', '12:00'], ['13:00', '17:00']];
const config = parseConfig({
  timezone: 'Europe/Berlin',
  businessHours: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: [], sun: [] },
  holidays: ['2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25'],
  agents: Array.from({ length: AGENTS }, (_, i) => ({ email: `agent${String(i).padStart(2, '0')}@bench.test`, name: `Agent ${i}`, levels: [2] })),
  callbacks: { slot: 'PT30M', reminderBefore: 'PT15M', maxAttempts: 3, retryAfter: 'PT2H', leadTime: 'PT1H', customerHours: ['08:00', '19:00'] },
});
const zones = ['Europe/Paris', 'Europe/London', 'UTC+2', 'America/New_York', 'Europe/Berlin', 'Asia/Dubai'];
const start = Date.parse('2026-03-02T06:00:00Z');
// Requests arrive evenly over DAYS days (the injected clock of each booking), the way tickets do.
const arrival = (i) => new Date(start + Math.floor((i * DAYS * DAY) / N));

const connections = [new Redis(REDIS_URL), new Redis(REDIS_URL)];

async function pool(count, lanes, task) {
  let next = 0;
  const latencies = new Float64Array(count);
  const worker = async (lane) => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      await task(i, lane);
      latencies[i] = performance.now() - t0;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: lanes }, (_, lane) => worker(lane)));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return { seconds, perSecond: count / seconds, p50: sorted[Math.floor(count * 0.5)], p99: sorted[Math.floor(count * 0.99)] };
}

async function cleanup() {
  const r = connections[0];
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.unlink(...keys);
  } while (cursor !== '0');
}

try {
  // Baseline: the cheapest possible "booking", one SET NX per slot key, same lanes and connections.
  const baseline = await pool(N, LANES, (i, lane) => connections[lane % 2].set(`${prefix}:baseline:${i}`, '1', 'NX'));

  // Keep all history so the scan below sees every booking ever made.
  const bookings = connections.map((r) => new CallbackBookings(r, prefix, 365 * DAY));
  let attempts = 0;
  for (const b of bookings) {
    const book = b.book.bind(b);
    b.book = (req) => {
      attempts++;
      return book(req);
    };
  }
  const results = new Array(N);
  const run = await pool(N, LANES, async (i, lane) => {
    const ticketId = `TD-${i + 1}`;
    results[i] = await bookCallbackSlot(bookings[lane % 2], config, { ticketId, now: arrival(i), customerZone: zones[i % zones.length], expectedHold: null, keepPrevious: false });
  });

  // Verify by scanning Redis: every agent calendar, every hold.
  const r = connections[0];
  let total = 0;
  let doubles = 0;
  const perAgent = [];
  for (const a of config.agents) {
    const members = await r.zrange(`${prefix}:callback:agent:${a.email}`, 0, -1);
    const list = members.map((m) => m.split('|').map((x, k) => (k < 2 ? Number(x) : x))).sort((x, y) => x[0] - y[0]);
    for (let k = 1; k < list.length; k++) if (list[k][0] < list[k - 1][1]) doubles++;
    total += list.length;
    perAgent.push(list.length);
  }
  const holds = await r.mget(results.map((_, i) => `${prefix}:callback:hold:TD-${i + 1}`));
  const holdMismatches = results.filter((s, i) => !s || holds[i] !== s.hold).length;
  const unbooked = results.filter((s) => !s).length;
  const waitH = results.filter(Boolean).map((s, i) => (s.start.getTime() - arrival(i).getTime()) / 3_600_000).sort((a, b) => a - b);

  const f = (x) => Math.round(x).toLocaleString('en');
  console.log(`callbacks bench: ${f(N)} bookings, ${AGENTS} agents, ${LANES} concurrent bookers on 2 connections, arrivals over ${DAYS} days`);
  console.log(`  booked ${f(N - unbooked)}/${f(N)}, found in Redis ${f(total)}, double bookings ${doubles}, hold mismatches ${holdMismatches}`);
  console.log(`  book attempts ${f(attempts)} (${(attempts / N).toFixed(2)} per booking, ${f(attempts - N)} lost races)`);
  console.log(`  bookings per agent min ${Math.min(...perAgent)} max ${Math.max(...perAgent)}; wait from request to call p50 ${waitH[Math.floor(waitH.length / 2)]?.toFixed(1)} h, p99 ${waitH[Math.floor(waitH.length * 0.99)]?.toFixed(1)} h`);
  console.log(`  callback bookings: ${f(run.perSecond)}/s (${run.seconds.toFixed(2)} s; latency p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms)`);
  console.log(`  baseline SET NX:   ${f(baseline.perSecond)}/s (${baseline.seconds.toFixed(2)} s)`);
  console.log(`  ratio: a booking costs ${(baseline.perSecond / run.perSecond).toFixed(1)}x a raw SET NX (${((100 * run.perSecond) / baseline.perSecond).toFixed(1)}% of baseline throughput)`);
  if (doubles > 0 || holdMismatches > 0 || total !== N) process.exitCode = 1;
} finally {
  await cleanup();
  for (const c of connections) c.disconnect();
}
