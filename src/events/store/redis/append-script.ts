/**
 * The append script of the Redis event log, as a string constant (so that `tsc` output is
 * self-contained: no .lua asset to copy into dist/). Header comment: KEYS, ARGV and the reply.
 */
export const APPEND_LUA = `--[[
  Atomic append to the timeline event log (Redis Streams). Loaded by redis-event-log.ts through
  ioredis defineCommand (EVALSHA, EVAL on NOSCRIPT). Runs as one atomic step: no other command
  runs between the version check, the duplicate check and the writes.

  KEYS (all share the hash tag {prefix}, so they live in one slot and the script works on Redis Cluster):
    KEYS[1]  {prefix}:events       the log: one stream entry per event, entry id "<position>-0",
                                   one field "e" = the RecordedEvent JSON (same as a file line)
    KEYS[2]  {prefix}:versions     hash   stream name -> stream version (event count)
    KEYS[3]  {prefix}:ids          hash   event id -> global position (idempotency index)
    KEYS[4]  {prefix}:head         string last global position (0 / missing: empty log)
    KEYS[5]  {prefix}:stream:<name> list  the stream's global positions in version order

  ARGV:
    ARGV[1]  expected version: -1 = any, otherwise the required current version (0 = new stream)
    ARGV[2]  the stream name as a JSON string literal (spliced into the envelope)
    ARGV[3]  the stream name (hash field of KEYS[2])
    ARGV[4], ARGV[5], ...  pairs: event id, envelope suffix
             (\`,"id":…,"type":…,"schemaVersion":…,"at":…,"data":…}\`, built once by the client)

  Returns:
    {1, nextVersion, globalPosition, appended}  success (appended = 0: every id was already there)
    {0, actualVersion}                          expected version mismatch, nothing written

  Rules (the same as append-decision.ts):
    ids already in the log, or repeated in the batch, are skipped; a non-empty batch whose ids are
    all in the log is an idempotent retry and succeeds whatever the expected version; otherwise
    the expected version is checked before anything is written.
]]
local expected = tonumber(ARGV[1])
local streamJson = ARGV[2]
local stream = ARGV[3]
local current = tonumber(redis.call('HGET', KEYS[2], stream) or '0')

local n = (#ARGV - 3) / 2
local fresh = {}
local seen = {}
local existingMax = 0
for i = 0, n - 1 do
  local id = ARGV[4 + 2 * i]
  local pos = redis.call('HGET', KEYS[3], id)
  if pos then
    pos = tonumber(pos)
    if pos > existingMax then existingMax = pos end
  elseif not seen[id] then
    seen[id] = true
    fresh[#fresh + 1] = 4 + 2 * i
  end
end

if n > 0 and #fresh == 0 then
  return {1, current, existingMax, 0}
end
if expected >= 0 and expected ~= current then
  return {0, current}
end
local head = tonumber(redis.call('GET', KEYS[4]) or '0')
if #fresh == 0 then
  return {1, current, head, 0}
end

local version = current
for _, argi in ipairs(fresh) do
  head = head + 1
  version = version + 1
  local position = string.format('%d', head)
  redis.call('XADD', KEYS[1], position .. '-0', 'e',
    '{"position":' .. position .. ',"stream":' .. streamJson .. ',"streamVersion":' .. string.format('%d', version) .. ARGV[argi + 1])
  redis.call('HSET', KEYS[3], ARGV[argi], position)
  redis.call('RPUSH', KEYS[5], position)
end
redis.call('SET', KEYS[4], string.format('%d', head))
redis.call('HSET', KEYS[2], stream, string.format('%d', version))
return {1, version, head, #fresh}
`;
