// Tierdesk run the way an operator would run it across processes: one `tierdesk start --only …`
// per group, all on one Redis prefix, so any group can be killed and started again.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = `${ROOT}packages/cli/bin/tierdesk.mjs`;

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what, fn, timeoutMs = 15_000, everyMs = 50) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message ?? last}` : ''}`);
    await sleep(everyMs);
  }
}

const START_TIMEOUT_MS = 120_000;

/** The classic three: intake with the API in front, triage twice, the mailer alone. */
export const DEFAULT_GROUPS = [
  { name: 'edge', only: 'intake,api' },
  { name: 'triage-a', only: 'triage' },
  { name: 'triage-b', only: 'triage' },
  { name: 'mailer', only: 'mailer' },
];

class Member {
  child = null;
  exitCode = null;
  tail = '';
  starts = 0;
  kills = 0;
  constructor(cluster, group) {
    this.cluster = cluster;
    this.name = group.name;
    this.only = group.only;
  }

  /** Started and not killed since: the only state in which chaos may kill it. */
  ready = false;

  get running() {
    return this.child !== null && this.exitCode === null;
  }

  async start() {
    this.ready = false;
    this.exitCode = null;
    this.starts++;
    const args = [...this.cluster.nodeArgs, CLI, 'start', ...(this.only ? ['--only', this.only] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: this.cluster.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let started = false;
    const keep = (c) => {
      const s = c.toString();
      if (!started && s.includes('"tierdesk started"')) started = true;
      this.tail = (this.tail + s).slice(-20_000);
      this.cluster.onOutput?.(this.name, s);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => {
      if (this.child === child) this.exitCode = code ?? (signal ? 128 : -1);
    });
    // With the API in the group /readyz says it; otherwise the start line (LOG_LEVEL info or lower).
    const withApi = !this.only || this.only.split(',').includes('api');
    await waitFor(
      `${this.name} (${this.only || 'all'}) to start`,
      async () => {
        if (this.child !== child || this.exitCode !== null) throw new Error(`${this.name} exited with ${this.exitCode}:\n${this.tail.slice(-3000)}`);
        if (!withApi) return started;
        const res = await fetch(`http://127.0.0.1:${this.cluster.httpPort}/readyz`).catch(() => null);
        return res?.status === 200;
      },
      // Starting is not what chaos measures: a generous wait, so a loaded machine (twelve Node
      // processes importing at once) is not mistaken for a fault.
      START_TIMEOUT_MS,
      25,
    ).catch((err) => {
      throw new Error(`${err.message}\n--- last output of ${this.name} ---\n${this.tail.slice(-3000)}`);
    });
    this.ready = true;
    return this;
  }

  /** SIGKILL: no shutdown hook runs; whatever was in flight is left as it was. */
  async kill(signal = 'SIGKILL') {
    const child = this.child;
    this.ready = false;
    if (!child || this.exitCode !== null) return;
    this.kills++;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  async stop() {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode;
    const exited = new Promise((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 12_000);
    const code = await exited;
    clearTimeout(t);
    return code;
  }
}

export class TierdeskCluster {
  prefix = `tdchaos-${randomBytes(4).toString('hex')}`;
  token = randomBytes(16).toString('hex');
  httpPort = 0;
  smtpPort = 0;
  /** @param {{ redisUrl?: string, env?: Record<string,string>, groups?: Array<{name: string, only: string}>, onOutput?: (name: string, chunk: string) => void, nodeArgs?: string[] }} opts */
  constructor(opts = {}) {
    this.nodeArgs = opts.nodeArgs ?? [];
    this.redisUrl = opts.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    this.extraEnv = opts.env ?? {};
    this.onOutput = opts.onOutput;
    this.members = (opts.groups ?? DEFAULT_GROUPS).map((g) => new Member(this, g));
  }

  env() {
    return {
      ...process.env,
      REDIS_URL: this.redisUrl,
      TIERDESK_PREFIX: this.prefix,
      API_TOKEN: this.token,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(this.httpPort),
      INTAKE_SMTP_HOST: '127.0.0.1',
      INTAKE_SMTP_PORT: String(this.smtpPort),
      LOG_LEVEL: 'info',
      ...this.extraEnv,
    };
  }

  member(name) {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new Error(`no group ${name}`);
    return m;
  }

  async start() {
    if (!this.httpPort) this.httpPort = await freePort();
    if (!this.smtpPort) this.smtpPort = await freePort();
    await Promise.all(this.members.map((m) => m.start()));
    return this;
  }

  /** Starts every group that is not running (after kills). */
  async ensureRunning() {
    await Promise.all(this.members.filter((m) => !m.running).map((m) => m.start()));
  }

  async stop() {
    await Promise.all(this.members.map((m) => m.stop()));
  }

  async api(method, path, body, headers = {}) {
    const res = await fetch(`http://127.0.0.1:${this.httpPort}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  /** A plain Redis client on the cluster's Redis, for counting what the system stored. */
  redis() {
    const r = new Redis(this.redisUrl, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 100, 1000) });
    r.on('error', () => undefined);
    return r;
  }

  async ticketCount(redis) {
    return redis.zcard(`${this.prefix}:idx:tickets`);
  }

  /** Jobs not yet done per queue (waiting, active, delayed, prioritized) and failed ones. */
  async queueState(redis, queues = ['intake', 'triage', 'notify', 'outbound']) {
    const out = {};
    for (const q of queues) {
      const k = (s) => `${this.prefix}:${q}:${s}`;
      const [wait, active, delayed, prioritized, failed] = await Promise.all([redis.llen(k('wait')), redis.llen(k('active')), redis.zcard(k('delayed')), redis.zcard(k('prioritized')), redis.zcard(k('failed'))]);
      out[q] = { pending: wait + active + delayed + prioritized, failed };
    }
    return out;
  }

  /** Removes this cluster's keys; the prefix is ours alone. */
  async cleanup() {
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    } catch {
      // Redis already gone (own Redis stopped): nothing to clean there.
    } finally {
      redis.disconnect();
    }
  }
}
