import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestConfig } from '../support/config.js';
import { waitFor } from '../support/ports.js';
import { sendMail } from '../support/send.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess, runCli } from '../support/system.js';

interface TicketJson {
  id: string;
  level: number;
  status: string;
  priority: string;
  sla: { policy: string | null; firstResponseDue: string | null; resolutionDue: string | null; breaches: Array<{ target: string; at: string }> };
  events: Array<{ type: string; at: string; data: Record<string, unknown> }>;
}
interface ErrorJson {
  error: { code: string; message: string };
}

const mail = {
  from: 'Max Keller <max@customer.test>',
  to: 'support@tierdesk.test',
  subject: 'Datenbank Replikation bricht ab',
  text: 'Hallo, seit dem Update bricht die PostgreSQL Replikation auf unserem Server mit einem Fehler ab. Die Logs zeigen WAL Fehler. Bitte um Hilfe. Gruss, Max',
};

const sink = new SmtpSink();
let td: TierdeskProcess;
let level: number;

const ticket = (id: string) => td.ticket<TicketJson>(id);

describe('raising a ticket\'s priority re-arms its SLA on the new policy, end to end over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    // The policies must cover the level this email lands at: ask the very classifier the system uses.
    const classified = await runCli(['classify'], process.env, JSON.stringify({ subject: mail.subject, body: mail.text, from: 'max@customer.test' }));
    level = (JSON.parse(classified.stdout) as { level: number }).level;
    expect(level).toBe(3);
    const config = writeTestConfig((c) => {
      // Urgent first (first match wins): seconds; everything else: hours, nothing fires during the test.
      c.sla = {
        policies: [
          { name: 'e2e-urgent', levels: [level], priorities: ['urgent'], firstResponse: 'PT5S', resolution: 'PT8S', calendar: '24x7', warnAtPercent: 60 },
          { name: 'e2e-slow', levels: [level], priorities: ['low', 'normal', 'high'], firstResponse: 'PT1H', resolution: 'PT2H', calendar: '24x7', warnAtPercent: 80 },
        ],
      };
      c.agents = [
        ...(c.agents as Array<{ levels: number[] }>).filter((a) => !a.levels.includes(level)),
        { email: 'team@agents.test', name: 'Team', levels: [level], language: 'en' },
      ];
      c.escalationContacts = ['lead@agents.test'];
    });
    td = new TierdeskProcess({ env: { TIERDESK_CONFIG: config, SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
  });

  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('a normal ticket on the slow policy, raised to urgent, warns and breaches on the urgent deadlines counted from its opening', async () => {
    await sendMail(td.smtpPort, { ...mail, messageId: '<sla-prio-1@customer.test>' });
    const opened = await waitFor('the slow SLA clock', async () => {
      const t = await ticket('TD-1');
      return t.sla.policy === 'e2e-slow' ? t : null;
    });
    expect(opened).toMatchObject({ level, priority: 'normal' });
    const started = new Date(opened.events.find((e) => e.type === 'ticket.classified')!.at).getTime();
    expect(new Date(opened.sla.firstResponseDue!).getTime()).toBe(started + 3_600_000);
    expect(new Date(opened.sla.resolutionDue!).getTime()).toBe(started + 7_200_000);

    const raised = await td.api<TicketJson>('POST', '/api/tickets/td-1/priority', { priority: 'urgent', reason: 'whole cluster down', agent: 'team@agents.test' });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ id: 'TD-1', priority: 'urgent' });
    expect(raised.body.events.filter((e) => e.type === 'ticket.priority_changed').map((e) => e.data)).toEqual([
      { from: 'normal', to: 'urgent', reason: 'whole cluster down', by: 'team@agents.test' },
    ]);
    expect(Date.now()).toBeLessThan(started + 3000);

    // The SLA timer re-arms from the event: the urgent policy, its deadlines from the opening, not from the change.
    const rearmed = await waitFor('the urgent SLA clock', async () => {
      const t = await ticket('TD-1');
      return t.sla.policy === 'e2e-urgent' ? t : null;
    });
    expect(new Date(rearmed.sla.firstResponseDue!).getTime()).toBe(started + 5000);
    expect(new Date(rearmed.sla.resolutionDue!).getTime()).toBe(started + 8000);
    expect(rearmed.events.filter((e) => e.type === 'sla.armed').at(-1)!.data).toMatchObject({ policy: 'e2e-urgent', firstResponseDue: rearmed.sla.firstResponseDue });

    // First response: warned at 60 % (3 s), breached at 5 s — on the urgent policy, hours before the slow one's.
    const warning = await waitFor('the sla-warning', () => sink.arrivals('sla-warning', 'TD-1')[0], 10_000, 20);
    expect(warning.mail.envelopeTo).toEqual(['team@agents.test']);
    expect(warning.at).toBeGreaterThanOrEqual(started + 3000);
    expect(warning.at - (started + 3000)).toBeLessThan(1500);
    const breach = await waitFor('the sla-breach', () => sink.arrivals('sla-breach', 'TD-1')[0], 10_000, 20);
    expect(breach.at).toBeGreaterThanOrEqual(started + 5000);
    expect(breach.at - (started + 5000)).toBeLessThan(1500);
    expect(breach.mail.parsed.subject).toMatch(/^\[TD-1\] /);
    expect(breach.mail.envelopeTo).toContain('team@agents.test');

    const breached = await waitFor('both breaches recorded', async () => {
      const t = await ticket('TD-1');
      return t.sla.breaches.length >= 2 ? t : null;
    }, 10_000);
    expect(breached.sla.breaches.map((b) => b.target).sort()).toEqual(['firstResponse', 'resolution']);
    const resolutionBreach = breached.sla.breaches.find((b) => b.target === 'resolution')!;
    expect(new Date(resolutionBreach.at).getTime()).toBeGreaterThanOrEqual(started + 8000);
  });

  it('refuses an unknown or unchanged priority (400), an unknown ticket (404) and a resolved ticket (409) with the CONTRACT error shape', async () => {
    const unknown = await td.api<ErrorJson>('POST', '/api/tickets/TD-1/priority', { priority: 'critical' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    const missing = await td.api<ErrorJson>('POST', '/api/tickets/TD-1/priority', { reason: 'no priority given' });
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    const badReason = await td.api<ErrorJson>('POST', '/api/tickets/TD-1/priority', { priority: 'low', reason: 42 });
    expect(badReason).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    const same = await td.api<ErrorJson>('POST', '/api/tickets/TD-1/priority', { priority: 'urgent' });
    expect(same).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    expect(same.body.error.message).toMatch(/already has priority urgent/);
    const nobody = await td.api<ErrorJson>('POST', '/api/tickets/TD-999/priority', { priority: 'low' });
    expect(nobody).toMatchObject({ status: 404, body: { error: { code: 'TICKET_NOT_FOUND' } } });

    // The CLI: lowering works and prints the ticket; the same again is refused with exit 1.
    const lowered = await td.cli(['ticket', 'priority', 'TD-1', '--priority', 'high', '--reason', 'workaround in place', '--agent', 'team@agents.test', '--json']);
    expect(lowered.code).toBe(0);
    expect(JSON.parse(lowered.stdout)).toMatchObject({ id: 'TD-1', priority: 'high' });
    const again = await td.cli(['ticket', 'priority', 'TD-1', '--priority', 'high']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/\[INVALID_INPUT\]/);
    await waitFor('the slow policy again', async () => ((await ticket('TD-1')).sla.policy === 'e2e-slow' ? true : null));

    const resolved = await td.api('POST', '/api/tickets/TD-1/resolve', { resolution: 'replication fixed', agent: 'team@agents.test' });
    expect(resolved.status).toBe(200);
    const refused = await td.api<ErrorJson>('POST', '/api/tickets/TD-1/priority', { priority: 'urgent' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'TRANSITION_NOT_ALLOWED' } } });
    const cliRefused = await td.cli(['ticket', 'priority', 'TD-1', '--priority', 'urgent']);
    expect(cliRefused.code).toBe(1);
    expect(cliRefused.stderr).toMatch(/\[TRANSITION_NOT_ALLOWED\]/);
    expect((await ticket('TD-1')).priority).toBe('high');
  });
});
