import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';
import { CONSENT_SECRET, VENDOR_NAS, consentLinksIn, getTicket, mailsTo, page, testConfig, ticketOf } from './vendor-helpers.js';

const sink = new SmtpSink();
let td: TierdeskProcess;

const NAS_MAIL = {
  to: 'support@tierdesk.test',
  subject: 'QNAP NAS keeps rebooting',
  text: 'Hello, our QNAP NAS reboots every few minutes since the firmware update. The network storage is unusable. Log attached.',
};

describe('level-4 timers: consent reminder and give-up, vendor follow-ups (short durations)', () => {
  beforeAll(async () => {
    await sink.start();
    const config = testConfig((c) => {
      c.consent = { linkTtl: 'P7D', remindAfter: 'PT2S', giveUpAfter: 'PT6S' };
      c.vendorFollowup = { after: 'PT2S', maxFollowups: 1, attachAttachments: true };
    });
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', CONSENT_SECRET, TIERDESK_CONFIG: config } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  describe('when the customer never answers', () => {
    it('reminds once, then keeps the ticket in house at level 3 and tells those agents', async () => {
      await sendMail(td.smtpPort, { from: 'ann@customer.test', messageId: '<silent@customer.test>', ...NAS_MAIL });
      const t = await waitFor('the silent ticket', () => ticketOf(td, '<silent@customer.test>'));
      const first = await waitFor('the consent request', () => sink.byKind('consent-request', t.id)[0]);
      const reminder = await waitFor('the reminder', () => sink.byKind('consent-request', t.id)[1], 10_000);
      expect(reminder.parsed.messageId).not.toBe(first.parsed.messageId);
      expect(consentLinksIn(reminder)).toEqual(consentLinksIn(first));
      const kept = await waitFor(
        'the give-up',
        async () => {
          const x = await getTicket(td, t.id);
          return x.consent?.status === 'expired' ? x : null;
        },
        15_000,
      );
      expect(kept).toMatchObject({ level: 3, status: 'open', consent: { reminders: 1 } });
      expect(kept.events.find((e) => e.type === 'ticket.deescalated')?.data).toMatchObject({ from: 4, to: 3, by: 'system' });
      await waitFor('the level-3 agents told', () => mailsTo(sink.byKind('agent-notification', t.id), 'elena.rossi@example.com').find((m) => (m.parsed.text ?? '').includes('did not answer')));
      const late = await page('POST', consentLinksIn(first).grant);
      expect(late.status).toBe(410);
      expect(late.html).toContain('expired');
      expect(sink.mails.filter((m) => m.header('x-tierdesk-ticket') === t.id && m.envelopeTo.includes(VENDOR_NAS))).toHaveLength(0);
    });
  });

  describe('when the vendor stays silent', () => {
    it('hands over with the attachment, follows up once, then tells the level-4 agent', async () => {
      await sendMail(td.smtpPort, {
        from: 'bob@customer.test',
        messageId: '<attach@customer.test>',
        ...NAS_MAIL,
        attachments: [{ filename: 'nas-log.txt', content: 'kernel: md1 degraded\n', contentType: 'text/plain' }],
      });
      const t = await waitFor('the ticket with a log', () => ticketOf(td, '<attach@customer.test>'));
      const request = await waitFor('the consent request', () => sink.byKind('consent-request', t.id)[0]);
      expect(request.parsed.text).toContain('The files attached to these emails: nas-log.txt');
      expect((await page('POST', consentLinksIn(request).grant)).status).toBe(200);
      const handoff = await waitFor('the handoff', () => sink.byKind('vendor-handoff', t.id)[0]);
      expect(handoff.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['nas-log.txt', 'kernel: md1 degraded\n']]);
      const followup = await waitFor('the follow-up', () => sink.byKind('vendor-followup', t.id)[0], 10_000);
      expect(followup.envelopeTo).toEqual([VENDOR_NAS]);
      expect(followup.parsed.inReplyTo).toBe(handoff.parsed.messageId);
      await waitFor('the agent told of the silence', () => mailsTo(sink.byKind('agent-notification', t.id), 'martin.keller@example.com').find((m) => (m.parsed.text ?? '').includes('has not answered')), 10_000);
      const x = await getTicket(td, t.id);
      expect(x.flags).toContain('vendor-silent');
      expect(x.vendor?.followups).toBe(1);
      expect(x.status).toBe('waiting_vendor');
      await new Promise((r) => setTimeout(r, 2500));
      expect(sink.byKind('vendor-followup', t.id)).toHaveLength(1);
    });
  });
});
