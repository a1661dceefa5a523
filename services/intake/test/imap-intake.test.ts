import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { DEFAULT_CONFIG_PATH, loadConfigFile, loadEnv } from '@tierdesk/config';
import { safeJobId } from '@tierdesk/bus';
import { createLogger } from '@tierdesk/logger';
import { createRuntime, type Runtime } from '@tierdesk/runtime';
import { createImapIntake, createIntakeService, ImapIntake, parseImapUrl, type IntakeService } from '@tierdesk/intake';
import { ensureDovecot, startDovecot, type Dovecot } from './imap-dovecot.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const found = ensureDovecot();
if ('reason' in found) console.warn(`SKIPPING the IMAP intake tests: ${found.reason}`);

/** A logger whose JSON lines the test can read. */
function captureLogger(): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', name: 'test', destination }) };
}

function mail(id: string, subject: string, extra = ''): string {
  return `From: Customer <customer-${id}@customer.test>\r\nTo: support@tierdesk.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@customer.test>\r\nDate: Wed, 25 Nov 2026 10:00:00 +0100\r\n${extra}\r\nHello, my invoice ${id} is wrong. Please help.\r\n`;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf('reason' in found)('IMAP intake against a real dovecot', () => {
  let dovecot: Dovecot;
  let rt: Runtime;
  let intake: IntakeService;
  let client: ImapFlow;
  const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
  const outbox = mkdtempSync(join(tmpdir(), 'td-imap-'));
  const captured = captureLogger();

  async function countIn(folder: string): Promise<number> {
    const st = await client.status(folder.split('/'), { messages: true });
    return st ? (st.messages ?? 0) : 0;
  }

  beforeAll(async () => {
    dovecot = await startDovecot();
    const env = loadEnv(
      { REDIS_URL, TIERDESK_PREFIX: prefix, TIERDESK_OUTBOX: outbox, IMAP_URL: dovecot.url(), INTAKE_SMTP_PORT: '0', INTAKE_MAX_BYTES: '20000', LOG_LEVEL: 'debug' },
      process.cwd(),
    );
    rt = await createRuntime({ env, config: loadConfigFile(DEFAULT_CONFIG_PATH), logger: captured.logger, relay: false });
    client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await client.connect();
    intake = createIntakeService(rt);
    await intake.start();
    await waitFor('IMAP intake to connect', async () => intake.healthy?.()).catch((err) => {
      throw new Error(`${String(err)}: ${JSON.stringify(captured.lines.slice(-5))} ${dovecot.log().slice(-1500)}`);
    });
  }, 300_000);

  afterAll(async () => {
    await intake?.stop();
    await client?.logout().catch(() => undefined);
    if (rt) {
      // Our prefix only; never FLUSH.
      const keys = await rt.redis.keys(`${prefix}:*`);
      if (keys.length) await rt.redis.unlink(...keys);
      await rt.close();
    }
    await dovecot?.stop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('creates the processed and quarantine folders and reports healthy', async () => {
    const names = (await client.list()).map((m) => m.path.split(m.delimiter).join('/'));
    expect(names).toEqual(expect.arrayContaining(['Tierdesk/Processed', 'Tierdesk/Quarantine']));
    expect(intake.healthy?.()).toBe(true);
  });

  it('takes in a message appended to INBOX through the same door as SMTP and moves it to the processed folder', async () => {
    const before = await countIn('Tierdesk/Processed');
    await client.append('INBOX', mail('imap-1', 'Invoice question'));
    await waitFor('the message to reach the processed folder', async () => (await countIn('Tierdesk/Processed')) === before + 1);
    expect(await countIn('INBOX')).toBe(0);
    // The intake job parsed it and handed it to triage under the Message-ID's job id, as for SMTP.
    const job = await waitFor('the triage job', async () => rt.bus.queue('triage').getJob(safeJobId('msg-<imap-1@customer.test>')));
    expect(job.data).toMatchObject({ messageId: '<imap-1@customer.test>' });
    const parsed = await rt.inbound.getParsed('<imap-1@customer.test>');
    expect(parsed?.channel).toBe('imap');
  });

  it('is pushed new mail by IDLE while connected (no polling: the rescan is 10 minutes away)', async () => {
    const before = await countIn('Tierdesk/Processed');
    const t0 = Date.now();
    await client.append('INBOX', mail('imap-idle', 'Pushed'));
    await waitFor('the pushed message', async () => (await countIn('Tierdesk/Processed')) === before + 1, 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('quarantines a message larger than INTAKE_MAX_BYTES instead of retrying it', async () => {
    const q0 = await countIn('Tierdesk/Quarantine');
    await client.append('INBOX', mail('imap-big', 'Huge attachment', 'X-Padding: ' + 'x'.repeat(30_000) + '\r\n'));
    await waitFor('the big message in quarantine', async () => (await countIn('Tierdesk/Quarantine')) === q0 + 1);
    expect(await countIn('INBOX')).toBe(0);
    expect(captured.lines.some((l) => l.msg === 'IMAP message quarantined; it will not be retried' && l.reason === 'too large')).toBe(true);
    expect(await rt.bus.queue('triage').getJob(safeJobId('msg-<imap-big@customer.test>'))).toBeFalsy();
  });

  it('takes a malformed message out of INBOX (processed, never retried forever)', async () => {
    const p0 = await countIn('Tierdesk/Processed');
    const q0 = await countIn('Tierdesk/Quarantine');
    await client.append('INBOX', Buffer.from('\u0000\u0001 not a mail at all\r\n=?broken?= \xff\xfe\r\n\r\n--\r\n', 'latin1'));
    await waitFor('the malformed message to leave INBOX', async () => (await countIn('INBOX')) === 0 && (await countIn('Tierdesk/Processed')) + (await countIn('Tierdesk/Quarantine')) === p0 + q0 + 1);
  });

  it('reconnects with backoff after the server goes away, degraded meanwhile, and takes in what arrived', async () => {
    await dovecot.halt();
    await waitFor('health to drop', async () => intake.healthy?.() === false);
    await new Promise((r) => setTimeout(r, 1500));
    await dovecot.resume();
    await waitFor('IMAP intake to reconnect', async () => intake.healthy?.(), 40_000);
    const c2 = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await c2.connect();
    await c2.append('INBOX', mail('imap-after', 'After the outage'));
    await c2.logout();
    await waitFor('the triage job after reconnect', async () => rt.bus.queue('triage').getJob(safeJobId('msg-<imap-after@customer.test>')));
    const failures = captured.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('IMAP intake unavailable'));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toHaveProperty('retryInMs');
    await client.logout().catch(() => undefined);
    client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await client.connect();
  }, 90_000);

  it('with a wrong password: logs why, backs off, stays degraded, never throws', async () => {
    const log = captureLogger();
    const bad = new ImapIntake({
      settings: parseImapUrl(dovecot.url({ password: 'wrong-pass-zq9' })),
      maxBytes: 20_000,
      logger: log.logger,
      accept: async () => undefined,
      backoff: { initialMs: 100, maxMs: 400 },
    });
    bad.start();
    await waitFor('three failed logins', async () => log.lines.filter((l) => typeof l.msg === 'string' && l.msg.includes('login to')).length >= 3, 20_000);
    expect(bad.healthy()).toBe(false);
    expect(bad.status().lastError).toMatch(/check the user and password in IMAP_URL/);
    const delays = log.lines.filter((l) => typeof l.retryInMs === 'number').map((l) => l.retryInMs as number);
    expect(delays[0]).toBeLessThanOrEqual(120);
    expect(Math.max(...delays)).toBeGreaterThan(150);
    expect(JSON.stringify(log.lines)).not.toContain('wrong-pass-zq9');
    await bad.stop();
    expect(bad.status().state).toBe('stopped');
  });

  it('with no server at all: degraded with a message naming host and port', async () => {
    const log = captureLogger();
    const down = new ImapIntake({ settings: parseImapUrl('imap://u:p@127.0.0.1:1/INBOX'), maxBytes: 1000, logger: log.logger, accept: async () => undefined, backoff: { initialMs: 50, maxMs: 100 } });
    down.start();
    await waitFor('a failure', async () => down.status().lastError);
    expect(down.healthy()).toBe(false);
    expect(down.status().lastError).toMatch(/127\.0\.0\.1:1/);
    await down.stop();
  });

  it('with two intake processes on one mailbox: one reads, the other stands by and takes over when it stops', async () => {
    await client.mailboxCreate('Shared');
    // Two processes of one deployment: the same prefix and IMAP_URL, each its own lease owner.
    const shared = { ...rt, env: { ...rt.env, imapUrl: dovecot.url({ mailbox: 'Shared', query: 'processed=Shared-Done&quarantine=Shared-Bad' }) } };
    const taken: Array<string[]> = [[], []];
    const readers = [0, 1].map((i) =>
      createImapIntake(shared, { logger: captureLogger().logger, rescanMs: 60_000, accept: async (raw) => void taken[i]!.push(/Message-ID: (\S+)/.exec(raw.toString())![1]!) })!,
    );
    for (const r of readers) r.start();
    try {
      await waitFor('one reader and one standing by', async () => readers.map((r) => r.status().state).sort().join() === 'connected,standby');
      for (let i = 0; i < 6; i++) await client.append('Shared', mail(`lease-${i}`, `Shared ${i}`));
      await waitFor('six messages filed', async () => (await countIn('Shared-Done')) === 6 && (await countIn('Shared')) === 0);
      const holder = readers.findIndex((r) => r.status().state === 'connected');
      expect(taken[holder]).toHaveLength(6);
      expect(taken[1 - holder]).toEqual([]);
      await readers[holder]!.stop();
      await waitFor('the other reader to take over', async () => readers[1 - holder]!.status().state === 'connected', 30_000);
      await client.append('Shared', mail('lease-after', 'After the handover'));
      await waitFor('the message after the handover', async () => taken[1 - holder]!.includes('<lease-after@customer.test>'));
      expect(new Set(taken.flat()).size).toBe(taken.flat().length);
      expect(taken.flat()).toHaveLength(7);
    } finally {
      for (const r of readers) await r.stop();
    }
  }, 60_000);

  it('quarantines a message whose intake fails again and again after three tries, and tries it no more', async () => {
    await client.mailboxCreate('Poison');
    const log = captureLogger();
    const tries = new Map<string, number>();
    const reader = new ImapIntake({
      settings: parseImapUrl(dovecot.url({ mailbox: 'Poison', query: 'processed=Poison-Done&quarantine=Poison-Bad' })),
      maxBytes: 20_000,
      logger: log.logger,
      // Rescan often, so a failed message is tried again soon (in production: new mail, or 10 minutes).
      rescanMs: 200,
      accept: async (raw) => {
        const id = /Message-ID: (\S+)/.exec(raw.toString())![1]!;
        tries.set(id, (tries.get(id) ?? 0) + 1);
        if (id.includes('poison')) throw new Error('this message breaks the parser');
      },
    });
    reader.start();
    try {
      await client.append('Poison', mail('poison-1', 'Breaks things'));
      await client.append('Poison', mail('fine-1', 'Fine'));
      await waitFor('the poison message in quarantine', async () => (await countIn('Poison-Bad')) === 1);
      expect(await countIn('Poison-Done')).toBe(1);
      expect(await countIn('Poison')).toBe(0);
      await new Promise((r) => setTimeout(r, 1000));
      expect(tries.get('<poison-1@customer.test>')).toBe(3);
      expect(tries.get('<fine-1@customer.test>')).toBe(1);
      expect(log.lines.filter((l) => l.msg === 'IMAP message could not be taken in; will try again')).toHaveLength(2);
      expect(log.lines.find((l) => l.msg === 'IMAP message quarantined; it will not be retried')).toMatchObject({ reason: 'failed repeatedly', tries: 3 });
      expect(reader.healthy()).toBe(true);
    } finally {
      await reader.stop();
    }
  });
});
