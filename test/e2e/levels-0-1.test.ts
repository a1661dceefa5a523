import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';
import { writeTestConfig } from '../support/config.js';

interface TicketJson {
  id: string;
  status: string;
  level: number;
  language: string;
  firstResponseAt: string | null;
  messages: Array<{ messageId: string; direction: string; kind: string | null }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

const sink = new SmtpSink();
let td: TierdeskProcess;
const L01_AGENTS = ['anna.becker@example.com', 'camille.martin@example.com'];
const L3_AGENTS = ['elena.rossi@example.com', 'felix.hoffmann@example.com'];

const ticketOf = (messageId: string) => td.ticketOf<TicketJson>(messageId);
const ticket = (id: string) => td.ticket<TicketJson>(id);

function recipients(kind: string, id: string): string[] {
  return sink.byKind(kind, id).flatMap((m) => m.envelopeTo).sort();
}

describe('level 0 self-help and the level 1 ticket flow, over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    const config = writeTestConfig((c) => {
      c.selfHelp = { closeAfter: 'PT3S' };
    });
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', TIERDESK_CONFIG: config } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('answers a how-to question with KB articles, waits, and resolves on "thanks, solved"', async () => {
    await sendMail(td.smtpPort, { from: 'Tom <tom@customer.test>', to: 'support@tierdesk.test', subject: 'How can I reset my password?', text: 'Hi, I forgot my password. How do I request a new one? Thanks, Tom', messageId: '<l0-solved@customer.test>' });
    const t = await ticketOf('<l0-solved@customer.test>');
    const answer = await waitFor('kb-answer', () => sink.byKind('kb-answer', t.id)[0]);
    expect(answer.envelopeTo).toEqual(['tom@customer.test']);
    expect(answer.parsed.text).toMatch(/https:\/\/help\.example\.com\//);
    expect(sink.byKind('ack', t.id)).toHaveLength(0);
    expect((await ticket(t.id)).status).toBe('waiting_customer');
    await sendMail(td.smtpPort, { from: 'tom@customer.test', to: 'support@tierdesk.test', subject: `Re: ${answer.parsed.subject}`, text: 'Thanks, solved!\n\n> previous answer', inReplyTo: answer.parsed.messageId, references: [answer.parsed.messageId!] });
    await waitFor('resolved', async () => (await ticket(t.id)).status === 'resolved');
    await waitFor('resolved email', () => sink.byKind('resolved', t.id)[0]);
  });

  it('escalates to level 1 when the articles did not help, telling exactly the level-1 agents', async () => {
    await sendMail(td.smtpPort, { from: 'Léa <lea@client.test>', to: 'support@tierdesk.test', subject: 'Comment créer un nouvel utilisateur ?', text: 'Bonjour, comment puis-je créer un nouvel utilisateur ? Merci, Léa', messageId: '<l0-nothelped@client.test>' });
    const t = await ticketOf('<l0-nothelped@client.test>');
    const answer = await waitFor('kb-answer', () => sink.byKind('kb-answer', t.id)[0]);
    expect(answer.header('content-language')).toBe('fr');
    // The article's title in the customer's language, with its link.
    expect(answer.parsed.text).toContain('Créer un nouvel utilisateur');
    expect(answer.parsed.text).not.toContain('Create a new user');
    expect(answer.parsed.text).toContain('https://help.example.com/kb/create-user');
    await waitFor('arrival notifications', () => recipients('agent-notification', t.id).length === 2);
    await sendMail(td.smtpPort, { from: 'lea@client.test', to: 'support@tierdesk.test', subject: `Re: ${answer.parsed.subject}`, text: "Ça n'a pas aidé, j'ai toujours le même problème.", inReplyTo: answer.parsed.messageId });
    await waitFor('level 1', async () => (await ticket(t.id)).level === 1);
    expect((await ticket(t.id)).status).toBe('open');
    await waitFor('escalation notifications', () => recipients('agent-notification', t.id).length === 4);
    expect(recipients('agent-notification', t.id)).toEqual([...L01_AGENTS, ...L01_AGENTS].sort());
  });

  it('closes an unanswered self-help ticket after selfHelp.closeAfter with a last note', async () => {
    await sendMail(td.smtpPort, { from: 'quiet@customer.test', to: 'support@tierdesk.test', subject: 'How can I reset my password?', text: 'Hello, how do I reset my password?', messageId: '<l0-quiet@customer.test>' });
    const t = await ticketOf('<l0-quiet@customer.test>');
    await waitFor('closed', async () => (await ticket(t.id)).status === 'closed', 15_000, 200);
    const last = await waitFor('last note', () => sink.byKind('resolved', t.id)[0]);
    expect(last.envelopeTo).toEqual(['quiet@customer.test']);
  });

  it('runs the level-1 flow: ack, agents told, reply threaded, resolve, reopen, escalate', async () => {
    await sendMail(td.smtpPort, { from: 'Clara <clara@kunde.test>', to: 'support@tierdesk.test', subject: 'Frage zur Rechnung', text: 'Hallo, ich habe eine Frage zu meiner Rechnung vom Oktober. Viele Grüße, Clara', messageId: '<l1@kunde.test>' });
    const t = await ticketOf('<l1@kunde.test>');
    expect(t.level).toBe(1);
    expect(t.language).toBe('de');
    const ack = await waitFor('ack', () => sink.byKind('ack', t.id)[0]);
    expect(ack.envelopeTo).toEqual(['clara@kunde.test']);
    await waitFor('agents told', () => recipients('agent-notification', t.id).length === 2);
    expect(recipients('agent-notification', t.id)).toEqual(L01_AGENTS);

    const replied = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/reply`, { body: 'Guten Tag, die Kopie ist unterwegs.', agent: 'anna.becker@example.com' });
    expect(replied.status).toBe(200);
    expect(replied.body.firstResponseAt).not.toBeNull();
    const reply = await waitFor('agent-reply', () => sink.byKind('agent-reply', t.id)[0]);
    expect(reply.parsed.text).toContain('die Kopie ist unterwegs');
    expect(reply.parsed.inReplyTo).toBe('<l1@kunde.test>');
    expect(reply.header('auto-submitted')).toBeUndefined();

    const resolved = await td.cli(['ticket', 'resolve', t.id, '--resolution', 'Copy of the invoice sent', '--json']);
    expect(resolved.code).toBe(0);
    expect(JSON.parse(resolved.stdout).status).toBe('resolved');
    await waitFor('resolved email', () => sink.byKind('resolved', t.id)[0]);

    await sendMail(td.smtpPort, { from: 'clara@kunde.test', to: 'support@tierdesk.test', subject: `Re: ${reply.parsed.subject}`, text: 'Die Kopie ist leider nicht angekommen.', inReplyTo: reply.parsed.messageId, messageId: '<l1-reopen@kunde.test>' });
    await waitFor('reopened', async () => (await ticket(t.id)).status === 'open');
    // The agent who answered learns the customer wrote again (customer-follow-up.test.ts has more).
    const followUp = await waitFor('Anna told of the reply', () => sink.byKind('agent-notification', t.id).find((m) => m.parsed.inReplyTo === '<l1-reopen@kunde.test>'));
    expect(followUp.envelopeTo).toEqual(['anna.becker@example.com']);

    const bad = await td.api<{ error: { code: string } }>('POST', `/api/tickets/${t.id}/escalate`, { level: 3 });
    expect(bad.status).toBe(400);
    const up = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/escalate`, { level: 3, reason: 'Invoice export is broken in the product' });
    expect(up.status).toBe(200);
    expect(up.body.level).toBe(3);
    await waitFor('L3 agents told', () => recipients('agent-notification', t.id).length === 5);
    expect(recipients('agent-notification', t.id)).toEqual([...L01_AGENTS, 'anna.becker@example.com', ...L3_AGENTS].sort());
    const down = await td.api<{ error: { code: string } }>('POST', `/api/tickets/${t.id}/escalate`, { level: 3, reason: 'again' });
    expect(down.status).toBe(409);
    expect(down.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    const missing = await td.api<{ error: { code: string } }>('POST', '/api/tickets/TD-99999/resolve', { resolution: 'x' });
    expect(missing.status).toBe(404);
  });

  it('answers and escalates from the CLI: `ticket reply` threads an agent-reply, `ticket escalate` tells exactly that level\'s agents', async () => {
    await sendMail(td.smtpPort, { from: 'Raj <raj@customer.test>', to: 'support@tierdesk.test', subject: 'Wrong company name on our invoice', text: 'Hello, our latest invoice shows our old company name. Could you reissue it? Regards, Raj', messageId: '<cli-l1@customer.test>' });
    const t = await ticketOf('<cli-l1@customer.test>');
    expect(t).toMatchObject({ level: 1, language: 'en', firstResponseAt: null });
    await waitFor('agents told', () => recipients('agent-notification', t.id).length === 2);

    const replied = await td.cli(['ticket', 'reply', t.id, '--body', 'Hello Raj, the corrected invoice is on its way.', '--agent', 'camille.martin@example.com', '--json']);
    expect(replied.code, replied.stderr).toBe(0);
    expect(JSON.parse(replied.stdout).firstResponseAt).not.toBeNull();
    const reply = await waitFor('agent-reply', () => sink.byKind('agent-reply', t.id)[0]);
    expect(reply.envelopeTo).toEqual(['raj@customer.test']);
    expect(reply.parsed.text).toContain('the corrected invoice is on its way');
    expect(reply.parsed.inReplyTo).toBe('<cli-l1@customer.test>');
    expect(reply.parsed.subject).toContain(`[${t.id}]`);
    // One message on the ticket for the reply: the one the email went out under, so answers thread to it.
    const onTicket = (await ticket(t.id)).messages.filter((m) => m.kind === 'agent-reply');
    expect(onTicket.map((m) => m.messageId)).toEqual([reply.parsed.messageId]);

    const noReason = await td.cli(['ticket', 'escalate', t.id, '--level', '4']);
    expect(noReason.code).not.toBe(0);
    const badLevel = await td.cli(['ticket', 'escalate', t.id, '--level', 'nine', '--reason', 'x']);
    expect(badLevel.code).toBe(1);
    expect(badLevel.stderr).toMatch(/INVALID_INPUT/);
    const up = await td.cli(['ticket', 'escalate', t.id, '--level', '4', '--reason', 'The invoice PDF is produced by the hosted print service', '--agent', 'camille.martin@example.com', '--json']);
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout).level).toBe(4);
    // Level 4 alone is told, in one email per agent: why it came, and that no vendor matches, so
    // one must be chosen (API and CLI, the configured ids).
    const told = await waitFor('L4 agent told why', () => sink.byKind('agent-notification', t.id).find((m) => m.parsed.text?.includes('hosted print service')));
    expect(told.envelopeTo).toEqual(['martin.keller@example.com']);
    const text = (told.parsed.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`No vendor matches ${t.id}`);
    expect(text).toContain(`POST /api/tickets/${t.id}/vendor`);
    expect(text).toContain(`tierdesk ticket vendor ${t.id} --vendor <id>`);
    expect(text).toContain('configured: nas, printer, database, terminal-server, hosting');
    await waitFor('the needs-vendor flag', async () => ((await ticket(t.id)) as TicketJson & { flags: string[] }).flags.includes('needs-vendor'));
    // Give a second note (the vendor flow's own) time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(recipients('agent-notification', t.id)).toEqual([...L01_AGENTS, 'martin.keller@example.com'].sort());
  }, 90_000);

  it('reads an HTML-only mail and takes its priority from the headers', async () => {
    await sendMail(td.smtpPort, {
      from: 'Petra <petra@kunde.test>',
      to: 'support@tierdesk.test',
      subject: 'Rechnung',
      html: '<html><head><style>p { color: #333 }</style></head><body><p>Hallo,</p><p>auf unserer Rechnung fehlt die USt-IdNr. Bitte schicken Sie eine korrigierte Rechnung.</p><p>Viele Gr&uuml;&szlig;e<br>Petra</p></body></html>',
      headers: { 'X-Priority': '2 (High)' },
      messageId: '<html-only@kunde.test>',
    });
    const t = await ticketOf('<html-only@kunde.test>');
    const full = (await td.api<TicketJson & { priority: string; category: string; flags: string[] }>('GET', `/api/tickets/${t.id}`)).body;
    expect(full).toMatchObject({ level: 1, language: 'de', category: 'billing', priority: 'high' });
    expect(full.flags).not.toContain('needs-triage');
    const ack = await waitFor('ack', () => sink.byKind('ack', t.id)[0]);
    expect(ack.header('content-language')).toBe('de');
  });

  it('sends mail in another language, or with nothing in it, to level 1 for triage with an English ack', async () => {
    await sendMail(td.smtpPort, { from: 'juan@cliente.test', to: 'support@tierdesk.test', subject: 'Problema con la factura', text: 'Hola, tengo un problema con la factura del mes pasado. ¿Pueden ayudarme? Gracias', messageId: '<es-1@cliente.test>' });
    const es = await ticketOf('<es-1@cliente.test>');
    expect(es.level).toBe(1);
    expect(es.language).toBe('es');
    expect((await td.api<{ flags: string[] }>('GET', `/api/tickets/${es.id}`)).body.flags).toContain('needs-triage');
    const ack = await waitFor('ack', () => sink.byKind('ack', es.id)[0]);
    expect(ack.header('content-language')).toBe('en');
    await sendMail(td.smtpPort, { from: 'empty@customer.test', to: 'support@tierdesk.test', subject: '', text: '', messageId: '<empty-1@customer.test>' });
    const empty = await ticketOf('<empty-1@customer.test>');
    expect(empty.level).toBe(1);
    expect((await td.api<{ flags: string[]; subject: string }>('GET', `/api/tickets/${empty.id}`)).body.flags).toContain('needs-triage');
  });

  it('classifies through the CLI exactly as CONTRACT §8 says, also as JSON lines', async () => {
    const one = await td.cli(['classify'], JSON.stringify({ subject: 'Frage zur Rechnung', body: 'Hallo, ich habe eine Frage zu meiner Rechnung.' }));
    expect(one.code).toBe(0);
    const parsed = JSON.parse(one.stdout);
    expect(Object.keys(parsed)).toEqual(['level', 'category', 'language', 'confidence', 'kb', 'vendor']);
    expect(parsed).toMatchObject({ level: 1, language: 'de' });
    const lines = await td.cli(['classify', '--jsonl'], ['{"subject":"How can I reset my password?","body":""}', '{"subject":"Mon NAS ne répond plus","body":"Le NAS Synology est inaccessible depuis ce matin."}', 'not json'].join('\n'));
    const out = lines.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0].level).toBe(0);
    expect(out[1]).toMatchObject({ level: 4, vendor: 'nas', language: 'fr' });
    expect(out[2].error.code).toBe('INVALID_INPUT');
    expect(lines.code).toBe(1);
  });
});
