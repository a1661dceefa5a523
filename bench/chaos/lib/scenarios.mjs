// The three fault scenarios of bench/chaos, shared by the full benchmark (node bench/chaos/run.mjs)
// and the reduced CI form (test/e2e/chaos.test.ts). Each returns plain figures; the caller decides
// what to print or assert.
import { randomBytes } from 'node:crypto';
import { DEFAULT_GROUPS, TierdeskCluster, sleep, waitFor } from './cluster.mjs';
import { Mta, customerMail, sendAll } from './mta.mjs';
import { OwnRedis } from './own-redis.mjs';
import { SmtpSink } from './sink.mjs';

const rand = ([min, max]) => min + Math.random() * (max - min);

/**
 * What the customer-visible outcome was: one ticket per email, one ack per ticket, each to its
 * own sender and threaded to its email; nothing delivered twice.
 */
export async function outcome(cluster, sink, mails, redis) {
  const tickets = await cluster.ticketCount(redis);
  const acks = sink.byKind('ack');
  const ackIds = new Set(acks.map((m) => m.messageId));
  const bySender = new Map(mails.map((m) => [m.from, { messageId: m.messageId, acks: new Set() }]));
  for (const a of acks) for (const to of a.to) bySender.get(to)?.acks.add(a.messageId);
  const wrongThread = acks.filter((a) => !mails.some((m) => m.messageId === a.inReplyTo)).length;
  const perCustomer = [...bySender.values()].map((v) => v.acks.size);
  const queues = await cluster.queueState(redis);
  return {
    emails: mails.length,
    tickets,
    acksDistinct: ackIds.size,
    ackDeliveries: acks.length,
    deliveries: sink.mails.length,
    distinctDeliveries: sink.distinct(),
    duplicateDeliveries: sink.mails.length - sink.distinct(),
    customersWithoutAck: perCustomer.filter((n) => n === 0).length,
    customersWithSeveralAcks: perCustomer.filter((n) => n > 1).length,
    acksThreadedWrong: wrongThread,
    failedJobs: Object.values(queues).reduce((s, q) => s + q.failed, 0),
    pendingJobs: Object.values(queues).reduce((s, q) => s + q.pending, 0),
  };
}

/** Waits until every email has its ticket and its ack and the queues are empty, then a little longer for stragglers. */
async function settle(cluster, sink, mails, redis, timeoutMs, quietMs = 1500) {
  const t0 = Date.now();
  await waitFor(
    'every ticket and ack',
    async () => {
      const o = await outcome(cluster, sink, mails, redis);
      return o.tickets >= mails.length && o.acksDistinct >= mails.length && o.pendingJobs === 0;
    },
    timeoutMs,
    200,
  ).catch(() => undefined);
  const recoveredMs = Date.now() - t0;
  await sleep(quietMs);
  return recoveredMs;
}

function systemEnv(sink, extra = {}) {
  return { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', ...extra };
}

async function withSystem(opts, body) {
  const sink = await new SmtpSink().start();
  const cluster = new TierdeskCluster({ redisUrl: opts.redisUrl, groups: opts.groups ?? DEFAULT_GROUPS, env: systemEnv(sink, opts.env) });
  const redis = cluster.redis();
  try {
    await cluster.start();
    return await body({ sink, cluster, redis });
  } finally {
    await cluster.stop().catch(() => undefined);
    redis.disconnect();
    if (!opts.keepKeys) await cluster.cleanup();
    await sink.stop();
  }
}

/**
 * (a) N emails over SMTP while the worker processes are SIGKILLed at random moments and started
 * again. Kills go round the groups in a shuffled order, so every group dies at least once.
 */
export async function killScenario({ n = 60, ratePerSecond = 10, parallel = 6, killEveryMs = [600, 1500], downMs = [100, 800], tailKills = 2, groups, timeoutMs = 90_000, log = () => undefined } = {}) {
  const tag = `kill${randomBytes(3).toString('hex')}`;
  const mails = Array.from({ length: n }, (_, i) => customerMail(i, tag));
  return withSystem({ groups }, async ({ sink, cluster, redis }) => {
    const mta = new Mta({ port: cluster.smtpPort, connections: parallel });
    const kills = [];
    let sending = true;
    let tail = tailKills;
    const chaos = (async () => {
      // Restarts run in the background, so the next kill may hit another group while one is
      // still down or booting: outages overlap as they would in a bad hour.
      const restarting = new Set();
      let round = [];
      while (sending || tail-- > 0) {
        await sleep(rand(killEveryMs));
        if (round.length === 0) round = [...cluster.members].sort(() => Math.random() - 0.5);
        const victim = round.pop();
        if (!victim.ready) {
          round.unshift(victim); // still booting: its turn comes later in this round
          continue;
        }
        const sent = mta.delivered;
        await victim.kill('SIGKILL');
        kills.push({ group: victim.name, afterSent: sent, at: Date.now() });
        log(`  SIGKILL ${victim.name} (${victim.only}) after ${sent}/${n} accepted`);
        // A failed start is retried by ensureRunning below; the outcome checks tell if it mattered.
        const p = sleep(rand(downMs))
          .then(() => victim.start())
          .catch((err) => log(`  restart of ${victim.name} failed: ${err.message.split('\n')[0]}`));
        restarting.add(p);
        void p.finally(() => restarting.delete(p));
      }
      await Promise.all(restarting);
    })();
    const t0 = Date.now();
    await sendAll(mta, mails, { parallel, ratePerSecond });
    const sentMs = Date.now() - t0;
    sending = false;
    await chaos;
    await cluster.ensureRunning();
    const recoveredMs = await settle(cluster, sink, mails, redis, timeoutMs);
    mta.close();
    const result = await outcome(cluster, sink, mails, redis);
    return { scenario: 'kill', ...result, kills: kills.length, killsByGroup: countBy(kills, (k) => k.group), mailerKills: kills.filter((k) => cluster.member(k.group).only.includes('mailer')).length, smtpRetries: mta.retries, sentMs, recoveredMs };
  });
}

/** (b) N emails over SMTP while the Redis server (AOF on, a Redis of our own) is killed and started again. */
export async function redisScenario({ n = 60, ratePerSecond = 15, parallel = 6, restarts = 1, downMs = 1500, groups, timeoutMs = 90_000, log = () => undefined } = {}) {
  const tag = `redis${randomBytes(3).toString('hex')}`;
  const mails = Array.from({ length: n }, (_, i) => customerMail(i, tag));
  const own = await new OwnRedis().start();
  try {
    return await withSystem({ redisUrl: own.url, groups, keepKeys: true }, async ({ sink, cluster, redis }) => {
      const mta = new Mta({ port: cluster.smtpPort, connections: parallel });
      let sending = true;
      const chaos = (async () => {
        for (let r = 1; r <= restarts && sending; r++) {
          // Spread the restarts over the sending window.
          await waitFor('the next restart point', () => !sending || mta.delivered >= Math.floor((r * n) / (restarts + 1)), 600_000, 20);
          if (!sending) break;
          log(`  Redis killed after ${mta.delivered}/${n} accepted; down for ${downMs} ms`);
          await own.restart(downMs);
        }
      })();
      const t0 = Date.now();
      await sendAll(mta, mails, { parallel, ratePerSecond });
      const sentMs = Date.now() - t0;
      sending = false;
      await chaos;
      const down = cluster.members.filter((m) => !m.running).map((m) => `${m.name}: ${m.tail.slice(-1500)}`);
      const recoveredMs = await settle(cluster, sink, mails, redis, timeoutMs);
      mta.close();
      const result = await outcome(cluster, sink, mails, redis);
      return { scenario: 'redis-restart', ...result, redisRestarts: own.restarts, processesExited: down.length, exited: down, smtpRetries: mta.retries, sentMs, recoveredMs };
    });
  } finally {
    await own.destroy();
  }
}

/**
 * (c) The outbound SMTP relay goes away while mail flows: first stopped (connections refused),
 * then answering 421 for a while, then back on the same port. Every email must arrive once.
 */
export async function smtpOutageScenario({ n = 40, ratePerSecond = 20, parallel = 6, stoppedMs = 3000, refusingMs = 2000, groups, timeoutMs = 120_000, log = () => undefined } = {}) {
  const tag = `out${randomBytes(3).toString('hex')}`;
  const mails = Array.from({ length: n }, (_, i) => customerMail(i, tag));
  return withSystem({ groups }, async ({ sink, cluster, redis }) => {
    const mta = new Mta({ port: cluster.smtpPort, connections: parallel });
    const outage = (async () => {
      await waitFor('a third of the mail in', () => mta.delivered >= Math.floor(n / 3), 600_000, 20);
      const before = sink.mails.length;
      log(`  outbound SMTP stopped after ${before} deliveries, for ${stoppedMs} ms`);
      await sink.stop();
      await sleep(stoppedMs);
      sink.refuseWith = 421;
      await sink.start();
      log(`  outbound SMTP back but answering 421 for ${refusingMs} ms`);
      await sleep(refusingMs);
      sink.refuseWith = null;
      log('  outbound SMTP accepting again');
      return Date.now();
    })();
    const t0 = Date.now();
    await sendAll(mta, mails, { parallel, ratePerSecond });
    const sentMs = Date.now() - t0;
    const backAt = await outage;
    const recoveredMs = await settle(cluster, sink, mails, redis, timeoutMs, 2000);
    mta.close();
    const result = await outcome(cluster, sink, mails, redis);
    const lastAck = Math.max(...sink.byKind('ack').map((m) => m.at));
    return { scenario: 'smtp-outage', ...result, refusedAttempts: sink.refused, outageMs: stoppedMs + refusingMs, drainedAfterMs: Math.max(0, lastAck - backAt), sentMs, recoveredMs };
  });
}

function countBy(list, key) {
  const out = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}
