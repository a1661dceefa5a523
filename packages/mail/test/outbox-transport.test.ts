import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailTransport, type MailTransport } from '../src/index.js';
import { FROM, sampleEmail, tempDir } from './fixtures.js';

async function emlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.eml'));
}

describe('outbox transport (SMTP_URL unset)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let transport: MailTransport;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    transport = createMailTransport({ smtpUrl: null, outboxDir: join(dir, 'outbox'), from: FROM });
  });
  afterEach(async () => {
    await transport.close();
    await cleanup();
  });

  it('writes one parseable .eml with the tag, Tierdesk headers, Auto-Submitted and threading', async () => {
    const result = await transport.send(sampleEmail());
    const outbox = join(dir, 'outbox');
    const files = await emlFiles(outbox);
    expect(files).toHaveLength(1);
    const name = files[0] as string;
    expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z-TD-7-ack-[0-9a-f]{12}\.eml$/);
    expect(result.location).toBe(join(outbox, name));
    expect(result.messageId).toBe('<td-7.ack.0123456789abcdef@tierdesk.test>');

    const parsed = await simpleParser(await readFile(join(outbox, name)));
    expect(parsed.subject).toBe('[TD-7] Printer offline');
    expect(parsed.messageId).toBe('<td-7.ack.0123456789abcdef@tierdesk.test>');
    expect(parsed.inReplyTo).toBe('<original-1@customer.test>');
    expect(parsed.references).toEqual(['<original-0@customer.test>', '<original-1@customer.test>']);
    expect(parsed.headers.get('x-tierdesk-ticket')).toBe('TD-7');
    expect(parsed.headers.get('x-tierdesk-kind')).toBe('ack');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('content-language')).toBe('fr');
    expect(parsed.from?.value).toEqual([{ address: 'support@tierdesk.test', name: 'Tierdesk Support' }]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ address: 'claire@customer.test', name: 'Claire Dubois' }]);
    expect(parsed.text?.trim()).toBe('We received your request.');
    expect(parsed.html).toContain('<p>We received your request.</p>');
  });

  it('leaves Auto-Submitted out of a personal reply', async () => {
    const result = await transport.send(sampleEmail({ kind: 'agent-reply', autoSubmitted: false, messageId: '<td-7.agent-reply.1@tierdesk.test>' }));
    const parsed = await simpleParser(await readFile(result.location));
    expect(parsed.headers.has('auto-submitted')).toBe(false);
    expect(parsed.headers.get('x-tierdesk-kind')).toBe('agent-reply');
  });

  it('writes the same Message-ID sent twice to one file', async () => {
    const first = await transport.send(sampleEmail());
    const second = await transport.send(sampleEmail({ text: 'Second attempt.' }));
    expect(second.location).toBe(first.location);
    const files = await emlFiles(join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(await readFile(first.location));
    expect(parsed.text?.trim()).toBe('Second attempt.');
  });

  it('keeps one file when the same Message-ID is sent concurrently, and one per distinct Message-ID', async () => {
    const other = new Array(5).fill(0).map((_, i) => sampleEmail({ messageId: `<td-7.ack.n${i}@tierdesk.test>` }));
    await Promise.all([...new Array(10).fill(0).map(() => transport.send(sampleEmail())), ...other.map((e) => transport.send(e))]);
    const outbox = join(dir, 'outbox');
    expect(await emlFiles(outbox)).toHaveLength(6);
    // No temp file is left where a reader would look.
    expect((await readdir(outbox)).filter((f) => !f.startsWith('.') && !f.endsWith('.eml'))).toEqual([]);
  });

  it('verifies by creating the outbox directory', async () => {
    await transport.verify();
    expect(await readdir(join(dir, 'outbox'))).toEqual([]);
  });

  it('rejects an email it cannot build with a permanent MailDeliveryError', async () => {
    await expect(transport.send(sampleEmail({ to: [{ address: 'not an address' }] }))).rejects.toMatchObject({
      code: 'MAIL_DELIVERY_FAILED',
      transient: false,
    });
  });
});

describe('outbox transport claims', () => {
  it('reads a claim an older version wrote as a file, and makes the outbox again when it was removed', async () => {
    const { mkdir: mk, rm, writeFile: wf } = await import('node:fs/promises');
    const { createHash } = await import('node:crypto');
    const { dir, cleanup } = await tempDir();
    const outbox = join(dir, 'outbox');
    const transport = createMailTransport({ smtpUrl: null, outboxDir: outbox, from: FROM });
    try {
      const email = sampleEmail();
      const claim = join(outbox, '.claims', createHash('sha256').update(email.messageId).digest('hex'));
      await mk(join(outbox, '.claims'), { recursive: true });
      await wf(claim, '2026-01-01T000000.000Z-TD-7-ack-000000000000.eml');
      expect((await transport.send(email)).location).toBe(join(outbox, '2026-01-01T000000.000Z-TD-7-ack-000000000000.eml'));
      await rm(outbox, { recursive: true });
      const again = await transport.send(sampleEmail({ messageId: '<td-7.ack.other@tierdesk.test>' }));
      expect(await emlFiles(outbox)).toEqual([again.location.slice(outbox.length + 1)]);
    } finally {
      await transport.close();
      await cleanup();
    }
  });
});
