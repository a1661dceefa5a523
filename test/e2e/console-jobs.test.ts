import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

interface FailedJob {
  id: string;
  queue: string;
  ticketId: string | null;
  failedReason: string;
}

const CUSTOMER = 'gone@customer.test';
const sink = new SmtpSink();
let td: TierdeskProcess;
let cookie = '';
let csrf = '';

/** A browser stand-in: sends the session cookie, never follows redirects. */
async function web(method: string, path: string, form?: Record<string, string>) {
  const res = await fetch(`http://127.0.0.1:${td.httpPort}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
}

/** The dead letters as the CLI sees them: the console must agree. */
async function failed(): Promise<FailedJob[]> {
  const r = await td.cli(['jobs', 'failed', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as FailedJob[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };
/** How the page must show outside text (job ids hold message ids like <td-1.ack.…@host>). */
const esc = (s: string) => s.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
const toCustomer = () => sink.mails.filter((m) => m.envelopeTo.includes(CUSTOMER));

describe('console: failed jobs (dead letters) and their replay', () => {
  let ticketId: string;
  let dead: FailedJob[];

  beforeAll(async () => {
    await sink.start();
    sink.refuseWith = 550;
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
    await sendMail(td.smtpPort, { from: `Gone <${CUSTOMER}>`, to: 'support@tierdesk.test', subject: 'Invoice missing', text: 'Where is my invoice for May?', messageId: '<cj-1@customer.test>' });
    dead = await waitFor('a dead-lettered email with its ticket', async () => {
      const jobs = (await failed()).filter((j) => j.queue === 'outbound' && j.ticketId);
      return jobs.length ? jobs : null;
    }, 30_000);
    ticketId = dead[0]!.ticketId!;
    // The customer's own email (ack or kb-answer) first: its replay is what the customer sees.
    dead.sort((a, b) => Number(/\.(ack|kb-answer)\./.test(b.id)) - Number(/\.(ack|kb-answer)\./.test(a.id)));
  }, 60_000);

  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('is behind the console session', async () => {
    const r = await web('GET', '/console/jobs');
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/console/sign-in?next=${encodeURIComponent('/console/jobs')}`);
    const post = await web('POST', '/console/jobs/retry', { all: '1' });
    expect(post.status).toBe(303);
    expect((await failed()).length).toBeGreaterThanOrEqual(dead.length);
  });

  it('lists every dead letter with its queue, ticket link, escaped reason and attempts, and counts them in the navigation', async () => {
    const signIn = await web('POST', '/console/sign-in', { token: td.token, agent: 'camille.martin@example.com', next: '/console/jobs' });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/console/jobs');
    cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const all = await failed();
    const page = await web('GET', '/console/jobs');
    expect(page.status).toBe(200);
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    expect(page.text).toContain(`<a href="/console/jobs" aria-current="page">Failed jobs <span class="badge">${all.length}</span></a>`);
    for (const j of all) {
      expect(page.text).toContain(`<td><code>${j.queue}</code></td>\n<td><code>${esc(j.id)}</code></td>`);
      expect(page.text).toContain(`<input type="hidden" name="id" value="${esc(j.id)}">`);
    }
    expect(page.text).toContain(`<a href="/console/tickets/${ticketId}">${ticketId}</a>`);
    expect(dead[0]!.failedReason).toMatch(/550/);
    expect(page.text).toContain(`<td class="reason" title="${esc(dead[0]!.failedReason)}">${esc(dead[0]!.failedReason)}</td>`);
    expect(page.text).not.toContain(dead[0]!.id);
    // The badge is on the other pages too, and the page speaks the agent's language.
    expect((await web('GET', '/console')).text).toContain(`Failed jobs <span class="badge">${all.length}</span>`);
    expect((await web('GET', '/console/jobs?lang=de')).text).toContain('Alle wiederholen');
  });

  it('refuses a replay without the CSRF token', async () => {
    const r = await web('POST', '/console/jobs/retry', { queue: 'outbound', id: dead[0]!.id });
    expect(r.status).toBe(403);
    expect(r.text).toContain('CSRF_INVALID');
    expect((await failed()).map((j) => j.id)).toContain(dead[0]!.id);
  });

  it('replays one job once the fault is gone: it leaves the failed set, the email arrives once, a second replay is skipped', async () => {
    sink.refuseWith = null;
    const job = dead[0]!;
    const r = await web('POST', '/console/jobs/retry', { _csrf: csrf, queue: job.queue, id: job.id });
    expect(r.status).toBe(200);
    expect(r.text).toContain('Replayed: 1. Skipped (no longer failed): 0.');
    expect(r.text).toContain(`<li><code>${job.queue}</code> <code>${esc(job.id)}</code></li>`);
    await waitFor('the replayed email', () => toCustomer()[0], 15_000);
    expect((await failed()).some((j) => j.id === job.id)).toBe(false);
    expect(r.text).not.toContain(`<input type="hidden" name="id" value="${esc(job.id)}">`);
    const again = await web('POST', '/console/jobs/retry', { _csrf: csrf, queue: job.queue, id: job.id });
    expect(again.status).toBe(200);
    expect(again.text).toContain('Replayed: 0. Skipped (no longer failed): 1.');
    expect(again.text).toMatch(new RegExp(`<code>${esc(job.id).replace(/[|.]/g, '\\$&')}</code> \\((completed|active|waiting)\\)`));
    await new Promise((res) => setTimeout(res, 1500));
    expect(toCustomer()).toHaveLength(1);
    expect(toCustomer()[0]!.header('x-tierdesk-ticket')).toBe(ticketId);
  });

  it('answers an unknown job with JOB_NOT_FOUND, and "Retry all" empties the failed set', async () => {
    const unknown = await web('POST', '/console/jobs/retry', { _csrf: csrf, id: 'no-such-job' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('JOB_NOT_FOUND');
    const rest = await failed();
    const r = await web('POST', '/console/jobs/retry', { _csrf: csrf, all: '1' });
    expect(r.status).toBe(200);
    expect(r.text).toContain(`Replayed: ${rest.length}.`);
    await waitFor('no dead letters left', async () => (await failed()).length === 0, 20_000);
    const page = await web('GET', '/console/jobs');
    expect(page.text).toContain('No failed jobs.');
    expect(page.text).toContain('<a href="/console/jobs" aria-current="page">Failed jobs</a>');
    expect(toCustomer()).toHaveLength(1);
  });
});
