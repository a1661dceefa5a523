import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailTransport, sanitizeHeaderText, toNodemailerMessage, type MailTransport } from '../src/index.js';
import { FROM, sampleEmail, tempDir } from './fixtures.js';
import { startSmtpSink } from './smtp-sink.js';

/** Header field names of a raw message, in order, after unfolding continuation lines. */
function headerNames(raw: Buffer): string[] {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  return head
    .split(/\r?\n(?![ \t])/)
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

const hostile = sampleEmail({
  subject: 'Hello\r\nBcc: evil@x',
  to: [{ address: 'claire@customer.test', name: 'Eve\r\nBcc: evil@x\r\n' }],
  cc: [{ address: 'bob@customer.test', name: '"Doe, John" <evil@x>' }],
  inReplyTo: '<ok@customer.test>\r\nBcc: evil@x',
  references: ['<fine@customer.test>', '<bad@x>\nX-Injected: 1', 'not-a-message-id'],
  attachments: [{ filename: 'a\r\nBcc: evil@x.txt', content: 'x', contentType: 'text/plain\r\nBcc: evil@x' }],
});

describe('nothing a customer wrote can add a header', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let outbox: MailTransport;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    outbox = createMailTransport({ smtpUrl: null, outboxDir: dir, from: FROM });
  });
  afterAll(async () => {
    await outbox.close();
    await cleanup();
  });

  it('sanitizeHeaderText strips CR, LF, NUL and other controls, folds whitespace and caps length', () => {
    expect(sanitizeHeaderText('Hello\r\nBcc: evil@x')).toBe('Hello Bcc: evil@x');
    expect(sanitizeHeaderText('a\u0000b\u0007c\td\u2028e\u202ef')).toBe('a b c d e f');
    expect(sanitizeHeaderText('  many    spaces  ')).toBe('many spaces');
    const long = sanitizeHeaderText('x'.repeat(1000));
    expect(Array.from(long).length).toBeLessThanOrEqual(250);
    expect(long.endsWith('…')).toBe(true);
    expect(sanitizeHeaderText('😀'.repeat(300)).includes('\ufffd')).toBe(false);
  });

  it('keeps a hostile subject and display names inside their own headers', async () => {
    const { location } = await outbox.send(hostile);
    const raw = await readFile(location);
    const names = headerNames(raw);
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-injected');
    expect(names.filter((n) => n === 'subject')).toHaveLength(1);
    expect(names.filter((n) => n === 'to')).toHaveLength(1);

    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('[TD-7] Hello Bcc: evil@x');
    expect(parsed.bcc).toBeUndefined();
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ address: 'claire@customer.test', name: 'Eve Bcc: evil@x' }]);
    const cc = Array.isArray(parsed.cc) ? parsed.cc[0] : parsed.cc;
    expect(cc?.value).toEqual([{ address: 'bob@customer.test', name: '"Doe, John" <evil@x>' }]);
    // A broken In-Reply-To is dropped, not repaired into something else.
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBe('<fine@customer.test>');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['a Bcc: evil@x.txt']);
  });

  it('delivers over SMTP to the intended recipients only', async () => {
    const sink = await startSmtpSink();
    const smtp = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, outboxDir: dir, from: FROM, pool: false });
    try {
      await smtp.send(hostile);
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]?.to.sort()).toEqual(['bob@customer.test', 'claire@customer.test']);
    } finally {
      await smtp.close();
      await sink.close();
    }
  });

  it('refuses addresses that are not a single plain mailbox', () => {
    for (const address of ['claire@customer.test\r\nBcc: evil@x', 'a@b, evil@x', 'Eve <evil@x>', 'nobody', '']) {
      expect(() => toNodemailerMessage(sampleEmail({ to: [{ address }] }), FROM)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it('passes recipients as address objects and never doubles the tag', () => {
    const msg = toNodemailerMessage(sampleEmail({ subject: 'Re: [TD-7] Printer offline' }), FROM);
    expect(msg.subject).toBe('Re: [TD-7] Printer offline');
    expect(msg.to).toEqual([{ name: 'Claire Dubois', address: 'claire@customer.test' }]);
    expect(msg.from).toEqual({ name: 'Tierdesk Support', address: 'support@tierdesk.test' });
    expect(toNodemailerMessage(sampleEmail({ subject: 'About [TD-70]' }), FROM).subject).toBe('[TD-7] About [TD-70]');
  });
});
