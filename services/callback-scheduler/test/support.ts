import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { TicketEventJob } from '@tierdesk/bus';
import { DEFAULT_CONFIG_PATH, loadEnv, parseConfig } from '@tierdesk/config';
import { appendMessage, changeStatus, chain, createTicket, newEvent, type Customer, type Ticket, type TicketEvent, type TierdeskConfig } from '@tierdesk/domain';
import { createLogger, type Logger } from '@tierdesk/logger';
import type { OutboundEmail } from '@tierdesk/mail';
import { createRuntime, type Runtime } from '@tierdesk/runtime';
import { callbackDeps, createCallbackEventProcessor } from '../src/index.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const log: Logger = createLogger({ level: 'silent', name: 'test' });

/** The example config (Berlin, Mon–Fri 08–12/13–17, 30-minute slots) with two level-2 agents. */
export function testConfig(extra: Record<string, unknown> = {}): TierdeskConfig {
  const base = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  return parseConfig({
    ...base,
    agents: [
      { email: 'jonas@agents.test', name: 'Jonas Schmidt', levels: [2], language: 'de' },
      { email: 'oliver@agents.test', name: 'Oliver Hughes', levels: [2], timezone: 'Europe/London', language: 'en' },
      { email: 'elena@agents.test', name: 'Elena Rossi', levels: [3], language: 'en' },
    ],
    callbacks: { slot: 'PT30M', reminderBefore: 'PT15M', maxAttempts: 3, retryAfter: 'PT2H', leadTime: 'PT1H', customerHours: ['08:00', '19:00'] },
    ...extra,
  });
}

export interface TestRuntime {
  rt: Runtime;
  prefix: string;
  /** Moves the injected clock. */
  setNow(iso: string): void;
  cleanup(): Promise<void>;
}

/** A real runtime on its own prefix without the relay (tests drive the processors), clock injected. */
export async function testRuntime(config = testConfig(), opts: { prefix?: string; now?: string } = {}): Promise<TestRuntime> {
  const prefix = opts.prefix ?? `tdtest-${randomBytes(4).toString('hex')}`;
  const outbox = mkdtempSync(join(tmpdir(), 'td-cb-'));
  let now = new Date(opts.now ?? '2026-03-09T07:00:00Z');
  const env = loadEnv({ REDIS_URL, TIERDESK_PREFIX: prefix, TIERDESK_OUTBOX: outbox, MAIL_FROM: 'Support <support@tierdesk.test>', LOG_LEVEL: 'silent' }, process.cwd());
  const rt = await createRuntime({ env, config, logger: log, relay: false, now: () => now });
  return {
    rt,
    prefix,
    setNow(iso: string) {
      now = new Date(iso);
    },
    async cleanup() {
      await rt.close().catch(() => undefined);
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}

/** Deletes this test's keys only (never FLUSH). */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

let seq = 0;

/** A ticket as triage leaves it at level 2: created, classified, open; returns it and its classified event. */
export async function level2Ticket(rt: Runtime, customer: Partial<Customer> = {}, language = 'en'): Promise<{ ticket: Ticket; classified: TicketEvent }> {
  const now = rt.now();
  const messageId = `<cb-${++seq}-${randomBytes(3).toString('hex')}@customer.test>`;
  const message = { messageId, direction: 'in' as const, kind: null, from: 'lea@customer.test', at: now.toISOString(), role: 'customer' as const, text: 'The program is blocked by my antivirus.' };
  const { ticket } = await rt.store.create(
    messageId,
    (id) =>
      chain(
        createTicket({ id, subject: `Blocked by the antivirus ${seq}`, customer: { email: 'lea@customer.test', name: 'Léa Dubois', timezone: 'Europe/Paris', dateTimezone: null, ...customer }, level: 2, priority: 'normal', category: 'technical', language, message }, now),
        (t) =>
          chain(
            { ticket: t, events: [newEvent('ticket.classified', { level: 2, category: 'technical', language, confidence: 0.9, needsTriage: false, explanation: [], kb: [], vendor: null, priority: 'normal' })] },
            (x) => changeStatus(x, 'open', 'triaged', now),
          ),
      ),
    now,
  );
  const full = (await rt.store.getWithEvents(ticket.id))!;
  return { ticket: full, classified: full.events.find((e) => e.type === 'ticket.classified')! };
}

/** A customer message on the ticket, recorded the way triage records replies; returns its message.received event. */
export async function customerReply(rt: Runtime, id: string, text: string): Promise<TicketEvent> {
  const now = rt.now();
  const messageId = `<reply-${Math.random().toString(36).slice(2)}@customer.test>`;
  const message = { messageId, direction: 'in' as const, kind: null, from: 'lea@customer.test', at: now.toISOString(), role: 'customer' as const, text };
  const { events } = await rt.store.update(id, (t) => ({
    ticket: appendMessage(t, message, now),
    events: [newEvent('message.received', { messageId, from: message.from, role: 'customer', autoSubmitted: false, bounce: false, newTicket: false })],
  }), now);
  return events[0]!;
}

/** Runs the callbacks-queue processor on an event, as a worker would. */
export async function runEvent(rt: Runtime, event: TicketEvent): Promise<Record<string, unknown>> {
  return createCallbackEventProcessor(callbackDeps(rt))({ data: { event } } as Job<TicketEventJob>, log);
}

/** Events of the ticket after `afterCount`, of one type. */
export async function eventsSince(rt: Runtime, id: string, afterCount: number, type?: string): Promise<TicketEvent[]> {
  const t = (await rt.store.getWithEvents(id))!;
  return t.events.slice(afterCount).filter((e) => !type || e.type === type);
}

/** Emails waiting in the outbound queue (not sent: no mailer runs in these tests). */
export async function queuedMail(rt: Runtime, ticketId?: string): Promise<OutboundEmail[]> {
  const jobs = await rt.bus.queue('outbound').getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.map((j) => j.data.email as unknown as OutboundEmail).filter((e) => !ticketId || e.ticketId === ticketId);
}
