import { describe, expect, it } from 'vitest';
import { detectBounce } from '../src/bounce.js';
import { parseInbound } from '../src/parse-message.js';
import { fixture, mail } from './fixtures/load.js';

function report(opts: { statusPart: string; returned: string; reportType?: string; from?: string }): Buffer {
  return mail(`From: ${opts.from ?? 'Mail Delivery Subsystem <mailer-daemon@mx.example.net>'}
To: support@tierdesk.test
Subject: Delivery Status Notification (Failure)
Message-ID: <dsn.2@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=${opts.reportType ?? 'delivery-status'}; boundary="rb"

--rb
Content-Type: text/plain

Delivery to the following recipient failed.

--rb
${opts.statusPart}
--rb
${opts.returned}
--rb--
`);
}

describe('a delivery status notification (multipart/report; report-type=delivery-status)', () => {
  it('names the original message, recipient, status and action (Postfix DSN)', async () => {
    const p = await parseInbound(fixture('dsn-bounce.eml'));
    expect(p.bounce).toEqual({
      originalMessageId: '<td-41.ack.1@tierdesk.test>',
      originalTicketId: 'TD-41',
      recipients: ['nobody@example.invalid'],
      status: '5.1.1',
      action: 'failed',
    });
    expect(p.autoSubmitted.auto).toBe(true);
    expect(p.malformed).toBe(false);
  });

  it('is found by detectBounce on the raw bytes too', () => {
    expect(detectBounce(fixture('dsn-bounce.eml'))?.originalMessageId).toBe('<td-41.ack.1@tierdesk.test>');
  });

  it('reads text/rfc822-headers (headers only returned) and a base64 status part', async () => {
    const status = Buffer.from('Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; <Gone@Example.COM>\nAction: failed\nStatus: 5.2.1 (mailbox disabled)\n').toString('base64');
    const raw = report({
      statusPart: `Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n${status}\n`,
      returned: 'Content-Type: text/rfc822-headers\n\nFrom: support@tierdesk.test\nSubject: Re: [TD-9] Your ticket\nMessage-ID:\n <td-9.agent-reply.3@tierdesk.test>\n',
    });
    expect((await parseInbound(raw)).bounce).toEqual({
      originalMessageId: '<td-9.agent-reply.3@tierdesk.test>',
      originalTicketId: 'TD-9',
      recipients: ['gone@example.com'],
      status: '5.2.1',
      action: 'failed',
    });
  });

  it('reports the failed recipient first when some were delivered', () => {
    const raw = report({
      statusPart: 'Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; ok@example.com\nAction: delivered\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; bad@example.com\nAction: failed\nStatus: 5.1.1\n',
      returned: 'Content-Type: message/rfc822\n\nMessage-ID: <x@tierdesk.test>\nSubject: hi\n\nbody\n',
    });
    expect(detectBounce(raw)).toMatchObject({ recipients: ['ok@example.com', 'bad@example.com'], status: '5.1.1', action: 'failed' });
  });

  it('reports a delayed delivery as action delayed', () => {
    const raw = report({
      statusPart: 'Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; slow@example.com\nAction: delayed\nStatus: 4.4.1\n',
      returned: 'Content-Type: text/rfc822-headers\n\nMessage-ID: <y@tierdesk.test>\n',
    });
    expect(detectBounce(raw)).toMatchObject({ originalMessageId: '<y@tierdesk.test>', status: '4.4.1', action: 'delayed' });
  });

  it('still is a bounce when the original was not returned', () => {
    const raw = report({
      statusPart: 'Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; bad@example.com\nAction: failed\nStatus: 5.1.1\n',
      returned: 'Content-Type: text/plain\n\n(no original attached)\n',
    });
    expect(detectBounce(raw)).toEqual({ originalMessageId: null, originalTicketId: null, recipients: ['bad@example.com'], status: '5.1.1', action: 'failed' });
  });
});

describe('a plain-text bounce from MAILER-DAEMON (no multipart/report)', () => {
  it('is a bounce when it quotes the original Message-ID', async () => {
    const raw = mail(`From: MAILER-DAEMON@old-mta.example.org
To: support@tierdesk.test
Subject: failure notice

Hi. This is the qmail-send program at old-mta.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
<left@example.org>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Message-ID: <td-3.ack.1@tierdesk.test>
Subject: [TD-3] We received your request
`);
    const p = await parseInbound(raw);
    expect(p.bounce).toEqual({ originalMessageId: '<td-3.ack.1@tierdesk.test>', originalTicketId: null, recipients: [], status: '5.1.1', action: 'failed' });
    expect(p.autoSubmitted.auto).toBe(true);
  });

  it('is not a bounce when a person quotes a Message-ID', async () => {
    const p = await parseInbound(mail('From: anna@example.ch\nSubject: see below\n\nMessage-ID: <whatever@example.ch>\n'));
    expect(p.bounce).toBeNull();
  });
});

describe('what is not a bounce', () => {
  it('an ordinary message', async () => {
    expect((await parseInbound(fixture('plain.eml'))).bounce).toBeNull();
  });

  it('a read receipt (report-type=disposition-notification) is automatic but no bounce', async () => {
    const raw = report({
      reportType: 'disposition-notification',
      from: 'Anna <anna@example.ch>',
      statusPart: 'Content-Type: message/disposition-notification\n\nFinal-Recipient: rfc822; anna@example.ch\nDisposition: manual-action/MDN-sent-manually; displayed\n',
      returned: 'Content-Type: text/rfc822-headers\n\nMessage-ID: <z@tierdesk.test>\n',
    });
    const p = await parseInbound(raw);
    expect(p.bounce).toBeNull();
    expect(p.autoSubmitted).toEqual({ auto: true, reason: 'multipart/report' });
  });

  it('garbage', () => {
    expect(detectBounce(Buffer.from([0xff, 0x00, 0x13, 0x37]))).toBeNull();
  });
});
