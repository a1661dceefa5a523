import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus, createTicket, pauseSla, recordSlaFiring, startSla, type Priority, type Ticket, type TicketChange, type TierdeskConfig } from '@tierdesk/domain';
import { TicketStore } from '@tierdesk/store';
import { ROOT, runCli } from '../support/system.js';

const dir = mkdtempSync(join(tmpdir(), 'td-sla-cli-'));
const env = (extra: Record<string, string> = {}) => {
  const e: Record<string, string | undefined> = { ...process.env, ...extra };
  if (!extra.TIERDESK_CONFIG) delete e.TIERDESK_CONFIG;
  return e;
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tierdesk sla due (CONTRACT §7), with the shipped example config', () => {
  it('prints the deadlines of a 24x7 policy as one JSON line', async () => {
    const r = await runCli(['sla', 'due', '--level', '3', '--priority', 'urgent', '--opened', '2026-03-02T09:30:00+01:00'], env());
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ policy: 'urgent-product-experts', firstResponseDue: '2026-03-02T09:30:00.000Z', resolutionDue: '2026-03-02T16:30:00.000Z' });
  });

  it('counts business hours across a weekend for a business policy', async () => {
    // Friday 16:00 in Berlin: one hour left that day, the other three on Monday from 08:00.
    const r = await runCli(['sla', 'due', '--level', '3', '--priority', 'normal', '--opened', '2026-03-06T16:00:00+01:00'], env());
    expect(JSON.parse(r.stdout)).toEqual({ policy: 'product-experts', firstResponseDue: '2026-03-09T10:00:00.000Z', resolutionDue: '2026-03-13T15:00:00.000Z' });
  });

  it('prints nulls where no policy matches', async () => {
    const r = await runCli(['sla', 'due', '--level', '0', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z'], env());
    expect(JSON.parse(r.stdout)).toEqual({ policy: null, firstResponseDue: null, resolutionDue: null });
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    for (const args of [
      ['--level', '5', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z'],
      ['--level', '3', '--priority', 'asap', '--opened', '2026-03-02T08:00:00Z'],
      ['--level', '3', '--priority', 'low', '--opened', 'yesterday'],
      ['--level', '3', '--priority', 'low', '--opened', '2026-03-02T08:00:00'],
      ['--level', '3', '--priority', 'low'],
    ]) {
      const r = await runCli(['sla', 'due', ...args], env());
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^tierdesk: --(level|priority|opened) .*\[INVALID_INPUT\]\n$/);
      expect(r.stdout).toBe('');
    }
  });

  it('names every bad SLA setting at once: durations, zone, overlapping hours, days on a business calendar', async () => {
    const base = JSON.parse(readFileSync(`${ROOT}config/tierdesk.example.json`, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const file = join(dir, 'bad-sla.json');
    base.timezone = 'Europe/Berln';
    base.businessHours.tue = [['08:00', '12:00'], ['11:00', '17:00']];
    base.sla.policies[0].firstResponse = 'soon'; // 24x7
    base.sla.policies[0].resolution = 'P1M'; // 24x7, but a month has no fixed length
    base.sla.policies[2].resolution = 'P5D'; // business
    writeFileSync(file, JSON.stringify(base));
    for (const args of [['config', 'check', file], ['sla', 'due', '--level', '3', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z']]) {
      const r = await runCli(args, env({ TIERDESK_CONFIG: file }));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      for (const path of ['timezone', 'businessHours.tue[1]', 'sla.policies[0].firstResponse', 'sla.policies[0].resolution', 'sla.policies[2].resolution']) {
        expect(r.stderr, path).toContain(`${path}: `);
      }
      expect(r.stderr).toMatch(/unknown time zone "Europe\/Berln"/);
      expect(r.stderr).toMatch(/11:00–17:00 overlaps 08:00–12:00/);
      expect(r.stderr).toMatch(/months have no fixed length/);
      expect(r.stderr).toMatch(/"P5D" counts days.*"business" calendar/);
    }
  });

  it('exits 2 naming the path when the config is invalid', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ timezone: 'Mars/Olympus' }));
    const r = await runCli(['sla', 'due', '--level', '3', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z'], env({ TIERDESK_CONFIG: file }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timezone/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * `tierdesk sla list` against tickets in real Redis, as the services leave them: stored through
 * the ticket store, SLA clocks started and firings recorded by the domain functions the sla-timer
 * uses, on this test's own prefix. Deadlines are placed relative to the real clock.
 */
describe('tierdesk sla list: overdue, due and paused tickets, and --limit', () => {
  const prefix = `tdtest-slalist-${randomBytes(4).toString('hex')}`;
  const configFile = join(dir, 'sla-list.json');
  const MIN = 60_000;
  let redis: Redis;
  const ids: Record<string, string> = {};
  const listEnv = () => env({ TIERDESK_CONFIG: configFile, TIERDESK_PREFIX: prefix });

  interface Listed {
    id: string;
    status: string;
    target: string;
    due: string;
    overdue: boolean;
    state: string;
    overdueMs: number | null;
    remainingMs: number;
    pausedSince: string | null;
    next: { kind: string; at: string } | null;
  }
  const list = async (...args: string[]) => {
    const r = await runCli(['sla', 'list', '--json', ...args], listEnv());
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { dueWithin: string; total: number; tickets: Listed[] };
  };

  beforeAll(async () => {
    const base = JSON.parse(readFileSync(`${ROOT}config/tierdesk.example.json`, 'utf8')) as Record<string, unknown>;
    const config = {
      ...base,
      sla: {
        policies: [
          { name: 'e2e-urgent', levels: [3], priorities: ['urgent'], firstResponse: 'PT1H', resolution: 'PT2H', calendar: '24x7', warnAtPercent: 80 },
          { name: 'e2e-normal', levels: [3], priorities: ['normal'], firstResponse: 'PT6H', resolution: 'PT12H', calendar: '24x7', warnAtPercent: 80 },
        ],
      },
    };
    writeFileSync(configFile, JSON.stringify(config));
    const domainConfig = config as unknown as TierdeskConfig;
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const store = new TicketStore(redis, prefix);
    const now = Date.now();
    const at = (min: number) => new Date(now + min * MIN);
    const open = async (name: string, priority: Priority, openedMin: number, extra: Partial<Ticket> = {}) => {
      const opened = at(openedMin);
      const { ticket } = await store.create(`<${name}-${prefix}@customer.test>`, (id): TicketChange => {
        const c = createTicket(
          { id, subject: name, customer: { email: 'c@customer.test', name: 'C' }, level: 3, priority, category: null, language: 'en', message: { messageId: `<${name}-${prefix}@customer.test>`, direction: 'in', kind: null, from: 'c@customer.test', at: opened.toISOString() } },
          opened,
        );
        const t: Ticket = { ...c.ticket, status: 'open', ...extra };
        return { ticket: { ...t, sla: startSla(t, domainConfig, opened) }, events: c.events };
      }, opened);
      ids[name] = ticket.id;
      return ticket;
    };
    // Created first, so a scan meets them first: deadlines hours away, outside a one-hour window.
    for (let i = 0; i < 4; i++) await open(`later-${i}`, 'normal', -10);
    // Every deadline breached and recorded: the sla-timer has nothing left to arm for it.
    const breached = await open('breached', 'urgent', -300);
    for (const [target, kind, min] of [['firstResponse', 'warning', -252], ['firstResponse', 'breach', -240], ['resolution', 'warning', -204], ['resolution', 'breach', -180]] as const) {
      await store.update(breached.id, (t) => recordSlaFiring(t, target, kind, at(min)), at(min));
    }
    // First response 30 minutes late (breach recorded), resolution still 30 minutes ahead.
    const late = await open('late', 'urgent', -90);
    await store.update(late.id, (t) => recordSlaFiring(t, 'firstResponse', 'breach', at(-30)), at(-30));
    await open('soon', 'urgent', -20); // first response due in 40 minutes
    await open('answered', 'urgent', -30, { firstResponseAt: at(-25).toISOString() }); // resolution due in 90 minutes
    // Waiting on the customer since 5 minutes in: 55 minutes left whenever it resumes, though the
    // deadline as it stood at the pause is past.
    const waiting = await open('waiting', 'urgent', -100);
    await store.update(waiting.id, (t) => {
      const c = changeStatus(t, 'waiting_customer', 'asked for logs', at(-95));
      return { ...c, ticket: { ...c.ticket, sla: pauseSla(c.ticket.sla, at(-95)) } };
    }, at(-95));
    const done = await open('done', 'urgent', -300);
    await store.update(done.id, (t) => changeStatus(t, 'resolved', 'fixed', at(-200)), at(-200));
  });

  afterAll(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  });

  it('lists overdue tickets first, also one whose every deadline is breached, then due ones, then paused ones', async () => {
    const r = await list('--due-within', 'PT1H');
    expect(r.tickets.map((t) => t.id)).toEqual([ids.breached, ids.late, ids.soon, ids.waiting]);
    expect(r.total).toBe(4);
    const [breached, late, soon, waiting] = r.tickets;
    expect(breached).toMatchObject({ state: 'overdue', overdue: true, target: 'firstResponse', status: 'open', next: null });
    expect(breached!.overdueMs! / MIN).toBeGreaterThanOrEqual(240);
    expect(breached!.overdueMs! / MIN).toBeLessThan(242);
    expect(breached!.remainingMs).toBe(-breached!.overdueMs!);
    expect(late).toMatchObject({ state: 'overdue', overdue: true, target: 'firstResponse', next: { kind: 'warning' } });
    expect(late!.overdueMs! / MIN).toBeGreaterThanOrEqual(30);
    // Due ones keep the fields the list always had.
    expect(soon).toMatchObject({ state: 'due', overdue: false, target: 'firstResponse', overdueMs: null, pausedSince: null, next: { kind: 'warning' } });
    expect(Object.keys(soon!)).toEqual(expect.arrayContaining(['id', 'subject', 'level', 'priority', 'status', 'policy', 'target', 'due', 'overdue', 'next']));
    expect(Date.parse(soon!.due) - Date.now()).toBeLessThanOrEqual(40 * MIN);
    // Paused: shown as paused with the time left, its stored deadline (now past) not taken as overdue.
    expect(waiting).toMatchObject({ state: 'paused', status: 'waiting_customer', overdue: false, overdueMs: null, remainingMs: 55 * MIN, next: null });
    expect(Date.parse(waiting!.due)).toBeLessThan(Date.now());

    const text = await runCli(['sla', 'list', '--due-within', 'PT1H'], listEnv());
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^${ids.breached}\\s+L3\\s+urgent\\s+open\\s+first response due \\S+\\s+OVERDUE by 4h0[01]m\\s+e2e-urgent$`));
    expect(lines[1]).toMatch(/OVERDUE by 3[01]m\s+e2e-urgent\s+\(warning at \S+\)$/);
    expect(lines[2]).toMatch(/first response due \S+\s+in (39|40)m\s+e2e-urgent/);
    expect(lines[3]).toMatch(new RegExp(`^${ids.waiting}\\s+L3\\s+urgent\\s+waiting_customer\\s+first response paused since \\S+\\s+55m left when resumed\\s+e2e-urgent$`));
  });

  it('keeps overdue tickets whatever the window, and widens with it', async () => {
    expect((await list('--due-within', 'PT1M')).tickets.map((t) => t.id)).toEqual([ids.breached, ids.late]);
    expect((await list('--due-within', 'PT2H')).tickets.map((t) => t.id)).toEqual([ids.breached, ids.late, ids.soon, ids.answered, ids.waiting]);
    const all = await list('--due-within', 'P1D');
    expect(all.tickets.map((t) => t.id)).toEqual([ids.breached, ids.late, ids.soon, ids.answered, ...[0, 1, 2, 3].map((i) => ids[`later-${i}`]), ids.waiting]);
    expect(all.tickets.map((t) => t.id)).not.toContain(ids.done);
  });

  it('applies --limit after filtering and sorting: the most pressing tickets, and says how many more', async () => {
    const two = await list('--due-within', 'PT1H', '--limit', '2');
    expect(two.tickets.map((t) => t.id)).toEqual([ids.breached, ids.late]);
    expect(two.total).toBe(4);
    const three = await list('--due-within', 'PT1H', '--limit', '3');
    expect(three.tickets.map((t) => t.id)).toEqual([ids.breached, ids.late, ids.soon]);
    const text = await runCli(['sla', 'list', '--due-within', 'PT1H', '--limit', '1'], listEnv());
    expect(text.code).toBe(0);
    expect(text.stdout.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${ids.breached}\\s.*OVERDUE`))]);
    expect(text.stderr).toBe('tierdesk: 3 more not shown (--limit 1)\n');
  });
});
