import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestConfig } from '../support/config.js';
import { waitFor } from '../support/ports.js';
import { sendMail } from '../support/send.js';
import { SmtpSink, type SunkMail } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';

/**
 * Issue 5: no agent is ever double-booked, also when several scheduler processes book at once.
 * Tierdesk runs as separate OS processes on one Redis prefix: intake, triage, the mailer and the
 * API in one, the callback scheduler alone in three more. Two level-2 agents and one-minute slots
 * with almost no lead time make a burst of level-2 emails race for the same few earliest slots.
 */

interface Callback {
  status: string;
  slotStart: string;
  slotEnd: string;
  agent: string;
  attempts: number;
}
interface TicketJson {
  id: string;
  status: string;
  level: number | null;
  customer: { email: string };
  callback: Callback | null;
}
interface Slot {
  ticketId: string;
  agent: string;
  start: number;
  end: number;
}

const N = 36;
const SCHEDULERS = 3;
const SLOT_MS = 60_000;
const L2_AGENTS = ['jonas.schmidt@agents.test', 'oliver.hughes@agents.test'];
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ALL_DAY = [['00:00', '24:00']];

/** Level-2 wording (an antivirus blocking the product, as in callback.test.ts) in the three languages. */
const TEMPLATES = [
  (i: number) => ({
    subject: `The application is blocked by my antivirus (customer ${i})`,
    text: `Hello, since this morning the program does not start anymore: my antivirus blocks it and moves it to quarantine. Reinstalling did not help. Can you help? Customer number ${i}.`,
  }),
  (i: number) => ({
    subject: `Le programme est bloqué par mon antivirus (client ${i})`,
    text: `Bonjour, depuis ce matin le logiciel ne démarre plus : mon antivirus le bloque et le met en quarantaine. J'ai essayé de le réinstaller sans succès. Pouvez-vous m'aider ? Client numéro ${i}.`,
  }),
  (i: number) => ({
    subject: `Programm wird vom Virenscanner blockiert (Kunde ${i})`,
    text: `Hallo, seit dem Update blockiert unser Virenscanner das Programm beim Start. Neu installieren hat nicht geholfen. Können Sie helfen? Kundennummer ${i}.`,
  }),
];

const customer = (i: number) => `cust${i}@client.test`;

const sink = new SmtpSink();
let front: TierdeskProcess;
const schedulers: TierdeskProcess[] = [];

function logLines(p: TierdeskProcess): Array<Record<string, unknown>> {
  return p.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Tickets this process booked a callback for, one entry per booking it made. */
function bookedBy(p: TierdeskProcess): string[] {
  return logLines(p)
    .filter((l) => l.msg === 'callback booked')
    .map((l) => String(l.ticketId));
}

async function ticket(id: string): Promise<TicketJson> {
  const r = await front.api<TicketJson>('GET', `/api/tickets/${id}`);
  if (r.status !== 200) throw new Error(`GET /api/tickets/${id}: ${r.status}`);
  return r.body;
}

/** Sorted by start: no booking begins before the previous one of the same agent has ended. */
function overlaps(slots: Slot[]): Array<[Slot, Slot]> {
  const byAgent = new Map<string, Slot[]>();
  for (const s of slots) byAgent.set(s.agent, [...(byAgent.get(s.agent) ?? []), s]);
  const clashes: Array<[Slot, Slot]> = [];
  for (const list of byAgent.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let k = 1; k < list.length; k++) if (list[k]!.start < list[k - 1]!.end) clashes.push([list[k - 1]!, list[k]!]);
  }
  return clashes;
}

const hasInvite = (m: SunkMail) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar' || Boolean(a.filename?.endsWith('.ics')));

describe(`callbacks booked by ${SCHEDULERS} scheduler processes at once`, () => {
  beforeAll(async () => {
    await sink.start();
    const config = writeTestConfig((c) => {
      c.businessHours = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
      c.holidays = [];
      c.sla = { policies: [] };
      c.agents = [
        { email: 'anna.becker@agents.test', name: 'Anna Becker', levels: [0, 1], language: 'de' },
        { email: L2_AGENTS[0], name: 'Jonas Schmidt', levels: [2], language: 'de', timezone: 'Europe/Berlin' },
        { email: L2_AGENTS[1], name: 'Oliver Hughes', levels: [2], language: 'en', timezone: 'Europe/London' },
        { email: 'elena.rossi@agents.test', name: 'Elena Rossi', levels: [3], language: 'en' },
      ];
      c.callbacks = { slot: 'PT1M', reminderBefore: 'PT30S', maxAttempts: 2, retryAfter: 'PT2S', leadTime: 'PT1S', customerHours: ['00:00', '24:00'] };
    });
    const mail = { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', TIERDESK_CONFIG: config };
    front = new TierdeskProcess({ only: 'intake,api,triage,mailer', env: mail });
    const shared = { ...mail, TIERDESK_PREFIX: front.prefix, API_TOKEN: front.token };
    for (let k = 0; k < SCHEDULERS; k++) schedulers.push(new TierdeskProcess({ only: 'callback-scheduler', env: shared }));
    await Promise.all([front.start(), ...schedulers.map((s) => s.start())]);
  }, 150_000);

  afterAll(async () => {
    await Promise.all([...schedulers.map((s) => s.stop()), front?.stop()]);
    await front?.cleanup();
    await sink.stop();
  });

  it('runs the scheduler only in its own processes', () => {
    const started = (p: TierdeskProcess) => (logLines(p).find((l) => l.msg === 'tierdesk started')?.services as string[] | undefined)?.slice().sort();
    expect(started(front)).toEqual(['api', 'intake', 'mailer', 'triage']);
    for (const s of schedulers) expect(started(s)).toEqual(['callback-scheduler']);
  });

  it(`books ${N} simultaneous level-2 tickets without double-booking an agent, each once, by every process`, async () => {
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        sendMail(front.smtpPort, {
          from: `Customer ${i} <${customer(i)}>`,
          to: 'support@tierdesk.test',
          ...TEMPLATES[i % TEMPLATES.length]!(i),
          messageId: `<cb-proc-${i}@client.test>`,
        }),
      ),
    );

    // Every ticket waits for its call. On a timeout, the error names the tickets still behind.
    const tickets = await waitFor(
      `${N} tickets in callback_scheduled`,
      async () => {
        const list = (await front.api<{ tickets: TicketJson[] }>('GET', `/api/tickets?limit=${N * 2}`)).body.tickets;
        const behind = list.filter((t) => t.status !== 'callback_scheduled');
        if (list.length < N || behind.length > 0) {
          throw new Error(`${list.length} tickets, not yet scheduled: ${behind.map((t) => `${t.id} (level ${t.level}, ${t.status})`).join(', ')}`);
        }
        return Promise.all(list.map((t) => ticket(t.id)));
      },
      100_000,
      250,
    );

    expect(tickets).toHaveLength(N);
    expect(new Set(tickets.map((t) => t.customer.email)).size).toBe(N);
    const slots: Slot[] = tickets.map((t) => {
      expect(t.level, t.id).toBe(2);
      expect(t.callback, t.id).toMatchObject({ status: 'scheduled', attempts: 1 });
      const cb = t.callback!;
      expect(L2_AGENTS, t.id).toContain(cb.agent);
      const s = { ticketId: t.id, agent: cb.agent, start: Date.parse(cb.slotStart), end: Date.parse(cb.slotEnd) };
      expect(s.end - s.start, t.id).toBe(SLOT_MS);
      return s;
    });

    // The tickets' own view: no agent has two calls at once.
    expect(overlaps(slots)).toEqual([]);
    // Fair: both agents take calls (with both free, the less booked one gets the next).
    for (const a of L2_AGENTS) expect(slots.filter((s) => s.agent === a).length, a).toBeGreaterThan(0);

    // The calendars in Redis agree: each ticket exactly once, in its agent's calendar, as its hold.
    const redis = new Redis(REDIS_URL);
    try {
      const inRedis: Slot[] = [];
      for (const agent of L2_AGENTS) {
        for (const member of await redis.zrange(`${front.prefix}:callback:agent:${agent}`, 0, -1)) {
          const [start, end, ticketId] = member.split('|');
          inRedis.push({ ticketId: ticketId!, agent, start: Number(start), end: Number(end) });
        }
      }
      const byTicket = (a: Slot, b: Slot) => a.ticketId.localeCompare(b.ticketId);
      expect([...inRedis].sort(byTicket)).toEqual([...slots].sort(byTicket));
      expect(overlaps(inRedis)).toEqual([]);
      for (const s of slots) expect(await redis.get(`${front.prefix}:callback:hold:${s.ticketId}`), s.ticketId).toBe(`${s.start}|${s.end}|${s.agent}`);
    } finally {
      redis.disconnect();
    }

    // Each booking was made once, and the work was shared: every scheduler process booked some.
    const perProcess = schedulers.map(bookedBy);
    const all = perProcess.flat();
    expect([...all].sort()).toEqual(slots.map((s) => s.ticketId).sort());
    perProcess.forEach((booked, k) => expect(booked.length, `scheduler ${k} booked`).toBeGreaterThan(0));
    expect(bookedBy(front)).toEqual([]);
    for (const p of [front, ...schedulers]) expect(logLines(p).filter((l) => l.msg === 'job failed for good; kept in the failed set for replay')).toEqual([]);

    // Each customer is told once, at a real SMTP server, and each booked agent gets the invite once.
    const told = (t: TicketJson) => sink.byKind('callback-scheduled').filter((m) => m.envelopeTo.includes(t.customer.email));
    for (const t of tickets) await waitFor(`callback-scheduled to ${t.customer.email}`, () => told(t)[0], 30_000);
    for (const t of tickets) await waitFor(`the agent invite of ${t.id}`, () => sink.byKind('agent-notification', t.id).find(hasInvite), 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive now
    for (const t of tickets) {
      const mails = told(t);
      expect(mails, t.customer.email).toHaveLength(1);
      expect(mails[0]!.header('x-tierdesk-ticket')).toBe(t.id);
      expect(mails[0]!.envelopeTo).toEqual([t.customer.email]);
      const invites = sink.byKind('agent-notification', t.id).filter(hasInvite);
      expect(invites.map((m) => m.envelopeTo), t.id).toEqual([[t.callback!.agent]]);
    }
  }, 150_000);
});
