import { generateKeyPairSync } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailTransport, describeSmtpUrl, MailDeliveryError, type MailTransport, type MailTransportOptions } from '../src/index.js';
import { verifyDkim } from './dkim-verify.js';
import { FROM, sampleEmail } from './fixtures.js';
import { closedPort, startSmtpSink } from './smtp-sink.js';

describe('SMTP transport (SMTP_URL set)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  function transportFor(port: number, extra: Pick<MailTransportOptions, 'pool' | 'rateLimitPerSecond' | 'dkim'> = {}): MailTransport {
    const t = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from: FROM, ...extra });
    cleanups.push(() => t.close());
    return t;
  }

  it('delivers over a real SMTP round trip with tag, headers and threading intact', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const transport = transportFor(sink.port);
    await transport.verify();
    const result = await transport.send(sampleEmail({ cc: [{ address: 'agent@tierdesk.test', name: 'Agent' }] }));
    expect(result).toEqual({ messageId: '<td-7.ack.0123456789abcdef@tierdesk.test>', location: `smtp://127.0.0.1:${sink.port}` });

    expect(sink.received).toHaveLength(1);
    const got = sink.received[0]!;
    expect(got.from).toBe('support@tierdesk.test');
    expect(got.to.sort()).toEqual(['agent@tierdesk.test', 'claire@customer.test']);
    const parsed = await simpleParser(got.raw);
    expect(parsed.subject).toBe('[TD-7] Printer offline');
    expect(parsed.messageId).toBe('<td-7.ack.0123456789abcdef@tierdesk.test>');
    expect(parsed.inReplyTo).toBe('<original-1@customer.test>');
    expect(parsed.references).toEqual(['<original-0@customer.test>', '<original-1@customer.test>']);
    expect(parsed.headers.get('x-tierdesk-ticket')).toBe('TD-7');
    expect(parsed.headers.get('x-tierdesk-kind')).toBe('ack');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('sends without a pool as well', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const transport = transportFor(sink.port, { pool: false });
    await transport.send(sampleEmail());
    await transport.send(sampleEmail({ messageId: '<td-7.ack.second@tierdesk.test>' }));
    expect(sink.received).toHaveLength(2);
  });

  for (const pool of [true, false]) {
    it(`keeps to SMTP_RATE_LIMIT however many emails are sent at once (${pool ? 'pooled' : 'no pool'})`, async () => {
      const arrivals: number[] = [];
      const sink = await startSmtpSink({
        onData(stream, _session, callback) {
          stream.resume();
          stream.on('end', () => {
            arrivals.push(Date.now());
            callback();
          });
        },
      });
      cleanups.push(sink.close);
      const transport = transportFor(sink.port, { pool, rateLimitPerSecond: 2 });
      const t0 = Date.now();
      // More at once than the pool has connections: each new connection must wait its turn too.
      await Promise.all(Array.from({ length: 7 }, (_, i) => transport.send(sampleEmail({ messageId: `<td-7.ack.rate-${i}@tierdesk.test>` }))));
      expect(arrivals).toHaveLength(7);
      // 2 a second: two in the first second, the 7th no earlier than 3 s after the start.
      expect(arrivals.filter((at) => at - t0 < 950)).toHaveLength(2);
      expect(arrivals.filter((at) => at - t0 < 1950).length).toBeLessThanOrEqual(4);
      expect(Math.max(...arrivals) - t0).toBeGreaterThanOrEqual(2990);
    }, 20_000);
  }

  it('signs with DKIM when configured: the signature verifies with the public key a receiver finds in DNS', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const transport = transportFor(sink.port, { dkim: { domainName: 'tierdesk.test', keySelector: 'td2026', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
    await transport.send(sampleEmail({ text: 'We received your request.\n\nLine with trailing spaces   \n' }));
    const raw = sink.received[0]!.raw;
    const result = verifyDkim(raw, publicKey);
    expect(result.reason).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.tags).toMatchObject({ d: 'tierdesk.test', s: 'td2026', a: 'rsa-sha256' });
    // The fields a customer's server judges the mail by are covered.
    expect(result.tags.h!.toLowerCase().split(':')).toEqual(expect.arrayContaining(['from', 'subject', 'message-id', 'to']));
    // A changed body no longer verifies; another key does not either.
    expect(verifyDkim(raw.toString('binary').replace('We received', 'We deleted'), publicKey)).toMatchObject({ ok: false, reason: 'body hash mismatch' });
    expect(verifyDkim(raw, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey).ok).toBe(false);
  });

  it('sends unsigned mail without DKIM settings', async () => {
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    await transportFor(sink.port).send(sampleEmail());
    expect(sink.received[0]!.raw.toString()).not.toMatch(/^DKIM-Signature:/im);
  });

  it('reports a server that is down as a transient MailDeliveryError', async () => {
    const transport = transportFor(await closedPort());
    const err = await transport.send(sampleEmail()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailDeliveryError);
    expect(err).toMatchObject({ code: 'MAIL_DELIVERY_FAILED', transient: true });
    await expect(transport.verify()).rejects.toMatchObject({ code: 'MAIL_DELIVERY_FAILED', transient: true });
  });

  it('reports a 550 refusal as permanent', async () => {
    const sink = await startSmtpSink({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      },
    });
    cleanups.push(sink.close);
    const err = await transportFor(sink.port).send(sampleEmail()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailDeliveryError);
    expect(err).toMatchObject({ code: 'MAIL_DELIVERY_FAILED', transient: false });
    expect((err as MailDeliveryError).details).toMatchObject({ responseCode: 550 });
    expect(sink.received).toHaveLength(0);
  });

  it('reports a 451 deferral as transient', async () => {
    const sink = await startSmtpSink({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 })));
      },
    });
    cleanups.push(sink.close);
    const err = await transportFor(sink.port).send(sampleEmail()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MAIL_DELIVERY_FAILED', transient: true });
    expect((err as MailDeliveryError).details).toMatchObject({ responseCode: 451 });
  });

  it('never reveals SMTP credentials in the location or the error', async () => {
    expect(describeSmtpUrl('smtps://user:s3cret@mail.example.com/?x=1')).toBe('smtps://mail.example.com:465');
    const transport = createMailTransport({ smtpUrl: `smtp://user:s3cret@127.0.0.1:${await closedPort()}`, outboxDir: '/x', from: FROM, pool: false });
    cleanups.push(() => transport.close());
    const err = (await transport.send(sampleEmail()).catch((e: unknown) => e)) as MailDeliveryError;
    expect(err.message).not.toContain('s3cret');
    expect(JSON.stringify(err.details)).not.toContain('s3cret');
  });
});
