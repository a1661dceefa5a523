import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeJobId, type TimerJob } from '@tierdesk/bus';
import { changeLevel, resolveTicket, type Ticket } from '@tierdesk/domain';
import type { OutboundEmail } from '@tierdesk/mail';
import { NoLevel2AgentsError, callbackDeps, createCallbackSchedulerService, createCallbackTimerProcessor, recordCallbackOutcome, reminderJobId, reminderToken } from '../src/index.js';
import { customerReply, deletePrefix, level2Ticket, log, queuedMail, runEvent, testConfig, testRuntime, type TestRuntime } from './support.js';

let h: TestRuntime;
const agents = ['jonas@agents.test', 'oliver@agents.test'];

beforeAll(async () => {
  // Mon 2026-03-09 08:00 in Berlin
  h = await testRuntime(testConfig(), { now: '2026-03-09T07:00:00Z' });
});
afterAll(async () => {
  await h?.cleanup();
  await deletePrefix(h.prefix);
});

const get = async (id: string) => (await h.rt.store.getWithEvents(id))!;
const last = (t: Ticket, type: string) => [...t.events].reverse().find((e) => e.type === type)!;
const calendar = async (agent: string) => (await h.rt.redis.zrange(`${h.prefix}:callback:agent:${agent}`, 0, -1)).map((m) => m.split('|'));
const mails = async (id: string, kind?: string) => (await queuedMail(h.rt, id)).filter((m) => !kind || m.kind === kind);
// Unfolded (RFC 5545 folds long lines at 75 octets).
const ics = (m: OutboundEmail) => String(m.attachments?.[0]?.content ?? '').replace(/\r\n[ \t]/g, '');

const reply = (id: string, text: string) => customerReply(h.rt, id, text);

describe('when a ticket reaches level 2', () => {
  let id: string;

  it('books the earliest slot after the lead time in the customer zone and waits for the call', async () => {
    const { ticket, classified } = await level2Ticket(h.rt);
    id = ticket.id;
    expect(await runEvent(h.rt, classified)).toEqual({ schedule: 'booked' });
    const t = await get(id);
    expect(t.status).toBe('callback_scheduled');
    expect(t.callback).toMatchObject({ status: 'scheduled', slotStart: '2026-03-09T08:00:00.000Z', slotEnd: '2026-03-09T08:30:00.000Z', attempts: 1, customerTimezone: 'Europe/Paris', timezoneSource: 'customer' });
    expect(agents).toContain(t.callback!.agent);
    expect(await runEvent(h.rt, classified)).toEqual({ schedule: 'skipped' });
    expect(t.events.filter((e) => e.type === 'callback.scheduled')).toHaveLength(1);
  });

  it('tells the customer (with the invite) and the booked agent, and arms the reminder 15 minutes before', async () => {
    const t = await get(id);
    const scheduled = last(t, 'callback.scheduled');
    const res = await runEvent(h.rt, scheduled);
    expect(res.sent).toEqual([`callback-scheduled→lea@customer.test`, `agent-notification→${t.callback!.agent}`]);
    const [customer] = await mails(id, 'callback-scheduled');
    expect(customer!.subject).toContain('Monday, 9 March 2026, 09:00–09:30 (Europe/Paris)');
    expect(customer!.text).toMatch(/reply to this email with a time that works better/);
    expect(ics(customer!)).toContain('DTSTART;TZID=Europe/Paris:20260309T090000');
    expect(ics(customer!)).toMatch(/ATTENDEE;[^\r\n]*lea@customer\.test/);
    const [agentMail] = await mails(id, 'agent-notification');
    expect(agentMail!.to[0]!.address).toBe(t.callback!.agent);
    expect(ics(agentMail!)).toMatch(/DTSTART;TZID=Europe\/(Berlin:20260309T090000|London:20260309T080000)/);
    const job = await h.rt.bus.queue('callback-timers').getJob(safeJobId(reminderJobId(id, t.callback!.slotStart, t.callback!.agent)));
    expect(job?.opts.delay).toBe(45 * 60_000);
    // Redelivered: the same Message-IDs and job id, nothing new.
    await runEvent(h.rt, scheduled);
    expect(await mails(id)).toHaveLength(2);
  });

  it('reminds the agent when the timer fires, in the agent zone, and ignores a stale timer', async () => {
    const t = await get(id);
    const cb = t.callback!;
    const fire = createCallbackTimerProcessor(callbackDeps(h.rt));
    const data: TimerJob = { ticketId: id, kind: 'callback-reminder', token: reminderToken(cb.slotStart, cb.agent) };
    expect(await fire({ data } as Job<TimerJob>, log)).toEqual({ sent: true });
    const [reminder] = await mails(id, 'callback-reminder');
    expect(reminder!.to[0]!.address).toBe(cb.agent);
    expect(reminder!.text).toMatch(cb.agent.startsWith('jonas') ? /09:00–09:30 Uhr \(Europe\/Berlin\)/ : /08:00–08:30 \(Europe\/London\)/);
    expect(await fire({ data: { ...data, token: `${Date.parse(cb.slotStart) - 1}|${cb.agent}` } } as Job<TimerJob>, log)).toMatchObject({ sent: false, stale: true });
  });

  it('moves the call when the customer asks for another time in French, and frees the old slot', async () => {
    const before = (await get(id)).callback!;
    const event = await reply(id, 'Bonjour, pourriez-vous plutôt me rappeler mercredi à 14h ? Merci');
    expect(await runEvent(h.rt, event)).toEqual({ reschedule: 'rebooked' });
    const t = await get(id);
    expect(t.callback).toMatchObject({ slotStart: '2026-03-11T13:00:00.000Z', attempts: 1 });
    expect(last(t, 'callback.scheduled').data).toMatchObject({ reason: 'the customer asked for this time' });
    expect((await calendar(before.agent)).some(([s]) => Number(s) === Date.parse(before.slotStart))).toBe(false);
    const sent = await runEvent(h.rt, last(t, 'callback.scheduled'));
    expect(sent.sent).toContain('callback-scheduled→lea@customer.test');
    // The ticket is in English (its first email was): the confirmation is too.
    const notice = (await mails(id, 'callback-scheduled')).find((m) => m.subject.includes('Wednesday, 11 March 2026, 14:00–14:30 (Europe/Paris)'))!;
    expect(notice.text).toMatch(/As you asked, we have moved the call to this time/);
    expect(ics(notice)).toContain('SEQUENCE:1');
    // The reminder of the old slot is gone, the new one armed.
    expect(await h.rt.bus.queue('callback-timers').getJob(safeJobId(reminderJobId(id, before.slotStart, before.agent)))).toBeUndefined();
  });

  it('proposes the next free slot for nonsense dates, and leaves an ordinary reply alone', async () => {
    const e1 = await reply(id, 'That does not suit me, please call me another time, on the 45th of Brumaire at 99:99.');
    expect(await runEvent(h.rt, e1)).toEqual({ reschedule: 'rebooked' });
    const t = await get(id);
    expect(Date.parse(t.callback!.slotStart)).toBeGreaterThanOrEqual(Date.parse('2026-03-11T13:30:00Z'));
    expect(last(t, 'callback.scheduled').data.reason).toMatch(/without one we could read/);
    const e2 = await reply(id, 'Here is the screenshot of the error you asked for.');
    expect(await runEvent(h.rt, e2)).toEqual({ reschedule: 'unchanged' });
  });
});

describe('recording the outcome of a callback', () => {
  it('refuses a ticket without a scheduled callback (409) and an unknown outcome (400)', async () => {
    const { ticket } = await level2Ticket(h.rt);
    await expect(recordCallbackOutcome(h.rt, ticket.id, { outcome: 'reached' })).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(recordCallbackOutcome(h.rt, ticket.id, { outcome: 'maybe' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(recordCallbackOutcome(h.rt, 'TD-999999', { outcome: 'reached' })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
  });

  it('no answer: retries after retryAfter up to maxAttempts, then level 3 and the customer is told', async () => {
    h.setNow('2026-03-09T07:00:00Z');
    const { ticket, classified } = await level2Ticket(h.rt, {}, 'en');
    await runEvent(h.rt, classified);
    let t = await recordCallbackOutcome(h.rt, ticket.id, { outcome: 'no-answer', notes: 'voicemail', agent: 'jonas@agents.test' });
    expect(t.status).toBe('callback_scheduled');
    expect(t.callback!.attempts).toBe(2);
    expect(Date.parse(t.callback!.slotStart)).toBeGreaterThanOrEqual(Date.parse('2026-03-09T09:00:00Z'));
    h.setNow(t.callback!.slotEnd);
    t = await recordCallbackOutcome(h.rt, ticket.id, { outcome: 'no-answer', notes: 'no answer' });
    expect(t.callback!.attempts).toBe(3);
    h.setNow(t.callback!.slotEnd);
    t = await recordCallbackOutcome(h.rt, ticket.id, { outcome: 'no-answer', notes: 'still nothing' });
    expect(t).toMatchObject({ level: 3, status: 'open', callback: { status: 'failed', attempts: 3 } });
    expect(last(t, 'ticket.escalated').data).toMatchObject({ from: 2, to: 3, reason: 'The customer could not be reached in 3 callback attempts.' });
    expect(t.events.filter((e) => e.type === 'callback.outcome').map((e) => (e.data as { attempt: number }).attempt)).toEqual([1, 2, 3]);
    expect(await runEvent(h.rt, last(t, 'callback.outcome'))).toEqual({ customerTold: true });
    const [notice] = await mails(ticket.id, 'agent-reply');
    expect(notice!.text).toMatch(/tried to call you back 3 times/);
    expect(notice!.autoSubmitted).toBe(true);
    // The ticket no longer claims a slot; the tried ones stay in the agents' days.
    expect(await h.rt.redis.get(`${h.prefix}:callback:hold:${ticket.id}`)).toBeNull();
    await expect(recordCallbackOutcome(h.rt, ticket.id, { outcome: 'no-answer' })).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
  });

  it('reached: notes kept, back to work at level 2, or resolved when asked', async () => {
    h.setNow('2026-03-09T07:00:00Z');
    const a = await level2Ticket(h.rt);
    await runEvent(h.rt, a.classified);
    const t = await recordCallbackOutcome(h.rt, a.ticket.id, { outcome: 'reached', notes: 'Walked through the exclusion list' });
    expect(t).toMatchObject({ level: 2, status: 'open', callback: { status: 'reached', notes: 'Walked through the exclusion list' } });
    const b = await level2Ticket(h.rt);
    await runEvent(h.rt, b.classified);
    const r = await recordCallbackOutcome(h.rt, b.ticket.id, { outcome: 'reached', notes: 'fixed', resolve: true, resolution: 'Antivirus exclusion added' });
    expect(r).toMatchObject({ status: 'resolved', resolution: 'Antivirus exclusion added' });
  });
});

describe('when the ticket leaves level 2 or is resolved', () => {
  it('cancels the callback, frees the slot, removes the reminder and withdraws the agent invite', async () => {
    h.setNow('2026-03-09T07:00:00Z');
    const { ticket, classified } = await level2Ticket(h.rt);
    await runEvent(h.rt, classified);
    let t = await get(ticket.id);
    const cb = t.callback!;
    await runEvent(h.rt, last(t, 'callback.scheduled'));
    const now = h.rt.now();
    const { events } = await h.rt.store.update(ticket.id, (x) => changeLevel(x, 3, 'needs a developer', { agent: 'jonas@agents.test' }, now), now);
    const res = await runEvent(h.rt, events.find((e) => e.type === 'ticket.escalated')!);
    expect(res).toEqual({ cancel: { cancelled: true, freed: true } });
    t = await get(ticket.id);
    expect(t).toMatchObject({ level: 3, status: 'open', callback: { status: 'cancelled' } });
    expect((await calendar(cb.agent)).some(([, , tid]) => tid === ticket.id)).toBe(false);
    expect(await h.rt.bus.queue('callback-timers').getJob(safeJobId(reminderJobId(ticket.id, cb.slotStart, cb.agent)))).toBeUndefined();
    expect(await runEvent(h.rt, last(t, 'callback.cancelled'))).toEqual({ agentTold: true });
    const cancel = (await mails(ticket.id, 'agent-notification')).find((m) => ics(m).includes('METHOD:CANCEL'));
    expect(cancel?.to[0]?.address).toBe(cb.agent);
  });

  it('cancels on resolution too', async () => {
    const { ticket, classified } = await level2Ticket(h.rt);
    await runEvent(h.rt, classified);
    const now = h.rt.now();
    const { events } = await h.rt.store.update(ticket.id, (x) => resolveTicket(x, 'solved by email', 'system', now), now);
    expect(await runEvent(h.rt, events.find((e) => e.type === 'ticket.resolved')!)).toEqual({ cancel: { cancelled: true, freed: true } });
    expect((await get(ticket.id)).status).toBe('resolved');
  });
});

describe('a customer whose zone we only guess', () => {
  it('uses the Date header offset, says so in the email, and writes the invite in its Etc zone', async () => {
    h.setNow('2026-03-09T07:00:00Z');
    const { ticket, classified } = await level2Ticket(h.rt, { email: 'new-utc5@customer.test', timezone: null, dateTimezone: 'UTC-5' });
    await runEvent(h.rt, classified);
    const t = await get(ticket.id);
    // 08:00 at UTC-5 is 13:00Z (14:00 in Berlin)
    expect(t.callback).toMatchObject({ slotStart: '2026-03-09T13:00:00.000Z', customerTimezone: 'UTC-5', timezoneSource: 'date-header' });
    await runEvent(h.rt, last(t, 'callback.scheduled'));
    const [mail] = await mails(ticket.id, 'callback-scheduled');
    expect(mail!.text).toMatch(/08:00–08:30 \(UTC-5\)/);
    expect(mail!.text).toMatch(/time offset your email was sent with/);
    expect(ics(mail!)).toContain('DTSTART;TZID=Etc/GMT+5:20260309T080000');
  });

  it('falls back to the team zone when nothing is known, and says so', async () => {
    const { ticket, classified } = await level2Ticket(h.rt, { email: 'new-nowhere@customer.test', timezone: 'Nowhere/Atlantis', dateTimezone: null });
    await runEvent(h.rt, classified);
    const t = await get(ticket.id);
    expect(t.callback).toMatchObject({ customerTimezone: 'Europe/Berlin', timezoneSource: 'team' });
    await runEvent(h.rt, last(t, 'callback.scheduled'));
    const [mail] = await mails(ticket.id, 'callback-scheduled');
    expect(mail!.text).toMatch(/given in ours \(Europe\/Berlin\)/);
  });

  it('takes the zone the customer then tells us: the call stays if it suits them, announced in their zone, and their next ticket starts from it', async () => {
    h.setNow('2026-03-09T07:00:00Z');
    const customer = { email: 'sam@customer.test', timezone: null, dateTimezone: 'UTC-5' };
    const { ticket, classified } = await level2Ticket(h.rt, customer);
    await runEvent(h.rt, classified);
    const before = (await get(ticket.id)).callback!;
    expect(before).toMatchObject({ slotStart: '2026-03-09T13:00:00.000Z', timezoneSource: 'date-header' });
    expect(await runEvent(h.rt, await reply(ticket.id, "Thanks! For the record, I'm in New York."))).toEqual({ reschedule: 'rebooked' });
    const t = await get(ticket.id);
    expect(t.customer.timezone).toBe('America/New_York');
    // 13:00Z is 09:00 in New York (summer time since 8 March): inside their hours, so it stays
    expect(t.callback).toMatchObject({ slotStart: before.slotStart, agent: before.agent, customerTimezone: 'America/New_York', timezoneSource: 'customer' });
    expect(last(t, 'callback.scheduled').data.reason).toBe('the customer told us their time zone');
    expect(await calendar(before.agent)).toContainEqual([String(Date.parse(before.slotStart)), String(Date.parse(before.slotEnd)), ticket.id]);
    await runEvent(h.rt, last(t, 'callback.scheduled'));
    const notice = (await mails(ticket.id, 'callback-scheduled')).find((m) => m.text.includes('America/New_York'))!;
    expect(notice.text).toMatch(/09:00–09:30 \(America\/New_York\)/);
    expect(notice.text).toMatch(/Thank you for telling us your time zone/);
    expect(notice.text).not.toMatch(/do not know your time zone/);
    expect(ics(notice)).toContain('DTSTART;TZID=America/New_York:20260309T090000');
    // An ordinary reply afterwards changes nothing.
    expect(await runEvent(h.rt, await reply(ticket.id, 'Great, talk to you then.'))).toEqual({ reschedule: 'unchanged' });

    const next = await level2Ticket(h.rt, customer);
    await runEvent(h.rt, next.classified);
    const n = await get(next.ticket.id);
    expect(n.customer.timezone).toBe('America/New_York');
    expect(n.callback).toMatchObject({ customerTimezone: 'America/New_York', timezoneSource: 'customer' });
  });

  it('books again inside the customer hours when the zone they tell does not suit the booked call', async () => {
    h.setNow('2026-03-09T07:00:00Z');
    const { ticket, classified } = await level2Ticket(h.rt, { email: 'kim@customer.test', timezone: null, dateTimezone: null });
    await runEvent(h.rt, classified);
    const before = (await get(ticket.id)).callback!;
    expect(before.timezoneSource).toBe('team');
    expect(await runEvent(h.rt, await reply(ticket.id, 'Hallo, ich bin in Los Angeles, nicht in Deutschland!'))).toEqual({ reschedule: 'rebooked' });
    const t = await get(ticket.id);
    expect(t.callback).toMatchObject({ customerTimezone: 'America/Los_Angeles', timezoneSource: 'customer' });
    // 08:00 in Los Angeles (UTC-7) is 16:00 in Berlin: the first slot both days allow
    expect(Date.parse(t.callback!.slotStart)).toBeGreaterThanOrEqual(Date.parse('2026-03-09T15:00:00Z'));
    const laHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', hourCycle: 'h23' }).format(new Date(t.callback!.slotStart)));
    expect(laHour).toBeGreaterThanOrEqual(8);
    expect((await calendar(before.agent)).some(([s, , tid]) => tid === ticket.id && Number(s) === Date.parse(before.slotStart))).toBe(false);
  });
});

describe('a team without level-2 agents', () => {
  it('refuses to start the scheduler with a config error naming agents', async () => {
    const bare = await testRuntime(testConfig({ agents: [] }));
    try {
      const service = createCallbackSchedulerService(bare.rt);
      const err = await service.start().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(NoLevel2AgentsError);
      expect(err).toMatchObject({ code: 'CONFIG_INVALID', details: { issues: [{ path: 'agents' }] } });
      expect((err as Error).message).toMatch(/agents: no agent has level 2 in its "levels"/);
      await service.stop();
    } finally {
      await bare.cleanup();
      await deletePrefix(bare.prefix);
    }
  });

  it('flags level-2 tickets instead of booking them, should a booking find no agent anyway', async () => {
    const bare = await testRuntime(testConfig({ agents: [] }), { now: '2026-03-09T07:00:00Z' });
    try {
      const { ticket, classified } = await level2Ticket(bare.rt);
      expect(await runEvent(bare.rt, classified)).toEqual({ schedule: 'no-slot' });
      const t = (await bare.rt.store.get(ticket.id))!;
      expect(t.flags).toContain('callback-unschedulable');
      expect(t.callback).toBeNull();
    } finally {
      await bare.cleanup();
      await deletePrefix(bare.prefix);
    }
  });
});
