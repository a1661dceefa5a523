import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { ROOT, TierdeskProcess, runCli } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

/**
 * CONTRACT §7 through the product: an agent's reply (waiting_customer) stops the SLA clock and the
 * customer's emailed answer restarts it with the time that was left; and the sla-timer, run as a
 * process of its own, can be stopped across a deadline and started again without losing or
 * repeating a notification. Policy: resolution PT8S on 24x7, warning at 50 % (4 s before the deadline).
 */

interface TicketJson {
  id: string;
  status: string;
  sla: { policy: string | null; resolutionDue: string | null; pausedSince: string | null; pausedMs?: number; breaches: Array<{ target: string; at: string }> };
  messages: Array<{ messageId: string; direction: string; kind: string | null }>;
  events: Array<{ type: string; at: string; data: Record<string, unknown> }>;
}

const TOLERANCE_MS = 1500;
const customer = 'Max Keller <max@customer.test>';
const mail = (n: number) => ({
  from: customer,
  to: 'support@tierdesk.test',
  subject: `Datenbank Replikation bricht ab (${n})`,
  text: 'Hallo, seit dem Update bricht die PostgreSQL Replikation auf unserem Server mit einem Fehler ab. Die Logs zeigen WAL Fehler. Bitte um Hilfe. Gruss, Max',
  messageId: `<sla-pause-restart-${n}@customer.test>`,
});

const sink = new SmtpSink();
const dir = mkdtempSync(join(tmpdir(), 'td-e2e-sla-pr-'));
let rest: TierdeskProcess;
let timer: TierdeskProcess;
let shared: Record<string, string>;

const ticket = (id: string) => rest.ticket<TicketJson>(id);

const ms = (iso: string) => new Date(iso).getTime();

/** Sends the n-th customer email and waits for its ticket's SLA clock; returns the id and the clock's start. */
async function openTicket(n: number): Promise<{ id: string; started: number; due: number }> {
  await sendMail(rest.smtpPort, mail(n));
  const id = `TD-${n}`;
  const t = await waitFor(`the SLA clock of ${id}`, async () => {
    const x = await ticket(id).catch(() => null);
    return x?.sla.policy === 'e2e-pausable' ? x : null;
  }, 15_000, 20);
  const started = ms(t.events.find((e) => e.type === 'ticket.classified')!.at);
  expect(ms(t.sla.resolutionDue!)).toBe(started + 8000);
  return { id, started, due: started + 8000 };
}

beforeAll(async () => {
  await sink.start();
  const classified = await runCli(['classify'], process.env, JSON.stringify({ subject: mail(1).subject, body: mail(1).text, from: 'max@customer.test' }));
  const level = (JSON.parse(classified.stdout) as { level: number }).level;
  // Not 2 (a callback would be scheduled) and not 0 or 4 (self-help and consent move the status themselves).
  expect([1, 3]).toContain(level);
  const base = JSON.parse(readFileSync(`${ROOT}config/tierdesk.example.json`, 'utf8')) as Record<string, unknown>;
  const config = {
    ...base,
    sla: { policies: [{ name: 'e2e-pausable', levels: [level], resolution: 'PT8S', calendar: '24x7', warnAtPercent: 50 }] },
    agents: [
      ...(base.agents as Array<{ levels: number[] }>).filter((a) => !a.levels.includes(level)),
      { email: 'team@agents.test', name: 'Team', levels: [level], language: 'en' },
    ],
    escalationContacts: ['lead@agents.test'],
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const env = { TIERDESK_CONFIG: join(dir, 'config.json'), SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' };
  rest = new TierdeskProcess({ only: 'intake,triage,mailer,callback-scheduler,vendor-handoff,api', env });
  shared = { ...env, TIERDESK_PREFIX: rest.prefix, API_TOKEN: rest.token };
  timer = new TierdeskProcess({ only: 'sla-timer', env: shared });
  await Promise.all([rest.start(), timer.start()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([timer?.stop(), rest?.stop()]);
  await rest?.cleanup();
  await sink.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the SLA clock pauses while the ticket waits on the customer', () => {
  it('stops at the agent reply, resumes at the customer answer, and the deadline moves by exactly the paused time', async () => {
    const { id, started, due } = await openTicket(1);
    const reply = await rest.api<TicketJson>('POST', `/api/tickets/${id}/reply`, { body: 'Could you send us the replication logs?', agent: 'team@agents.test' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('waiting_customer');
    const pausedAt = ms(reply.body.events.filter((e) => e.type === 'ticket.status_changed').at(-1)!.at);
    // The pause must come before the warning's moment, or the test would prove nothing.
    expect(pausedAt).toBeLessThan(started + 4000);
    await waitFor('the clock to stop', async () => (await ticket(id)).sla.pausedSince !== null, 10_000, 20);

    // Wait past the original deadline: paused, nothing may fire.
    await new Promise((r) => setTimeout(r, Math.max(0, due + 1000 - Date.now())));
    expect(sink.arrivals('sla-warning', id)).toEqual([]);
    expect(sink.arrivals('sla-breach', id)).toEqual([]);

    const agentReply = reply.body.messages.find((m) => m.kind === 'agent-reply')!;
    await sendMail(rest.smtpPort, {
      from: customer,
      to: 'support@tierdesk.test',
      subject: `Re: [${id}] ${mail(1).subject}`,
      text: 'Here are the logs you asked for.',
      messageId: '<sla-pause-restart-1-answer@customer.test>',
      inReplyTo: agentReply.messageId,
      references: [mail(1).messageId, agentReply.messageId],
    });
    const resumed = await waitFor('the clock to resume', async () => {
      const x = await ticket(id);
      return x.status === 'open' && x.sla.pausedSince === null && x.sla.pausedMs ? x : null;
    }, 15_000, 20);
    const resumedAt = ms(resumed.events.filter((e) => e.type === 'ticket.status_changed').at(-1)!.at);
    const paused = resumedAt - pausedAt;
    expect(resumed.sla.pausedMs).toBe(paused);
    const newDue = due + paused;
    expect(ms(resumed.sla.resolutionDue!)).toBe(newDue);

    // The warning moved with the deadline (4 s before it), then the breach fires at the new deadline.
    const warning = await waitFor('the sla-warning', () => sink.arrivals('sla-warning', id)[0], 20_000, 20);
    expect(warning.at).toBeGreaterThanOrEqual(newDue - 4000);
    expect(warning.at - (newDue - 4000)).toBeLessThan(TOLERANCE_MS);
    await waitFor('the sla-breach mails', () => sink.arrivals('sla-breach', id).length >= 2, 20_000, 20);
    for (const b of sink.arrivals('sla-breach', id)) {
      expect(b.at).toBeGreaterThanOrEqual(newDue);
      expect(b.at - newDue).toBeLessThan(TOLERANCE_MS);
    }
    const t = await ticket(id);
    expect(t.sla.breaches).toEqual([expect.objectContaining({ target: 'resolution' })]);
    expect(ms(t.sla.breaches[0]!.at)).toBeGreaterThanOrEqual(newDue);
  });
});

describe('the sla-timer process is stopped across a deadline and started again', () => {
  it('fires the missed breach right after it returns, once, and repeats nothing', async () => {
    const { id, due } = await openTicket(2);
    await waitFor('the sla-warning', () => sink.arrivals('sla-warning', id)[0], 20_000, 20);
    expect(await timer.stop()).toBe(0);
    const stoppedAt = Date.now();
    expect(stoppedAt).toBeLessThan(due);

    await new Promise((r) => setTimeout(r, due + 2000 - Date.now()));
    expect(sink.arrivals('sla-breach', id)).toEqual([]);
    expect((await ticket(id)).sla.breaches).toEqual([]);

    timer = new TierdeskProcess({ only: 'sla-timer', env: shared });
    const restartedAt = Date.now();
    await timer.start();
    const breaches = await waitFor('the sla-breach mails', () => sink.arrivals('sla-breach', id).length >= 2 && sink.arrivals('sla-breach', id), 20_000, 20);
    expect(breaches.map((b) => b.mail.envelopeTo).flat().sort()).toEqual(['lead@agents.test', 'team@agents.test']);
    for (const b of breaches) expect(b.at).toBeGreaterThanOrEqual(restartedAt);
    const t = await ticket(id);
    expect(t.sla.breaches).toHaveLength(1);
    expect(ms(t.sla.breaches[0]!.at)).toBeGreaterThanOrEqual(restartedAt);

    // Once more, with nothing left to fire: a restart repeats nothing.
    expect(await timer.stop()).toBe(0);
    timer = new TierdeskProcess({ only: 'sla-timer', env: shared });
    await timer.start();
    await new Promise((r) => setTimeout(r, 2000));
    expect(sink.arrivals('sla-warning', id)).toHaveLength(1);
    expect(sink.arrivals('sla-breach', id)).toHaveLength(2);
    const after = await ticket(id);
    expect(after.sla.breaches).toHaveLength(1);
    expect(after.events.filter((e) => e.type === 'sla.warning')).toHaveLength(1);
    expect(after.events.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
  });
});
