import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

interface Received {
  to: string[];
  kind: string;
  ticket: string;
  text: string;
}

/** A relay that refuses chosen recipients for good (550) and can be taken down and back up. */
class PickyRelay {
  readonly mails: Received[] = [];
  readonly refused = new Set<string>();
  port = 0;
  private server: SMTPServer | null = null;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      // Pooled client connections would hold close() for 30 s; an outage drops them at once.
      closeTimeout: 200,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (addr, _s, cb) => (this.refused.has(addr.address) ? cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 })) : cb()),
      onData: (stream, session, cb) => {
        simpleParser(stream).then(
          (m) => {
            this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), kind: String(m.headers.get('x-tierdesk-kind')), ticket: String(m.headers.get('x-tierdesk-ticket')), text: m.text ?? '' });
            cb();
          },
          (err: Error) => cb(err),
        );
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    const a = this.server.server.address();
    this.port = typeof a === 'object' && a ? a.port : port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  of(kind: string, to?: string): Received[] {
    return this.mails.filter((m) => m.kind === kind && (!to || m.to.includes(to)));
  }
}

interface FailedJob {
  id: string;
  queue: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  ticketId: string | null;
}

const relay = new PickyRelay();
let td: TierdeskProcess;

async function failed(queue?: string): Promise<FailedJob[]> {
  const r = await td.cli(['jobs', 'failed', '--json', ...(queue ? ['--queue', queue] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as FailedJob[];
}

async function metric(line: RegExp): Promise<number> {
  const m = await td.api<string>('GET', '/metrics');
  return Number(line.exec(m.body)?.[1] ?? 0);
}

describe('outbound mail: retries, dead letters, agent notice and idempotent replay', () => {
  beforeAll(async () => {
    await relay.start();
    relay.refused.add('gone@customer.test');
    td = new TierdeskProcess({ env: { SMTP_URL: `smtp://127.0.0.1:${relay.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', SMTP_RATE_LIMIT: '50' } });
    await td.start();
  });
  afterAll(async () => {
    if (process.env.OPS_DEBUG) console.log(td.stdout.split('\n').filter((l) => l.includes('outbound')).join('\n'));
    await td?.stop();
    await td?.cleanup();
    await relay.stop();
  });

  it('puts an email refused for good in the dead letters and tells the escalation contacts', async () => {
    await sendMail(td.smtpPort, { from: 'Gone <gone@customer.test>', to: 'support@tierdesk.test', subject: 'Invoice missing', text: 'Where is my invoice for May?', messageId: '<dl-1@customer.test>' });
    const notice = await waitFor('the undelivered notice', () => relay.of('agent-notification', 'support-lead@example.com').find((m) => m.text.includes('could not be delivered')), 20_000);
    expect(notice.ticket).toBe('TD-1');
    expect(notice.text).toContain('gone@customer.test');
    expect(notice.text).toContain('tierdesk jobs retry');
    await waitFor('the notice to the second contact', () => relay.of('agent-notification', 'head-of-engineering@example.com').find((m) => m.text.includes('could not be delivered')), 10_000);
    expect(relay.of('ack')).toHaveLength(0);

    const dead = await failed();
    const ack = dead.find((j) => j.queue === 'outbound' && j.ticketId === 'TD-1');
    expect(ack).toBeDefined();
    expect(ack!.failedReason).toMatch(/550|mailbox unavailable/);
    expect(ack!.attemptsMade).toBe(1);
    expect((await failed('outbound')).map((j) => j.id)).toContain(ack!.id);
    expect(await failed('triage')).toEqual([]);
    expect(await metric(/^tierdesk_jobs_dead_lettered_total\{queue="outbound"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(await metric(/^tierdesk_queue_jobs\{queue="outbound",state="failed"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
  });

  it('replays a dead letter once the cause is fixed; replaying twice sends once', async () => {
    const [ack] = (await failed('outbound')).filter((j) => j.ticketId === 'TD-1');
    relay.refused.clear();
    const [a, b] = await Promise.all([td.cli(['jobs', 'retry', ack!.id, '--json']), td.cli(['jobs', 'retry', ack!.id, '--queue', 'outbound', '--json'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const results = [JSON.parse(a.stdout), JSON.parse(b.stdout)] as Array<{ retried: unknown[]; skipped: unknown[] }>;
    expect(results.reduce((n, r) => n + r.retried.length, 0)).toBe(1);
    await waitFor('the replayed ack', () => relay.of('ack', 'gone@customer.test')[0], 15_000);
    const again = await td.cli(['jobs', 'retry', ack!.id, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ retried: [], skipped: [{ queue: 'outbound', state: 'completed' }] });
    await new Promise((r) => setTimeout(r, 1500));
    expect(relay.of('ack', 'gone@customer.test')).toHaveLength(1);
    expect((await failed('outbound')).some((j) => j.id === ack!.id)).toBe(false);
  });

  it('answers a clear error for an unknown job or queue', async () => {
    const unknown = await td.cli(['jobs', 'retry', 'no-such-job']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('JOB_NOT_FOUND');
    const badQueue = await td.cli(['jobs', 'failed', '--queue', 'nope']);
    expect(badQueue.code).toBe(1);
    expect(badQueue.stderr).toContain('Unknown queue "nope"');
    const nothing = await td.cli(['jobs', 'retry']);
    expect(nothing.code).toBe(1);
  });

  it('keeps retrying with backoff while the relay is down and delivers once it is back', async () => {
    const port = relay.port;
    await relay.stop();
    const failedBefore = await metric(/^tierdesk_jobs_failed_total\{queue="outbound"\} (\d+)$/m);
    await sendMail(td.smtpPort, { from: 'Later <later@customer.test>', to: 'support@tierdesk.test', subject: 'Password reset', text: 'I cannot reset my password.', messageId: '<dl-2@customer.test>' });
    await waitFor('failed attempts while the relay is down', async () => (await metric(/^tierdesk_jobs_failed_total\{queue="outbound"\} (\d+)$/m)) >= failedBefore + 2, 15_000);
    expect((await failed('outbound')).some((j) => j.ticketId === 'TD-2')).toBe(false);
    await relay.start(port);
    // The customer's answer (an ack, or a kb-answer for a how-to question like this one).
    const toCustomer = () => relay.mails.filter((m) => m.to.includes('later@customer.test'));
    await waitFor('the answer after the outage', () => toCustomer()[0], 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(toCustomer()).toHaveLength(1);
    expect(toCustomer()[0]!.ticket).toBe('TD-2');
  }, 60_000);

  it('replays every dead letter with --all, once each even when two replays race', async () => {
    const customers = ['gone-a@customer.test', 'gone-b@customer.test'];
    for (const c of customers) relay.refused.add(c);
    for (const [i, c] of customers.entries()) {
      await sendMail(td.smtpPort, { from: c, to: 'support@tierdesk.test', subject: `Invoice ${i} missing`, text: `Where is invoice ${i} for May?`, messageId: `<dl-all-${i}@customer.test>` });
    }
    const dead = await waitFor('two new dead letters', async () => {
      const jobs = (await failed('outbound')).filter((j) => j.ticketId === 'TD-3' || j.ticketId === 'TD-4');
      return jobs.length === 2 ? jobs : null;
    }, 20_000);
    relay.refused.clear();
    const [a, b] = await Promise.all([td.cli(['jobs', 'retry', '--all', '--json']), td.cli(['jobs', 'retry', '--all', '--queue', 'outbound', '--json'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const replayed = [a, b].flatMap((r) => (JSON.parse(r.stdout) as { retried: Array<{ id: string }> }).retried.map((j) => j.id));
    expect(replayed.sort()).toEqual(dead.map((j) => j.id).sort());
    const toCustomer = (c: string) => relay.mails.filter((m) => m.to.includes(c));
    for (const c of customers) await waitFor(`the replayed answer to ${c}`, () => toCustomer(c)[0], 15_000);
    const again = await td.cli(['jobs', 'retry', '--all', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ retried: [] });
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of customers) expect(toCustomer(c), c).toHaveLength(1);
    expect(await failed()).toEqual([]);
  }, 60_000);
});
