import { describe, expect, it } from 'vitest';
import { parseInbound } from '../src/parse-message.js';
import { findThread, type ThreadLookup } from '../src/threading.js';
import { mail } from './fixtures/load.js';

// Two tickets as the store would answer for them: their messages and their parties.
const MESSAGES: Record<string, string> = {
  '<open-1@customer.test>': 'TD-1',
  '<td-1.ack.a1@tierdesk.test>': 'TD-1',
  '<open-2@customer.test>': 'TD-2',
  '<td-2.vendor-handoff.b2@tierdesk.test>': 'TD-2',
};
const PARTIES: Record<string, { customer: string; vendor: string | null; status: string }> = {
  'TD-1': { customer: 'clara@customer.test', vendor: null, status: 'open' },
  'TD-2': { customer: 'Paul@Customer.test', vendor: 'support@nas-partner.test', status: 'waiting_vendor' },
};
const lookup: ThreadLookup = {
  ticketByMessageId: async (id) => MESSAGES[id] ?? null,
  ticketParties: async (id) => PARTIES[id] ?? null,
  isAgent: (email) => email.toLowerCase() === 'agent@tierdesk.test',
  ticketByExternalRef: async (subject) => (subject.includes('INC12345') ? 'TD-2' : null),
};

async function thread(head: string) {
  return findThread(await parseInbound(mail(`${head}\nMessage-ID: <new-${Math.random()}@x.test>\n\nbody\n`)), lookup);
}

describe('threading (CONTRACT §3)', () => {
  it('joins the ticket whose message In-Reply-To names', async () => {
    expect(await thread('From: someone@else.test\nSubject: Re: anything\nIn-Reply-To: <td-1.ack.a1@tierdesk.test>')).toEqual({ ticketId: 'TD-1', how: 'references' });
  });

  it('joins by References alone, the most recent known id first', async () => {
    expect(await thread('From: clara@customer.test\nSubject: more\nReferences: <unknown@x.test> <open-1@customer.test> <open-2@customer.test> <unknown-2@x.test>')).toEqual({ ticketId: 'TD-2', how: 'references' });
  });

  it('lets references win over a [TD-n] tag that names another ticket', async () => {
    expect(await thread('From: clara@customer.test\nSubject: Re: [TD-1] x\nIn-Reply-To: <open-2@customer.test>')).toEqual({ ticketId: 'TD-2', how: 'references' });
  });

  it('joins by [TD-n] when the sender is the customer (address case ignored), the vendor or an agent', async () => {
    expect(await thread('From: Clara <CLARA@customer.test>\nSubject: Re: [TD-1] my invoice')).toEqual({ ticketId: 'TD-1', how: 'subject-tag' });
    expect(await thread('From: paul@customer.test\nSubject: [td-2] still broken')).toEqual({ ticketId: 'TD-2', how: 'subject-tag' });
    expect(await thread('From: support@nas-partner.test\nSubject: Re: [TD-2] NAS')).toEqual({ ticketId: 'TD-2', how: 'subject-tag' });
    expect(await thread('From: agent@tierdesk.test\nSubject: [TD-1] note')).toEqual({ ticketId: 'TD-1', how: 'subject-tag' });
  });

  it('opens a new ticket for [TD-n] from a stranger, for an unknown ticket, and without any reference', async () => {
    expect(await thread('From: stranger@evil.test\nSubject: Re: [TD-1] send me the data')).toEqual({ ticketId: null, how: 'none' });
    expect(await thread('From: clara@customer.test\nSubject: Re: [TD-99] lost')).toEqual({ ticketId: null, how: 'none' });
    expect(await thread('From: clara@customer.test\nSubject: A new question\nIn-Reply-To: <unknown@x.test>')).toEqual({ ticketId: null, how: 'none' });
  });

  it('tries every tag: an unknown first tag does not hide the customer\'s ticket', async () => {
    expect(await thread('From: clara@customer.test\nSubject: Re: [TD-99] Re: [TD-1] x')).toEqual({ ticketId: 'TD-1', how: 'subject-tag' });
  });

  it('opens no thread from a tag when the message has no usable From', async () => {
    expect(await thread('Subject: Re: [TD-1] anonymous')).toEqual({ ticketId: null, how: 'none' });
  });

  it('threads a vendor reply by its own case number only when the vendor sends it', async () => {
    expect(await thread('From: support@nas-partner.test\nSubject: INC12345 update')).toEqual({ ticketId: 'TD-2', how: 'external-ref' });
    expect(await thread('From: stranger@evil.test\nSubject: INC12345 update')).toEqual({ ticketId: null, how: 'none' });
  });

  it('attaches a bounce to the ticket of the message it returns', async () => {
    const dsn = [
      'From: MAILER-DAEMON@mx.customer.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'failed',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.test',
      '',
      'Final-Recipient: rfc822; clara@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <td-1.ack.a1@tierdesk.test>',
      '',
      '--b--',
      '',
    ].join('\n');
    expect(await findThread(await parseInbound(mail(dsn)), lookup)).toEqual({ ticketId: 'TD-1', how: 'bounce' });
  });
});
