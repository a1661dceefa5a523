import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail, sendRaw } from '../support/send.js';
import { waitFor } from '../support/ports.js';

interface TicketJson {
  id: string;
  status: string;
  level: number;
  language: string;
  flags: string[];
  customer: { email: string };
  messages: Array<{ messageId: string; direction: string; kind: string | null }>;
  events: Array<{ type: string }>;
}

const sink = new SmtpSink();
let td: TierdeskProcess;

async function ticket(id: string): Promise<TicketJson> {
  const r = await td.api<TicketJson>('GET', `/api/tickets/${id}`);
  if (r.status !== 200) throw new Error(`GET ${id}: ${r.status}`);
  return r.body;
}

async function ticketCount(): Promise<number> {
  const r = await td.api<{ tickets: { total: number } }>('GET', '/api/stats');
  return r.body.tickets.total;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const isoOrNull = (v: unknown) => v === null || (typeof v === 'string' && ISO.test(v));

/** Every field of CONTRACT §5 is there, with its type and allowed values (more fields may follow). */
function expectContractShape(t: Record<string, unknown>): void {
  expect(t).toMatchObject({
    id: expect.stringMatching(/^TD-\d+$/),
    subject: expect.any(String),
    status: expect.stringMatching(/^(new|open|waiting_customer|callback_scheduled|waiting_consent|waiting_vendor|resolved|closed)$/),
    level: expect.any(Number),
    priority: expect.stringMatching(/^(low|normal|high|urgent)$/),
    language: expect.any(String),
    customer: { email: expect.any(String), name: expect.any(String) },
    createdAt: expect.stringMatching(ISO),
    updatedAt: expect.stringMatching(ISO),
    sla: { breaches: expect.any(Array) },
    messages: expect.any(Array),
    events: expect.any(Array),
  });
  expect([0, 1, 2, 3, 4]).toContain(t.level);
  expect(t.category === null || typeof t.category === 'string').toBe(true);
  for (const k of ['callback', 'consent', 'vendor']) expect(t).toHaveProperty(k);
  const sla = t.sla as Record<string, unknown>;
  expect(sla.policy === null || typeof sla.policy === 'string').toBe(true);
  for (const k of ['firstResponseDue', 'resolutionDue', 'pausedSince']) expect(isoOrNull(sla[k]), `sla.${k}`).toBe(true);
  for (const m of t.messages as Array<Record<string, unknown>>) {
    expect(m).toMatchObject({ messageId: expect.stringMatching(/^<.+>$/), direction: expect.stringMatching(/^(in|out)$/), from: expect.any(String), at: expect.stringMatching(ISO) });
    expect(m).toHaveProperty('kind');
  }
  for (const e of t.events as Array<Record<string, unknown>>) expect(e).toMatchObject({ type: expect.any(String), at: expect.stringMatching(ISO), data: expect.any(Object) });
}

describe('email in → ticket → acknowledgement, end to end over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', INTAKE_MAX_BYTES: '200000' } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('turns an email into TD-1 and acknowledges it with the tag and headers of CONTRACT §3', async () => {
    const sent = await sendMail(td.smtpPort, {
      from: 'Clara Weber <clara@customer.test>',
      to: 'support@tierdesk.test',
      subject: 'Ich brauche eine Rechnung für März',
      text: 'Hallo, ich habe eine Frage zu meiner Rechnung vom März. Können Sie mir eine Kopie schicken? Danke, Clara',
      messageId: '<first-1@customer.test>',
    });
    expect(sent.response).toMatch(/^250/);
    const ack = await waitFor('the ack at the sink', () => sink.byKind('ack', 'TD-1')[0], 10_000);
    expect(ack.parsed.subject).toMatch(/^\[TD-1\] /);
    expect(ack.header('x-tierdesk-ticket')).toBe('TD-1');
    expect(ack.header('auto-submitted')).toBe('auto-generated');
    expect(ack.parsed.inReplyTo).toBe('<first-1@customer.test>');
    expect(ack.envelopeTo).toEqual(['clara@customer.test']);
    // In the customer's language (German here).
    expect(ack.header('content-language')).toBe('de');
    expect(ack.parsed.subject).toBe('[TD-1] Ihre Anfrage ist bei uns eingegangen: Ich brauche eine Rechnung für März');
    expect(ack.parsed.text).toContain('TD-1');
    const t = await ticket('TD-1');
    expect(t.customer.email).toBe('clara@customer.test');
    expect(t.language).toBe('de');
    expect(t.events.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.created', 'ticket.classified', 'message.received']));
    const show = await td.cli(['ticket', 'show', 'TD-1', '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).id).toBe('TD-1');
  });

  it('shows TD-1 in the shape of CONTRACT §5, the same over HTTP and from the CLI', async () => {
    const api = await td.api<Record<string, unknown>>('GET', '/api/tickets/TD-1');
    expectContractShape(api.body);
    expect(api.body).toMatchObject({ id: 'TD-1', level: 1, status: 'open', callback: null, consent: null, vendor: null });
    expect((api.body.messages as Array<{ direction: string; kind: string | null }>).map((m) => [m.direction, m.kind])).toContainEqual(['out', 'ack']);
    // The same record both ways (read again until no notification is still being recorded on it).
    await waitFor('the CLI and the API to show the same TD-1', async () => {
      const before = JSON.stringify((await td.api('GET', '/api/tickets/TD-1')).body);
      const show = await td.cli(['ticket', 'show', 'TD-1', '--json']);
      const after = JSON.stringify((await td.api('GET', '/api/tickets/TD-1')).body);
      return show.code === 0 && before === after && JSON.stringify(JSON.parse(show.stdout)) === after;
    }, 15_000, 200);
    const list = await td.cli(['ticket', 'list', '--json', '--customer', 'clara@customer.test']);
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as { tickets: Array<Record<string, unknown>>; next: string | null };
    expect(page.next).toBeNull();
    expect(page.tickets.map((t) => t.id)).toEqual(['TD-1']);
    expectContractShape(page.tickets[0]!);
  });

  it('refuses bad list filters instead of answering an empty or unfiltered list, over HTTP and in the CLI', async () => {
    for (const q of ['level=7', 'level=abc', 'status=bogus', 'limit=0', 'cursor=x']) {
      const r = await td.api<{ error: { code: string } }>('GET', `/api/tickets?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('INVALID_INPUT');
    }
    for (const args of [['--level', 'abc'], ['--status', 'bogus']]) {
      const r = await td.cli(['ticket', 'list', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/\[INVALID_INPUT\]/);
    }
    const missing = await td.cli(['ticket', 'show', 'TD-999', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/TD-999.*\[TICKET_NOT_FOUND\]/);
  });

  it('acknowledges a French customer in French and an English one in English', async () => {
    await sendMail(td.smtpPort, { from: 'Léa <lea@client.test>', to: 'support@tierdesk.test', subject: 'Question sur ma facture', text: "Bonjour, j'ai une question sur ma dernière facture. Pourriez-vous m'envoyer une copie ? Merci, Léa", messageId: '<fr-1@client.test>' });
    await sendMail(td.smtpPort, { from: 'Tom <tom@customer.test>', to: 'support@tierdesk.test', subject: 'Question about my invoice', text: 'Hello, I have a question about my last invoice. Could you send me a copy? Thanks, Tom', messageId: '<en-1@customer.test>' });
    for (const [messageId, lang, subject] of [['<fr-1@client.test>', 'fr', 'Nous avons bien reçu votre demande : Question sur ma facture'], ['<en-1@customer.test>', 'en', 'We have received your request: Question about my invoice']] as const) {
      const t = await waitFor(messageId, async () => (await td.api<{ tickets: TicketJson[] }>('GET', `/api/tickets?messageId=${encodeURIComponent(messageId)}`)).body.tickets[0]);
      expect(t.language).toBe(lang);
      const ack = await waitFor(`the ack of ${t.id}`, () => sink.byKind('ack', t.id)[0]);
      expect(ack.header('content-language')).toBe(lang);
      expect(ack.parsed.subject).toBe(`[${t.id}] ${subject}`);
    }
  });

  it('keeps one ticket and one message when the same Message-ID arrives again, by SMTP and by HTTP', async () => {
    const raw = Buffer.from(
      'From: Paul <paul@customer.test>\r\nTo: support@tierdesk.test\r\nSubject: Invoice question\r\nMessage-ID: <dup-1@customer.test>\r\nDate: Wed, 25 Nov 2026 10:00:00 +0100\r\n\r\nHello, where is my invoice for October?\r\n',
    );
    expect((await sendRaw(td.smtpPort, 'paul@customer.test', 'support@tierdesk.test', raw)).code).toBe(250);
    await waitFor('the ticket for dup-1', async () => (await td.api<{ tickets: unknown[] }>('GET', '/api/tickets?messageId=%3Cdup-1%40customer.test%3E')).body.tickets.length === 1);
    expect((await sendRaw(td.smtpPort, 'paul@customer.test', 'support@tierdesk.test', raw)).code).toBe(250);
    const viaHttp = await td.api<{ messageId: string }>('POST', '/api/messages', Buffer.concat([Buffer.from('Received: from relay.test\r\n'), raw]), { 'content-type': 'message/rfc822' });
    expect(viaHttp.status).toBe(202);
    expect(viaHttp.body.messageId).toBe('<dup-1@customer.test>');
    await new Promise((r) => setTimeout(r, 1500));
    const list = await td.api<{ tickets: TicketJson[] }>('GET', '/api/tickets?customer=paul%40customer.test');
    expect(list.body.tickets).toHaveLength(1);
    expect(list.body.tickets[0]!.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    expect(sink.byKind('ack', list.body.tickets[0]!.id)).toHaveLength(1);
  });

  it('keeps one ticket for a message without a Message-ID delivered by SMTP and by HTTP (stable content hash)', async () => {
    const body = 'From: Nora <nora@customer.test>\r\nTo: support@tierdesk.test\r\nSubject: Licence activation fails\r\nDate: Wed, 25 Nov 2026 10:05:00 +0100\r\n\r\nMy licence key is not accepted.\r\n';
    expect((await sendRaw(td.smtpPort, 'nora@customer.test', 'support@tierdesk.test', body)).code).toBe(250);
    // The copy fetched from a mailbox carries the relay's trace headers; the message is the same.
    const relayed = Buffer.from(`Return-Path: <nora@customer.test>\r\nReceived: from mx.customer.test by mail.tierdesk.test; Wed, 25 Nov 2026 10:05:02 +0100\r\n${body}`);
    const viaHttp = await td.api<{ messageId: string }>('POST', '/api/messages', relayed, { 'content-type': 'message/rfc822' });
    expect(viaHttp.status).toBe(202);
    expect(viaHttp.body.messageId).toMatch(/^<[0-9a-f]{64}\.hash@tierdesk\.invalid>$/);
    const t = await waitFor('the ticket for the hashed id', async () => (await td.api<{ tickets: TicketJson[] }>('GET', `/api/tickets?messageId=${encodeURIComponent(viaHttp.body.messageId)}`)).body.tickets[0]);
    await waitFor('its ack', () => sink.byKind('ack', t.id)[0]);
    await new Promise((r) => setTimeout(r, 1500));
    const list = await td.api<{ tickets: TicketJson[] }>('GET', '/api/tickets?customer=nora%40customer.test');
    expect(list.body.tickets.map((x) => x.id)).toEqual([t.id]);
    expect(list.body.tickets[0]!.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    expect(sink.byKind('ack', t.id)).toHaveLength(1);
  });

  it('threads a reply to the ack into the same ticket', async () => {
    const ack = sink.byKind('ack', 'TD-1')[0]!;
    const before = await ticketCount();
    await sendMail(td.smtpPort, {
      from: 'clara@customer.test',
      to: 'support@tierdesk.test',
      subject: `Re: ${ack.parsed.subject}`,
      text: 'Noch eine Ergänzung: es geht um Rechnung 2026-03-117.',
      inReplyTo: ack.parsed.messageId,
      references: [ack.parsed.messageId!],
    });
    await waitFor('the reply on TD-1', async () => (await ticket('TD-1')).messages.filter((m) => m.direction === 'in').length === 2);
    expect(await ticketCount()).toBe(before);
  });

  it('records an auto-reply but never answers it', async () => {
    await sendMail(td.smtpPort, {
      from: 'ooo@customer.test',
      to: 'support@tierdesk.test',
      subject: 'Out of office',
      text: 'I am out of the office until Monday.',
      messageId: '<ooo-1@customer.test>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const found = await waitFor('the auto-reply ticket', async () => (await td.api<{ tickets: TicketJson[] }>('GET', '/api/tickets?messageId=%3Cooo-1%40customer.test%3E')).body.tickets[0]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sink.mails.filter((m) => m.envelopeTo.includes('ooo@customer.test'))).toHaveLength(0);
    expect(found.id).toMatch(/^TD-\d+$/);
  });

  it('attaches a bounce of our ack to the ticket, flags it, and opens no ticket', async () => {
    const ack = sink.byKind('ack', 'TD-1')[0]!;
    const before = await ticketCount();
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
      'To: support@tierdesk.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@mx.customer.test>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.test',
      '',
      'Final-Recipient: rfc822; clara@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${ack.parsed.messageId}`,
      'Subject: whatever',
      '',
      '--b1--',
      '',
    ].join('\r\n');
    expect((await sendRaw(td.smtpPort, '', 'support@tierdesk.test', dsn)).code).toBe(250);
    await waitFor('the bounce flag on TD-1', async () => (await ticket('TD-1')).flags.includes('bounced'));
    expect(await ticketCount()).toBe(before);
  });

  it('makes a ticket from malformed MIME and keeps going', async () => {
    const broken = 'From: Zoe <zoe@customer.test>\r\nSubject: broken\r\nMessage-ID: <broken-1@customer.test>\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy licence key is not accepted\r\n--never-closed\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@\r\n';
    expect((await sendRaw(td.smtpPort, 'zoe@customer.test', 'support@tierdesk.test', broken)).code).toBe(250);
    const t = await waitFor('the broken message ticket', async () => (await td.api<{ tickets: TicketJson[] }>('GET', '/api/tickets?messageId=%3Cbroken-1%40customer.test%3E')).body.tickets[0]);
    expect(t.customer.email).toBe('zoe@customer.test');
    expect((await td.api('GET', '/healthz')).status).toBe(200);
  });

  it('refuses an oversize message with 552 over SMTP and 413 over HTTP', async () => {
    const big = Buffer.from(`From: big@customer.test\r\nSubject: big\r\n\r\n${'x'.repeat(300_000)}\r\n`);
    const smtp = await sendRaw(td.smtpPort, 'big@customer.test', 'support@tierdesk.test', big);
    expect(smtp.code).toBe(552);
    const http = await td.api<{ error: { code: string } }>('POST', '/api/messages', big, { 'content-type': 'message/rfc822' });
    expect(http.status).toBe(413);
    expect(http.body.error.code).toBe('MESSAGE_TOO_LARGE');
  });

  it('refuses the API without the bearer token', async () => {
    const res = await fetch(`http://127.0.0.1:${td.httpPort}/api/tickets`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await td.stop('SIGTERM')).toBe(0);
  });
});
