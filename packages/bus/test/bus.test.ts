import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tierdesk/logger';
import { TicketStore } from '@tierdesk/store';
import { createTicket, changeStatus } from '@tierdesk/domain';
import { Bus, DEFAULT_JOB_OPTIONS, EventRelay, queuesForEvent, safeJobId, type TicketEventJob } from '../src/index.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
const lines: string[] = [];
const logger = createLogger({ level: 'debug', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
let redis: Redis;
let bus: Bus;

beforeAll(() => {
  redis = new Redis(url);
  bus = new Bus({ redisUrl: url, prefix, logger });
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

const until = async (f: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('Bus over BullMQ (real Redis)', () => {
  it('keeps every key under the prefix and makes a deterministic job id idempotent', async () => {
    await bus.publish('triage', { messageId: '<a@x>', ticketId: null }, { jobId: 'msg-<a@x>' });
    await bus.publish('triage', { messageId: '<a@x>', ticketId: null }, { jobId: 'msg-<a@x>' });
    const counts = await bus.queue('triage').getJobCounts('waiting');
    expect(counts.waiting).toBe(1);
    const keys = await redis.keys(`${prefix}:triage:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(safeJobId('TD-1:3.0')).not.toContain(':');
  });

  it('counts live workers per queue, of every host or of one host only', async () => {
    const here = new Bus({ redisUrl: url, prefix, logger, workerHost: 'host-a' });
    const there = new Bus({ redisUrl: url, prefix, logger, workerHost: 'host-b' });
    try {
      here.consume('vendor-timers', async () => undefined);
      there.consume('vendor-timers', async () => undefined);
      await until(async () => (await bus.workerCount('vendor-timers')) === 2);
      expect(await bus.workerCount('vendor-timers', 'host-a')).toBe(1);
      await here.closeWorkers();
      await until(async () => (await bus.workerCount('vendor-timers', 'host-a')) === 0);
      expect(await bus.workerCount('vendor-timers', 'host-b')).toBe(1);
      expect(await bus.workerCount('vendor-timers')).toBe(1);
    } finally {
      await Promise.all([here.close(), there.close()]);
    }
  });

  it('retries a failing job with backoff and keeps the final failure in the failed set, logged with queue and job id', async () => {
    const calls: number[] = [];
    const worker = bus.consume('selfhelp-timers', async () => {
      calls.push(Date.now());
      throw new Error('boom');
    });
    await bus.publish('selfhelp-timers', { ticketId: 'TD-1', kind: 'x', token: 't' }, { jobId: 'fails', attempts: 3 });
    await until(async () => (await bus.queue('selfhelp-timers').getJobCounts('failed')).failed === 1);
    await worker.close();
    expect(calls).toHaveLength(3);
    // Exponential backoff of DEFAULT_JOB_OPTIONS (1 s, then 2 s): the waits double. Lower bounds
    // only, so a slow machine cannot fail it; without backoff the retries come within milliseconds.
    expect(DEFAULT_JOB_OPTIONS.backoff).toEqual({ type: 'exponential', delay: 1000 });
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(950);
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(1950);
    const [job] = await bus.queue('selfhelp-timers').getFailed();
    expect(job?.failedReason).toBe('boom');
    expect(job?.attemptsMade).toBe(3);
    const final = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.deadLetter === true);
    expect(final).toMatchObject({ queue: 'selfhelp-timers', jobId: 'fails' });
  });

  it('relays ticket events from the store outbox to the queues that subscribe to them, once', async () => {
    const store = new TicketStore(redis, prefix);
    const now = new Date('2026-11-25T10:00:00Z');
    const { ticket } = await store.create(
      '<relay@x>',
      (id) => createTicket({ id, subject: 's', customer: { email: 'c@x', name: '' }, level: 1, priority: 'normal', category: null, language: 'en', message: { messageId: '<relay@x>', direction: 'in', kind: null, from: 'c@x', at: now.toISOString() } }, now),
      now,
    );
    await store.update(ticket.id, (t) => changeStatus(t, 'open', 'x', now), now);
    const seen: string[] = [];
    const worker = bus.consume('sla', async (job) => {
      seen.push((job.data as TicketEventJob).event.type);
    });
    // Two relays share the work through the consumer group.
    const relays = [0, 1].map((i) => new EventRelay(redis.duplicate(), bus, store.keys.eventOutbox(), logger, `r${i}`));
    for (const r of relays) await r.start();
    await until(() => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    for (const r of relays) await r.stop();
    await worker.close();
    expect(seen.sort()).toEqual(['ticket.created', 'ticket.status_changed']);
    expect(await redis.xlen(store.keys.eventOutbox())).toBe(0);
    expect(queuesForEvent('ticket.created')).toContain('sla');
  });
});
