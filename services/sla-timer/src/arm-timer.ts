import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TimerJob } from '@tierdesk/bus';
import { TierdeskError, nextSlaTimer, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { slaTimerKeys } from './keys.js';
import { slaTimerJobId, toTimerJob } from './timer-ref.js';

export const SLA_TIMER_QUEUE = 'sla-timers';
/** How the timer worker runs: completed timers leave no trace in Redis. */
export const SLA_TIMER_WORKER_OPTIONS = { removeOnComplete: { count: 0 } } as const;
const MAX_ROUNDS = 20;

/**
 * Moves a ticket's armed-timer record, but only if the ticket is still at the version the timer
 * was computed from, so an arm from an older view can never replace a newer one.
 * KEYS: armed zset, the ticket's version key. ARGV: ticket id, version, at ms ('' = disarm).
 * Returns {'moved', version} | {'same', at} | {'set', previous at or ''}.
 */
const SWAP_LUA = `
local v = redis.call('GET', KEYS[2])
if v ~= ARGV[2] then return {'moved', v or ''} end
local old = redis.call('ZSCORE', KEYS[1], ARGV[1])
if ARGV[3] == '' then
  if not old then return {'same', ''} end
  redis.call('ZREM', KEYS[1], ARGV[1])
  return {'set', old}
end
if old and tonumber(old) == tonumber(ARGV[3]) then return {'same', old} end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return {'set', old or ''}
`;

interface SwapRedis {
  tierdeskSlaSwap(armed: string, versionKey: string, ticketId: string, version: string, at: string): Promise<[string, string]>;
}

function swapper(redis: Redis): SwapRedis {
  const r = redis as unknown as Partial<SwapRedis>;
  if (!r.tierdeskSlaSwap) redis.defineCommand('tierdeskSlaSwap', { numberOfKeys: 2, lua: SWAP_LUA });
  return redis as unknown as SwapRedis;
}

export class SlaArmConflictError extends TierdeskError {
  constructor(ticketId: string) {
    super('SLA_ARM_CONFLICT', `Ticket ${ticketId} kept changing while its SLA timer was being armed; the job will retry.`, { ticketId });
  }
}

export interface ArmOutcome {
  /**
   * armed: a new timer (the previous one cancelled); unchanged: already armed; disarmed: nothing
   * left to fire (resolved, paused, no policy); firing: the timer due is the job running now.
   */
  state: 'armed' | 'unchanged' | 'disarmed' | 'firing';
  /** Epoch ms of the armed moment, or null. */
  at: number | null;
  jobId: string | null;
}

export interface ArmOptions {
  /** The timer job being processed right now: never cancelled or re-published (it removes itself). */
  firingJobId?: string | undefined;
}

export function slaTimerQueue(rt: Runtime): Queue<TimerJob> {
  return rt.bus.queue(SLA_TIMER_QUEUE);
}

/** Publishes the delayed job for the ticket's moment `at` (a no-op while a job with its id exists). */
export async function publishSlaTimer(rt: Runtime, ticketId: string, at: number, now: number): Promise<string> {
  const jobId = slaTimerJobId(ticketId, at);
  // Only what differs from BullMQ's defaults is stored with the job (attempts): with every field
  // of its hash under 64 bytes, Redis keeps it as a listpack, less than half the size. Completed
  // timers are removed by the worker (SLA_TIMER_WORKER_OPTIONS), so a moment can be armed again
  // after a stale firing; a retry is immediate, and the watchdog re-arms one that failed for good.
  await (slaTimerQueue(rt) as unknown as Queue).add('sla', toTimerJob(ticketId, at), {
    jobId,
    delay: Math.max(0, at - now),
    backoff: undefined,
    removeOnComplete: undefined,
    removeOnFail: undefined,
  });
  return jobId;
}

/**
 * Arms the ticket's one SLA timer for its next moment (nextSlaTimer), cancelling the one it
 * replaces; disarms it when nothing is left to fire. Idempotent (deterministic job ids) and safe
 * under concurrency: the record only moves for the ticket's current version; an arm computed from
 * an older view re-reads the ticket and starts over. The job is published before the record
 * moves, so a crash in between leaves at worst an extra job, which finds itself stale.
 */
export async function armSlaTimer(rt: Runtime, ticket: Ticket, opts: ArmOptions = {}): Promise<ArmOutcome> {
  const keys = slaTimerKeys(rt.env.prefix);
  let current: Ticket | null = ticket;
  for (let round = 0; round < MAX_ROUNDS && current; round++) {
    const now = rt.now().getTime();
    const next = nextSlaTimer(current, rt.config, new Date(now));
    const at = next ? next.at.getTime() : null;
    const jobId = at === null ? null : slaTimerJobId(current.id, at);
    if (at !== null && jobId !== opts.firingJobId) await publishSlaTimer(rt, current.id, at, now);
    const [outcome, previous] = await swapper(rt.redis).tierdeskSlaSwap(keys.armed, rt.store.keys.ticketVersion(current.id), current.id, String(current.version), at === null ? '' : String(at));
    if (outcome === 'moved') {
      current = await rt.store.get(current.id);
      continue;
    }
    if (jobId !== null && jobId === opts.firingJobId) return { state: 'firing', at, jobId };
    if (outcome === 'same') return { state: at === null ? 'disarmed' : 'unchanged', at, jobId };
    const old = previous ? slaTimerJobId(current.id, Number(previous)) : null;
    if (old && old !== jobId && old !== opts.firingJobId) await rt.bus.cancel(SLA_TIMER_QUEUE, old);
    return { state: at === null ? 'disarmed' : 'armed', at, jobId };
  }
  if (current) throw new SlaArmConflictError(ticket.id);
  await forgetSlaTimer(rt, ticket.id);
  return { state: 'disarmed', at: null, jobId: null };
}

/** Drops the record of a ticket that no longer exists. */
export async function forgetSlaTimer(rt: Runtime, ticketId: string): Promise<void> {
  await rt.redis.zrem(slaTimerKeys(rt.env.prefix).armed, ticketId);
}

/** The job id armed for a ticket, if any. */
export async function armedSlaJobId(rt: Runtime, ticketId: string): Promise<string | null> {
  const at = await rt.redis.zscore(slaTimerKeys(rt.env.prefix).armed, ticketId);
  return at === null ? null : slaTimerJobId(ticketId, Number(at));
}
