import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { waitFor } from '../support/ports.js';
import { ensureDovecot, startDovecot, type Dovecot } from '../../services/intake/test/imap-dovecot.js';

const found = ensureDovecot();
if ('reason' in found) console.warn(`SKIPPING the IMAP end-to-end tests: ${found.reason}`);

function mail(id: string, subject: string, body: string): string {
  return `From: Customer <${id}@customer.test>\r\nTo: support@tierdesk.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@customer.test>\r\nDate: Wed, 25 Nov 2026 10:00:00 +0100\r\n\r\n${body}\r\n`;
}

describe.skipIf('reason' in found)('IMAP intake end to end: a mailbox read by IDLE becomes tickets', () => {
  const sink = new SmtpSink();
  let dovecot: Dovecot;
  let td: TierdeskProcess;

  async function total(p: TierdeskProcess): Promise<number> {
    return (await p.api<{ tickets: { total: number } }>('GET', '/api/stats')).body.tickets.total;
  }

  beforeAll(async () => {
    dovecot = await startDovecot();
    await sink.start();
    td = new TierdeskProcess({ env: { IMAP_URL: dovecot.url(), SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
  }, 300_000);
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
    await dovecot?.stop();
  });

  it('opens a ticket per message, answers it, and files the message under Tierdesk/Processed', async () => {
    await dovecot.append(mail('imap-e2e-1', 'Rechnung doppelt bezahlt', 'Hallo, ich habe die Rechnung 4711 doppelt bezahlt. Bitte erstatten.'));
    await dovecot.append(mail('imap-e2e-2', 'Invoice address wrong', 'Hello, the billing address on my invoice is wrong, please fix it.'));
    await waitFor('two tickets', async () => (await total(td)) === 2, 20_000);
    await waitFor('both messages filed', async () => (await dovecot.count('Tierdesk/Processed')) === 2 && (await dovecot.count('INBOX')) === 0, 10_000);
    const t = await td.api<{ tickets: Array<{ id: string; customer: { email: string } }> }>('GET', '/api/tickets?customer=imap-e2e-1%40customer.test');
    expect(t.body.tickets).toHaveLength(1);
    await waitFor('the first answer', () => sink.mails.find((m) => m.envelopeTo.includes('imap-e2e-1@customer.test')), 15_000);
    const health = await fetch(`http://127.0.0.1:${td.httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { services: Array<{ name: string; healthy: boolean }> }).services).toContainEqual({ name: 'intake', healthy: true });
  });

  it('dedups like SMTP intake: the same Message-ID again is no second ticket', async () => {
    await dovecot.append(mail('imap-e2e-1', 'Rechnung doppelt bezahlt', 'Hallo, ich habe die Rechnung 4711 doppelt bezahlt. Bitte erstatten.'));
    await waitFor('the copy to be filed', async () => (await dovecot.count('Tierdesk/Processed')) === 3, 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await total(td)).toBe(2);
  });

  it('threads a reply that arrives by IMAP into its ticket', async () => {
    const reply = `From: Customer <imap-e2e-2@customer.test>\r\nTo: support@tierdesk.test\r\nSubject: Re: [TD-2] Invoice address wrong\r\nMessage-ID: <imap-e2e-2-re@customer.test>\r\nIn-Reply-To: <imap-e2e-2@customer.test>\r\nReferences: <imap-e2e-2@customer.test>\r\nDate: Wed, 25 Nov 2026 11:00:00 +0100\r\n\r\nThe right address is Hauptstr. 1, Berlin.\r\n`;
    await dovecot.append(reply);
    const ticketOf = async () => (await td.api<{ tickets: Array<{ id: string }> }>('GET', '/api/tickets?messageId=%3Cimap-e2e-2-re%40customer.test%3E')).body.tickets[0]?.id;
    const original = (await td.api<{ tickets: Array<{ id: string }> }>('GET', '/api/tickets?messageId=%3Cimap-e2e-2%40customer.test%3E')).body.tickets[0]?.id;
    expect(await waitFor('the reply on a ticket', ticketOf, 15_000)).toBe(original);
    expect(await total(td)).toBe(2);
  });

  it('with a wrong IMAP password: /healthz is degraded (503), the process keeps running and says why', async () => {
    const bad = new TierdeskProcess({ only: 'intake,api', env: { IMAP_URL: dovecot.url({ password: 'not-the-password-7q' }) } });
    try {
      await bad.start();
      const res = await waitFor(
        'a degraded /healthz',
        async () => {
          const r = await fetch(`http://127.0.0.1:${bad.httpPort}/healthz`);
          return r.status === 503 ? r : null;
        },
        15_000,
      );
      expect(((await res.json()) as { status: string }).status).toBe('degraded');
      await new Promise((r) => setTimeout(r, 3000));
      expect(bad.exitCode).toBeNull();
      expect(bad.stdout).toContain('check the user and password in IMAP_URL');
      expect(bad.stdout + bad.stderr).not.toContain('not-the-password-7q');
      expect(await bad.stop()).toBe(0);
    } finally {
      await bad.stop();
      await bad.cleanup();
    }
  }, 60_000);
});
