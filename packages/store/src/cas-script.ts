/**
 * One Lua script applies a ticket change atomically on a shared connection (WATCH/MULTI would
 * need a connection per transaction). It checks the ticket's version — or, for a new ticket, that
 * no ticket holds the message yet — then runs the change's commands. For a new ticket it also
 * takes the next TD number and puts it in place of a placeholder, so numbers have no gaps.
 *
 * ARGV: expected version ('' = new ticket), version key, placeholder id, placeholder number,
 * sequence key, message index key, message id (dedup of new tickets), then the commands, each as
 * its argument count followed by the arguments.
 */
export const CAS_LUA = `
local expected, verKey, phId, phNum, seqKey, idxKey, msgId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local id, num = nil, nil
if expected == '' then
  if msgId ~= '' then
    local existing = redis.call('HGET', idxKey, msgId)
    if existing then return {'exists', existing} end
  end
  num = tostring(redis.call('INCR', seqKey))
  id = 'TD-' .. num
  verKey = string.gsub(verKey, phId, id)
else
  local current = redis.call('GET', verKey) or '0'
  if current ~= expected then return {'conflict', current} end
end
local i = 8
while i <= #ARGV do
  local n = tonumber(ARGV[i])
  local args = {}
  for j = 1, n do
    local a = ARGV[i + j]
    if id then
      a = string.gsub(a, phId, id)
      a = string.gsub(a, phNum, num)
    end
    args[j] = a
  end
  redis.call(unpack(args))
  i = i + n + 1
end
return {'ok', id or ''}
`;
