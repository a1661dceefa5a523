// SLA timer benchmark: arming rate, Redis bytes per armed ticket and breach lateness of the
// sla-timer service, beside bare BullMQ delayed jobs measured in the same run.
// Usage (after `npx tsc -b tsconfig.build.json`): node bench/sla/run.mjs
//   BENCH_N=100000          tickets (and bare jobs) measured
//   BENCH_WINDOW_MS=150000  their breach deadlines, spread evenly over this window
//   BENCH_CONCURRENCY=64    timer worker concurrency (the same for the bare worker)
//   BENCH_NOTIFY_CONCURRENCY=32  notify workers (second process) queueing sla-breach emails
//   BENCH_EMAIL=0           timers only: no relay, no notify process
//   BENCH_KEEP=1            keep the Redis keys (prefix printed) instead of deleting them
// Runs on its own random prefix of REDIS_URL and deletes only its own keys.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(`${root}${p}/dist/index.js`);
const { parseConfig, loadEnv } = await dist('packages/config');
const { chain, changeStatus, createTicket, newEvent, reopenTicket, resolveTicket, startSla } = await dist('packages/domain');
const { createLogger } = await dist('packages/logger');
const { createRuntime } = await dist('packages/runtime');
const { armSlaTimer, createSlaTimerProcessor, reconcileSla, slaTimerKeys, SLA_TIMER_QUEUE, SLA_TIMER_WORKER_OPTIONS } = await dist('services/sla-timer');
const requireFromService = createRequire(`${root}services/sla-timer/package.json`);
const { Queue, Worker } = await import(requireFromService.resolve('bullmq'));
const { Redis } = await import(requireFromService.resolve('ioredis'));

const N = Number(process.env.BENCH_N ?? 100_000);
const WINDOW = Number(process.env.BENCH_WINDOW_MS ?? 150_000);
const CONC = Number(process.env.BENCH_CONCURRENCY ?? 64);
const NOTIFY_CONC = Number(process.env.BENCH_NOTIFY_CONCURRENCY ?? 32);
const EMAIL = process.env.BENCH_EMAIL !== '0';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Warm-up tickets fire in the 2 s before the window (JIT, script loading), outside the figures.
const WARM = Math.min(1000, Math.ceil(N / 20));
const M = N + WARM;
const HOUR = 3_600_000;
const prefix = `tdbench-${randomBytes(4).toString('hex')}`;

// One level-3 policy without a warning, one agent and no contacts: one timer and one email per ticket.
const example = JSON.parse(readFileSync(`${root}config/tierdesk.example.json`, 'utf8'));
const parsed = parseConfig({
  ...example,
  sla: { policies: [{ name: 'bench', levels: [3], resolution: 'PT1H', calendar: '24x7', warnAtPercent: 50 }] },
  agents: [...example.agents.filter((a) => !a.levels.includes(3)), { email: 'bench@agents.test', name: 'Bench', levels: [3], language: 'en' }],
  escalationContacts: [],
});
const config = { ...parsed, sla: { policies: parsed.sla.policies.map((p) => ({ ...p, warnAtPercent: 100 })) } };
const env = loadEnv({ REDIS_URL, TIERDESK_PREFIX: prefix, TIERDESK_OUTBOX: '/tmp/tierdesk-bench-outbox', LOG_LEVEL: 'warn' }, root);
const rt = await createRuntime({ env, config, logger: createLogger({ level: 'warn', name: 'bench' }), relay: false });
const admin = new Redis(REDIS_URL);

const log = (...a) => console.log(...a);
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] ?? NaN };
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn(i)` for i < n with `width` calls in flight; returns the seconds it took. */
async function pool(n, width, fn) {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => { while (next < n) await fn(next++); }));
  return (performance.now() - t0) / 1000;
}

const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))[1]);
const memoryOf = async (key) => Number((await admin.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);

/** Exact bytes: sampled job hashes scaled to n, plus the whole of each shared structure. */
async function keyBytes(jobKeys, shared, n) {
  const sample = jobKeys.filter((_, i) => i % Math.max(1, Math.floor(jobKeys.length / 500)) === 0);
  let jobs = 0;
  for (const k of sample) jobs += await memoryOf(k);
  let rest = 0;
  for (const k of shared) rest += await memoryOf(k);
  return (jobs / sample.length) * n + rest;
}

// ---- tickets: written through the store as triage leaves them, open at level 3, due in an hour ----
const classified = newEvent('ticket.classified', { level: 3, category: null, language: 'en', confidence: 1, needsTriage: false, explanation: [], kb: [], vendor: null, priority: 'normal' });
const tickets = new Array(M);
const createSecs = await pool(M, 256, async (i) => {
  const now = new Date();
  const messageId = `<bench-${i}@customer.test>`;
  const message = { messageId, direction: 'in', kind: null, from: `c${i}@customer.test`, at: now.toISOString() };
  const { ticket } = await rt.store.create(
    messageId,
    (id) => {
      const created = createTicket({ id, subject: `bench ${i}`, customer: { email: `c${i}@customer.test`, name: 'C' }, level: 3, priority: 'normal', category: null, language: 'en', message }, now);
      // The SLA clock the sla processor derives from this history (classified now).
      const change = chain(created, (t) => chain({ ticket: t, events: [classified] }, (x) => changeStatus(x, 'open', 'triaged', now)));
      return { ...change, ticket: { ...change.ticket, sla: startSla(created.ticket, config, now) } };
    },
    now,
  );
  tickets[i] = ticket;
});
log(`prefix ${prefix}: ${fmt(M)} tickets written in ${fmt(createSecs, 1)} s (${fmt(M / createSecs)}/s)`);

// ---- phase A: arming rate and memory, tierdesk vs bare BullMQ (deadlines an hour out) ----
const keys = slaTimerKeys(prefix);
const timerQueue = rt.bus.queue(SLA_TIMER_QUEUE);
let before = await usedMemory();
const jobIds = new Array(M);
const armSecs = await pool(M, 512, async (i) => {
  jobIds[i] = (await armSlaTimer(rt, tickets[i])).jobId;
});
const armInfo = ((await usedMemory()) - before) / M;
const armExact = (await keyBytes(jobIds.map((id) => timerQueue.toKey(id)), [timerQueue.toKey('delayed'), timerQueue.toKey('events'), keys.armed], M)) / M;

const bare = new Queue('bench-bare', { connection: rt.bus.producer, prefix });
before = await usedMemory();
const bareSecs = await pool(M, 512, async (i) => {
  await bare.add('t', { ticketId: tickets[i].id, kind: 'sla', token: String(Date.now() + HOUR) }, { jobId: `bare-${i}`, delay: HOUR, removeOnComplete: true });
});
const bareInfo = ((await usedMemory()) - before) / M;
const bareExact = (await keyBytes(Array.from({ length: M }, (_, i) => bare.toKey(`bare-${i}`)), [bare.toKey('delayed'), bare.toKey('events')], M)) / M;
await bare.obliterate({ force: true });

// ---- phase B: lateness. Re-plan every clock so deadlines fall evenly in the window. ----
/** The deadline of ticket i: warm-up ones in [T0 - 2.5 s, T0 - 0.5 s), measured ones over the window. */
const dueAt = (start, i) => (i < WARM ? start - 2500 + Math.floor((i * 2000) / WARM) : start + Math.floor(((i - WARM) * WINDOW) / N));
const T0 = Date.now() + 8000 + 1.5 * M * (1000 / (M / createSecs) + (3 * 1000 * armSecs) / M);
const measured = new Map();
const replanSecs = await pool(M, 512, async (i) => {
  const due = dueAt(T0, i);
  const id = tickets[i].id;
  if (i >= WARM) measured.set(id, due);
  // A reopening dated an hour before the wanted deadline starts a fresh clock (a priority change
  // no longer does: it keeps the clock's start); then the sla processor's path, minus the queue
  // hop: reconcile the clock, arm the timer.
  const opened = new Date(due - HOUR);
  await rt.store.update(id, (t) => chain(resolveTicket(t, 'bench', 'system', opened), (x) => reopenTicket(x, 'bench', opened)), opened);
  await armSlaTimer(rt, await reconcileSla(rt, id));
});
log(`re-planned and re-armed ${fmt(M)} timers in ${fmt(replanSecs, 1)} s (${fmt(M / replanSecs)}/s); warm-up fires in ${fmt(T0 - 2500 - Date.now())} ms`);

// The synthetic history (created, classified, resolved and reopened) is not news to anyone: drop it
// from the event outbox, so the relay only carries what the timers record from now on.
await admin.xtrim(rt.store.keys.eventOutbox(), 'MAXLEN', 0);
// The relay and notify workers run in a second process, as `tierdesk start --only mailer` would.
const mailer = EMAIL
  ? spawn(process.execPath, [`${root}bench/sla/notify-worker.mjs`], {
      env: { ...process.env, REDIS_URL, TIERDESK_PREFIX: prefix, TIERDESK_OUTBOX: '/tmp/tierdesk-bench-outbox', BENCH_NOTIFY_CONCURRENCY: String(NOTIFY_CONC) },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
  : null;
if (mailer) {
  mailer.stdin.end(JSON.stringify(config));
  await new Promise((resolve, reject) => {
    mailer.stdout.once('data', resolve);
    mailer.once('exit', (code) => reject(new Error(`notify worker exited with ${code}`)));
  });
}
const recordLate = [];
const timers = rt.bus.consume(SLA_TIMER_QUEUE, createSlaTimerProcessor(rt), { ...SLA_TIMER_WORKER_OPTIONS, concurrency: CONC });
timers.on('completed', (_job, res) => res?.outcome === 'fired' && measured.has(res.ticketId) && recordLate.push(res.lateMs));
const outbound = rt.bus.queue('outbound');
const queued = async () => (EMAIL ? (await outbound.getJobCounts('wait')).wait : M);
const giveUp = T0 + WINDOW + 120_000;
while ((recordLate.length < N || (await queued()) < M) && Date.now() < giveUp) await sleep(250);
await timers.close();
if (mailer) {
  mailer.kill('SIGTERM');
  await new Promise((r) => mailer.once('exit', r));
}

// Email lateness: the outbound job's own timestamp, i.e. when the sla-breach email was queued.
const mailLate = [];
const byTenth = Array.from({ length: 10 }, () => []);
for (let start = 0; EMAIL; start += 1000) {
  const jobs = await outbound.getJobs(['wait'], start, start + 999, true);
  if (jobs.length === 0) break;
  for (const j of jobs) {
    const due = j?.data?.email?.kind === 'sla-breach' ? measured.get(j.data.email.ticketId) : undefined;
    if (due === undefined) continue;
    mailLate.push(j.timestamp - due);
    byTenth[Math.min(9, Math.floor(((due - T0) * 10) / WINDOW))].push(j.timestamp - due);
  }
}

// Bare BullMQ: the same deadline spread and warm-up, a worker that only notes the time.
const bareLate = [];
const bareWorker = new Worker('bench-bare', async (job) => void (job.data.measured && bareLate.push(Date.now() - job.data.due)), {
  connection: { url: REDIS_URL, maxRetriesPerRequest: null },
  prefix,
  concurrency: CONC,
});
const B0 = Date.now() + 5000 + bareSecs * 1500;
await pool(M, 512, async (i) => {
  const due = dueAt(B0, i);
  await bare.add('t', { due, measured: i >= WARM }, { jobId: `bare-${i}`, delay: due - Date.now(), removeOnComplete: true });
});
while (bareLate.length < N && Date.now() < B0 + WINDOW + 120_000) await sleep(250);
await bareWorker.close();
await bare.obliterate({ force: true });
await bare.close();

// ---- report ----
const rec = summary(recordLate);
const mail = summary(mailLate);
const bl = summary(bareLate);
const armRate = M / armSecs;
const bareRate = M / bareSecs;
const ratio = (a, b) => (b > 0 && Number.isFinite(a) ? `${fmt(a / b, 2)}x` : '-');
const row = (name, a, b, target = '') => log(`${name.padEnd(30)} ${fmt(a).padStart(12)}   ${fmt(b).padStart(12)}   ${ratio(a, b).padStart(7)}   ${target}`);
log(`\n== SLA timers: ${fmt(N)} deadlines over ${fmt(WINDOW / 1000)} s (${fmt(N / (WINDOW / 1000))}/s) after ${fmt(WARM)} warm-up; timer workers ${CONC}, notify workers ${EMAIL ? NOTIFY_CONC : 0}`);
log(`${''.padEnd(30)} ${'tierdesk'.padStart(12)}   ${'bare BullMQ'.padStart(12)}   ${'ratio'.padStart(7)}   target`);
row('arming rate (/s)', armRate, bareRate, '>= 10,000');
row('Redis bytes per armed (keys)', armExact, bareExact, '<= 1,024');
row('Redis bytes per armed (INFO)', armInfo, bareInfo);
row('lateness p50 (ms)', mail.p50, bl.p50, 'deadline -> sla-breach email queued');
row('lateness p99 (ms)', mail.p99, bl.p99, '< 250');
row('lateness max (ms)', mail.max, bl.max);
log(`breach recorded p50/p99/max    ${fmt(rec.p50)} / ${fmt(rec.p99)} / ${fmt(rec.max)} ms (deadline -> sla.breached on the ticket)`);
log(`email lateness p99 per tenth of the window: ${byTenth.map((xs) => fmt(summary(xs).p99)).join(' ')} ms`);
log(`counted: ${fmt(rec.n)} breaches recorded, ${fmt(mail.n)} sla-breach emails queued, ${fmt(bl.n)} bare jobs run (of ${fmt(N)})`);
log(JSON.stringify({ n: N, windowMs: WINDOW, warmup: WARM, concurrency: CONC, armRate, bareArmRate: bareRate, bytesPerArmed: armExact, bareBytesPerJob: bareExact, bytesPerArmedInfo: armInfo, bareBytesPerJobInfo: bareInfo, emailLateness: mail, recordLateness: rec, bareLateness: bl }));

if (!process.env.BENCH_KEEP) {
  let cursor = '0';
  do {
    const [next, found] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (found.length) await admin.unlink(...found);
  } while (cursor !== '0');
}
admin.disconnect();
await rt.close();
