import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { ROOT, TierdeskProcess, runCli } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

interface TicketJson {
  id: string;
  level: number;
  status: string;
  sla: { policy: string | null; resolutionDue: string | null; breaches: Array<{ target: string; at: string }> };
  events: Array<{ type: string; at: string; data: Record<string, unknown> }>;
}

const mail = {
  from: 'Max Keller <max@customer.test>',
  to: 'support@tierdesk.test',
  subject: 'Datenbank Replikation bricht ab',
  text: 'Hallo, seit dem Update bricht die PostgreSQL Replikation auf unserem Server mit einem Fehler ab. Die Logs zeigen WAL Fehler. Bitte um Hilfe. Gruss, Max',
};

const sink = new SmtpSink();
const dir = mkdtempSync(join(tmpdir(), 'td-e2e-sla-'));
let td: TierdeskProcess;
let level: number;

const ticket = (id: string) => td.ticket<TicketJson>(id);

describe('SLA warning, breach and escalation, end to end over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    // The policy must cover the level this email lands at: ask the very classifier the system uses.
    const classified = await runCli(['classify'], process.env, JSON.stringify({ subject: mail.subject, body: mail.text, from: 'max@customer.test' }));
    level = (JSON.parse(classified.stdout) as { level: number }).level;
    expect(level).toBeLessThan(4);
    const base = JSON.parse(readFileSync(`${ROOT}config/tierdesk.example.json`, 'utf8')) as Record<string, unknown>;
    const config = {
      ...base,
      sla: {
        policies: [
          { name: 'e2e-fast', levels: [level], resolution: 'PT4S', calendar: '24x7', warnAtPercent: 50, escalateOnBreach: true },
          { name: 'e2e-next', levels: [level + 1], firstResponse: 'PT1H', resolution: 'PT8H', calendar: '24x7', warnAtPercent: 80 },
        ],
      },
      agents: [
        // The example's other teams stay (the config needs e.g. a level-2 agent for callbacks).
        ...(base.agents as Array<{ levels: number[] }>).filter((a) => !a.levels.includes(level) && !a.levels.includes(level + 1)),
        { email: 'team@agents.test', name: 'Team', levels: [level], language: 'en' },
        { email: 'next@agents.test', name: 'Next', levels: [level + 1], language: 'en' },
      ],
      escalationContacts: ['lead@agents.test', 'cto@agents.test'],
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    td = new TierdeskProcess({ env: { TIERDESK_CONFIG: join(dir, 'config.json'), SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
  });

  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges, warns the team at half time, reports the breach to team and contacts, and escalates', async () => {
    await sendMail(td.smtpPort, { ...mail, messageId: '<sla-e2e-1@customer.test>' });
    await waitFor('the ack', () => sink.byKind('ack', 'TD-1')[0], 10_000);
    const opened = await waitFor('the SLA clock', async () => {
      const t = await ticket('TD-1');
      return t.sla.policy === 'e2e-fast' ? t : null;
    });
    const started = new Date(opened.events.find((e) => e.type === 'ticket.classified')!.at).getTime();
    expect(new Date(opened.sla.resolutionDue!).getTime()).toBe(started + 4000);

    const warning = await waitFor('the sla-warning', () => sink.arrivals('sla-warning', 'TD-1')[0], 10_000, 20);
    expect(warning.mail.envelopeTo).toEqual(['team@agents.test']);
    expect(warning.at).toBeGreaterThanOrEqual(started + 2000);
    expect(warning.at - (started + 2000)).toBeLessThan(1500);

    await waitFor('the sla-breach mails', () => sink.arrivals('sla-breach', 'TD-1').length >= 3 && sink.arrivals('sla-breach', 'TD-1'), 10_000, 20);
    const breaches = sink.arrivals('sla-breach', 'TD-1');
    expect(breaches.flatMap((b) => b.mail.envelopeTo).sort()).toEqual(['cto@agents.test', 'lead@agents.test', 'team@agents.test']);
    for (const b of breaches) {
      expect(b.at).toBeGreaterThanOrEqual(started + 4000);
      expect(b.at - (started + 4000)).toBeLessThan(1500);
      expect(b.mail.header('auto-submitted')).toBe('auto-generated');
      expect(b.mail.parsed.subject).toMatch(/^\[TD-1\] /);
    }

    const t = await waitFor('the escalation', async () => {
      const x = await ticket('TD-1');
      return x.level === level + 1 && x.sla.policy === 'e2e-next' ? x : null;
    });
    expect(t.sla.breaches).toEqual([expect.objectContaining({ target: 'resolution' })]);
    const esc = t.events.filter((e) => e.type === 'ticket.escalated');
    expect(esc).toHaveLength(1);
    expect(esc[0]!.data).toMatchObject({ from: level, to: level + 1, by: 'system' });
    await waitFor('the escalation notice', () => sink.byKind('agent-notification', 'TD-1').some((m) => m.envelopeTo.includes('next@agents.test')));

    // Nothing fires twice, and the new clock shows up for agents.
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.byKind('sla-warning', 'TD-1')).toHaveLength(1);
    expect(sink.byKind('sla-breach', 'TD-1')).toHaveLength(3);
    const list = await td.cli(['sla', 'list', '--due-within', 'PT2H', '--json']);
    expect(list.code).toBe(0);
    const listed = (JSON.parse(list.stdout) as { tickets: Array<{ id: string; policy: string; target: string }> }).tickets;
    expect(listed).toEqual([expect.objectContaining({ id: 'TD-1', policy: 'e2e-next', target: 'firstResponse' })]);
    // The same for people, and a window the next deadline (an hour out) is not in.
    const text = await td.cli(['sla', 'list', '--due-within', 'PT2H']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^TD-1\\s+L${level + 1}\\s.*first response due \\S+\\s+in (59m|1h00m)\\s+e2e-next\\s+\\(warning at \\S+\\)\\n$`));
    const none = await td.cli(['sla', 'list', '--due-within', 'PT10M']);
    expect(none).toMatchObject({ code: 0, stdout: 'no open ticket has an SLA deadline within PT10M\n' });
  });
});
