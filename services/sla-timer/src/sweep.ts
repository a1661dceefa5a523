import { isFinished, isSlaPaused, TICKET_STATUSES } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { armSlaTimer, slaTimerQueue } from './arm-timer.js';
import { slaTimerKeys } from './keys.js';
import { reconcileSla } from './reconcile-sla.js';
import { slaTimerJobId } from './timer-ref.js';

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
    if (res.at !== null) n++;
  }
  return n;
}

/** Of the recorded timers (ticket id, at), the ids of tickets whose job is gone from the queue. */
async function lostJobs(rt: Runtime, records: Array<[string, number]>): Promise<string[]> {
  if (records.length === 0) return [];
  const queue = slaTimerQueue(rt);
  const pipe = rt.redis.pipeline();
  for (const [id, at] of records) pipe.exists(queue.toKey(slaTimerJobId(id, at)));
  const res = (await pipe.exec()) ?? [];
  return records.filter((_, i) => Number(res[i]?.[1] ?? 0) === 0).map(([id]) => id);
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
    const records: Array<[string, number]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) records.push([flat[i] ?? '', Number(flat[i + 1])]);
    checked += records.length;
    rearmed += await rearm(rt, await lostJobs(rt, records));
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
      const armed = await rt.redis.zmscore(keys.armed, ...ids);
      rearmed += await rearm(rt, ids.filter((_, i) => armed[i] === null));
    } while (cursor !== '0');
  }
  return { checked, rearmed, truncated: false };
}

/**
 * The periodic safety net: a timer whose moment passed more than `graceMs` ago but whose record is
 * still there should have fired. If its job is gone, or failed for good (its retries are
 * immediate, so a Redis outage can exhaust them), it is re-armed, which fires it now; the
 * recorded firing on the ticket keeps that from sending anything twice.
 */
export async function rearmOverdueSlaTimers(rt: Runtime, graceMs = 30_000, max = 200): Promise<number> {
  const keys = slaTimerKeys(rt.env.prefix);
  const flat = await rt.redis.zrangebyscore(keys.armed, '-inf', rt.now().getTime() - graceMs, 'WITHSCORES', 'LIMIT', 0, max);
  const queue = slaTimerQueue(rt);
  const lost: string[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const ticketId = flat[i] ?? '';
    const jobId = slaTimerJobId(ticketId, Number(flat[i + 1]));
    const state = await queue.getJobState(jobId);
    if (state === 'failed') await queue.remove(jobId);
    if (state === 'failed' || state === 'unknown') lost.push(ticketId);
  }
  return rearm(rt, lost);
}
