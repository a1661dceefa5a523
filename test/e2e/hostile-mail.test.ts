import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink, type SunkMail } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendRaw } from '../support/send.js';
import { waitFor } from '../support/ports.js';
import { CASES, DOMAIN, crlf, msgId, sender, type HostileCase, type HostileTicket } from './hostile-corpus.js';

/** The hostile corpus end to end: every message through the running system, each with its outcome. */

const sink = new SmtpSink();
let td: TierdeskProcess;
const FIRST_ANSWER = new Set(['ack', 'kb-answer']);
/** Case index → SMTP/HTTP answer, and the Message-ID the HTTP API said it would file the message under. */
const answers = new Map<number, { code: number; messageId?: string }>();

async function ticketBy(query: string): Promise<HostileTicket | null> {
  const r = await td.api<{ tickets: Array<{ id: string }> }>('GET', `/api/tickets?${query}`);
  const id = r.body.tickets?.[0]?.id;
  if (!id) return null;
  return (await td.api<HostileTicket>('GET', `/api/tickets/${id}`)).body;
}

function customerOf(c: HostileCase, i: number): string {
  return c.customer?.(i) ?? sender(i);
}

async function ticketFor(c: HostileCase, i: number): Promise<HostileTicket | null> {
  if (c.findBy === 'customer') return ticketBy(`customer=${encodeURIComponent(customerOf(c, i))}`);
  const id = c.findBy === 'http-answer' ? answers.get(i)?.messageId : msgId(i);
  return id ? ticketBy(`messageId=${encodeURIComponent(id)}`) : null;
}

const mailsFor = (ticketId: string) => sink.mails.filter((m) => m.header('x-tierdesk-ticket') === ticketId);

async function deliver(c: HostileCase, i: number): Promise<void> {
  const raw = c.raw(i);
  if (c.channel === 'http') {
    const r = await td.api<{ messageId: string }>('POST', '/api/messages', raw, { 'content-type': 'message/rfc822' });
    answers.set(i, { code: r.status, messageId: r.body.messageId });
    return;
  }
  const r = await sendRaw(td.smtpPort, c.envelopeFrom?.(i) ?? customerOf(c, i), 'support@tierdesk.test', raw);
  answers.set(i, { code: r.code });
}

/** Header lines of a received email, unfolded, as [lower-case name, value]. */
function headerLines(m: SunkMail): Array<[string, string]> {
  const text = m.raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  return text
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')
    .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]);
}

describe('hostile mail, end to end through the running system', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', INTAKE_MAX_BYTES: '5000000' } });
    await td.start();
    // A few at a time, as several MTAs would deliver them.
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < CASES.length) {
        const i = next++;
        await deliver(CASES[i]!, i);
      }
    }));
    await waitFor(
      'every stored case to reach its outcome',
      async () => {
        for (const [i, c] of CASES.entries()) {
          if (c.outcome === 'refused' || c.outcome === 'no-ticket') continue;
          const t = await ticketFor(c, i);
          if (!t) return false;
          if (c.outcome === 'ticket' && !mailsFor(t.id).some((m) => FIRST_ANSWER.has(m.header('x-tierdesk-kind') ?? ''))) return false;
        }
        return true;
      },
      60_000,
      250,
    );
    // Whatever might still go out wrongly has had time to.
    await new Promise((r) => setTimeout(r, 2000));
  }, 120_000);
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it(`has at least 50 messages (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const answer = answers.get(i)!;
    if (c.outcome === 'refused') {
      expect(answer.code).toBe(c.smtpCode);
      expect(await ticketBy(`customer=${encodeURIComponent(customerOf(c, i))}`)).toBeNull();
      return;
    }
    expect(answer.code).toBe(c.channel === 'http' ? 202 : 250);
    const t = await ticketFor(c, i);
    if (c.outcome === 'no-ticket') {
      expect(t).toBeNull();
      return;
    }
    expect(t, 'a ticket holds the message').not.toBeNull();
    const ticket = t!;
    const customerMail = mailsFor(ticket.id).filter((m) => !m.envelopeTo.some((a) => a.endsWith('@example.com')));
    if (c.outcome === 'ticket') {
      expect(ticket.customer.email).toBe(customerOf(c, i));
      const first = customerMail.filter((m) => FIRST_ANSWER.has(m.header('x-tierdesk-kind') ?? ''));
      expect(first).toHaveLength(1);
      expect(first[0]!.envelopeTo).toEqual([customerOf(c, i)]);
      expect(first[0]!.header('auto-submitted')).toBe('auto-generated');
      // Level-specific mail may follow (a consent request at level 4): to the customer alone.
      for (const m of customerMail) expect(m.envelopeTo).toEqual([customerOf(c, i)]);
    } else {
      // no-sender and automatic mail: recorded on a ticket, nobody outside the team is written to.
      expect(customerMail).toHaveLength(0);
      if (c.outcome === 'recorded-unanswered') expect(ticket.messages[0]?.autoSubmitted).toBe(true);
    }
    c.check?.(ticket);
  });

  it('lets nothing a sender wrote become a header or a recipient of any email sent', () => {
    expect(sink.mails.length).toBeGreaterThan(50);
    for (const m of sink.mails) {
      const lines = headerLines(m);
      const names = lines.map(([n]) => n);
      for (const once of ['from', 'to', 'subject', 'message-id', 'x-tierdesk-kind', 'x-tierdesk-ticket']) {
        expect(names.filter((n) => n === once), `${once} in ${m.header('message-id')}`).toHaveLength(1);
      }
      expect(names).not.toContain('bcc');
      expect(names).not.toContain('cc');
      expect(names).not.toContain('x-injected');
      expect(m.envelopeTo).toHaveLength(1);
      expect(m.parsed.to && !Array.isArray(m.parsed.to) ? m.parsed.to.value.map((a) => a.address) : []).toEqual(m.envelopeTo);
      expect(m.envelopeTo[0]).not.toMatch(/^(victim|other-)/);
    }
  });

  it('opens a new ticket for a forged [TD-n] from a stranger and leaves the real ticket alone', async () => {
    const owner = `owner@${DOMAIN}`;
    await sendRaw(td.smtpPort, owner, 'support@tierdesk.test', crlf(`From: ${owner}\nMessage-ID: <owner-1@${DOMAIN}>\nSubject: My contract data\n\nPlease check my contract.`));
    const real = await waitFor('the owner ticket', () => ticketBy(`messageId=${encodeURIComponent(`<owner-1@${DOMAIN}>`)}`));
    const stranger = `stranger@evil.test`;
    await sendRaw(td.smtpPort, stranger, 'support@tierdesk.test', crlf(`From: ${stranger}\nMessage-ID: <forged-1@evil.test>\nSubject: Re: [${real.id}] send me the contract\n\nForward everything to me.`));
    const forged = await waitFor('the stranger ticket', () => ticketBy(`messageId=${encodeURIComponent('<forged-1@evil.test>')}`));
    expect(forged.id).not.toBe(real.id);
    expect(forged.customer.email).toBe(stranger);
    expect((await ticketBy(`messageId=${encodeURIComponent(`<owner-1@${DOMAIN}>`)}`))!.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    // The owner's own mail with the tag (no In-Reply-To) joins the real ticket.
    await sendRaw(td.smtpPort, owner, 'support@tierdesk.test', crlf(`From: ${owner}\nMessage-ID: <owner-2@${DOMAIN}>\nSubject: Re: [${real.id}] My contract data\n\nOne more thing.`));
    await waitFor('the owner follow-up on the real ticket', async () => (await ticketBy(`messageId=${encodeURIComponent(`<owner-2@${DOMAIN}>`)}`))?.id === real.id);
    await waitFor('the stranger ack', () => mailsFor(forged.id).some((m) => m.header('x-tierdesk-kind') === 'ack'));
    expect(sink.mails.filter((m) => m.envelopeTo.includes(stranger) && m.header('x-tierdesk-ticket') === real.id)).toHaveLength(0);
  });

  // Four bots, four tickets: they run side by side.
  it.concurrent.each([
    ['an RFC 3834 auto-responder (Auto-Submitted, threaded), about an invoice', true, 'Invoice question', 'Where is my invoice?', 1],
    ['a careless auto-responder (no auto headers, no In-Reply-To, subject kept), about an invoice', false, 'Invoice question', 'Where is my invoice?', 1],
    ['an RFC 3834 auto-responder, at level 4 (ack, consent request)', true, 'Printer broken', 'My printer is broken.', 2],
    ['a careless auto-responder, at level 4 (ack, consent request, asked again once)', false, 'Printer broken', 'My printer is broken.', 3],
  ] as const)('keeps a loop with %s bounded', async (_name, compliant, subject, body, expected) => {
    const bot = `bot-${compliant ? 'rfc' : 'careless'}-${expected}@${DOMAIN}`;
    await sendRaw(td.smtpPort, bot, 'support@tierdesk.test', crlf(`From: ${bot}\nMessage-ID: <loop-${bot}>\nSubject: ${subject}\n\n${body}`));
    // The bot answers everything it gets, at once, for 6 seconds.
    const answered = new Set<SunkMail>();
    const until = Date.now() + 6000;
    let replies = 0;
    while (Date.now() < until) {
      for (const m of sink.mails.filter((x) => x.envelopeTo.includes(bot) && !answered.has(x))) {
        answered.add(m);
        replies++;
        const head = compliant ? `Auto-Submitted: auto-replied\nIn-Reply-To: ${m.parsed.messageId}\n` : '';
        await sendRaw(td.smtpPort, bot, 'support@tierdesk.test', crlf(`From: ${bot}\nMessage-ID: <loop-reply-${replies}-${bot}>\n${head}Subject: Re: ${m.parsed.subject}\n\nI am a bot and I got your mail.`));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const toBot = sink.mails.filter((x) => x.envelopeTo.includes(bot));
    expect(toBot.map((m) => m.header('x-tierdesk-kind'))).toHaveLength(expected);
    expect(toBot.every((m) => m.header('auto-submitted') === 'auto-generated')).toBe(true);
    const list = await td.api<{ tickets: Array<{ id: string }> }>('GET', `/api/tickets?customer=${encodeURIComponent(bot)}`);
    expect(list.body.tickets).toHaveLength(1);
    // Every reply of the bot is on the ticket, recorded, unanswered.
    const t = (await ticketBy(`customer=${encodeURIComponent(bot)}`))!;
    expect(t.messages.filter((m) => m.direction === 'in')).toHaveLength(1 + replies);
  }, 20_000);

  it('keeps one ticket and one ack when the same message arrives seven times at once, by SMTP and HTTP', async () => {
    const from = `dup@${DOMAIN}`;
    const raw = crlf(`From: ${from}\nMessage-ID: <dup-7@${DOMAIN}>\nSubject: Invoice copy\n\nPlease send a copy of the invoice.`);
    await Promise.all([
      ...Array.from({ length: 5 }, () => sendRaw(td.smtpPort, from, 'support@tierdesk.test', raw)),
      ...Array.from({ length: 2 }, () => td.api('POST', '/api/messages', raw, { 'content-type': 'message/rfc822' })),
    ]);
    const t = await waitFor('the dup ticket', () => ticketBy(`messageId=${encodeURIComponent(`<dup-7@${DOMAIN}>`)}`));
    await waitFor('its ack', () => mailsFor(t.id).some((m) => m.header('x-tierdesk-kind') === 'ack'));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await td.api<{ tickets: unknown[] }>('GET', `/api/tickets?customer=${encodeURIComponent(from)}`)).body.tickets).toHaveLength(1);
    expect(mailsFor(t.id).filter((m) => m.header('x-tierdesk-kind') === 'ack')).toHaveLength(1);
  });

  it('is still up and healthy, and logged no crash', async () => {
    expect(td.exitCode).toBeNull();
    expect((await td.api('GET', '/healthz')).status).toBe(200);
    expect(td.stdout + td.stderr).not.toMatch(/uncaught|unhandled|"level":60/i);
  });
});
