import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@tierdesk/config';
import { CallbackBookings, bookCallbackSlot, holdString, type Booking } from '../src/index.js';
import { REDIS_URL, deletePrefix, testConfig, testRuntime, type TestRuntime } from './support.js';

const MIN = 60_000;
const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
let redis: Redis;
let bookings: CallbackBookings;

/** Every booking in every agent calendar under a prefix, by scanning Redis. */
async function scan(p: string): Promise<Map<string, Booking[]>> {
  const out = new Map<string, Booking[]>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${p}:callback:agent:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const agent = key.slice(`${p}:callback:agent:`.length);
      const members = await redis.zrange(key, 0, -1);
      out.set(agent, members.map((m) => { const [s, e, t] = m.split('|'); return { agent, start: Number(s), end: Number(e), ticketId: t! }; }));
    }
  } while (cursor !== '0');
  return out;
}

function overlaps(list: Booking[]): number {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  let n = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end) n++;
  return n;
}

beforeAll(() => {
  redis = new Redis(REDIS_URL);
  bookings = new CallbackBookings(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(prefix);
  redis.disconnect();
});

describe('an agent calendar in Redis', () => {
  const at = Date.parse('2026-03-10T09:00:00Z');
  const now = Date.parse('2026-03-09T07:00:00Z');

  it('lets exactly one of fifty simultaneous bookers take a slot', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => bookings.book({ ticketId: `TD-${i + 1}`, agent: 'race@agents.test', start: at, end: at + 30 * MIN, expectedHold: null, keepPrevious: false, now })),
    );
    expect(results.filter((r) => r.status === 'booked')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'taken')).toHaveLength(49);
  });

  it('refuses a slot that only partly overlaps, and names the clash', async () => {
    const r = await bookings.book({ ticketId: 'TD-100', agent: 'race@agents.test', start: at + 15 * MIN, end: at + 45 * MIN, expectedHold: null, keepPrevious: false, now });
    expect(r).toMatchObject({ status: 'taken', clash: { start: at, end: at + 30 * MIN } });
    const next = await bookings.book({ ticketId: 'TD-100', agent: 'race@agents.test', start: at + 30 * MIN, end: at + 60 * MIN, expectedHold: null, keepPrevious: false, now });
    expect(next.status).toBe('booked');
  });

  it('moves a ticket atomically: the old slot is freed, a stale expectation is refused, a repeat is a no-op', async () => {
    const first = holdString({ agent: 'move@agents.test', start: at, end: at + 30 * MIN });
    expect((await bookings.book({ ticketId: 'TD-200', agent: 'move@agents.test', start: at, end: at + 30 * MIN, expectedHold: null, keepPrevious: false, now })).status).toBe('booked');
    expect(await bookings.hold('TD-200')).toBe(first);
    expect((await bookings.book({ ticketId: 'TD-200', agent: 'move@agents.test', start: at, end: at + 30 * MIN, expectedHold: first, keepPrevious: false, now })).status).toBe('booked');
    expect((await bookings.book({ ticketId: 'TD-200', agent: 'move@agents.test', start: at + 60 * MIN, end: at + 90 * MIN, expectedHold: null, keepPrevious: false, now })).status).toBe('stale');
    expect((await bookings.book({ ticketId: 'TD-200', agent: 'move@agents.test', start: at + 15 * MIN, end: at + 45 * MIN, expectedHold: first, keepPrevious: false, now })).status).toBe('booked');
    // its own old slot did not block the move, and is gone
    expect((await scan(prefix)).get('move@agents.test')!.map((b) => b.start)).toEqual([at + 15 * MIN]);
  });

  it('keeps a tried slot as history when asked, and releases only the expected hold', async () => {
    const h = holdString({ agent: 'keep@agents.test', start: at, end: at + 30 * MIN });
    await bookings.book({ ticketId: 'TD-300', agent: 'keep@agents.test', start: at, end: at + 30 * MIN, expectedHold: null, keepPrevious: false, now });
    await bookings.book({ ticketId: 'TD-300', agent: 'keep@agents.test', start: at + 2 * 60 * MIN, end: at + 150 * MIN, expectedHold: h, keepPrevious: true, now });
    expect((await scan(prefix)).get('keep@agents.test')).toHaveLength(2);
    expect(await bookings.release('TD-300', { expectedHold: h })).toBeNull();
    expect(await bookings.release('TD-300')).toMatchObject({ start: at + 2 * 60 * MIN, agent: 'keep@agents.test' });
    expect((await scan(prefix)).get('keep@agents.test')!.map((b) => b.start)).toEqual([at]);
    expect(await bookings.hold('TD-300')).toBeNull();
  });
});

describe('booking many callbacks at once from two processes', () => {
  let a: TestRuntime;
  let b: TestRuntime;
  const shared = `tdtest-${randomBytes(4).toString('hex')}`;
  const config = testConfig({
    agents: [
      { email: 'a1@agents.test', name: 'Agent One', levels: [2] },
      { email: 'a2@agents.test', name: 'Agent Two', levels: [2] },
      { email: 'a3@agents.test', name: 'Agent Three', levels: [2] },
      { email: 'a4@agents.test', name: 'Agent Four', levels: [2] },
    ],
  });

  beforeAll(async () => {
    a = await testRuntime(config, { prefix: shared });
    b = await testRuntime(config, { prefix: shared });
  });
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
    await deletePrefix(shared);
  });

  it('never double-books an agent, gives every ticket one slot and spreads them evenly', async () => {
    const N = 240;
    const LANES = 12; // concurrent bookers per process
    const now = new Date('2026-03-09T07:00:00Z');
    const zones = ['Europe/Paris', 'America/New_York', 'UTC+2', 'Europe/London'];
    let next = 0;
    const booked: Array<{ ticketId: string; slot: Awaited<ReturnType<typeof bookCallbackSlot>> }> = [];
    const lane = async (rt: TestRuntime['rt']) => {
      const bookingsOf = new CallbackBookings(rt.redis, shared);
      for (let i = next++; i < N; i = next++) {
        const ticketId = `TD-${1000 + i}`;
        booked.push({ ticketId, slot: await bookCallbackSlot(bookingsOf, rt.config, { ticketId, now, customerZone: zones[i % zones.length]!, expectedHold: null, keepPrevious: false }) });
      }
    };
    await Promise.all(Array.from({ length: 2 * LANES }, (_, i) => lane(i % 2 ? a.rt : b.rt)));
    expect(booked).toHaveLength(N);
    expect(booked.every((x) => x.slot !== null)).toBe(true);
    const calendars = await scan(shared);
    const all = [...calendars.values()].flat();
    expect(all).toHaveLength(N);
    for (const [, list] of calendars) expect(overlaps(list)).toBe(0);
    expect(new Set(all.map((x) => x.ticketId)).size).toBe(N);
    // every ticket's hold is the booking in the calendar
    const holds = await a.rt.redis.mget(booked.map((x) => `${shared}:callback:hold:${x.ticketId}`));
    booked.forEach((x, i) => expect(holds[i]).toBe(x.slot!.hold));
    const perAgent = [...calendars.values()].map((l) => l.length);
    expect(Math.max(...perAgent) - Math.min(...perAgent)).toBeLessThanOrEqual(N / 10);
  });
});

describe('the configuration', () => {
  it('refuses a team whose agents include no level-2 agent, naming the setting', () => {
    const json = { ...JSON.parse(JSON.stringify(testConfig())), agents: [{ email: 'x@agents.test', name: 'X', levels: [1, 3] }] };
    expect(() => parseConfig(json)).toThrow(ConfigError);
    expect(() => parseConfig(json)).toThrow(/agents.*callbacks need at least one level-2 agent/s);
  });
});
