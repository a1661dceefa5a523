// A Redis of the run's own (AOF with fsync on every write, its own port and folder), so a
// scenario may kill it and start it again without touching anyone else's data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './cluster.mjs';

export class OwnRedis {
  port = 0;
  /** @param {{ aof?: boolean }} opts aof (default true): append-only file with fsync on every write. */
  constructor(opts = {}) {
    this.aof = opts.aof ?? true;
  }
  dir = mkdtempSync(join(tmpdir(), 'tierdesk-chaos-redis-'));
  proc = null;
  restarts = 0;

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    if (!this.port) this.port = await freePort();
    const persistence = this.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', ...persistence, '--save', '', '--dir', this.dir], { stdio: 'ignore' });
    await waitFor(
      'own redis',
      async () => {
        const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        r.on('error', () => undefined);
        try {
          await r.connect();
          // After a restart Redis answers LOADING until the AOF is replayed.
          return (await r.ping()) === 'PONG';
        } finally {
          r.disconnect();
        }
      },
      15_000,
      50,
    );
    return this;
  }

  /** SIGKILL, like a crash: only what AOF already has on disk survives. */
  async kill() {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
    this.proc = null;
  }

  async restart(downMs = 0) {
    await this.kill();
    if (downMs) await new Promise((r) => setTimeout(r, downMs));
    this.restarts++;
    await this.start();
  }

  async destroy() {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
