/**
 * Lua scripts behind CallbackBookings. Each runs atomically in Redis, which is what makes an
 * agent's calendar safe with any number of scheduler processes booking at once.
 *
 * Layout (wire format; change only with a migration):
 *   <prefix>:callback:agent:<email>  sorted set, score = slot start (epoch ms),
 *                                    member = "<startMs>|<endMs>|<ticketId>"
 *   <prefix>:callback:hold:<ticket>  string "<startMs>|<endMs>|<email>": the ticket's current slot
 * An agent's bookings never overlap (this script is the only writer), so the one booking that
 * starts last before a new slot ends is the only one that can overlap it: O(log n) per check.
 */

/**
 * ARGV: prefix, ticketId, agent, start, end, expectedHold ('' = none), keepPrevious ('1' = the
 * ticket's previous slot stays in the agent's calendar as history), pruneBefore (ms). A hold
 * lives until 30 days after its slot (or after now, by Redis' clock), then a lost one expires.
 * Returns {'booked'|'taken'|'stale', detail}: taken names the clashing booking, stale the hold found.
 */
export const BOOK_LUA = `
local p, tid, agent, s, e, expected, keep, prune = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local holdKey = p .. ':callback:hold:' .. tid
local cur = redis.call('GET', holdKey) or ''
if cur ~= expected then return {'stale', cur} end
local hold = s .. '|' .. e .. '|' .. agent
if cur == hold then return {'booked', ''} end
local oldKey, oldMember, oldStart
if cur ~= '' and keep ~= '1' then
  local os, oe, oa = string.match(cur, '^(%d+)|(%d+)|(.*)$')
  oldKey = p .. ':callback:agent:' .. oa
  oldMember = os .. '|' .. oe .. '|' .. tid
  oldStart = os
  redis.call('ZREM', oldKey, oldMember)
end
local agentKey = p .. ':callback:agent:' .. agent
local before = redis.call('ZREVRANGEBYSCORE', agentKey, '(' .. e, '-inf', 'LIMIT', 0, 1)
if before[1] then
  local be = string.match(before[1], '^%d+|(%d+)|')
  if tonumber(be) > tonumber(s) then
    if oldKey then redis.call('ZADD', oldKey, oldStart, oldMember) end
    return {'taken', before[1]}
  end
end
redis.call('ZADD', agentKey, s, s .. '|' .. e .. '|' .. tid)
redis.call('SET', holdKey, hold)
local t = redis.call('TIME')
local clock = tonumber(t[1]) * 1000
redis.call('PEXPIREAT', holdKey, string.format('%.0f', math.max(tonumber(e), clock) + 2592000000))
redis.call('ZREMRANGEBYSCORE', agentKey, '-inf', '(' .. prune)
return {'booked', ''}
`;

/**
 * ARGV: prefix, ticketId, expectedHold ('' = whatever it is), keepBooking ('1' = drop the hold
 * only; the slot stays in the agent's calendar, e.g. a call that took place). Returns the hold released or ''.
 */
export const RELEASE_LUA = `
local p, tid, expected, keep = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local holdKey = p .. ':callback:hold:' .. tid
local cur = redis.call('GET', holdKey)
if not cur then return '' end
if expected ~= '' and cur ~= expected then return '' end
if keep ~= '1' then
  local s, e, a = string.match(cur, '^(%d+)|(%d+)|(.*)$')
  redis.call('ZREM', p .. ':callback:agent:' .. a, s .. '|' .. e .. '|' .. tid)
end
redis.call('DEL', holdKey)
return cur
`;

/** KEYS[1] = lock key, ARGV[1] = token: deletes the lock only if we still own it. */
export const UNLOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
