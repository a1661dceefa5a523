import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFlag, changeStatus, createTicket, type Ticket, type TicketChange } from '@tierdesk/domain';
import { InboundStore, TicketStore } from '../src/index.js';

const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
let redis: Redis;
let store: TicketStore;
const now = new Date('2026-11-25T10:00:00Z');

function build(messageId: string, email = 'c@x.test') {
  return (id: string): TicketChange =>
    createTicket(
      {
        id,
        subject: `about ${messageId}`,
        customer: { email, name: 'C' },
        level: 1,
        priority: 'normal',
        category: null,
        language: 'en',
        message: { messageId, direction: 'in', kind: null, from: email, at: now.toISOString() },
      },
      now,
    );
}

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  store = new TicketStore(redis, prefix);
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('TicketStore (real Redis)', () => {
  it('numbers tickets TD-1, TD-2 … and gives one ticket per Message-ID even under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create(`<m${i % 5}@x>`, build(`<m${i % 5}@x>`), now)));
    const ids = new Set(results.map((r) => r.ticket.id));
    expect(ids.size).toBe(5);
    expect(results.filter((r) => r.created)).toHaveLength(5);
    expect([...ids].sort()).toEqual(['TD-1', 'TD-2', 'TD-3', 'TD-4', 'TD-5']);
    expect(await store.findByMessageId('<m3@x>')).toMatch(/^TD-[1-5]$/);
  });

  it('never loses an update when many workers change one ticket at once', async () => {
    const { ticket } = await store.create('<busy@x>', build('<busy@x>'), now);
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.update(ticket.id, (t) => addFlag(t, `f${i}`, 'test', now), now)));
    const after = (await store.getWithEvents(ticket.id)) as Ticket;
    expect(after.flags).toHaveLength(30);
    expect(after.version).toBe(31);
    expect(after.events.filter((e) => e.type === 'ticket.flagged')).toHaveLength(30);
    // Event ids are unique and follow the ticket's versions.
    expect(new Set(after.events.map((e) => e.id)).size).toBe(after.events.length);
  });

  it('writes each change and its events to the outbox stream atomically', async () => {
    const before = await redis.xlen(store.keys.eventOutbox());
    const { ticket } = await store.create('<out@x>', build('<out@x>'), now);
    await store.update(ticket.id, (t) => changeStatus(t, 'open', 'triaged', now), now);
    expect(await redis.xlen(store.keys.eventOutbox())).toBe(before + 2);
  });

  it('starts an update from a ticket the caller read, and re-reads when it was stale', async () => {
    const { ticket } = await store.create('<known@x>', build('<known@x>'), now);
    const read = (await store.get(ticket.id)) as Ticket;
    const seen: number[] = [];
    const first = await store.update(ticket.id, (t) => (seen.push(t.version), addFlag(t, 'a', 'test', now)), now, read);
    expect(seen).toEqual([1]);
    expect(first.ticket.version).toBe(2);
    // `read` is now a version behind: the version check refuses it and the update re-reads.
    const second = await store.update(ticket.id, (t) => (seen.push(t.version), addFlag(t, 'b', 'test', now)), now, read);
    expect(seen).toEqual([1, 1, 2]);
    expect(second.ticket.flags).toEqual(['a', 'b']);
    expect((await store.get(ticket.id))?.flags).toEqual(['a', 'b']);
  });

  it('answers a second create for a Message-ID with the ticket that holds it', async () => {
    const a = await store.create('<twice@x>', build('<twice@x>'), now);
    const b = await store.create('<twice@x>', build('<twice@x>'), now);
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, ticket: { id: a.ticket.id, version: 1 } });
  });

  it('does nothing for a no-op change and throws for an unknown ticket', async () => {
    const { ticket } = await store.create('<noop@x>', build('<noop@x>'), now);
    const r = await store.update(ticket.id, () => null, now);
    expect(r.events).toEqual([]);
    expect((await store.get(ticket.id))?.version).toBe(1);
    await expect(store.update('TD-999999', (t) => changeStatus(t, 'open', 'x', now), now)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('lists newest first with filters and a cursor, and counts by level and status', async () => {
    for (let i = 0; i < 7; i++) await store.create(`<list${i}@x>`, build(`<list${i}@x>`, 'lister@x.test'), now);
    const p1 = await store.list({ customer: 'lister@x.test', limit: 3 });
    expect(p1.tickets).toHaveLength(3);
    expect(p1.next).not.toBeNull();
    const p2 = await store.list({ customer: 'lister@x.test', limit: 3, cursor: p1.next });
    const p3 = await store.list({ customer: 'lister@x.test', limit: 3, cursor: p2.next });
    const all = [...p1.tickets, ...p2.tickets, ...p3.tickets].map((t) => t.id);
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
    expect(p3.next).toBeNull();
    const nums = all.map((id) => Number(id.slice(3)));
    expect([...nums].sort((a, b) => b - a)).toEqual(nums);
    const counts = await store.counts();
    expect(counts.total).toBeGreaterThanOrEqual(15);
    expect(counts.byStatus.new! + counts.byStatus.open!).toBe(counts.total);
    expect(counts.byLevel['1']).toBe(counts.total);
    const byMsg = await store.list({ messageId: '<list2@x>' });
    expect(byMsg.tickets).toHaveLength(1);
  });
});

describe('InboundStore', () => {
  it('keeps raw bytes by content hash, once, and claims effects once', async () => {
    const inbound = new InboundStore(redis, prefix);
    const raw = Buffer.from([0xff, 0x00, 0x41, 0x0d, 0x0a]);
    const id = await inbound.saveRaw(raw, { channel: 'smtp', receivedAt: now.toISOString(), mailFrom: null, rcptTo: [], remoteAddress: null });
    expect(await inbound.saveRaw(raw, { channel: 'http', receivedAt: now.toISOString(), mailFrom: null, rcptTo: [], remoteAddress: null })).toBe(id);
    const back = await inbound.getRaw(id);
    expect(back?.raw.equals(raw)).toBe(true);
    expect(back?.meta.channel).toBe('smtp');
    expect(await inbound.claimOnce('sent', '<a@x>')).toBe(true);
    expect(await inbound.claimOnce('sent', '<a@x>')).toBe(false);
    expect(await inbound.wasClaimed('sent', '<a@x>')).toBe(true);
  });
});
