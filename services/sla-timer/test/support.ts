import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { DEFAULT_CONFIG_PATH, loadEnv, parseConfig } from '@tierdesk/config';
import { changeStatus, chain, createTicket, newEvent, type Level, type Priority, type Ticket, type TierdeskConfig } from '@tierdesk/domain';
import { createLogger } from '@tierdesk/logger';
import { createRuntime, type Runtime } from '@tierdesk/runtime';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The example config with short 24x7 policies: level 3 breaches after 3 s and escalates to level 4;
 * level 1 warns only after 6 s, room enough to act on an armed timer even on a loaded machine.
 */
export function testConfig(): TierdeskConfig {
  const base = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  return parseConfig({
    ...base,
    sla: {
      policies: [
        { name: 'l1-roomy', levels: [1], resolution: 'PT8S', calendar: '24x7', warnAtPercent: 75 },
        { name: 'l2-pausable', levels: [2], resolution: 'PT4S', calendar: '24x7', warnAtPercent: 50 },
        { name: 'l3-fast', levels: [3], resolution: 'PT3S', calendar: '24x7', warnAtPercent: 50, escalateOnBreach: true },
        { name: 'l4-slow', levels: [4], firstResponse: 'PT60S', resolution: 'PT120S', calendar: '24x7', warnAtPercent: 80 },
      ],
    },
    agents: [
      { email: 'l1@agents.test', name: 'Level One', levels: [1], language: 'en' },
      { email: 'l2@agents.test', name: 'Level Two', levels: [2], language: 'en' },
      { email: 'l3@agents.test', name: 'Level Three', levels: [3], language: 'en' },
      { email: 'l4@agents.test', name: 'Level Four', levels: [4], language: 'en' },
    ],
    escalationContacts: ['lead@agents.test'],
  });
}

export interface TestRuntime {
  rt: Runtime;
  prefix: string;
  cleanup(): Promise<void>;
}

/** A real runtime on its own prefix (relay on); outbound mail would go to a temp outbox. */
export async function testRuntime(config = testConfig(), opts: { relay?: boolean; prefix?: string; now?: () => Date } = {}): Promise<TestRuntime> {
  const prefix = opts.prefix ?? `tdtest-${randomBytes(4).toString('hex')}`;
  const outbox = mkdtempSync(join(tmpdir(), 'td-sla-'));
  const env = loadEnv({ REDIS_URL, TIERDESK_PREFIX: prefix, TIERDESK_OUTBOX: outbox, MAIL_FROM: 'Support <support@tierdesk.test>', LOG_LEVEL: 'silent' }, process.cwd());
  const rt = await createRuntime({ env, config, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', name: 'test' }), relay: opts.relay ?? true, ...(opts.now ? { now: opts.now } : {}) });
  return {
    rt,
    prefix,
    async cleanup() {
      await rt.close().catch(() => undefined);
      await deletePrefix(prefix);
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

/** A ticket as triage leaves it: created, classified at `level`, open. */
export async function openTicket(rt: Runtime, level: Level, priority: Priority = 'normal', now = rt.now()): Promise<Ticket> {
  const messageId = `<sla-${++seq}-${randomBytes(3).toString('hex')}@customer.test>`;
  const message = { messageId, direction: 'in' as const, kind: null, from: 'cust@customer.test', at: now.toISOString(), role: 'customer' as const };
  const { ticket } = await rt.store.create(
    messageId,
    (id) =>
      chain(
        createTicket({ id, subject: `SLA test ${seq}`, customer: { email: 'cust@customer.test', name: 'Cust' }, level, priority, category: null, language: 'en', message }, now),
        (t) =>
          chain(
            {
              ticket: t,
              events: [newEvent('ticket.classified', { level, category: null, language: 'en', confidence: 0.9, needsTriage: false, explanation: [], kb: [], vendor: null, priority })],
            },
            (x) => changeStatus(x, 'open', 'triaged', now),
          ),
      ),
    now,
  );
  return ticket;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 15_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Outbound emails recorded on the ticket, as `kind→address`. */
export function sentMail(t: Ticket): string[] {
  return t.messages.filter((m) => m.direction === 'out').map((m) => `${m.kind}→${(m.to ?? []).join(',')}`);
}

export function eventsOf(t: Ticket, type: string) {
  return t.events.filter((e) => e.type === type);
}
