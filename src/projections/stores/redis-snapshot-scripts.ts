/**
 * The Lua scripts of the Redis projection store, as string constants (so `tsc` output is
 * self-contained). Loaded through ioredis defineCommand (EVALSHA, EVAL on NOSCRIPT); each runs as
 * one atomic step. Header comments: KEYS, ARGV and the reply, as BullMQ's scripts do.
 */

export const WRITE_CHUNKS_LUA = `--[[
  Writes a batch of chunks of a snapshot not yet published (redis-projection-store.ts): each chunk
  key joins the set of written chunk keys together with its value, so a crash between the two never
  leaves a chunk that no later publish would find and delete.

  KEYS (all share the hash tag {<prefix>:<name>}: one slot, so the script works on Redis Cluster):
    KEYS[1]     <base>:chunks   set     every chunk key written for this projection
    KEYS[2..n]  the chunk keys of this batch

  ARGV:
    ARGV[1..n-1]  the chunks' values, in the order of KEYS[2..n]

  Returns: the number of chunks written.
]]
for i = 2, #KEYS do
  redis.call('SADD', KEYS[1], KEYS[i])
  redis.call('SET', KEYS[i], ARGV[i - 1])
end
return #KEYS - 1
`;

export const PUBLISH_SNAPSHOT_LUA = `--[[
  Publishes a projection snapshot whose chunks were written beforehand (redis-projection-store.ts):
  the header is replaced and every chunk key no header refers to any more is deleted, in one step,
  so a reader reading a header finds the chunks it lists unless a later publish replaced it.

  KEYS (all share the hash tag {<prefix>:<name>}: one slot, so the script works on Redis Cluster):
    KEYS[1]     <base>:head     string  the published header (JSON: position, chunk keys, checkpoints)
    KEYS[2]     <base>:chunks   set     every chunk key written for this projection (added with the
                                        chunk itself), so chunks of crashed or superseded saves are found;
                                        its members carry the same hash tag (same slot), so deleting
                                        them from here stays on this node
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
    KEYS[2]  <base>:chunks   set     every chunk key written for this projection (same hash tag,
                                     same slot: deleted from here)

  ARGV: none.
  Returns: the number of chunk keys deleted.
]]
local written = redis.call('SMEMBERS', KEYS[2])
for _, key in ipairs(written) do redis.call('DEL', key) end
redis.call('DEL', KEYS[1], KEYS[2])
return #written
`;
