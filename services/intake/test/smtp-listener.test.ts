import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { IntakeRejectedError, IntakeTemporaryError, startSmtpListener, type SmtpEnvelope, type SmtpListener } from '../src/smtp-listener.js';
import { mail } from './fixtures/load.js';

interface LogEntry { level: string; obj: Record<string, unknown>; msg: string | undefined }

function captureLogger() {
  const entries: LogEntry[] = [];
  const at = (level: string) => (obj: object, msg?: string) => entries.push({ level, obj: obj as Record<string, unknown>, msg });
  return { entries, logger: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } };
}

type OnMessage = (raw: Buffer, envelope: SmtpEnvelope) => Promise<void>;
const listeners: SmtpListener[] = [];

async function listen(onMessage: OnMessage, opts: { maxBytes?: number; closeTimeoutMs?: number } = {}) {
  const log = captureLogger();
  const listener = await startSmtpListener({ host: '127.0.0.1', port: 0, maxBytes: opts.maxBytes ?? 1_000_000, logger: log.logger, onMessage, closeTimeoutMs: opts.closeTimeoutMs });
  listeners.push(listener);
  return { listener, log };
}

function send(port: number, raw: Buffer, envelope = { from: 'anna@example.ch', to: ['support@tierdesk.test'] }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return transport.sendMail({ envelope, raw }).finally(() => transport.close());
}

/** A bare SMTP client on a socket: send lines, read whole (multi-line) replies. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = '';
  const waiting: Array<(reply: string) => void> = [];
  const replies: string[] = [];
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    let m: RegExpExecArray | null;
    while ((m = /^((?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?)\r?\n/.exec(buffer))) {
      buffer = buffer.slice(m[0].length);
      const next = waiting.shift();
      if (next) next(m[1] as string);
      else replies.push(m[1] as string);
    }
  });
  const reply = () => new Promise<string>((resolve) => (replies.length ? resolve(replies.shift() as string) : waiting.push(resolve)));
  const write = (data: string | Buffer) => new Promise<void>((resolve) => socket.write(data, () => resolve()));
  return { socket, reply, write, command: async (line: string) => (await write(`${line}\r\n`), reply()) };
}

const sample = mail('From: Anna <anna@example.ch>\nTo: support@tierdesk.test\nSubject: Printer\nMessage-ID: <smtp.1@example.ch>\n\nHello,\n.a line starting with a dot\n..two dots\n\nAnna\n');

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

describe('when a client delivers a message', () => {
  it('hands onMessage the exact raw bytes and the envelope, then answers 250', async () => {
    const received: Array<{ raw: Buffer; envelope: SmtpEnvelope }> = [];
    const { listener, log } = await listen(async (raw, envelope) => void received.push({ raw, envelope }));
    const info = await send(listener.port, sample);
    expect(info.response).toMatch(/^250 /);
    expect(received).toHaveLength(1);
    expect(received[0]?.raw.equals(sample)).toBe(true);
    expect(received[0]?.envelope).toEqual({ mailFrom: 'anna@example.ch', rcptTo: ['support@tierdesk.test'], remoteAddress: '127.0.0.1' });
    const accepted = log.entries.find((e) => e.msg === 'intake: message accepted');
    expect(accepted?.obj).toMatchObject({ messageId: '<smtp.1@example.ch>', remoteAddress: '127.0.0.1', sizeBytes: sample.length });
    expect(JSON.stringify(log.entries)).not.toContain('Hello');
    expect(JSON.stringify(log.entries)).not.toContain('Printer');
  });

  it('answers 250 only once onMessage has resolved', async () => {
    let release!: () => void;
    let called!: () => void;
    const onMessageCalled = new Promise<void>((r) => (called = r));
    const { listener } = await listen(() => {
      called();
      return new Promise<void>((r) => (release = r));
    });
    let answered = false;
    const sending = send(listener.port, sample).then((info) => ((answered = true), info));
    await onMessageCalled;
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    release();
    expect((await sending).response).toMatch(/^250 /);
  });

  it('passes the null sender of a bounce as an empty mailFrom', async () => {
    const envelopes: SmtpEnvelope[] = [];
    const { listener } = await listen(async (_raw, envelope) => void envelopes.push(envelope));
    const c = rawClient(listener.port);
    await c.reply();
    await c.command('EHLO client.test');
    expect(await c.command('MAIL FROM:<>')).toMatch(/^250/);
    expect(await c.command('RCPT TO:<support@tierdesk.test>')).toMatch(/^250/);
    expect(await c.command('DATA')).toMatch(/^354/);
    expect(await c.command('From: MAILER-DAEMON@x.test\r\n\r\nbounce\r\n.')).toMatch(/^250/);
    c.socket.destroy();
    expect(envelopes[0]?.mailFrom).toBe('');
  });

  it('advertises SIZE and refuses AUTH and STARTTLS', async () => {
    const { listener } = await listen(async () => {}, { maxBytes: 12345 });
    const c = rawClient(listener.port);
    await c.reply();
    const ehlo = await c.command('EHLO client.test');
    expect(ehlo).toContain('SIZE 12345');
    expect(ehlo).not.toContain('STARTTLS');
    expect(ehlo).not.toContain('AUTH');
    c.socket.destroy();
  });
});

describe('when the message is too large', () => {
  it('answers 552 to nodemailer and never calls onMessage', async () => {
    let calls = 0;
    const { listener } = await listen(async () => void calls++, { maxBytes: 2000 });
    const big = mail(`From: a@example.com\nSubject: big\n\n${'x'.repeat(70).concat('\n').repeat(100)}`);
    await expect(send(listener.port, big)).rejects.toMatchObject({ responseCode: 552 });
    expect(calls).toBe(0);
  });

  it('drains a message sent without SIZE, answers 552 after DATA, and the session goes on', async () => {
    const got: Buffer[] = [];
    const { listener, log } = await listen(async (raw) => void got.push(raw), { maxBytes: 10_000 });
    const c = rawClient(listener.port);
    await c.reply();
    await c.command('EHLO client.test');
    await c.command('MAIL FROM:<a@example.com>');
    await c.command('RCPT TO:<support@tierdesk.test>');
    await c.command('DATA');
    const line = `${'y'.repeat(998)}\r\n`;
    await c.write('From: a@example.com\r\nSubject: huge\r\n\r\n');
    for (let i = 0; i < 1000; i++) await c.write(line); // ~1 MB, 100x the limit
    expect(await c.command('.')).toMatch(/^552 /);
    expect(got).toHaveLength(0);
    expect(log.entries.some((e) => e.msg === 'intake: message refused, too large')).toBe(true);
    await c.command('MAIL FROM:<a@example.com>');
    await c.command('RCPT TO:<support@tierdesk.test>');
    await c.command('DATA');
    expect(await c.command('From: a@example.com\r\nSubject: small\r\n\r\nok\r\n.')).toMatch(/^250 /);
    expect(got).toHaveLength(1);
    c.socket.destroy();
  });
});

describe('when onMessage fails', () => {
  it('answers 451 for IntakeTemporaryError, so the client keeps the message', async () => {
    const { listener, log } = await listen(async () => {
      throw new IntakeTemporaryError('Redis is away');
    });
    const err = await send(listener.port, sample).catch((e: unknown) => e);
    expect(err).toMatchObject({ responseCode: 451 });
    expect(String((err as Error).message)).toMatch(/451 4\.3\.0/);
    expect(log.entries.find((e) => e.level === 'warn')?.obj).toMatchObject({ code: 'INTAKE_UNAVAILABLE', messageId: '<smtp.1@example.ch>' });
  });

  it('answers 451 for an unexpected error too', async () => {
    const { listener } = await listen(async () => {
      throw new TypeError('bug');
    });
    await expect(send(listener.port, sample)).rejects.toMatchObject({ responseCode: 451 });
  });

  it('answers 554 for IntakeRejectedError', async () => {
    const { listener } = await listen(async () => {
      throw new IntakeRejectedError('sender blocked');
    });
    await expect(send(listener.port, sample)).rejects.toMatchObject({ responseCode: 554 });
  });
});

describe('close()', () => {
  it('closes an idle listener; nothing listens afterwards', async () => {
    const { listener } = await listen(async () => {});
    await listener.close();
    const refused = await new Promise<string>((resolve) => {
      const s = connect(listener.port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve('connected')));
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('ends idle connections with 421 instead of waiting for the close timeout', async () => {
    const { listener } = await listen(async () => {}, { closeTimeoutMs: 60_000 });
    const c = rawClient(listener.port);
    await c.reply();
    await c.command('EHLO client.test');
    await listener.close();
    expect(await c.reply()).toMatch(/^421 /);
  }, 10_000);

  it('lets a message in DATA finish and get its 250', async () => {
    let release!: () => void;
    let called!: () => void;
    const onMessageCalled = new Promise<void>((r) => (called = r));
    const { listener } = await listen(() => {
      called();
      return new Promise<void>((r) => (release = r));
    });
    const sending = send(listener.port, sample);
    await onMessageCalled;
    const closing = listener.close();
    release();
    expect((await sending).response).toMatch(/^250 /);
    await closing;
  });
});
