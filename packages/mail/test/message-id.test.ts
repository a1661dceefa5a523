import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMessageId, createMailTransport, isMessageId, senderDomain } from '../src/index.js';
import { FROM, sampleEmail, tempDir } from './fixtures.js';

describe('buildMessageId', () => {
  it('is deterministic and names ticket and kind', () => {
    const a = buildMessageId('TD-7', 'ack', 'evt-1:customer', 'tierdesk.test');
    expect(a).toBe(buildMessageId('TD-7', 'ack', 'evt-1:customer', 'tierdesk.test'));
    expect(a).toMatch(/^<td-7\.ack\.[0-9a-f]{24}@tierdesk\.test>$/);
    expect(isMessageId(a)).toBe(true);
  });

  it('differs when the ticket, kind or key differ', () => {
    const ids = new Set([
      buildMessageId('TD-7', 'ack', 'k', 'd.test'),
      buildMessageId('TD-8', 'ack', 'k', 'd.test'),
      buildMessageId('TD-7', 'resolved', 'k', 'd.test'),
      buildMessageId('TD-7', 'ack', 'k2', 'd.test'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('keeps a hostile domain from breaking the header and refuses a bad ticket id', () => {
    expect(buildMessageId('TD-1', 'ack', 'k', 'evil.test>\r\nBcc: x@y')).toMatch(/^<td-1\.ack\.[0-9a-f]+@evil\.testbccxy>$/);
    expect(buildMessageId('TD-1', 'ack', 'k', '')).toMatch(/@localhost>$/);
    expect(() => buildMessageId('7', 'ack', 'k', 'd.test')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('senderDomain', () => {
  it('reads the domain of MAIL_FROM', () => {
    expect(senderDomain('Support <support@localhost>')).toBe('localhost');
    expect(senderDomain('"Help, Desk" <help@Example.COM>')).toBe('example.com');
    expect(senderDomain('help@support.example.org')).toBe('support.example.org');
    expect(senderDomain('no address here')).toBe('localhost');
  });
});

describe('DKIM', () => {
  it('signs outbound mail when a key is configured', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const { dir, cleanup } = await tempDir();
    const t = createMailTransport({ smtpUrl: null, outboxDir: dir, from: FROM, dkim: { domainName: 'tierdesk.test', keySelector: 'td1', privateKey } });
    try {
      const { location } = await t.send(sampleEmail());
      const raw = await readFile(location);
      const header = raw.toString('utf8').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      expect(header).toMatch(/^DKIM-Signature: .*d=tierdesk\.test;.*s=td1;/m);
      // Signing must not disturb the message the receiver parses.
      expect((await simpleParser(raw)).subject).toBe('[TD-7] Printer offline');
    } finally {
      await t.close();
      await cleanup();
    }
  });
});
