import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './ports.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${ROOT}packages/cli/bin/tierdesk.mjs`;

export interface SystemOptions {
  env?: Record<string, string>;
  only?: string;
}

/**
 * The real product, started through its CLI as a user would, on its own Redis prefix and ports.
 * Requires a build (the test command builds first).
 */
export class TierdeskProcess {
  readonly prefix = `tdtest-${randomBytes(4).toString('hex')}`;
  readonly token = randomBytes(16).toString('hex');
  httpPort = 0;
  smtpPort = 0;
  child: ChildProcess | null = null;
  stdout = '';
  stderr = '';
  exitCode: number | null = null;

  constructor(private readonly opts: SystemOptions = {}) {}

  env(): Record<string, string> {
    return {
      ...(process.env as Record<string, string>),
      TIERDESK_PREFIX: this.prefix,
      API_TOKEN: this.token,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(this.httpPort),
      INTAKE_SMTP_HOST: '127.0.0.1',
      INTAKE_SMTP_PORT: String(this.smtpPort),
      LOG_LEVEL: 'info',
      ...this.opts.env,
    };
  }

  async start(): Promise<this> {
    if (!this.httpPort) this.httpPort = await freePort();
    if (!this.smtpPort) this.smtpPort = await freePort();
    const args = [CLI, 'start', ...(this.opts.only ? ['--only', this.opts.only] : [])];
    this.exitCode = null;
    const child = spawn(process.execPath, args, { cwd: ROOT, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString()));
    child.on('exit', (code) => (this.exitCode = code ?? -1));
    await waitFor(
      'tierdesk to be ready',
      async () => {
        if (this.exitCode !== null) throw new Error(`tierdesk exited with ${this.exitCode}: ${this.stderr}\n${this.stdout.slice(-2000)}`);
        if (this.opts.only && !this.opts.only.includes('api')) return this.stdout.includes('tierdesk started');
        const res = await fetch(`http://127.0.0.1:${this.httpPort}/readyz`).catch(() => null);
        return res?.status === 200;
      },
      45_000, // a loaded CI machine can take long to import everything
      100,
    );
    return this;
  }

  async api<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`http://127.0.0.1:${this.httpPort}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (metrics, HTML)
    }
    return { status: res.status, body: parsed as T };
  }

  /** Runs a CLI command against this system's Redis prefix. */
  async cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return runCli(args, this.env(), input);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode ?? 0;
    child.kill(signal);
    return waitFor('tierdesk to exit', () => (this.exitCode !== null ? { code: this.exitCode } : null), 12_000).then((r) => r.code);
  }

  /** GET /api/tickets/:id; anything but 200 is an error. */
  async ticket<T>(id: string): Promise<T> {
    const r = await this.api<T>('GET', `/api/tickets/${id}`);
    if (r.status !== 200) throw new Error(`GET ${id}: ${r.status}`);
    return r.body;
  }

  /** Waits for the ticket the message `messageId` opened and returns it. */
  async ticketOf<T>(messageId: string): Promise<T> {
    return waitFor(`ticket for ${messageId}`, async () => {
      const r = await this.api<{ tickets: Array<{ id: string }> }>('GET', `/api/tickets?messageId=${encodeURIComponent(messageId)}`);
      const id = r.body.tickets[0]?.id;
      return id ? (await this.api<T>('GET', `/api/tickets/${id}`)).body : null;
    });
  }

  /** Removes this test's keys: the prefix is ours alone, nothing else is touched. */
  async cleanup(redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<void> {
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

export async function runCli(args: string[], env: Record<string, string | undefined>, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
