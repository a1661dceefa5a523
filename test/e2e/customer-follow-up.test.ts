import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink, type SunkMail } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';
import { writeTestConfig } from '../support/config.js';

interface TicketJson {
  id: string;
  status: string;
  level: number;
  messages: Array<{ messageId: string; direction: string; kind: string | null }>;
}

const sink = new SmtpSink();
let td: TierdeskProcess;
const ANNA = 'anna.becker@example.com';
const CAMILLE = 'camille.martin@example.com';
const MARTIN = 'martin.keller@example.com';

const ticketOf = (messageId: string) => td.ticketOf<TicketJson>(messageId);
const ticket = (id: string) => td.ticket<TicketJson>(id);

/** The agent notifications about the customer's message `messageId`: they answer it. */
function aboutReply(id: string, messageId: string): SunkMail[] {
  return sink.byKind('agent-notification', id).filter((m) => m.parsed.inReplyTo === messageId);
}

/** Sends a customer's reply on the ticket, threaded to `answering`, and waits until the ticket holds it. */
async function customerWrites(id: string, from: string, messageId: string, answering: SunkMail, text: string, headers: Record<string, string> = {}): Promise<void> {
  await sendMail(td.smtpPort, {
    from,
    to: 'support@tierdesk.test',
    subject: `Re: ${answering.parsed.subject}`,
    text,
    messageId,
    inReplyTo: answering.parsed.messageId,
    references: [answering.parsed.messageId!],
    headers,
  });
  await waitFor(`${messageId} on ${id}`, async () => (await ticket(id)).messages.some((m) => m.messageId === messageId));
}

/** Exactly one notification per agent about the reply, threaded into the ticket, quoting the customer's own words. */
async function expectToldOnce(id: string, replyId: string, agents: string[], excerpt: string, quoted: string): Promise<SunkMail[]> {
  await waitFor(`${agents.join(', ')} told of ${replyId}`, () => aboutReply(id, replyId).length >= agents.length);
  // Give a duplicate (a retried job, a second planner) time to show up.
  await sleep(1500);
  const mails = aboutReply(id, replyId);
  expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual([...agents].sort());
  const first = (await ticket(id)).messages[0]!.messageId;
  for (const m of mails) {
    expect(m.parsed.subject).toContain(`[${id}]`);
    expect(m.header('auto-submitted')).toBe('auto-generated');
    expect(m.parsed.references).toEqual([first, replyId]);
    expect(m.parsed.text).toContain(excerpt);
    expect(m.parsed.text).not.toContain(quoted);
  }
  // Recorded on the ticket under the Message-ID it was sent with: one email, one record.
  const onTicket = (await ticket(id)).messages.filter((x) => mails.some((m) => m.parsed.messageId === x.messageId));
  expect(onTicket).toHaveLength(mails.length);
  expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(mails.length);
  return mails;
}

describe('a customer writing again on an existing ticket tells its agents, over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', TIERDESK_CONFIG: writeTestConfig(() => undefined) } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('on an open level-1 ticket: each level-1 agent once, in their language; an auto-reply tells nobody; later the agent who answered, also after a reopen', async () => {
    await sendMail(td.smtpPort, { from: 'Raj <raj@customer.test>', to: 'support@tierdesk.test', subject: 'Question about my invoice', text: 'Hello, I have a question about my last invoice. Regards, Raj', messageId: '<fu-open@customer.test>' });
    const t = await ticketOf('<fu-open@customer.test>');
    expect(t.level).toBe(1);
    const ack = await waitFor('ack', () => sink.byKind('ack', t.id)[0]);
    await waitFor('arrival notifications', () => sink.byKind('agent-notification', t.id).length === 2);

    // An out-of-office answering our ack: recorded, nobody told.
    await customerWrites(t.id, 'raj@customer.test', '<fu-auto@customer.test>', ack, 'I am out of the office until Monday.', { 'Auto-Submitted': 'auto-replied' });

    await customerWrites(t.id, 'raj@customer.test', '<fu-more@customer.test>', ack, 'One more thing: the invoice number is 2026-0815.\n\nOn Mon, 23 Nov 2026, Support wrote:\n> We received your request');
    const mails = await expectToldOnce(t.id, '<fu-more@customer.test>', [ANNA, CAMILLE], 'the invoice number is 2026-0815', 'We received your request');
    const subjects = Object.fromEntries(mails.map((m) => [m.envelopeTo[0], m.parsed.subject]));
    expect(subjects[ANNA]).toMatch(/^\[TD-\d+\] Antwort des Kunden: Question about my invoice$/);
    expect(subjects[CAMILLE]).toMatch(/^\[TD-\d+\] Réponse du client : Question about my invoice$/);
    expect(aboutReply(t.id, '<fu-auto@customer.test>')).toEqual([]);
    // Arrival (2) and this reply (2): nothing for the auto-reply.
    expect(sink.byKind('agent-notification', t.id)).toHaveLength(4);

    // Anna answers; the customer's answer goes to her alone.
    const replied = await td.api('POST', `/api/tickets/${t.id}/reply`, { body: 'Hello Raj, which line looks wrong?', agent: ANNA });
    expect(replied.status).toBe(200);
    const answer = await waitFor('agent-reply', () => sink.byKind('agent-reply', t.id)[0]);
    await waitFor('waiting for the customer', async () => (await ticket(t.id)).status === 'waiting_customer');
    await customerWrites(t.id, 'raj@customer.test', '<fu-answer@customer.test>', answer, 'The VAT line is wrong.\n\n> Hello Raj, which line looks wrong?');
    expect((await ticket(t.id)).status).toBe('open');
    const toAnna = await expectToldOnce(t.id, '<fu-answer@customer.test>', [ANNA], 'The VAT line is wrong.', 'which line looks wrong');
    expect(toAnna[0]!.parsed.text).toContain('zuletzt beantwortet');

    // Resolved, then the customer writes again: reopened, and Anna is told so once.
    expect((await td.api('POST', `/api/tickets/${t.id}/resolve`, { resolution: 'Corrected invoice sent' })).status).toBe(200);
    const resolved = await waitFor('resolved email', () => sink.byKind('resolved', t.id)[0]);
    await customerWrites(t.id, 'raj@customer.test', '<fu-reopen@customer.test>', resolved, 'The corrected invoice still shows the old VAT.\n\n> Corrected invoice sent');
    await waitFor('reopened', async () => (await ticket(t.id)).status === 'open');
    const reopened = await expectToldOnce(t.id, '<fu-reopen@customer.test>', [ANNA], 'still shows the old VAT', 'Corrected invoice sent');
    expect(reopened[0]!.parsed.text).toContain('wieder geöffnet');
    expect(sink.byKind('agent-notification', t.id)).toHaveLength(6);
  }, 90_000);

  it('on a ticket with the vendor: the level-4 agent once, and the vendor is not written to', async () => {
    await sendMail(td.smtpPort, {
      from: 'Clara Weber <clara@customer.test>',
      to: 'support@tierdesk.test',
      subject: 'Our Synology NAS is not reachable',
      text: 'Hello, since this morning our Synology NAS (DiskStation DS920+) is not reachable from the office network. The shared folders are gone. Regards',
      messageId: '<fu-nas@customer.test>',
    });
    const t = await ticketOf('<fu-nas@customer.test>');
    const request = await waitFor('consent request', () => sink.byKind('consent-request', t.id)[0]);
    expect((await td.api('POST', `/api/tickets/${t.id}/consent`, { granted: true, agent: MARTIN })).status).toBe(200);
    await waitFor('with the vendor', async () => (await ticket(t.id)).status === 'waiting_vendor');
    await waitFor('handoff', () => sink.byKind('vendor-handoff', t.id)[0]);
    const before = sink.byKind('agent-notification', t.id).length;

    await customerWrites(t.id, 'clara@customer.test', '<fu-vendor@customer.test>', request, 'The NAS now beeps every minute, if that helps.\n\n> The shared folders are gone.');
    const mails = await expectToldOnce(t.id, '<fu-vendor@customer.test>', [MARTIN], 'beeps every minute', 'The shared folders are gone.');
    expect(mails[0]!.parsed.text).toContain('Der Anbieter arbeitet noch daran');
    expect(sink.byKind('agent-notification', t.id)).toHaveLength(before + 1);
    expect(sink.byKind('vendor-handoff', t.id)).toHaveLength(1);
    expect(sink.byKind('vendor-followup', t.id)).toHaveLength(0);
    expect((await ticket(t.id)).status).toBe('waiting_vendor');
  }, 90_000);
});
