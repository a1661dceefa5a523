import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OwnRedis } from '../support/own-redis.js';
import { runCli, TierdeskProcess } from '../support/system.js';
import { sendRaw } from '../support/send.js';
import { waitFor } from '../support/ports.js';

const baseEnv = { ...process.env, LOG_LEVEL: 'info', HTTP_PORT: '0', INTAKE_SMTP_PORT: '0' } as Record<string, string>;

describe('start-up errors', () => {
  it('exits 2 with one clear paragraph when Redis is unreachable', async () => {
    const r = await runCli(['start'], { ...baseEnv, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    // The socket's reason, not ioredis' "Connection is closed".
    expect(r.stderr).toMatch(/ECONNREFUSED/);
    expect(r.stderr).toMatch(/REDIS_URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the path of an invalid config value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierdesk-cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ timezone: 'Mars/Olympus', businessHours: {}, sla: { policies: [] } }));
    const r = await runCli(['start'], { ...baseEnv, TIERDESK_CONFIG: file });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timezone/);
    const check = await runCli(['config', 'check', file], baseEnv);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/timezone/);
  });

  it('exits 2 naming the variable of a bad setting', async () => {
    const r = await runCli(['start'], { ...baseEnv, HTTP_PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HTTP_PORT/);
  });

  it('validates the shipped example config', async () => {
    const r = await runCli(['config', 'check'], baseEnv);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid/);
  });
});

describe('Redis lost while running', () => {
  const redis = new OwnRedis();
  let td: TierdeskProcess;
  afterAll(async () => {
    await td?.stop('SIGKILL');
    await redis.stop();
  });

  it('answers 451 while Redis is away and loses nothing it accepted before', async () => {
    await redis.start();
    td = new TierdeskProcess({ env: { REDIS_URL: redis.url, TIERDESK_OUTBOX: join(redis.dir, 'outbox') } });
    await td.start();
    const mail = (n: number) => `From: lost${n}@customer.test\r\nTo: support@localhost\r\nSubject: Invoice ${n}\r\nMessage-ID: <lost-${n}@customer.test>\r\n\r\nWhere is invoice ${n}?\r\n`;
    expect((await sendRaw(td.smtpPort, `lost1@customer.test`, 'support@localhost', mail(1))).code).toBe(250);
    await waitFor('TD-1', async () => (await td.api('GET', '/api/tickets/TD-1')).status === 200);
    await redis.stop();
    const during = await sendRaw(td.smtpPort, `lost2@customer.test`, 'support@localhost', mail(2));
    expect(during.code).toBe(451);
    // The same over HTTP: 503, so the client keeps the message; /healthz says Redis is down.
    const http = await td.api<{ error: { code: string } }>('POST', '/api/messages', Buffer.from(mail(3)), { 'content-type': 'message/rfc822' });
    expect(http.status).toBe(503);
    expect(http.body.error.code).toBe('INTAKE_UNAVAILABLE');
    const health = await td.api<{ status: string; redis: string }>('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', redis: 'down' });
    expect(td.exitCode).toBeNull();
    await redis.start();
    // The sender retries after 451, as any MTA would; the first ticket survived the outage (AOF).
    await waitFor('a 250 after Redis is back', async () => (await sendRaw(td.smtpPort, `lost2@customer.test`, 'support@localhost', mail(2))).code === 250, 20_000, 500);
    await waitFor('TD-2', async () => (await td.api('GET', '/api/tickets/TD-2')).status === 200, 20_000, 200);
    expect((await td.api<{ customer: { email: string } }>('GET', '/api/tickets/TD-1')).body.customer.email).toBe('lost1@customer.test');
    // Both customers got their ack in the outbox folder (SMTP_URL unset), once each.
    const outbox = join(redis.dir, 'outbox');
    await waitFor('both acks in the outbox', () => ['TD-1', 'TD-2'].every((id) => readdirSync(outbox).some((f) => f.includes(`-${id}-ack-`))), 20_000, 200);
    for (const id of ['TD-1', 'TD-2']) {
      const files = readdirSync(outbox).filter((f) => f.includes(`-${id}-ack-`));
      expect(files).toHaveLength(1);
      const head = readFileSync(join(outbox, files[0]!), 'utf8').split('\r\n\r\n')[0]!;
      expect(head).toMatch(new RegExp(`^X-Tierdesk-Ticket: ${id}$`, 'm'));
      expect(head).toMatch(/^X-Tierdesk-Kind: ack$/m);
      expect(head).toMatch(new RegExp(`^Subject: \\[${id}\\] `, 'm'));
    }
    expect(readFileSync(join(outbox, readdirSync(outbox).find((f) => f.includes('-TD-2-ack-'))!), 'utf8')).toMatch(/^To: .*lost2@customer\.test/m);
  }, 60_000);
});
