import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess, runCli } from '../support/system.js';
import { freePort, waitFor } from '../support/ports.js';

interface DemoJson {
  settled: boolean;
  consoleUrl: string;
  rows: Array<{
    intendedLevel: number;
    level: number | null;
    language: string;
    ticketId: string | null;
    status: string | null;
    emails: string[];
    sla: { policy: string | null; firstResponseDue: string | null; resolutionDue: string | null };
  }>;
}

const sink = new SmtpSink();
let td: TierdeskProcess;

describe('tierdesk demo against a running system', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', PUBLIC_URL: 'http://support.example.test' } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('sends one email per level over SMTP and reports each ticket at its level, with its emails and SLA', async () => {
    const run = await td.cli(['demo', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as DemoJson;
    expect(out.settled).toBe(true);
    expect(out.consoleUrl).toBe('http://support.example.test/console');
    expect(out.rows.map((r) => [r.intendedLevel, r.level, r.language])).toEqual([
      [0, 0, 'en'],
      [1, 1, 'fr'],
      [2, 2, 'de'],
      [3, 3, 'en'],
      [4, 4, 'de'],
    ]);
    const [l0, l1, l2, l3, l4] = out.rows;
    expect(l0!.emails).toContain('kb-answer');
    expect(l0!.sla.policy).toBeNull();
    for (const r of [l1!, l2!, l3!, l4!]) {
      expect(r.emails).toContain('ack');
      expect(r.emails).toContain('agent-notification');
      expect(r.sla.firstResponseDue).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(l3!.sla.resolutionDue).not.toBeNull();
    expect(l2!.emails).toContain('callback-scheduled');
    expect(l2!.status).toBe('callback_scheduled');
    expect(l4!.emails).toContain('consent-request');
    expect(l4!.status).toBe('waiting_consent');

    // What the demo reports is what really went out over SMTP, and what the API shows.
    for (const r of out.rows) {
      const sent = () => new Set(sink.mails.filter((m) => m.header('x-tierdesk-ticket') === r.ticketId).map((m) => m.header('x-tierdesk-kind')));
      await waitFor(`the emails of ${r.ticketId} at the sink`, () => r.emails.every((k) => sent().has(k)));
      const t = await td.api<{ level: number; customer: { email: string } }>('GET', `/api/tickets/${r.ticketId}`);
      expect(t.body.level).toBe(r.intendedLevel);
    }
  });

  it('prints a readable table with the console URL', async () => {
    const run = await td.cli(['demo']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('ticket'))).toMatch(/^ticket\s+level\s+lang\s+status\s+emails sent\s+SLA first response \/ resolution \(Europe\/Berlin\)\s+subject$/);
    for (const [level, lang] of [['L0', 'EN'], ['L1', 'FR'], ['L2', 'DE'], ['L3', 'EN'], ['L4', 'DE']]) {
      expect(lines.some((l) => new RegExp(`^TD-\\d+\\s+${level}\\s+${lang}\\s`).test(l))).toBe(true);
    }
    expect(run.stdout).not.toContain('meant L');
    expect(run.stdout).toContain('Open the agent console to see them: http://support.example.test/console');
  });

  it('explains what to do when nothing listens on the intake SMTP port', async () => {
    const port = await freePort();
    const run = await runCli(['demo'], { ...td.env(), INTAKE_SMTP_PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot deliver the demo emails to the intake SMTP listener at 127.0.0.1:${port}`);
    expect(run.stderr).toContain('[DEMO_SMTP_UNREACHABLE]');
  });
});
