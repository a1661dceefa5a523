import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';
import { artifactPath, chromiumMissing, launchChromium, type Browser } from './chromium.js';

interface TicketJson {
  id: string;
  status: string;
  level: number;
  version: number;
  callback: { status: string; attempts: number } | null;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

const sink = new SmtpSink();
let td: TierdeskProcess;
let browser: Browser;
let page: Page;
let tracker: Server;
let trackerHits = 0;
let trackerPort = 0;
const base = () => `http://127.0.0.1:${td.httpPort}`;

async function ticket(id: string): Promise<TicketJson> {
  const r = await td.api<TicketJson>('GET', `/api/tickets/${id}`);
  if (r.status !== 200) throw new Error(`GET ${id}: ${r.status}`);
  return r.body;
}

async function ticketFor(messageId: string): Promise<string> {
  return waitFor(`the ticket of ${messageId}`, async () => {
    const r = await td.api<{ tickets: Array<{ id: string }> }>('GET', `/api/tickets?messageId=${encodeURIComponent(messageId)}`);
    return r.body.tickets[0]?.id;
  });
}

describe.skipIf(chromiumMissing)('agent console in headless Chromium', () => {
  beforeAll(async () => {
    await sink.start();
    // Stands in for a tracking-pixel host: a rendered customer email would call it.
    tracker = createServer((_req, res) => {
      trackerHits++;
      res.end('GIF89a');
    });
    await new Promise<void>((r) => tracker.listen(0, '127.0.0.1', () => r()));
    trackerPort = (tracker.address() as { port: number }).port;
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('request', (req) => {
      if (req.url().includes(`:${trackerPort}`)) trackerHits++;
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
    await new Promise<void>((r) => (tracker ? tracker.close(() => r()) : r()));
  });

  it('refuses a wrong token with a clear message and lets the right one in', async () => {
    await page.goto(`${base()}/console`);
    expect(page.url()).toContain('/console/sign-in');
    await page.fill('#token', 'not-the-token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#signin-error')).toContain('Sign-in refused: that is not the API token');
    expect(page.url()).toContain('/console/sign-in');
    await page.fill('#token', td.token);
    await page.selectOption('#agent', 'oliver.hughes@example.com');
    await page.click('button[type=submit]');
    await page.waitForURL(`${base()}/console`);
    expect(await page.textContent('header')).toContain('oliver.hughes@example.com');
  });

  it('shows a new ticket in its level queue while the page is open, with a live SLA countdown', async () => {
    expect(await page.locator('tr[data-ticket]').count()).toBe(0);
    await sendMail(td.smtpPort, {
      from: 'Dora Schulz <dora@customer.test>',
      to: 'support@tierdesk.test',
      subject: 'Export to DATEV fails',
      text: 'Hello, the DATEV export stops with an error since yesterday. Could you call me back to go through it?',
      messageId: '<browser-1@customer.test>',
    });
    const row = page.locator('#level-2 tr[data-ticket="TD-1"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await page.textContent('[data-count-level="2"]')).toBe('1');
    expect(await row.locator('.sla').getAttribute('data-state')).toMatch(/running|stopped/);
    expect(await row.locator('.sla').textContent()).toMatch(/left/);
    await page.screenshot({ path: artifactPath('console-queue.png'), fullPage: true });
  });

  it('is usable with the keyboard: j focuses the first ticket, Enter opens it', async () => {
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('TD-1');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base()}/console/tickets/TD-1`);
    await page.keyboard.press('r');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-body');
    await page.keyboard.press('Escape');
  });

  it('escalates the ticket with a reason', async () => {
    await page.goto(`${base()}/console/tickets/TD-1`);
    await page.selectOption('#escalate-level', '3');
    await page.fill('#escalate-reason', 'DATEV export bug reproduced, needs product experts');
    await page.click('#submit-escalate');
    await page.waitForURL(/done=escalate/);
    expect(await page.textContent('#flash')).toContain('Done');
    expect(await page.getAttribute('#ticket-level', 'data-level')).toBe('3');
    expect((await ticket('TD-1')).events.some((e) => e.type === 'ticket.escalated' && e.data.reason === 'DATEV export bug reproduced, needs product experts')).toBe(true);
  });

  it('records a callback outcome on a level-2 ticket', async () => {
    await sendMail(td.smtpPort, {
      from: 'Jonas Weber <jonas@customer.test>',
      to: 'support@tierdesk.test',
      subject: 'Virenscanner blockiert das Programm',
      text: 'Guten Tag, unser Virenscanner blockiert das Programm, es startet nicht mehr. Bitte rufen Sie mich zurück.',
      messageId: '<browser-2@customer.test>',
    });
    const id = await ticketFor('<browser-2@customer.test>');
    await waitFor('the callback booking', async () => (await ticket(id)).callback, 15_000);
    await page.goto(`${base()}/console/tickets/${id}`);
    expect(await page.textContent('#callback')).toMatch(/scheduled/);
    await page.check('#form-callback input[value=reached]');
    await page.fill('#callback-notes', 'Added the exception together with the customer.');
    await page.click('#submit-callback');
    await page.waitForURL(/done=callback/);
    const after = await ticket(id);
    expect(after.callback?.status).toBe('reached');
    expect(after.events.some((e) => e.type === 'callback.outcome' && e.data.outcome === 'reached')).toBe(true);
  });

  it('resolves the ticket, then shows why a further escalation is refused and changes nothing', async () => {
    await page.goto(`${base()}/console/tickets/TD-1`);
    await page.fill('#resolve-resolution', 'Fixed the export mapping; customer confirmed.');
    await page.click('#submit-resolve');
    await page.waitForURL(/done=resolve/);
    expect(await page.getAttribute('#ticket-status', 'data-status')).toBe('resolved');
    await page.screenshot({ path: artifactPath('console-ticket.png'), fullPage: true });

    const before = await ticket('TD-1');
    await page.selectOption('#escalate-level', '4');
    await page.fill('#escalate-reason', 'try anyway');
    await page.click('#submit-escalate');
    await expect.poll(() => page.textContent('#flash')).toContain('TRANSITION_NOT_ALLOWED');
    expect(await page.textContent('#flash')).toContain('Nothing was changed');
    expect(await page.inputValue('#escalate-reason')).toBe('try anyway');
    const after = await ticket('TD-1');
    expect(after.version).toBe(before.version);
    expect(after.level).toBe(3);
  });

  it('shows a hostile customer email inert: no script runs, no remote image loads', async () => {
    const markup = `<script>window.__pwned = 1</script><img src="http://127.0.0.1:${trackerPort}/pixel.gif" onerror="window.__pwned = 2">`;
    await sendMail(td.smtpPort, {
      from: 'Mallory <mallory@customer.test>',
      to: 'support@tierdesk.test',
      subject: `Invoice <img src=x onerror="window.__pwned=3">`,
      text: `Hello, my invoice is wrong. ${markup}`,
      html: `<p>Hello, my invoice is wrong.</p>${markup}<img src="http://127.0.0.1:${trackerPort}/open.gif" width="1" height="1">`,
      messageId: '<browser-3@customer.test>',
    });
    const id = await ticketFor('<browser-3@customer.test>');
    await page.goto(`${base()}/console/tickets/${id}`);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.textContent('pre.body')).toContain('<script>window.__pwned = 1</script>');
    expect(await page.textContent('h1')).toContain('<img src=x');
    await page.goto(`${base()}/console`);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(trackerHits).toBe(0);
  });

  it('reaches the failed jobs page from the navigation with the keyboard', async () => {
    await page.goto(`${base()}/console`);
    const link = page.locator('header a[href="/console/jobs"]');
    for (let i = 0; i < 8 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base()}/console/jobs`);
    expect(await page.textContent('h1')).toBe('Failed jobs');
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.textContent('main')).toContain('No failed jobs.');
  });

  it('switches to French and German', async () => {
    await page.goto(`${base()}/console?lang=fr`);
    expect(await page.textContent('h1')).toBe("Files d'attente");
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.click('a[hreflang=de]');
    expect(await page.textContent('h1')).toBe('Warteschlangen');
    await page.goto(`${base()}/console`);
    expect(await page.textContent('h1')).toBe('Warteschlangen');
    await page.goto(`${base()}/console?lang=en`);
  });

  it('counts a round-the-clock SLA deadline down second by second, without a reload', async () => {
    // Urgent level-3 tickets run on the 24x7 policy, so the clock runs whatever the time of day.
    await sendMail(td.smtpPort, {
      from: 'Grace Hopper <grace@customer.test>',
      to: 'support@tierdesk.test',
      subject: 'Application crashes when saving with a regular expression',
      text: "Since version 9.2 the application crashes every time I save a document type that uses a regular expression. Error message: 'Unhandled exception in RegexMatcher'.",
      headers: { Priority: 'urgent' },
      messageId: '<browser-4@customer.test>',
    });
    const id = await ticketFor('<browser-4@customer.test>');
    await waitFor('the urgent ticket on the 24x7 policy', async () => (await td.api<{ sla: { policy: string | null } }>('GET', `/api/tickets/${id}`)).body.sla.policy === 'urgent-product-experts');
    await page.goto(`${base()}/console?level=3`);
    const sla = page.locator(`tr[data-ticket="${id}"] .sla`);
    await sla.waitFor();
    expect(await sla.getAttribute('data-state')).toBe('running');
    const first = await sla.textContent();
    expect(first).toMatch(/^\d+m \d\ds left$/);
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await expect.poll(() => sla.textContent(), { timeout: 5_000 }).not.toBe(first);
    expect(await sla.textContent()).toMatch(/^\d+m \d\ds left$/);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
  });
});
