import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailTransport, describeSmtpUrl, MailDeliveryError, type MailTransport } from '../src/index.js';
import { FROM, sampleEmail } from './fixtures.js';
import { closedPort, startSmtpSink } from './smtp-sink.js';

describe('SMTP transport (SMTP_URL set)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  function transportFor(port: number, extra: { pool?: boolean } = {}): MailTransport {
    const t = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from: FROM, ...(extra.pool === undefined ? {} : { pool: extra.pool }) });
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
