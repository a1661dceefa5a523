import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriageCorrections, type TriageCorrection } from '../src/triage-corrections.js';

const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
let redis: Redis;

function example(ticketId: string, at: string, extra: Partial<TriageCorrection> = {}): TriageCorrection {
  return {
    ticketId,
    at,
    agent: 'anna@example.com',
    verdict: 'confirmed',
    subject: `about ${ticketId}`,
    body: 'text',
    from: 'c@example.org',
    language: 'en',
    level: 1,
    category: 'billing',
    predicted: { level: 1, category: 'billing', confidence: 0.9, explanation: [] },
    ...extra,
  };
}

async function everything(store: TriageCorrections, pageSize?: number): Promise<TriageCorrection[]> {
  const out: TriageCorrection[] = [];
  for await (const c of store.all(pageSize)) out.push(c);
  return out;
}

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.unlink(...keys);
  redis.disconnect();
});

describe('triage corrections (real Redis)', () => {
  it('keep one example per ticket: the latest review wins and moves to the end of the export', async () => {
    const store = new TriageCorrections(redis, `${prefix}-a`);
    await store.put(example('TD-1', '2026-11-25T10:00:00.000Z'));
    await store.put(example('TD-2', '2026-11-25T10:01:00.000Z'));
    await store.put(example('TD-1', '2026-11-25T10:02:00.000Z'));
    await store.put(example('TD-1', '2026-11-25T10:03:00.000Z', { verdict: 'corrected', level: 3, category: 'bug' }));
    expect(await store.count()).toBe(2);
    const all = await everything(store, 1);
    expect(all.map((c) => [c.ticketId, c.at])).toEqual([
      ['TD-2', '2026-11-25T10:01:00.000Z'],
      ['TD-1', '2026-11-25T10:03:00.000Z'],
    ]);
    expect(all[1]).toMatchObject({ verdict: 'corrected', level: 3, category: 'bug' });
  });

  it('export nothing when no one has reviewed a ticket', async () => {
    const store = new TriageCorrections(redis, `${prefix}-b`);
    expect(await everything(store)).toEqual([]);
    expect(await store.count()).toBe(0);
  });

  it('take over a list left by the version that kept every review, latest per ticket, in order', async () => {
    const key = `${prefix}-c:triage:corrections`;
    await redis.rpush(key, ...[example('TD-5', '2026-11-20T10:00:00.000Z'), example('TD-6', '2026-11-20T11:00:00.000Z'), example('TD-5', '2026-11-20T12:00:00.000Z', { verdict: 'corrected', level: 2 })].map((c) => JSON.stringify(c)));
    const store = new TriageCorrections(redis, `${prefix}-c`);
    expect((await everything(store)).map((c) => [c.ticketId, c.verdict])).toEqual([
      ['TD-6', 'confirmed'],
      ['TD-5', 'corrected'],
    ]);
    expect(await redis.type(key)).toBe('hash');
    await store.put(example('TD-6', '2026-11-26T09:00:00.000Z', { verdict: 'corrected', level: 0 }));
    expect((await everything(new TriageCorrections(redis, `${prefix}-c`))).map((c) => [c.ticketId, c.verdict])).toEqual([
      ['TD-5', 'corrected'],
      ['TD-6', 'corrected'],
    ]);
  });

  it('leave a list it cannot read as it was', async () => {
    const key = `${prefix}-d:triage:corrections`;
    await redis.rpush(key, JSON.stringify(example('TD-8', '2026-11-20T10:00:00.000Z')), 'not json');
    await expect(new TriageCorrections(redis, `${prefix}-d`).count()).rejects.toThrow();
    expect(await redis.llen(key)).toBe(2);
  });
});
