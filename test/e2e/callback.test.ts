import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/ports.js';
import { sendMail } from '../support/send.js';
import { SmtpSink, type SunkMail } from '../support/smtp-sink.js';
import { ROOT, TierdeskProcess, runCli } from '../support/system.js';

interface Callback {
  status: string;
  slotStart: string;
  slotEnd: string;
  agent: string;
  attempts: number;
  customerTimezone: string;
  timezoneSource: string;
  notes?: string | null;
}
interface TicketJson {
  id: string;
  status: string;
  level: number;
  language: string;
  callback: Callback | null;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

const DAY_AND_NIGHT = [['00:00', '24:00']];
const AGENT_L2 = 'jonas.schmidt@agents.test';
const AGENT_L3 = 'elena.rossi@agents.test';

/**
 * The example config made fast: open around the clock (so the test runs at any hour), calls
 * one minute long a second ahead, the reminder 50 s before, a retry 2 s after no answer, two attempts.
 */
function writeConfig(patch: (c: Record<string, unknown>) => void = () => undefined): string {
  const c = JSON.parse(readFileSync(join(ROOT, 'config/tierdesk.example.json'), 'utf8')) as Record<string, unknown>;
  c.businessHours = { mon: DAY_AND_NIGHT, tue: DAY_AND_NIGHT, wed: DAY_AND_NIGHT, thu: DAY_AND_NIGHT, fri: DAY_AND_NIGHT, sat: DAY_AND_NIGHT, sun: DAY_AND_NIGHT };
  c.holidays = [];
  c.sla = { policies: [] };
  c.agents = [
    { email: 'anna.becker@agents.test', name: 'Anna Becker', levels: [0, 1], language: 'de' },
    { email: AGENT_L2, name: 'Jonas Schmidt', levels: [2], language: 'de', timezone: 'Europe/Berlin' },
    { email: AGENT_L3, name: 'Elena Rossi', levels: [3], language: 'en' },
  ];
  c.callbacks = { slot: 'PT1M', reminderBefore: 'PT50S', maxAttempts: 2, retryAfter: 'PT2S', leadTime: 'PT1S', customerHours: ['00:00', '24:00'] };
  patch(c);
  const path = join(mkdtempSync(join(tmpdir(), 'td-callback-')), 'config.json');
  writeFileSync(path, JSON.stringify(c, null, 2));
  return path;
}

/** An RFC 2822 Date for now, as written by a mail client two hours east of UTC. */
function dateAtPlus2(): string {
  const local = new Date(Date.now() + 2 * 3_600_000);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][local.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${local.getUTCDate()} ${month} ${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} +0200`;
}

/** Reads the invite back the way a calendar client does. */
function readInvite(mail: SunkMail) {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar' || a.filename?.endsWith('.ics'));
  if (!part) throw new Error('no calendar part');
  const cal = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
  return { method: cal.getFirstPropertyValue('method'), event, sequence: Number(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')) };
}

const hasInvite = (m: SunkMail) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar' || Boolean(a.filename?.endsWith('.ics')));

const sink = new SmtpSink();
let td: TierdeskProcess;

async function ticket(id: string): Promise<TicketJson> {
  const r = await td.api<TicketJson>('GET', `/api/tickets/${id}`);
  if (r.status !== 200) throw new Error(`GET ${id}: ${r.status}`);
  return r.body;
}

async function level2Mail(from: string, subject: string, text: string, messageId: string, headers: Record<string, string> = {}): Promise<TicketJson> {
  await sendMail(td.smtpPort, { from, to: 'support@tierdesk.test', subject, text, messageId, headers });
  const found = await waitFor(`the ticket of ${messageId}`, async () => (await td.api<{ tickets: TicketJson[] }>('GET', `/api/tickets?messageId=${encodeURIComponent(messageId)}`)).body.tickets[0]);
  return waitFor(`${found.id} to wait for its callback`, async () => {
    const t = await ticket(found.id);
    return t.status === 'callback_scheduled' && t;
  });
}

describe('level-2 callbacks, end to end over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', TIERDESK_CONFIG: writeConfig() } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
    ICAL.TimezoneService.reset();
  });

  describe('a French customer whose zone is only known from their Date header', () => {
    let t: TicketJson;
    let scheduled: SunkMail;

    it('books a callback and sends callback-scheduled with an invite that parses back to the slot', async () => {
      t = await level2Mail(
        'Léa Dubois <lea@client.test>',
        'Le programme est bloqué par mon antivirus',
        "Bonjour, depuis ce matin le logiciel ne démarre plus : mon antivirus le bloque et le met en quarantaine. J'ai essayé de le réinstaller sans succès. Pouvez-vous m'aider ? Cordialement, Léa Dubois",
        '<av-1@client.test>',
        { Date: dateAtPlus2() },
      );
      expect(t.level).toBe(2);
      expect(t.callback).toMatchObject({ status: 'scheduled', agent: AGENT_L2, attempts: 1, customerTimezone: 'UTC+2', timezoneSource: 'date-header' });
      expect(Date.parse(t.callback!.slotEnd) - Date.parse(t.callback!.slotStart)).toBe(60_000);

      scheduled = await waitFor('callback-scheduled at the sink', () => sink.byKind('callback-scheduled', t.id)[0]);
      expect(scheduled.envelopeTo).toEqual(['lea@client.test']);
      expect(scheduled.parsed.subject).toMatch(new RegExp(`^\\[${t.id}\\] Nous vous rappellerons le `));
      expect(scheduled.header('auto-submitted')).toBe('auto-generated');
      expect(scheduled.parsed.inReplyTo).toBe('<av-1@client.test>');
      expect(scheduled.parsed.text).toContain('(UTC+2)');
      expect(scheduled.parsed.text).toMatch(/le décalage horaire de votre e-mail/);
      expect(scheduled.parsed.text).toMatch(/répondez à cet e-mail en proposant un autre moment/);

      const { method, event } = readInvite(scheduled);
      expect(method).toBe('REQUEST');
      expect(event.uid).toBe(`callback-${t.id}@tierdesk.test`);
      expect(event.startDate.zone?.tzid).toBe('Etc/GMT-2');
      expect(event.startDate.toJSDate().toISOString()).toBe(t.callback!.slotStart);
      expect(event.endDate.toJSDate().toISOString()).toBe(t.callback!.slotEnd);
      expect(event.organizer).toBe('mailto:support@tierdesk.test');
      expect(event.attendees[0]?.getFirstValue()).toMatch(/^mailto:lea@client\.test$/i);
    });

    it('sends the booked agent the same call as an invite in the agent zone, and later the reminder', async () => {
      const agentMail = await waitFor('the agent invite', () => sink.byKind('agent-notification', t.id).find((m) => m.envelopeTo.includes(AGENT_L2) && hasInvite(m)));
      const { event } = readInvite(agentMail);
      expect(event.startDate.zone?.tzid).toBe('Europe/Berlin');
      expect(event.startDate.toJSDate().toISOString()).toBe(t.callback!.slotStart);
      expect(event.attendees[0]?.getFirstValue()).toMatch(new RegExp(`^mailto:${AGENT_L2}$`, 'i'));
      const reminder = await waitFor('the callback reminder', () => sink.byKind('callback-reminder', t.id)[0], 60_000);
      expect(reminder.envelopeTo).toEqual([AGENT_L2]);
      expect(reminder.parsed.text).toMatch(/Erinnerung: Sie rufen/);
      expect(reminder.parsed.text).toContain('(Europe/Berlin)');
      expect(reminder.parsed.text).toContain(`POST /api/tickets/${t.id}/callback`);
    });

    it('moves the call when the customer replies with another time', async () => {
      await sendMail(td.smtpPort, {
        from: 'Léa Dubois <lea@client.test>',
        to: 'support@tierdesk.test',
        subject: `Re: ${scheduled.parsed.subject}`,
        text: 'Bonjour, pourriez-vous plutôt me rappeler demain à 10h ? Merci',
        inReplyTo: scheduled.parsed.messageId,
        references: [scheduled.parsed.messageId!],
        headers: { Date: dateAtPlus2() },
      });
      const moved = await waitFor('the new slot', async () => {
        const x = await ticket(t.id);
        return x.callback && x.callback.slotStart !== t.callback!.slotStart && x;
      });
      // 10:00 at UTC+2 tomorrow (customer's day) is 08:00Z
      const start = new Date(moved.callback!.slotStart);
      expect([start.getUTCHours(), start.getUTCMinutes()]).toEqual([8, 0]);
      expect(start.getTime() - Date.now()).toBeGreaterThan(0);
      expect(start.getTime() - Date.now()).toBeLessThan(2 * 86_400_000);
      const update = await waitFor('the updated callback-scheduled', () => sink.byKind('callback-scheduled', t.id).find((m) => m !== scheduled));
      expect(update.parsed.text).toMatch(/Comme vous nous l’avez demandé/);
      const { event, sequence } = readInvite(update);
      expect(event.startDate.toJSDate().toISOString()).toBe(moved.callback!.slotStart);
      expect(sequence).toBe(1);
      t = moved;
    });

    it('records a reached callback from the CLI and refuses a second outcome with 409', async () => {
      const out = await td.cli(['ticket', 'callback', t.id, '--outcome', 'reached', '--notes', 'Exclusion ajoutée dans l’antivirus', '--agent', AGENT_L2, '--json']);
      expect(out.code, out.stderr).toBe(0);
      const after = JSON.parse(out.stdout) as TicketJson;
      expect(after).toMatchObject({ status: 'open', level: 2, callback: { status: 'reached', notes: 'Exclusion ajoutée dans l’antivirus' } });
      const again = await td.api<{ error: { code: string } }>('POST', `/api/tickets/${t.id}/callback`, { outcome: 'reached', notes: 'x' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      const bad = await td.api<{ error: { code: string } }>('POST', `/api/tickets/${t.id}/callback`, { outcome: 'perhaps' });
      expect(bad.status).toBe(400);
    });
  });

  describe('a customer who never answers', () => {
    it('retries after retryAfter, then goes to level 3: L3 agents notified, the customer told', async () => {
      const t = await level2Mail(
        'Paul Martin <paul@client.test>',
        'The application is blocked by my antivirus',
        'Hello, since this morning the program does not start anymore: my antivirus blocks it and moves it to quarantine. Reinstalling did not help. Can you help?',
        '<av-2@client.test>',
      );
      await waitFor('the first callback-scheduled', () => sink.byKind('callback-scheduled', t.id)[0]);
      const before = Date.now();
      const first = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/callback`, { outcome: 'no-answer', notes: 'voicemail' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'callback_scheduled', level: 2, callback: { status: 'scheduled', attempts: 2 } });
      expect(Date.parse(first.body.callback!.slotStart)).toBeGreaterThanOrEqual(before + 2000);
      const second = await waitFor('the second callback-scheduled', () => sink.byKind('callback-scheduled', t.id)[1]);
      expect(second.parsed.text).toMatch(/We could not reach you at the previous time/);

      const last = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/callback`, { outcome: 'no-answer', notes: 'no answer again' });
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({ level: 3, status: 'open', callback: { status: 'failed', attempts: 2 } });
      const escalated = last.body.events.find((e) => e.type === 'ticket.escalated');
      expect(escalated?.data).toMatchObject({ from: 2, to: 3, reason: 'The customer could not be reached in 2 callback attempts.' });

      const l3 = await waitFor('the level-3 agent notification', () => sink.byKind('agent-notification', t.id).find((m) => m.envelopeTo.includes(AGENT_L3)));
      expect(l3.parsed.text).toMatch(/could not be reached in 2 callback attempts/);
      const told = await waitFor('the customer notice', () => sink.byKind('agent-reply', t.id)[0]);
      expect(told.envelopeTo).toEqual(['paul@client.test']);
      expect(told.parsed.text).toMatch(/tried to call you back 2 times/);
      expect(told.header('auto-submitted')).toBe('auto-generated');
    });
  });

  describe('a ticket resolved before its call', () => {
    it('cancels the callback and withdraws the agent invite', async () => {
      const t = await level2Mail(
        'Clara Weber <clara@client.test>',
        'Programm wird vom Virenscanner blockiert',
        'Hallo, seit dem Update blockiert unser Virenscanner das Programm beim Start. Neu installieren hat nicht geholfen. Können Sie helfen?',
        '<av-3@client.test>',
      );
      const res = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/resolve`, { resolution: 'Fixed by the last update' });
      expect(res.status).toBe(200);
      const cancelled = await waitFor('the cancelled callback', async () => {
        const x = await ticket(t.id);
        return x.callback?.status === 'cancelled' && x;
      });
      expect(cancelled.status).toBe('resolved');
      const withdrawn = await waitFor('the CANCEL invite', () => sink.byKind('agent-notification', t.id).find((m) => hasInvite(m) && readInvite(m).method === 'CANCEL'));
      expect(withdrawn.envelopeTo).toEqual([AGENT_L2]);
    });
  });
});

describe('a configuration without level-2 agents', () => {
  it('is refused at start and by config check, naming the setting', async () => {
    const path = writeConfig((c) => {
      c.agents = [{ email: 'x@agents.test', name: 'X', levels: [1, 3] }];
    });
    const env = { ...(process.env as Record<string, string>), TIERDESK_CONFIG: path, TIERDESK_PREFIX: `tdtest-cfg-${process.pid}`, INTAKE_SMTP_PORT: '0', HTTP_PORT: '0' };
    const check = await runCli(['config', 'check', path], env);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/agents.*callbacks need at least one level-2 agent/s);
    const start = await runCli(['start'], env);
    expect(start.code).toBe(2);
    expect(start.stderr).toMatch(/callbacks need at least one level-2 agent/);
  });

  it('with no agents at all, passes config check but refuses to start the callback scheduler', async () => {
    const path = writeConfig((c) => {
      c.agents = [];
    });
    // Starting connects to Redis first: its own prefix, removed afterwards.
    const p = new TierdeskProcess({ env: { TIERDESK_CONFIG: path, INTAKE_SMTP_PORT: '0', HTTP_PORT: '0' } });
    try {
      expect((await p.cli(['config', 'check', path])).code).toBe(0);
      const start = await p.cli(['start', '--only', 'callback-scheduler']);
      expect(start.code).toBe(2);
      expect(start.stderr).toContain(`Invalid configuration in ${path}: agents: no agent has level 2 in its "levels"`);
      expect(start.stderr).toMatch(/\[CONFIG_INVALID\]/);
      expect(start.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await p.cleanup();
    }
  });
});
