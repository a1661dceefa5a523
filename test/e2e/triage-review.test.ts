import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { mailIn } from '../support/send.js';
import { waitFor } from '../support/ports.js';

interface TicketJson {
  id: string;
  status: string;
  level: number;
  category: string | null;
  version: number;
  flags: string[];
  triage: { needsTriage: boolean } | null;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}
interface ApiError {
  error: { code: string; message: string };
}

const sink = new SmtpSink();
let td: TierdeskProcess;
const LEVEL3 = ['elena.rossi@example.com', 'felix.hoffmann@example.com'];

const ticket = (id: string) => td.ticket<TicketJson>(id);

const reviews = (t: TicketJson) => t.events.filter((e) => e.type === 'ticket.triage_reviewed');
const notifiedAt = (id: string, address: string) => sink.byKind('agent-notification', id).filter((m) => m.envelopeTo.includes(address));

describe('triage review through the HTTP API and the CLI', () => {
  let invoice: string;
  let vague: string;

  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
    invoice = await mailIn(td, '<t-1@customer.test>', 'Camille <camille@customer.test>', 'Question sur ma facture', "Bonjour, j'ai une question sur ma facture de mars : la TVA est fausse.");
    vague = await mailIn(td, '<t-2@customer.test>', 'Vic <vic@customer.test>', 'Hello', 'Something is not right, please have a look.');
  }, 60_000);

  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('refuses the route without the token', async () => {
    const r = await td.api<ApiError>('POST', `/api/tickets/${invoice}/triage`, { confirm: true }, { authorization: 'Bearer wrong' });
    expect(r.status).toBe(401);
    expect(reviews(await ticket(invoice))).toHaveLength(0);
  });

  it('confirms over HTTP, and again with the CLI: each review on the timeline, the ticket where it was', async () => {
    const before = await ticket(invoice);
    expect(before).toMatchObject({ level: 1, category: 'billing' });
    const r = await td.api<TicketJson>('POST', `/api/tickets/${invoice}/triage`, { confirm: true, agent: 'anna.becker@example.com' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: invoice, level: 1, category: 'billing', triage: { needsTriage: false } });
    expect(r.body.flags).toContain('triage-confirmed');
    expect(reviews(r.body).map((e) => e.data)).toEqual([
      { verdict: 'confirmed', level: 1, category: 'billing', previousLevel: 1, previousCategory: 'billing', by: 'anna.becker@example.com', reason: null },
    ]);

    const cli = await td.cli(['ticket', 'triage', invoice.toLowerCase(), '--confirm', '--agent', 'camille.martin@example.com', '--reason', 'checked twice']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`${invoice}  L1`);
    expect(cli.stdout).toContain('triage confirmed');
    const after = await ticket(invoice);
    expect(reviews(after).map((e) => [e.data.by, e.data.reason])).toEqual([
      ['anna.becker@example.com', null],
      ['camille.martin@example.com', 'checked twice'],
    ]);
    expect(after.events.filter((e) => e.type === 'ticket.escalated' || e.type === 'ticket.deescalated')).toHaveLength(0);
  });

  it('corrects the level with the CLI: the ticket moves up as an agent escalation, each level-3 agent is told once', async () => {
    const before = await ticket(vague);
    expect(before).toMatchObject({ level: 1, triage: { needsTriage: true } });
    const cli = await td.cli(['ticket', 'triage', vague, '--level', '3', '--category', 'bug', '--reason', 'an app error', '--agent', 'camille.martin@example.com', '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.stdout) as TicketJson;
    expect(printed).toMatchObject({ id: vague, level: 3, category: 'bug', triage: { needsTriage: false } });
    expect(printed.flags).toContain('triage-corrected');
    expect(printed.flags).not.toContain('needs-triage');
    expect(reviews(printed).map((e) => e.data)).toEqual([
      { verdict: 'corrected', level: 3, category: 'bug', previousLevel: 1, previousCategory: before.category, by: 'camille.martin@example.com', reason: 'an app error' },
    ]);
    const escalated = printed.events.filter((e) => e.type === 'ticket.escalated');
    expect(escalated.map((e) => e.data)).toEqual([
      { from: 1, to: 3, by: 'camille.martin@example.com', reason: `triage corrected by camille.martin@example.com: L1/${before.category ?? '-'} → L3/bug (an app error)` },
    ]);

    for (const agent of LEVEL3) {
      const mail = await waitFor(`the agent-notification to ${agent}`, () => notifiedAt(vague, agent)[0]);
      expect(mail.parsed.text).toContain('triage corrected by camille.martin@example.com');
    }

    // A second correction of the category only moves nothing and tells no one.
    const http = await td.api<TicketJson>('POST', `/api/tickets/${vague}/triage`, { level: 3, category: 'database', agent: 'elena.rossi@example.com' });
    expect(http.status).toBe(200);
    expect(http.body).toMatchObject({ level: 3, category: 'database' });
    expect(reviews(http.body)).toHaveLength(2);

    // Resolving makes one more email; once it has arrived, the level-3 agents still have one each.
    expect((await td.api('POST', `/api/tickets/${vague}/resolve`, { resolution: 'fixed in 2.4.1' })).status).toBe(200);
    await waitFor('the resolved email', () => sink.byKind('resolved', vague)[0]);
    await new Promise((r) => setTimeout(r, 500));
    for (const agent of LEVEL3) expect(notifiedAt(vague, agent), agent).toHaveLength(1);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await ticket(invoice);
    for (const body of [{}, { confirm: false }, { level: 7 }, { level: '3' }, { confirm: true, level: 2 }, { level: 1, category: 'billing' }, { level: 2, category: 'a\nb' }, { confirm: true, agent: '' }]) {
      const r = await td.api<ApiError>('POST', `/api/tickets/${invoice}/triage`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('INVALID_INPUT');
    }
    const notJson = await td.api<ApiError>('POST', `/api/tickets/${invoice}/triage`, Buffer.from('confirm'), { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    for (const args of [[], ['--confirm', '--level', '2'], ['--level', 'nine']]) {
      const cli = await td.cli(['ticket', 'triage', invoice, ...args]);
      expect(cli.code, args.join(' ')).toBe(1);
      expect(cli.stderr).toContain('[INVALID_INPUT]');
    }
    expect((await ticket(invoice)).version).toBe(before.version);
  });

  it('answers 404 for an unknown ticket and 409 for a resolved one', async () => {
    const unknown = await td.api<ApiError>('POST', '/api/tickets/TD-999/triage', { confirm: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('TICKET_NOT_FOUND');
    const cliUnknown = await td.cli(['ticket', 'triage', 'TD-999', '--confirm']);
    expect(cliUnknown.code).toBe(1);
    expect(cliUnknown.stderr).toContain('[TICKET_NOT_FOUND]');

    const before = await ticket(vague);
    expect(before.status).toBe('resolved');
    for (const body of [{ confirm: true }, { level: 2 }]) {
      const r = await td.api<ApiError>('POST', `/api/tickets/${vague}/triage`, body);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    }
    const cli = await td.cli(['ticket', 'triage', vague, '--confirm']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('[TRANSITION_NOT_ALLOWED]');
    expect((await ticket(vague)).version).toBe(before.version);
  });

  it('exports one labelled example per ticket, its latest review', async () => {
    const out = await td.cli(['triage', 'corrections', '--jsonl']);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.ticketId)).toEqual([invoice, vague]);
    expect(lines[0]).toMatchObject({ verdict: 'confirmed', agent: 'camille.martin@example.com', level: 1, category: 'billing', subject: 'Question sur ma facture' });
    expect(lines[1]).toMatchObject({ verdict: 'corrected', agent: 'elena.rossi@example.com', level: 3, category: 'database', subject: 'Hello', predicted: { level: 1 } });
    const classify = await td.cli(['classify', '--jsonl'], out.stdout);
    expect(classify.stdout.trim().split('\n')).toHaveLength(2);
  });
});
