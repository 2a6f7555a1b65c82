/**
 * The Lua scripts of the Redis projection store, as string constants (so `tsc` output is
 * self-contained). Loaded through ioredis defineCommand (EVALSHA, EVAL on NOSCRIPT); each runs as
 * one atomic step. Header comments: KEYS, ARGV and the reply, as BullMQ's scripts do.
 */

export const PUBLISH_SNAPSHOT_LUA = `--[[
  Publishes a projection snapshot whose chunks were written beforehand (redis-projection-store.ts):
  the header is replaced and every chunk key no header refers to any more is deleted, in one step,
  so a reader reading a header finds the chunks it lists unless a later publish replaced it.

  KEYS (all share the hash tag {<prefix>:<name>}: one slot, so the script works on Redis Cluster):
    KEYS[1]     <base>:head     string  the published header (JSON: position, chunk keys, checkpoints)
    KEYS[2]     <base>:chunks   set     every chunk key written for this projection (added before the
                                        chunk itself), so chunks of crashed or superseded saves are found
    KEYS[3..n]  the chunk keys the new header refers to (state chunks, then checkpoint chunks)

  ARGV:
    ARGV[1]  the new snapshot's position
    ARGV[2]  the new header (JSON)

  Returns:
    1  published; chunk keys in KEYS[2] that the new header does not refer to are deleted
    0  not published: a snapshot of a later position is published, or a chunk it refers to is gone
       (a concurrent publish removed it); nothing changed
]]
local current = redis.call('GET', KEYS[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and type(decoded) == 'table' and tonumber(decoded['position']) and tonumber(decoded['position']) > tonumber(ARGV[1]) then
    return 0
  end
end
local keep = {}
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then return 0 end
  keep[KEYS[i]] = true
end
redis.call('SET', KEYS[1], ARGV[2])
local written = redis.call('SMEMBERS', KEYS[2])
for _, key in ipairs(written) do
  if not keep[key] then
    redis.call('DEL', key)
    redis.call('SREM', KEYS[2], key)
  end
end
return 1
`;

export const CLEAR_SNAPSHOT_LUA = `--[[
  Removes a projection snapshot: its header and every chunk key written for it.

  KEYS (one hash tag, as above):
    KEYS[1]  <base>:head     string  the published header
    KEYS[2]  <base>:chunks   set     every chunk key written for this projection

  ARGV: none.
  Returns: the number of chunk keys deleted.
]]
local written = redis.call('SMEMBERS', KEYS[2])
for _, key in ipairs(written) do redis.call('DEL', key) end
redis.call('DEL', KEYS[1], KEYS[2])
return #written
`;
