// Pipeline benchmark: N emails through POST /api/messages and through SMTP until each has its
// ticket and its ack is queued, beside a bare BullMQ chain of the same hops measured in the same
// run; Redis memory per ticket. Usage (after `npx tsc -b tsconfig.build.json`):
//   node bench/pipeline/run.mjs [--n 2000] [--parallel 32] [--log-level info] [--shared-redis] [--keep] [--cpu-prof DIR]
// Starts a Redis of its own (redis-server on PATH, no persistence) so other users of a shared
// Redis do not blur the figures; --shared-redis uses REDIS_URL (default redis://127.0.0.1:6379)
// instead, on random prefixes, deleting only its own keys. --cpu-prof DIR runs the Tierdesk process
// under `node --cpu-prof` and writes its .cpuprofile into DIR when it stops (the profiler's own
// cost then shows in the CPU figures; aggregate with `node bench/pipeline/profile-top.mjs FILE`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TierdeskCluster, sleep, waitFor } from '../chaos/lib/cluster.mjs';
import { Mta, customerMail } from '../chaos/lib/mta.mjs';
import { OwnRedis } from '../chaos/lib/own-redis.mjs';
import { JOB_OPTIONS } from './bare-chain.mjs';
import { processCpuMs, redisCpuMs, summarize, watchOutbound } from './measure.mjs';
import { memoryReport } from './memory.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const N = Number(opt('n', 2000));
const WARMUP = Math.min(200, Math.ceil(N / 10));
const PARALLEL = Number(opt('parallel', 32));
const LOG_LEVEL = opt('log-level', 'info');
const KEEP = argv.includes('--keep');
const CPU_PROF = opt('cpu-prof', null);
const ownRedis = argv.includes('--shared-redis') ? null : await new OwnRedis({ aof: false }).start();
const REDIS_URL = ownRedis?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const here = fileURLToPath(new URL('.', import.meta.url));

const fmt = (r) =>
  `${r.label.padEnd(30)} ${String(r.items).padStart(5)} in ${r.seconds.toFixed(2).padStart(6)} s = ${r.perSecond.toFixed(0).padStart(5)}/s   p50 ${String(Math.round(r.p50)).padStart(5)} ms   p99 ${String(Math.round(r.p99)).padStart(5)} ms   CPU ${r.cpuMsPerItem.toFixed(2)} ms/item + Redis ${r.redisCpuMsPerItem.toFixed(2)} ms`;

async function runPool(count, parallel, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, async () => {
    while (next < count) await fn(next++);
  }));
}

async function deletePrefix(prefix) {
  if (KEEP) return;
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [c, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = c;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

/** The yardstick: N items through intake → triage → notify → outbound in a process of its own. */
async function bareChain() {
  const prefix = `tdbench-bare-${randomBytes(3).toString('hex')}`;
  const child = spawn(process.execPath, [`${here}bare-chain.mjs`, REDIS_URL, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const watch = await watchOutbound(REDIS_URL, prefix, (jobId) => Number(String(jobId).slice('outbound-'.length)));
  const intake = new Queue('intake', { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix, defaultJobOptions: JOB_OPTIONS });
  const redis = new Redis(REDIS_URL);
  await sleep(300);
  const total = N + WARMUP;
  const starts = new Map();
  const cpu0 = processCpuMs(child.pid);
  const redis0 = await redisCpuMs(redis);
  await runPool(total, PARALLEL, async (i) => {
    if (i >= WARMUP) starts.set(i, Date.now());
    await intake.add('intake', { i }, { jobId: `intake-${i}` });
  });
  await waitFor('the bare chain', () => watch.ends.size >= total, 300_000, 20);
  await watch.settle();
  await waitFor('the bare chain to drain', async () => (await redis.zcard(`${prefix}:outbound:completed`)) >= total, 300_000, 20);
  const cost = { cpuMsPerItem: (processCpuMs(child.pid) - cpu0) / total, redisCpuMsPerItem: ((await redisCpuMs(redis)) - redis0) / total };
  redis.disconnect();
  const result = summarize('bare BullMQ chain (4 hops)', starts, watch.ends, cost);
  await intake.close();
  await watch.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await deletePrefix(prefix);
  return result;
}

/** Maps an outbound job of Tierdesk to the inbound email it acknowledges (acks only). */
function ackKey(index) {
  return async (jobId, queue) => {
    if (!String(jobId).includes('.ack.')) return null;
    const job = await queue.getJob(jobId);
    return index.get(job?.data?.email?.inReplyTo) ?? null;
  };
}

/** Every job of the tickets done: ticket, events, emails written. */
async function drained(cluster, redis) {
  const queues = ['intake', 'triage', 'notify', 'outbound', 'sla', 'callbacks', 'vendor', 'selfhelp'];
  await waitFor('queues to drain', async () => Object.values(await cluster.queueState(redis, queues)).every((q) => q.pending === 0), 600_000, 100);
}

async function tierdesk() {
  const outbox = mkdtempSync(join(tmpdir(), 'tdbench-outbox-'));
  const cluster = new TierdeskCluster({ redisUrl: REDIS_URL, groups: [{ name: 'tierdesk', only: '' }], env: { LOG_LEVEL, TIERDESK_OUTBOX: outbox, MAIL_FROM: 'Support <support@tierdesk.test>' }, nodeArgs: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [] });
  cluster.prefix = `tdbench-${randomBytes(3).toString('hex')}`;
  const redis = cluster.redis();
  const results = [];
  try {
    await cluster.start();
    const tag = randomBytes(3).toString('hex');
    const http = Array.from({ length: N + WARMUP }, (_, i) => customerMail(i, `http${tag}`));
    const smtp = Array.from({ length: N + WARMUP }, (_, i) => customerMail(i, `smtp${tag}`));
    const index = new Map([...http.map((m, i) => [m.messageId, `h${i}`]), ...smtp.map((m, i) => [m.messageId, `s${i}`])]);
    const watch = await watchOutbound(REDIS_URL, cluster.prefix, ackKey(index));
    await sleep(300);
    const memBefore = await memoryReport(redis, cluster.prefix);

    // HTTP: POST /api/messages, PARALLEL requests in flight.
    const httpStarts = new Map();
    const url = `http://127.0.0.1:${cluster.httpPort}/api/messages`;
    const headers = { authorization: `Bearer ${cluster.token}`, 'content-type': 'message/rfc822' };
    let accepted = 0;
    let httpRetries = 0;
    const pid = cluster.members[0].child.pid;
    const cpu0 = processCpuMs(pid);
    const redis0 = await redisCpuMs(redis);
    const t0 = Date.now();
    await runPool(http.length, PARALLEL, async (i) => {
      if (i >= WARMUP) httpStarts.set(`h${i}`, Date.now());
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(url, { method: 'POST', headers, body: http[i].raw });
          if (res.status !== 202) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
          await res.arrayBuffer().catch(() => undefined);
          break;
        } catch (err) {
          // A reused keep-alive connection the server just closed: retry, as an HTTP client does.
          if (attempt >= 3 || cluster.members[0].exitCode !== null) throw new Error(`${err.message}; tierdesk: ${cluster.members[0].tail.slice(-2000)}`);
          httpRetries++;
        }
      }
      accepted++;
    });
    const httpAcceptSecs = (Date.now() - t0) / 1000;
    await waitFor('every HTTP ack queued', () => [...httpStarts.keys()].every((k) => watch.ends.has(k)), 600_000, 50);
    await watch.settle();
    const httpResult = summarize('Tierdesk, POST /api/messages', httpStarts, watch.ends, { acceptPerSecond: accepted / httpAcceptSecs, httpRetries });
    await drained(cluster, redis);
    results.push({ ...httpResult, cpuMsPerItem: (processCpuMs(pid) - cpu0) / http.length, redisCpuMsPerItem: ((await redisCpuMs(redis)) - redis0) / http.length });
    const memAfter = await memoryReport(redis, cluster.prefix);

    // SMTP: PARALLEL pooled connections, the way an MTA delivers.
    const mta = new Mta({ port: cluster.smtpPort, connections: PARALLEL });
    const smtpStarts = new Map();
    const cpu1 = processCpuMs(pid);
    const redis1 = await redisCpuMs(redis);
    const t1 = Date.now();
    await runPool(smtp.length, PARALLEL, async (i) => {
      if (i >= WARMUP) smtpStarts.set(`s${i}`, Date.now());
      await mta.send(smtp[i]);
    });
    const smtpAcceptSecs = (Date.now() - t1) / 1000;
    mta.close();
    await waitFor('every SMTP ack queued', () => [...smtpStarts.keys()].every((k) => watch.ends.has(k)), 600_000, 50);
    await watch.settle();
    const smtpResult = summarize('Tierdesk, SMTP', smtpStarts, watch.ends, { acceptPerSecond: smtp.length / smtpAcceptSecs, smtpRetries: mta.retries });
    await drained(cluster, redis);
    results.push({ ...smtpResult, cpuMsPerItem: (processCpuMs(pid) - cpu1) / smtp.length, redisCpuMsPerItem: ((await redisCpuMs(redis)) - redis1) / smtp.length });
    await watch.close();
    return { results, memBefore, memAfter, tickets: http.length };
  } finally {
    redis.disconnect();
    await cluster.stop();
    await deletePrefix(cluster.prefix);
    rmSync(outbox, { recursive: true, force: true });
  }
}

/** SMTP acceptance alone: a process running only intake (and the API), nothing downstream. */
async function smtpIntakeOnly() {
  const cluster = new TierdeskCluster({ redisUrl: REDIS_URL, groups: [{ name: 'intake', only: 'intake,api' }], env: { LOG_LEVEL } });
  cluster.prefix = `tdbench-in-${randomBytes(3).toString('hex')}`;
  try {
    await cluster.start();
    const mails = Array.from({ length: N + WARMUP }, (_, i) => customerMail(i, `only${randomBytes(2).toString('hex')}`));
    const mta = new Mta({ port: cluster.smtpPort, connections: PARALLEL });
    let t0 = 0;
    await runPool(mails.length, PARALLEL, async (i) => {
      if (i === WARMUP) t0 = Date.now();
      await mta.send(mails[i]);
    });
    const secs = (Date.now() - t0) / 1000;
    mta.close();
    return { perSecond: N / secs, seconds: secs };
  } finally {
    await cluster.stop();
    await deletePrefix(cluster.prefix);
  }
}

console.log(`\n== pipeline: ${N} emails per channel (+${WARMUP} warm-up), ${PARALLEL} in flight, LOG_LEVEL=${LOG_LEVEL}, ${ownRedis ? `own redis-server at ${REDIS_URL}` : `Redis ${REDIS_URL}`}, ${cpus().length} CPUs`);
console.log('   (items/s and latency until the ack is queued; CPU until every job of the item is done, emails written)');
// The yardstick runs before and after Tierdesk, so a machine busy with something else shows.
const bareBefore = await bareChain();
console.log(fmt(bareBefore));
const td = await tierdesk();
const bareAfter = await bareChain();
console.log(fmt({ ...bareAfter, label: 'bare BullMQ chain, again' }));
const bareRate = (bareBefore.perSecond + bareAfter.perSecond) / 2;
for (const r of td.results) {
  console.log(`${fmt(r)}\n${''.padEnd(30)} accepted ${r.acceptPerSecond.toFixed(0)}/s; ${((100 * r.perSecond) / bareRate).toFixed(0)}% of bare BullMQ items/s (mean of both bare runs)`);
}
const only = await smtpIntakeOnly();
console.log(`SMTP intake alone (intake+api process)  ${only.perSecond.toFixed(0)} messages/s accepted (250 after storing)`);
const prefixBytes = (r) => Object.values(r.byKind).reduce((a, b) => a + b, 0);
const perTicket = (prefixBytes(td.memAfter) - prefixBytes(td.memBefore)) / td.tickets;
console.log(`\nRedis memory per ticket: ${(perTicket / 1024).toFixed(1)} KiB (MEMORY USAGE of the prefix's keys over ${td.tickets} tickets, completed jobs kept as configured; used_memory grew ${((td.memAfter.usedMemory - td.memBefore.usedMemory) / td.tickets / 1024).toFixed(1)} KiB/ticket, others' keys included)`);
for (const [kind, bytes] of Object.entries(td.memAfter.byKind).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${kind.padEnd(28)} ${(bytes / td.tickets / 1024).toFixed(2).padStart(7)} KiB/ticket`);
}
await ownRedis?.destroy();
