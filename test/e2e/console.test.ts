import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { ROOT, TierdeskProcess } from '../support/system.js';
import { mailIn } from '../support/send.js';
import { waitFor } from '../support/ports.js';

interface TicketJson {
  id: string;
  status: string;
  priority: string;
  level: number;
  category: string | null;
  version: number;
  flags: string[];
  triage: { needsTriage: boolean } | null;
  consent: { status: string; channel: string | null; vendorId: string } | null;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

const sink = new SmtpSink();
let td: TierdeskProcess;
/** The example config, with a console token of her own for Elena (level 3). */
const ELENA = 'elena.rossi@example.com';
const elenaToken = randomBytes(20).toString('hex');
const configDir = mkdtempSync(join(tmpdir(), 'tierdesk-console-'));
const configPath = join(configDir, 'config.json');
let cookie = '';
let csrf = '';

/** A browser stand-in: sends the session cookie, never follows redirects. */
async function web(method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${td.httpPort}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
}

const ticket = (id: string) => td.ticket<TicketJson>(id);

describe('agent console over HTTP', () => {
  let invoice: string;
  let vague: string;
  let nas: string;

  beforeAll(async () => {
    await sink.start();
    const config = JSON.parse(readFileSync(join(ROOT, 'config/tierdesk.example.json'), 'utf8')) as { agents: Array<{ email: string; token?: string }> };
    config.agents.find((a) => a.email === ELENA)!.token = elenaToken;
    writeFileSync(configPath, JSON.stringify(config));
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', TIERDESK_CONFIG: configPath } });
    await td.start();
    invoice = await mailIn(td, '<c-1@customer.test>', 'Camille <camille@customer.test>', 'Question sur ma facture', "Bonjour, j'ai une question sur ma facture de mars : la TVA est fausse.");
    vague = await mailIn(td, '<c-2@customer.test>', 'Vic <vic@customer.test>', 'Hello', 'Something is not right, please have a look.');
    nas = await mailIn(td, '<c-3@customer.test>', 'Klaus <klaus@customer.test>', 'NAS nicht erreichbar', 'Unsere Synology DiskStation (NAS) ist im Netzwerk nicht mehr erreichbar.');
  }, 60_000);

  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('reaches no console page and no console data without signing in', async () => {
    for (const path of ['/console', `/console/tickets/${invoice}`, '/console?status=all']) {
      const r = await web('GET', path);
      expect(r.status).toBe(303);
      expect(r.location).toBe(`/console/sign-in?next=${encodeURIComponent(path)}`);
    }
    expect((await web('GET', '/console/api/queue')).status).toBe(401);
    const post = await web('POST', `/console/tickets/${invoice}/resolve`, { resolution: 'x' });
    expect(post.status).toBe(303);
    expect((await ticket(invoice)).status).not.toBe('resolved');
    expect((await web('GET', '/console/assets/console.css')).status).toBe(200);
  });

  it('refuses a wrong or missing token with a clear message', async () => {
    const wrong = await web('POST', '/console/sign-in', { token: 'guess', next: '/console' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Sign-in refused: that is not the API token');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const empty = await web('POST', '/console/sign-in', { token: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('enter the API token');
    const fr = await web('POST', '/console/sign-in', { token: 'guess' }, { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(fr.text).toContain('Connexion refusée : ce n&#39;est pas le jeton d&#39;API');
  });

  it('signs in with the API token into an HttpOnly, SameSite=Strict session cookie, and back to the page asked for', async () => {
    const r = await web('POST', '/console/sign-in', { token: td.token, agent: 'camille.martin@example.com', next: `/console/tickets/${invoice}` });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/console/tickets/${invoice}`);
    const set = r.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/td_console=[^;]+; Path=\/console; Max-Age=\d+; SameSite=Strict; HttpOnly/);
    cookie = set.split(';')[0]!;
    const page = await web('GET', `/console/tickets/${invoice}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('camille.martin@example.com');
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('ignores a tampered session cookie and an open-redirect "next"', async () => {
    const saved = cookie;
    cookie = `${saved.slice(0, -3)}abc`;
    expect((await web('GET', '/console')).status).toBe(303);
    cookie = saved;
    const r = await web('POST', '/console/sign-in', { token: td.token, next: 'https://evil.test/' });
    expect(r.location).toBe('/console');
  });

  it('lists tickets per level with counts, filters and a live JSON feed', async () => {
    const all = await web('GET', '/console');
    expect(all.status).toBe(200);
    expect(all.text).toMatch(new RegExp(`<section class="level"[^>]*id="level-1">[\\s\\S]*data-ticket="${invoice}"`));
    expect(all.text).toContain(`data-ticket="${nas}"`);
    expect(all.text).toMatch(/data-count-level="4">1</);
    const feed = JSON.parse((await web('GET', '/console/api/queue?language=fr')).text) as { ids: string[]; counts: Record<string, number>; html: string };
    expect(feed.ids).toEqual([invoice]);
    expect(feed.counts).toMatchObject({ 1: 1, 4: 0 });
    const triage = JSON.parse((await web('GET', '/console/api/queue?needsTriage=1')).text) as { ids: string[] };
    expect(triage.ids).toEqual([vague]);
    const l4 = JSON.parse((await web('GET', '/console/api/queue?level=4&priority=normal')).text) as { ids: string[]; html: string };
    expect(l4.ids).toEqual([nas]);
    expect(l4.html).not.toContain('id="level-1"');
    const resolved = JSON.parse((await web('GET', '/console/api/queue?status=resolved')).text) as { ids: string[] };
    expect(resolved.ids).toEqual([]);
    const one = JSON.parse((await web('GET', `/console/api/tickets/${invoice}`)).text) as { version: number; html: string };
    expect(one.version).toBe((await ticket(invoice)).version);
    expect(one.html).toContain('Question sur ma facture');
  });

  it('speaks French or German by Accept-Language, and remembers a switch', async () => {
    expect((await web('GET', '/console', undefined, { 'accept-language': 'de-DE' })).text).toContain('<h1>Warteschlangen</h1>');
    const sw = await web('GET', '/console?lang=fr', undefined, { 'accept-language': 'de-DE' });
    expect(sw.text).toContain("<h1>Files d&#39;attente</h1>");
    expect(sw.headers.get('set-cookie')).toContain('td_lang=fr');
  });

  it('refuses a form without the CSRF token, or posted from another site, and changes nothing', async () => {
    const before = await ticket(invoice);
    const noToken = await web('POST', `/console/tickets/${invoice}/resolve`, { resolution: 'forged' });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('CSRF_INVALID');
    const cross = await web('POST', `/console/tickets/${invoice}/resolve`, { _csrf: csrf, resolution: 'forged' }, { origin: 'https://evil.test' });
    expect(cross.status).toBe(403);
    expect((await ticket(invoice)).version).toBe(before.version);
  });

  it('replies to the customer from the console: agent-reply email, signed by the agent', async () => {
    const r = await web('POST', `/console/tickets/${invoice}/reply`, { _csrf: csrf, body: 'Bonjour, voici la facture corrigée.' });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/console/tickets/${invoice}?done=reply#flash`);
    const mail = await waitFor('the agent reply', () => sink.byKind('agent-reply', invoice)[0]);
    expect(mail.envelopeTo).toEqual(['camille@customer.test']);
    expect(mail.parsed.text).toContain('voici la facture corrigée');
    const t = await ticket(invoice);
    expect(t.events.find((e) => e.type === 'ticket.replied')?.data.agent).toBe('camille.martin@example.com');
    const after = (await web('GET', r.location!)).text;
    expect(after).toContain('Done: Send reply.');
    // The reply made the ticket wait on the customer: the SLA panel shows the pause it started.
    expect(t.status).toBe('waiting_customer');
    expect(after).toMatch(/<ul id="sla-pauses"><li data-pause-status="waiting_customer">[^<]+ – still paused \(waiting for customer\)<\/li><\/ul>/);
  });

  it('shows the API error code when an action is refused, keeps the input, and changes nothing', async () => {
    const before = await ticket(invoice);
    const bad = await web('POST', `/console/tickets/${invoice}/escalate`, { _csrf: csrf, level: '1', reason: 'same level' });
    expect(bad.status).toBe(409);
    expect(bad.text).toContain('<code class="error-code">TRANSITION_NOT_ALLOWED</code>');
    expect(bad.text).toContain('already at level 1');
    expect(bad.text).toContain('value="same level"');
    const empty = await web('POST', `/console/tickets/${invoice}/escalate`, { _csrf: csrf, level: '2', reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('INVALID_INPUT');
    const unknown = await web('POST', `/console/tickets/TD-999/resolve`, { _csrf: csrf, resolution: 'x' });
    expect(unknown.status).toBe(404);
    expect((await ticket(invoice)).version).toBe(before.version);
  });

  it('changes the priority through the API with an optional reason; the same priority again is refused with its code', async () => {
    const page = (await web('GET', `/console/tickets/${invoice}`)).text;
    expect(page).toContain('id="form-priority"');
    const before = await ticket(invoice);
    const to = before.priority === 'high' ? 'urgent' : 'high';
    const r = await web('POST', `/console/tickets/${invoice}/priority`, { _csrf: csrf, priority: to, priorityReason: 'VAT error blocks the month-end close' });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/console/tickets/${invoice}?done=priority#flash`);
    expect((await web('GET', r.location!)).text).toContain('Done: Set priority.');
    const t = await ticket(invoice);
    expect(t.priority).toBe(to);
    expect(t.events.filter((e) => e.type === 'ticket.priority_changed').map((e) => e.data)).toEqual([
      { from: before.priority, to, reason: 'VAT error blocks the month-end close', by: 'camille.martin@example.com' },
    ]);
    const same = await web('POST', `/console/tickets/${invoice}/priority`, { _csrf: csrf, priority: to, priorityReason: 'again' });
    expect(same.status).toBe(400);
    expect(same.text).toContain('<code class="error-code">INVALID_INPUT</code>');
    expect(same.text).toContain('value="again"');
    expect((await ticket(invoice)).events.filter((e) => e.type === 'ticket.priority_changed')).toHaveLength(1);
  });

  it('keeps a triage correction as a labelled example, moves the ticket and clears needs-triage', async () => {
    const r = await web('POST', `/console/tickets/${vague}/triage`, { _csrf: csrf, verdict: 'corrected', level: '3', category: 'bug' });
    expect(r.status).toBe(303);
    const t = await ticket(vague);
    expect(t).toMatchObject({ level: 3, category: 'bug' });
    expect(t.flags).not.toContain('needs-triage');
    expect(t.flags).toContain('triage-corrected');
    expect(t.events.some((e) => e.type === 'ticket.escalated' && String(e.data.reason).startsWith('triage corrected by camille.martin@example.com'))).toBe(true);
    // Through the API's own route: the review is on the timeline, and confirming twice keeps one example.
    expect(t.events.filter((e) => e.type === 'ticket.triage_reviewed').map((e) => e.data)).toEqual([
      { verdict: 'corrected', level: 3, category: 'bug', previousLevel: 1, previousCategory: expect.any(String), by: 'camille.martin@example.com', reason: null },
    ]);
    for (let i = 0; i < 2; i++) {
      const confirmed = await web('POST', `/console/tickets/${invoice}/triage`, { _csrf: csrf, verdict: 'confirmed' });
      expect(confirmed.status).toBe(303);
      expect(confirmed.location).toBe(`/console/tickets/${invoice}?done=triage-confirmed#flash`);
    }
    expect((await ticket(invoice)).events.filter((e) => e.type === 'ticket.triage_reviewed').map((e) => e.data.verdict)).toEqual(['confirmed', 'confirmed']);
    const same = await web('POST', `/console/tickets/${invoice}/triage`, { _csrf: csrf, verdict: 'corrected', level: '1', category: 'billing' });
    expect(same.status).toBe(400);
    expect(same.text).toContain('<code class="error-code">INVALID_INPUT</code>');
    const out = await td.cli(['triage', 'corrections', '--jsonl']);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ ticketId: vague, verdict: 'corrected', subject: 'Hello', body: expect.stringContaining('Something is not right'), level: 3, category: 'bug', predicted: { level: 1 } });
    expect(lines[1]).toMatchObject({ ticketId: invoice, verdict: 'confirmed', level: 1, category: 'billing' });
    const classify = await td.cli(['classify', '--jsonl'], out.stdout);
    expect(classify.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('records phone consent on a level-4 ticket, after which the vendor gets the handoff', async () => {
    await waitFor('the consent request', async () => (await ticket(nas)).consent?.status === 'requested');
    const r = await web('POST', `/console/tickets/${nas}/consent`, { _csrf: csrf, granted: 'true' });
    expect(r.status).toBe(303);
    expect((await ticket(nas)).consent).toMatchObject({ status: 'granted', channel: 'phone' });
    const handoff = await waitFor('the vendor handoff', () => sink.byKind('vendor-handoff', nas)[0]);
    expect(handoff.envelopeTo).toEqual(['support@nas-partner.example.net']);
    const page = await web('GET', `/console/tickets/${nas}`);
    expect(page.text).toMatch(/<section class="panel" id="vendor"[\s\S]*NAS Partner Service/);
  });

  it('chooses a vendor for a ticket an agent moved to level 4: the customer is asked for consent', async () => {
    const r = await web('POST', `/console/tickets/${vague}/escalate`, { _csrf: csrf, level: '4', reason: 'it is the customer’s printer' });
    expect(r.status).toBe(303);
    const choose = await web('POST', `/console/tickets/${vague}/vendor`, { _csrf: csrf, vendor: 'printer' });
    expect(choose.status).toBe(303);
    await waitFor('the consent request about the printer vendor', async () => (await ticket(vague)).consent?.vendorId === 'printer');
    await waitFor('the consent-request email', () => sink.byKind('consent-request', vague)[0]);
  });

  it('renders a hostile email as text: markup escaped, nothing remote', async () => {
    const id = await mailIn(td, '<c-4@customer.test>', 'Mallory <mallory@customer.test>', 'Invoice <script>alert(1)</script>', 'See <img src="https://tracker.test/p.gif"> and <script>steal()</script>');
    const page = await web('GET', `/console/tickets/${id}`);
    expect(page.text).toContain('Invoice &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('See &lt;img src=&quot;https://tracker.test/p.gif&quot;&gt; and &lt;script&gt;steal()&lt;/script&gt;');
    expect(page.text).not.toContain('<img');
    expect(page.text.match(/<script/g)).toHaveLength(1);
    expect(page.text).not.toContain('tracker.test/p.gif"');
  });

  it("signs an agent in with their own token from the config, as that agent whatever the form says", async () => {
    const id = await mailIn(td, '<c-5@customer.test>', 'Greta <greta@customer.test>', 'Frage zur Rechnung', 'Hallo, ich habe eine Frage zu meiner Rechnung vom März.');
    const saved = { cookie, csrf };
    try {
      cookie = '';
      const r = await web('POST', '/console/sign-in', { token: elenaToken, agent: 'camille.martin@example.com', next: `/console/tickets/${id}` });
      expect(r.status).toBe(303);
      expect(r.location).toBe(`/console/tickets/${id}`);
      cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await web('GET', `/console/tickets/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Signed in as ${ELENA}`);
      csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const reply = await web('POST', `/console/tickets/${id}/reply`, { _csrf: csrf, body: 'Guten Tag, die korrigierte Rechnung folgt.' });
      expect(reply.status).toBe(303);
      expect((await ticket(id)).events.find((e) => e.type === 'ticket.replied')?.data.agent).toBe(ELENA);
      // Nobody else's token, and no part of hers, gets in.
      cookie = '';
      const near = await web('POST', '/console/sign-in', { token: elenaToken.slice(0, -1), agent: ELENA });
      expect(near.status).toBe(401);
      expect(near.text).toContain('that is not the API token or an agent token');
      expect(near.headers.get('set-cookie')).toBeNull();
      expect(td.stdout).not.toContain(elenaToken);
    } finally {
      ({ cookie, csrf } = saved);
    }
  });

  it('signs out: the cookie is cleared and the pages are closed again', async () => {
    const r = await web('POST', '/console/sign-out', { _csrf: csrf });
    expect(r.status).toBe(303);
    expect(r.headers.get('set-cookie')).toMatch(/td_console=; .*Max-Age=0/);
    cookie = '';
    expect((await web('GET', '/console')).status).toBe(303);
  });
});
