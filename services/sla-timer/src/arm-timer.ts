import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TimerJob } from '@tierdesk/bus';
import { nextSlaTimer, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { slaTimerKeys } from './keys.js';
import { slaTimerJobId, slaTimerRef, toTimerJob, type SlaTimerRef } from './timer-ref.js';

export const SLA_TIMER_QUEUE = 'sla-timers';

/**
 * Swaps a ticket's armed-timer record, unless a newer version of the ticket already armed one.
 * KEYS: jobs hash, armed zset. ARGV: ticket id, ticket version, job id ('' = disarm), at ms.
 * Returns {outcome, jobId}: 'same' (already armed; version bumped), 'stale' (newer record kept,
 * jobId = its job) or 'set' (jobId = the job it replaced, '' if none).
 */
const SWAP_LUA = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local version = tonumber(ARGV[2])
local old = ''
if cur then
  local sep = string.find(cur, '|', 1, true)
  local v = tonumber(string.sub(cur, 1, sep - 1))
  old = string.sub(cur, sep + 1)
  if v > version then return {'stale', old} end
  if old == ARGV[3] then
    if v < version then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. old) end
    return {'same', old}
  end
end
if ARGV[3] == '' then
  if not cur then return {'same', ''} end
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
end
return {'set', old}
`;

interface SwapRedis {
  tierdeskSlaSwap(jobs: string, armed: string, ticketId: string, version: string, jobId: string, at: string): Promise<[string, string]>;
}

function swapper(redis: Redis): SwapRedis {
  const r = redis as unknown as Partial<SwapRedis>;
  if (!r.tierdeskSlaSwap) redis.defineCommand('tierdeskSlaSwap', { numberOfKeys: 2, lua: SWAP_LUA });
  return redis as unknown as SwapRedis;
}

export interface ArmOutcome {
  /** armed: a new timer; unchanged: already armed; disarmed: nothing left to fire; superseded: a newer ticket version armed its own. */
  state: 'armed' | 'unchanged' | 'disarmed' | 'superseded';
  timer: SlaTimerRef | null;
  jobId: string | null;
}

export interface ArmOptions {
  /** The timer job being processed right now: never cancelled (it is active and removes itself). */
  firingJobId?: string | undefined;
}

export function slaTimerQueue(rt: Runtime): Queue<TimerJob> {
  return rt.bus.queue(SLA_TIMER_QUEUE);
}

/** Publishes the delayed job for `ref` (a no-op while a job with its id exists). */
export async function publishSlaTimer(rt: Runtime, ref: SlaTimerRef, now: number): Promise<string> {
  const jobId = slaTimerJobId(ref);
  // Completed timers are removed at once, so the same moment can be armed again after a stale firing.
  await (slaTimerQueue(rt) as unknown as Queue).add('sla', toTimerJob(ref), { jobId, delay: Math.max(0, ref.at - now), removeOnComplete: true });
  return jobId;
}

/**
 * Arms the ticket's one SLA timer for its next moment (nextSlaTimer), cancelling the one it
 * replaces; disarms it when nothing is left to fire (resolved, paused, no policy). Idempotent:
 * the job id is deterministic and the record only moves forward in ticket versions, so
 * concurrent arms from the event and timer processors settle on the newest ticket's timer.
 */
export async function armSlaTimer(rt: Runtime, ticket: Ticket, opts: ArmOptions = {}): Promise<ArmOutcome> {
  const now = rt.now().getTime();
  const next = nextSlaTimer(ticket, rt.config, new Date(now));
  const ref = next ? slaTimerRef(ticket, next) : null;
  // Publish first: a crash after it leaves an extra job (which finds itself stale), never a
  // record pointing at a job that does not exist.
  const jobId = ref ? await publishSlaTimer(rt, ref, now) : '';
  const keys = slaTimerKeys(rt.env.prefix);
  const [outcome, other] = await swapper(rt.redis).tierdeskSlaSwap(keys.jobs, keys.armed, ticket.id, String(ticket.version), jobId, String(ref?.at ?? 0));
  if (outcome === 'stale') {
    if (jobId && jobId !== other && jobId !== opts.firingJobId) await rt.bus.cancel(SLA_TIMER_QUEUE, jobId);
    return { state: 'superseded', timer: null, jobId: other || null };
  }
  if (outcome === 'same') return { state: ref ? 'unchanged' : 'disarmed', timer: ref, jobId: jobId || null };
  if (other && other !== jobId && other !== opts.firingJobId) await rt.bus.cancel(SLA_TIMER_QUEUE, other);
  return { state: ref ? 'armed' : 'disarmed', timer: ref, jobId: jobId || null };
}

/** Drops the record of a ticket that no longer exists. */
export async function forgetSlaTimer(rt: Runtime, ticketId: string): Promise<void> {
  const keys = slaTimerKeys(rt.env.prefix);
  await rt.redis.multi().hdel(keys.jobs, ticketId).zrem(keys.armed, ticketId).exec();
}

/** The job id armed for a ticket, if any. */
export async function armedSlaJobId(rt: Runtime, ticketId: string): Promise<string | null> {
  const rec = await rt.redis.hget(slaTimerKeys(rt.env.prefix).jobs, ticketId);
  return rec ? rec.slice(rec.indexOf('|') + 1) : null;
}
