import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tierdesk/logger';
import { Bus, countFailedJobs, JobNotFoundError, listFailedJobs, retryJobs } from '../src/index.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tdtest-dl-${randomBytes(4).toString('hex')}`;
const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
let redis: Redis;
let bus: Bus;
/** Timer kinds that fail until healed; everything run is recorded. */
const broken = new Set<string>(['bad-a', 'bad-b']);
const runs: string[] = [];

const until = async (what: string, f: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  redis = new Redis(url);
  bus = new Bus({ redisUrl: url, prefix, logger });
  bus.consume('sla-timers', async (job) => {
    runs.push(job.data.kind);
    if (broken.has(job.data.kind)) throw new Error(`<b>${job.data.kind}</b> refused`);
  });
  await bus.publish('sla-timers', { ticketId: 'TD-7', kind: 'bad-a', token: '1' }, { jobId: 'timer:TD-7:bad-a', attempts: 2 });
  await bus.publish('sla-timers', { ticketId: 'TD-8', kind: 'bad-b', token: '1' }, { jobId: 'timer:TD-8:bad-b', attempts: 1 });
  await bus.publish('sla-timers', { ticketId: 'TD-9', kind: 'fine', token: '1' }, { jobId: 'timer:TD-9:fine' });
  await until('two dead letters', async () => (await countFailedJobs(bus)) === 2);
});

afterAll(async () => {
  await bus.close();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
});

describe('dead letters (shared by the CLI and the console)', () => {
  it('lists failed jobs across queues with ticket, reason and attempts', async () => {
    const jobs = await listFailedJobs(bus);
    expect(jobs.map((j) => [j.queue, j.id, j.ticketId, j.attemptsMade]).sort()).toEqual([
      ['sla-timers', 'timer|TD-7|bad-a', 'TD-7', 2],
      ['sla-timers', 'timer|TD-8|bad-b', 'TD-8', 1],
    ]);
    const a = jobs.find((j) => j.ticketId === 'TD-7')!;
    expect(a.failedReason).toBe('<b>bad-a</b> refused');
    expect(Date.parse(a.failedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.timestamp));
    expect(await listFailedJobs(bus, 'outbound')).toEqual([]);
    await expect(listFailedJobs(bus, 'nope')).rejects.toThrow('Unknown queue "nope"');
  });

  it('replays one job by its id (as published or as stored); a second replay is skipped', async () => {
    broken.delete('bad-a');
    const first = await retryJobs(bus, { id: 'timer:TD-7:bad-a', queue: 'sla-timers' });
    expect(first).toEqual({ retried: [{ queue: 'sla-timers', id: 'timer|TD-7|bad-a' }], skipped: [] });
    await until('the replayed job to complete', async () => (await bus.queue('sla-timers').getJob('timer|TD-7|bad-a'))?.finishedOn !== undefined && (await countFailedJobs(bus)) === 1);
    const again = await retryJobs(bus, { id: 'timer|TD-7|bad-a' });
    expect(again.retried).toEqual([]);
    expect(again.skipped).toEqual([{ queue: 'sla-timers', id: 'timer|TD-7|bad-a', state: 'completed' }]);
    expect(runs.filter((k) => k === 'bad-a')).toHaveLength(3);
    await expect(retryJobs(bus, { id: 'no-such-job' })).rejects.toBeInstanceOf(JobNotFoundError);
  });

  it('replays all; racing replays run each job once', async () => {
    broken.clear();
    const [x, y] = await Promise.all([retryJobs(bus, { all: true }), retryJobs(bus, { all: true, queue: 'sla-timers' })]);
    expect([...x.retried, ...y.retried]).toEqual([{ queue: 'sla-timers', id: 'timer|TD-8|bad-b' }]);
    await until('no dead letters left', async () => (await countFailedJobs(bus)) === 0 && runs.filter((k) => k === 'bad-b').length === 2);
    expect(await listFailedJobs(bus)).toEqual([]);
    expect((await retryJobs(bus, { all: true })).retried).toEqual([]);
  });
});
