import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TierdeskProcess } from '../support/system.js';
import { sendRaw } from '../support/send.js';

const LIMIT = 5;
let td: TierdeskProcess;

function mail(from: string, n: number): Buffer {
  return Buffer.from(`From: ${from}\r\nTo: support@tierdesk.test\r\nSubject: Flood ${n}\r\nMessage-ID: <flood-${n}-${from}>\r\n\r\nmessage ${n}\r\n`);
}

describe('rate limits', () => {
  beforeAll(async () => {
    td = new TierdeskProcess({ only: 'intake,api', env: { INTAKE_SENDER_RATE: String(LIMIT) } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
  });

  describe('on intake, per sender and minute (INTAKE_SENDER_RATE)', () => {
    it('answers SMTP 451 once one sender exceeds the limit, and keeps taking mail from others', async () => {
      const from = 'flood@sender.test';
      for (let n = 1; n <= LIMIT; n++) expect((await sendRaw(td.smtpPort, from, 'support@tierdesk.test', mail(from, n))).code).toBe(250);
      const over = await sendRaw(td.smtpPort, from, 'support@tierdesk.test', mail(from, LIMIT + 1));
      expect(over.code).toBe(451);
      expect(over.reply).toMatch(/^451 4\.\d\.\d /);
      expect((await sendRaw(td.smtpPort, 'calm@sender.test', 'support@tierdesk.test', mail('calm@sender.test', 1))).code).toBe(250);
    });

    it('counts the envelope sender, so changing the From header does not get around it', async () => {
      const envelope = 'spoofer@sender.test';
      for (let n = 1; n <= LIMIT; n++) await sendRaw(td.smtpPort, envelope, 'support@tierdesk.test', mail(`someone${n}@sender.test`, n));
      expect((await sendRaw(td.smtpPort, envelope, 'support@tierdesk.test', mail('someone-else@sender.test', 99))).code).toBe(451);
    });

    it('answers HTTP 429 with the error JSON over POST /api/messages, counting the From header', async () => {
      const from = 'http-flood@sender.test';
      for (let n = 1; n <= LIMIT; n++) expect((await td.api('POST', '/api/messages', mail(from, n), { 'content-type': 'message/rfc822' })).status).toBe(202);
      const over = await td.api<{ error: { code: string; message: string } }>('POST', '/api/messages', mail(from, LIMIT + 1), { 'content-type': 'message/rfc822' });
      expect(over.status).toBe(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
      expect(over.body.error.message).toMatch(/minute/);
    });
  });

  describe('on /consent', () => {
    it('answers 429 with the error JSON and Retry-After after 30 requests a minute from one address', async () => {
      const responses: Response[] = [];
      for (let n = 0; n < 31; n++) responses.push(await fetch(`http://127.0.0.1:${td.httpPort}/consent/not-a-token-${n}`));
      expect(responses.slice(0, 30).map((r) => r.status)).not.toContain(429);
      const over = responses[30]!;
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    });

    it('leaves the API and health checks unlimited', async () => {
      for (let n = 0; n < 40; n++) expect((await td.api('GET', '/api/stats')).status).toBe(200);
      expect((await td.api('GET', '/healthz')).status).toBe(200);
    });
  });
});
