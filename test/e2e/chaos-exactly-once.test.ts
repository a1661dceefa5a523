import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundJob } from '@tierdesk/bus';
import { DEFAULT_CONFIG_PATH, loadEnv, parseConfig } from '@tierdesk/config';
import { createTicket, type Ticket } from '@tierdesk/domain';
import { createLogger } from '@tierdesk/logger';
import type { OutboundEmail } from '@tierdesk/mail';
import { createOutboundProcessor, queueTicketEmail } from '@tierdesk/mailer';
import { createRuntime, type Runtime } from '@tierdesk/runtime';
import { OwnRedis } from '../support/own-redis.js';
import { waitFor } from '../support/ports.js';

/** A real SMTP relay that records Message-IDs and can run a hook after DATA, before it answers 250. */
class HookedSink {
  readonly ids: string[] = [];
  beforeAnswer: (() => Promise<void>) | null = null;
  port = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks).toString('latin1');
        this.ids.push(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '?');
        const hook = this.beforeAnswer;
        this.beforeAnswer = null;
        void (hook ? hook() : Promise.resolve()).then(() => cb());
      });
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    const addr = this.server.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  count(id: string): number {
    return this.ids.filter((x) => x === id).length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const redis = new OwnRedis();
const sink = new HookedSink();
let rt: Runtime;

async function newTicket(): Promise<Ticket> {
  const messageId = `<eo-${randomBytes(4).toString('hex')}@customer.test>`;
  const now = rt.now();
  const message = { messageId, direction: 'in' as const, kind: null, from: 'cust@customer.test', at: now.toISOString(), role: 'customer' as const };
  const { ticket } = await rt.store.create(
    messageId,
    (id) => createTicket({ id, subject: 'Invoice', customer: { email: 'cust@customer.test', name: 'Cust' }, level: 1, priority: 'normal', category: null, language: 'en', message }, now),
    now,
  );
  return ticket;
}

function ackRequest(key: string) {
  return { kind: 'ack' as const, to: { address: 'cust@customer.test', name: 'Cust' }, language: 'en', key, inReplyTo: null };
}

function outboundJob(email: OutboundEmail): Job<OutboundJob> {
  return { data: { email: email as unknown as OutboundJob['email'] } } as Job<OutboundJob>;
}

describe('exactly-once outbound email', () => {
  beforeAll(async () => {
    await redis.start();
    await sink.start();
    const config = parseConfig(JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')));
    const env = loadEnv({ REDIS_URL: redis.url, TIERDESK_PREFIX: 'tdtest-eo', SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', TIERDESK_OUTBOX: mkdtempSync(join(tmpdir(), 'td-eo-')) }, process.cwd());
    rt = await createRuntime({ env, config, logger: createLogger({ level: 'silent' }), relay: false });
  });
  afterAll(async () => {
    await rt?.close();
    await sink.stop();
    await redis.stop();
  });

  it('gives an email asked for twice (a retried notify job) one Message-ID, one outbound job and one record on the ticket', async () => {
    const ticket = await newTicket();
    const a = await queueTicketEmail(rt, ticket, ackRequest('TD-x:1.0:customer'));
    const b = await queueTicketEmail(rt, (await rt.store.require(ticket.id)), ackRequest('TD-x:1.0:customer'));
    expect(b.messageId).toBe(a.messageId);
    expect(a.messageId).toMatch(/^<td-\d+\.ack\.[0-9a-f]{24}@tierdesk\.test>$/);
    const jobs = await rt.bus.queue('outbound').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.filter((j) => (j.data.email as unknown as OutboundEmail).messageId === a.messageId)).toHaveLength(1);
    const after = await rt.store.require(ticket.id);
    expect(after.messages.filter((m) => m.messageId === a.messageId)).toHaveLength(1);
  });

  it('does not send again when the job runs again after a recorded send', async () => {
    const ticket = await newTicket();
    const email = await queueTicketEmail(rt, ticket, ackRequest('retry:customer'));
    const send = createOutboundProcessor(rt);
    expect(await send(outboundJob(email), rt.logger)).toMatchObject({ sent: true });
    expect(await send(outboundJob(email), rt.logger)).toEqual({ sent: false });
    expect(sink.count(email.messageId)).toBe(1);
  });

  it('writes the sent-record once Redis is back when Redis dies while the relay accepts, so a retry sends nothing', async () => {
    const ticket = await newTicket();
    const email = await queueTicketEmail(rt, ticket, ackRequest('redis-restart:customer'));
    let restarted: Promise<unknown> = Promise.resolve();
    // Redis dies after the relay has the message and before we hear 250; it is back 1.5 s later.
    sink.beforeAnswer = async () => {
      await redis.stop();
      restarted = new Promise((r) => setTimeout(r, 1500)).then(() => redis.start());
    };
    const send = createOutboundProcessor(rt);
    expect(await send(outboundJob(email), rt.logger)).toMatchObject({ sent: true });
    await restarted;
    await waitFor('Redis again', async () => (await rt.redis.ping()) === 'PONG', 10_000, 100);
    expect(await send(outboundJob(email), rt.logger)).toEqual({ sent: false });
    expect(sink.count(email.messageId)).toBe(1);
  }, 30_000);

  it('shows the documented at-least-once window: a crash between the 250 and the sent-record resends once, with the same Message-ID', async () => {
    const ticket = await newTicket();
    const email = await queueTicketEmail(rt, ticket, ackRequest('window:customer'));
    // The process that sent it died before recording it: only the relay knows.
    await rt.mail.send(email);
    await createOutboundProcessor(rt)(outboundJob(email), rt.logger);
    expect(sink.count(email.messageId)).toBe(2);
    expect(new Set(sink.ids.filter((id) => id === email.messageId)).size).toBe(1);
  });
});
