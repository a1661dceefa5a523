/**
 * Integration: a customer asks to move their callback while every level-2 calendar is full, so
 * no other slot can be booked. Real Redis on a private prefix; the processors driven job by job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@tierdesk/domain';
import type { OutboundEmail } from '@tierdesk/mail';
import { callbackDeps } from '../src/index.js';
import { customerReply, deletePrefix, level2Ticket, queuedMail, runEvent, testConfig, testRuntime, type TestRuntime } from './support.js';

let h: TestRuntime;
const DAY = 86_400_000;
const SLOT = 30 * 60_000;

beforeAll(async () => {
  // Mon 2026-03-09 08:00 in Berlin and in Paris, the customer's zone.
  h = await testRuntime(testConfig(), { now: '2026-03-09T07:00:00Z' });
});
afterAll(async () => {
  await h?.cleanup();
  await deletePrefix(h.prefix);
});

const get = async (id: string) => (await h.rt.store.getWithEvents(id))!;
const last = (t: Ticket, type: string) => [...t.events].reverse().find((e) => e.type === type)!;
const mails = async (id: string) => queuedMail(h.rt, id);
/** The emails queued for the ticket since `seen`, by kind. */
const since = async (id: string, seen: OutboundEmail[]) => {
  const old = new Set(seen.map((m) => m.messageId));
  return (await mails(id)).filter((m) => !old.has(m.messageId)).sort((a, b) => a.kind.localeCompare(b.kind));
};
const ics = (m: OutboundEmail) => String(m.attachments?.[0]?.content ?? '').replace(/\r\n[ \t]/g, '');

/** Every half hour of every level-2 calendar taken by other tickets for 130 days, but `keep`'s own slot. */
async function fillCalendars(keep: Ticket): Promise<void> {
  const { bookings } = callbackDeps(h.rt);
  const from = Date.parse('2026-03-09T00:00:00Z');
  const pipeline = h.rt.redis.pipeline();
  for (const agent of ['jonas@agents.test', 'oliver@agents.test']) {
    for (let start = from; start < from + 130 * DAY; start += SLOT) {
      if (agent === keep.callback!.agent && start === Date.parse(keep.callback!.slotStart)) continue;
      pipeline.zadd(bookings.agentKey(agent), start, `${start}|${start + SLOT}|TD-FULL-${start}`);
    }
  }
  await pipeline.exec();
}

const reply = (id: string, text: string) => customerReply(h.rt, id, text);

describe('a customer asking to move a callback when no other slot can be booked', () => {
  let id: string;
  let booked: NonNullable<Ticket['callback']>;
  let announced: OutboundEmail[];

  beforeAll(async () => {
    const { ticket, classified } = await level2Ticket(h.rt);
    id = ticket.id;
    expect(await runEvent(h.rt, classified)).toEqual({ schedule: 'booked' });
    const t = await get(id);
    booked = t.callback!;
    expect(booked.slotStart).toBe('2026-03-09T08:00:00.000Z');
    await runEvent(h.rt, last(t, 'callback.scheduled'));
    announced = await mails(id);
    expect(announced).toHaveLength(2);
    await fillCalendars(t);
  });

  it('nothing free at or after the asked time: the call stands, the customer and the booked agent are told once', async () => {
    const event = await reply(id, 'Could you call me on Wednesday at 14:00 instead? Thanks, Léa');
    expect(await runEvent(h.rt, event)).toEqual({ reschedule: 'not-moved' });
    const t = await get(id);
    expect(t.callback).toMatchObject({ status: 'scheduled', slotStart: booked.slotStart, agent: booked.agent, attempts: 1 });
    expect(t.events.filter((e) => e.type === 'callback.scheduled')).toHaveLength(1);
    const added = await since(id, announced);
    expect(added.map((m) => `${m.kind}→${m.to[0]!.address}`)).toEqual([`agent-notification→${booked.agent}`, 'callback-scheduled→lea@customer.test']);
    const [agent, customer] = added as [OutboundEmail, OutboundEmail];
    // The standing slot, in the customer's zone, with why the asked time was not booked.
    expect(customer.subject).toContain('Monday, 9 March 2026, 09:00–09:30 (Europe/Paris)');
    expect(customer.text).toMatch(/We could not book the time you asked for: no callback time is free then or later/);
    expect(customer.text).toMatch(/Your call therefore stays at the time above/);
    expect(customer.inReplyTo).toBe(event.type === 'message.received' ? event.data.messageId : null);
    expect(ics(customer)).toContain('DTSTART;TZID=Europe/Paris:20260309T090000');
    expect(ics(customer)).toContain('SEQUENCE:0');
    // The agent: the customer's own words and that a person must arrange it.
    expect(agent.inReplyTo).toBe(customer.inReplyTo);
    expect(agent.text).toContain('Could you call me on Wednesday at 14:00 instead?');
    expect(agent.text).toMatch(/asked to move this callback for "on Wednesday at 14:00", but no level-2 agent has a free slot then or later/);
    expect(agent.text).toMatch(/Please call or write to them to arrange a time/);
    // A retried job sends nothing twice: the same Message-IDs.
    expect(await runEvent(h.rt, event)).toEqual({ reschedule: 'not-moved' });
    expect(await since(id, announced)).toHaveLength(2);
    const recorded = (await get(id)).messages.filter((m) => m.direction === 'out');
    expect(recorded).toHaveLength(4);
    expect(new Set(recorded.map((m) => m.messageId)).size).toBe(4);
  });

  it('the asked time cannot be booked and the earliest after it is the booked call: told too, with that reason', async () => {
    const before = await mails(id);
    // 08:30 in Paris today is within the one-hour lead time; the first bookable slot is the booked one.
    const event = await reply(id, 'Actually, could you call me today at 8:30?');
    expect(await runEvent(h.rt, event)).toEqual({ reschedule: 'not-moved' });
    expect((await get(id)).callback).toMatchObject({ slotStart: booked.slotStart, agent: booked.agent });
    const added = await since(id, before);
    expect(added.map((m) => m.kind)).toEqual(['agent-notification', 'callback-scheduled']);
    expect(added[1]!.text).toMatch(/the earliest free time after it is the call you already have/);
    expect(added[0]!.text).toMatch(/the earliest slot that can be booked is the one already booked/);
  });

  it('an ordinary reply still changes nothing and tells nobody from here', async () => {
    const before = await mails(id);
    const event = await reply(id, 'Here is the screenshot of the error you asked for.');
    expect(await runEvent(h.rt, event)).toEqual({ reschedule: 'unchanged' });
    expect(await since(id, before)).toEqual([]);
  });
});
