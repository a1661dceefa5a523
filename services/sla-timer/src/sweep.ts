import { isFinished, isSlaPaused, TICKET_STATUSES } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { armSlaTimer, slaTimerQueue } from './arm-timer.js';
import { slaTimerKeys } from './keys.js';
import { reconcileSla } from './reconcile-sla.js';

const BATCH = 500;

export interface SweepResult {
  checked: number;
  rearmed: number;
  truncated: boolean;
}

export interface SweepOptions {
  /** At most this many tickets are looked at (records plus open tickets). */
  limit?: number;
  signal?: AbortSignal;
}

/** Re-arms the tickets among `ids` (reconciling their SLA clock first). */
async function rearm(rt: Runtime, ids: string[]): Promise<number> {
  let n = 0;
  for (const id of ids) {
    const ticket = await reconcileSla(rt, id);
    if (!ticket) continue;
    const res = await armSlaTimer(rt, ticket);
    if (res.timer) n++;
  }
  return n;
}

/** Of the recorded timers, the ids of tickets whose job is gone from the queue. */
async function lostJobs(rt: Runtime, ticketIds: string[]): Promise<string[]> {
  if (ticketIds.length === 0) return [];
  const keys = slaTimerKeys(rt.env.prefix);
  const recs = await rt.redis.hmget(keys.jobs, ...ticketIds);
  const queue = slaTimerQueue(rt);
  const pipe = rt.redis.pipeline();
  const asked: string[] = [];
  recs.forEach((rec, i) => {
    if (!rec) return;
    asked.push(ticketIds[i] ?? '');
    pipe.exists(queue.toKey(rec.slice(rec.indexOf('|') + 1)));
  });
  const res = (await pipe.exec()) ?? [];
  return asked.filter((_, i) => Number(res[i]?.[1] ?? 0) === 0);
}

/**
 * Start-up check that every ticket with a running SLA clock has its timer job: recorded timers
 * whose job is gone (a lost or flushed timer queue) and open tickets with no record (an event
 * handled while the timer queue was unavailable) are re-armed; an overdue deadline then fires at
 * once, exactly once (the recorded firing is the guard). Bounded by `limit`, pipelined by batch.
 */
export async function sweepSlaTimers(rt: Runtime, opts: SweepOptions = {}): Promise<SweepResult> {
  const limit = opts.limit ?? 100_000;
  const keys = slaTimerKeys(rt.env.prefix);
  let checked = 0;
  let rearmed = 0;
  let cursor = '0';
  do {
    if (checked >= limit || opts.signal?.aborted) return { checked, rearmed, truncated: checked >= limit };
    const [nextCursor, flat] = await rt.redis.zscan(keys.armed, cursor, 'COUNT', String(BATCH));
    cursor = nextCursor;
    const ids = flat.filter((_, i) => i % 2 === 0);
    checked += ids.length;
    rearmed += await rearm(rt, await lostJobs(rt, ids));
  } while (cursor !== '0');
  const running = TICKET_STATUSES.filter((s) => !isFinished(s) && !isSlaPaused(s));
  for (const status of running) {
    cursor = '0';
    do {
      if (checked >= limit || opts.signal?.aborted) return { checked, rearmed, truncated: checked >= limit };
      const [nextCursor, ids] = await rt.redis.sscan(rt.store.keys.byStatus(status), cursor, 'COUNT', String(BATCH));
      cursor = nextCursor;
      if (ids.length === 0) continue;
      checked += ids.length;
      const recs = await rt.redis.hmget(keys.jobs, ...ids);
      rearmed += await rearm(rt, ids.filter((_, i) => !recs[i]));
    } while (cursor !== '0');
  }
  return { checked, rearmed, truncated: false };
}

/**
 * The periodic safety net: timers whose moment passed more than `graceMs` ago but whose record is
 * still there should have fired; if their job is gone, re-arm them (which fires them now).
 */
export async function rearmOverdueSlaTimers(rt: Runtime, graceMs = 30_000, max = 200): Promise<number> {
  const keys = slaTimerKeys(rt.env.prefix);
  const ids = await rt.redis.zrangebyscore(keys.armed, '-inf', rt.now().getTime() - graceMs, 'LIMIT', 0, max);
  return rearm(rt, await lostJobs(rt, ids));
}
