/**
 * The scale-out EventLog: Redis Streams through ioredis.
 *
 * Keys (see `redisEventLogKeys`): all of them carry the hash tag `{prefix}` (the prefix itself
 * when it holds no `{…}`), so they hash to one slot and the multi-key append script also runs on
 * Redis Cluster.
 *   {prefix}:events          stream, one entry per event, entry id `<position>-0`, field `e` = the
 *                            RecordedEvent JSON (exactly a file-adapter line): XRANGE by position
 *                            is direct, and a raw XRANGE + JSON.parse is a complete read.
 *   {prefix}:versions        hash  stream -> version
 *   {prefix}:ids             hash  event id -> position (idempotency)
 *   {prefix}:head            string, last position
 *   {prefix}:stream:<name>   list of the stream's positions (for readStream)
 *
 * Guarantees and how: `append` is ONE Lua script (append-script.ts) that does the version check,
 * the duplicate-id skip, the XADDs and the index updates atomically; concurrent workers are
 * serialized by Redis itself. `at` is stamped by the appending client (not inside the script).
 * Durability is Redis's: run it with `appendonly yes`, `appendfsync everysec` (at most ~1 s of
 * acknowledged appends lost on a power failure) and `maxmemory-policy noeviction` (an evicting
 * policy would silently delete log keys).
 *
 * `subscribe` catches up and then follows with XREAD BLOCK on its own duplicated connection,
 * closed by the subscription's `close()`. The caller owns `redis`; `close()` does not quit it.
 */
import { Cluster, ReplyError, type Redis } from 'ioredis';
import { normalizeExpectedVersion, parseRecordedEvent, prepareNewEvents, untilMillis } from '../envelope.js';
import { ConcurrencyError, CorruptEventError, LogClosedError, StorageError } from '../errors.js';
import type { AppendOptions, AppendResult, EventLog, ReadOptions, RecordedEvent, Subscription } from '../event-log.js';
import { checkFromPosition } from '../memory/in-process-subscription.js';
import { APPEND_LUA } from './append-script.js';

export interface RedisEventLogOptions {
  /** Caller-owned ioredis connection, one Redis or a cluster client (not closed by the log). */
  readonly redis: Redis | Cluster;
  readonly prefix: string;
  /** Clock for `at`. Default: `new Date().toISOString()`. */
  readonly now?: () => string;
  /** Subscription handler errors (the subscription stops). Default: console.error. */
  readonly onError?: (error: unknown) => void;
  /** Transient subscription read errors (it retries). Default: console.error. */
  readonly onWarning?: (message: string) => void;
  /** XREAD BLOCK timeout of subscriptions, ms. Default 5000. */
  readonly blockMs?: number;
}

export interface RedisEventLogKeys {
  readonly events: string;
  readonly versions: string;
  readonly ids: string;
  readonly head: string;
  stream(name: string): string;
  /** A SCAN MATCH pattern covering every key of this log (for cleanup). */
  readonly pattern: string;
}

export function redisEventLogKeys(prefix: string): RedisEventLogKeys {
  if (prefix.length === 0) throw new RangeError('the Redis event log prefix must not be empty');
  const base = /\{[^}]+\}/.test(prefix) ? prefix : `{${prefix}}`;
  return {
    events: `${base}:events`,
    versions: `${base}:versions`,
    ids: `${base}:ids`,
    head: `${base}:head`,
    stream: (name) => `${base}:stream:${name}`,
    pattern: `${base.replace(/[*?[\]\\]/g, '\\$&')}:*`,
  };
}

const SCRIPT_NAME = 'timelineEventLogAppendV1';
const DEFAULT_PAGE = 1000;
const SUBSCRIBE_PAGE = 1000;
const UNTIL_SCAN_PAGE = 2000;

type AppendReply = [1, number, number, number] | [0, number];
type ScriptedRedis = (Redis | Cluster) & {
  [SCRIPT_NAME](...args: Array<string | number>): Promise<AppendReply>;
};

type StreamEntry = [id: string, fields: string[]];

/** Entry → validated event. `e` is the only field we write; look it up defensively anyway. */
function decodeEntry(entry: StreamEntry, where: string): RecordedEvent {
  const [id, fields] = entry;
  const json = fields[0] === 'e' ? fields[1] : fields[fields.indexOf('e') + 1];
  if (json === undefined) throw new CorruptEventError(`corrupt event at entry ${id} of ${where}: no "e" field`);
  const event = parseRecordedEvent(json, `entry ${id} of ${where}`);
  // Entry ids are "<position>-0": a cheap consistency check without parsing the id.
  if (!id.startsWith(`${event.position}-`)) {
    throw new CorruptEventError(
      `corrupt event at entry ${id} of ${where}: the envelope says position ${event.position}`,
    );
  }
  return event;
}

/** XREAD replies: RESP2 `[[key, entries]]`; RESP3 with ioredis's legacy mapping `[key, entries]`; or a map object. */
function xreadEntries(reply: unknown): StreamEntry[] {
  if (reply === null || reply === undefined) return [];
  if (Array.isArray(reply)) {
    if (reply.length === 0) return [];
    if (typeof reply[0] === 'string') return (reply[1] as StreamEntry[] | undefined) ?? [];
    const first = reply[0] as [string, StreamEntry[]] | undefined;
    return first?.[1] ?? [];
  }
  if (reply instanceof Map) return ([...reply.values()][0] as StreamEntry[] | undefined) ?? [];
  if (typeof reply === 'object')
    return (Object.values(reply as Record<string, StreamEntry[]>)[0] as StreamEntry[] | undefined) ?? [];
  return [];
}

export function createRedisEventLog(options: RedisEventLogOptions): EventLog {
  const redis = options.redis as ScriptedRedis;
  const keys = redisEventLogKeys(options.prefix);
  const now = options.now ?? (() => new Date().toISOString());
  const onError = options.onError ?? ((error: unknown) => console.error('event log subscription stopped:', error));
  const onWarning = options.onWarning ?? ((message: string) => console.error(`warning: ${message}`));
  const blockMs = options.blockMs ?? 5000;
  const where = `Redis stream ${keys.events}`;
  // EVALSHA with an automatic EVAL on NOSCRIPT (ioredis Script). Idempotent: same name, same Lua.
  if (typeof redis[SCRIPT_NAME] !== 'function') {
    redis.defineCommand(SCRIPT_NAME, { numberOfKeys: 5, lua: APPEND_LUA });
  }
  const subscriptions = new Set<Subscription>();
  /** Set by the first close(): every later call returns it, so none returns before the subscriptions stopped. */
  let closing: Promise<void> | undefined;
  const assertOpen = (): void => {
    if (closing) throw new LogClosedError(`Redis event log ${options.prefix}`);
  };

  const xrange = (from: number, to: number | undefined, count: number): Promise<StreamEntry[]> =>
    redis.xrange(keys.events, `${from}-0`, to === undefined ? '+' : `${to}-0`, 'COUNT', count) as Promise<
      StreamEntry[]
    >;

  const log: EventLog = {
    async append(stream, events, appendOptions: AppendOptions = {}): Promise<AppendResult> {
      assertOpen();
      const expected = normalizeExpectedVersion(appendOptions.expectedVersion);
      const prepared = prepareNewEvents(stream, events, now());
      const args: Array<string | number> = [
        keys.events,
        keys.versions,
        keys.ids,
        keys.head,
        keys.stream(stream),
        expected,
        JSON.stringify(stream),
        stream,
      ];
      for (const event of prepared) args.push(event.id, event.suffix);
      let reply: AppendReply;
      try {
        reply = await redis[SCRIPT_NAME](...args);
      } catch (error) {
        // Connection trouble: the script ran completely or not at all, and a lost reply may hide a
        // success that a retry (same ids) reports as a no-op, so retrying is safe. Server replies
        // are retryable only for transient states (OOM under noeviction, BUSY, LOADING, failover).
        const message = (error as Error).message ?? String(error);
        const isReply = error instanceof ReplyError;
        const retryable =
          !isReply || /^(OOM|BUSY|LOADING|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|NOREPLICAS)/.test(message);
        throw new StorageError(`Redis event log append failed: ${message}`, retryable, { cause: error });
      }
      if (reply[0] === 0) throw new ConcurrencyError(stream, expected, Number(reply[1]));
      return { nextVersion: Number(reply[1]), globalPosition: Number(reply[2]), appended: Number(reply[3]) };
    },

    async read(readOptions: ReadOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      const from = Math.max(1, readOptions.from ?? 1);
      const to = readOptions.to;
      const limit = readOptions.limit ?? DEFAULT_PAGE;
      const until = untilMillis(readOptions.until);
      if ((to !== undefined && from > to) || limit <= 0) return [];
      if (until === undefined) {
        const entries = await xrange(from, to, limit);
        const out = new Array<RecordedEvent>(entries.length);
        for (let i = 0; i < entries.length; i++) out[i] = decodeEntry(entries[i] as StreamEntry, where);
        return out;
      }
      // `at` is not monotonic (imports keep original times): filter, and keep scanning to fill the page.
      const out: RecordedEvent[] = [];
      let next = from;
      for (;;) {
        const entries = await xrange(next, to, UNTIL_SCAN_PAGE);
        for (const entry of entries) {
          const event = decodeEntry(entry, where);
          if (Date.parse(event.at) <= until) {
            out.push(event);
            if (out.length === limit) return out;
          }
          next = event.position + 1;
        }
        if (entries.length < UNTIL_SCAN_PAGE) return out;
      }
    },

    async readStream(stream, streamOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      const start = Math.max(1, streamOptions.fromVersion ?? 1) - 1;
      const limit = streamOptions.limit ?? DEFAULT_PAGE;
      if (limit <= 0) return [];
      const positions = await redis.lrange(keys.stream(stream), start, start + limit - 1);
      if (positions.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const p of positions) pipeline.xrange(keys.events, `${p}-0`, `${p}-0`);
      const replies = (await pipeline.exec()) ?? [];
      return replies.map(([error, entries], i) => {
        if (error) throw error;
        const entry = (entries as StreamEntry[])[0];
        if (!entry) throw new CorruptEventError(`${where}: position ${positions[i]} of stream "${stream}" is missing`);
        return decodeEntry(entry, where);
      });
    },

    async streamVersion(stream): Promise<number> {
      assertOpen();
      return Number((await redis.hget(keys.versions, stream)) ?? 0);
    },

    async headPosition(): Promise<number> {
      assertOpen();
      return Number((await redis.get(keys.head)) ?? 0);
    },

    async positionOf(eventId): Promise<number | undefined> {
      assertOpen();
      const position = await redis.hget(keys.ids, eventId);
      return position === null ? undefined : Number(position);
    },

    subscribe(fromPosition, handler): Subscription {
      assertOpen();
      checkFromPosition(fromPosition);
      // A blocking XREAD holds its connection: never block the caller's shared one.
      const connection: Redis | Cluster = redis instanceof Cluster ? redis.duplicate() : redis.duplicate();
      connection.on('error', () => {
        /* reported through the failing XREAD below; ioredis reconnects by itself */
      });
      let stopped = false;
      let lastId = `${fromPosition}-0`;
      let wakeSleep: () => void = () => {};

      const run = async (): Promise<void> => {
        while (!stopped) {
          let reply: unknown;
          try {
            reply = await connection.xread('COUNT', SUBSCRIBE_PAGE, 'BLOCK', blockMs, 'STREAMS', keys.events, lastId);
          } catch (error) {
            if (stopped) return;
            onWarning(`event log subscription: XREAD failed (retrying in 1 s): ${(error as Error).message}`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, 1000);
              wakeSleep = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            continue;
          }
          for (const entry of xreadEntries(reply)) {
            if (stopped) return;
            const event = decodeEntry(entry, where);
            await handler(event);
            lastId = entry[0];
          }
        }
      };

      const done = run()
        .catch((error: unknown) => {
          stopped = true;
          onError(error);
        })
        .finally(() => {
          subscriptions.delete(subscription);
          connection.disconnect();
        });

      const subscription: Subscription = {
        async close(): Promise<void> {
          if (!stopped) {
            stopped = true;
            wakeSleep();
            // Aborts a pending XREAD BLOCK (it rejects; `run` sees `stopped` and returns).
            connection.disconnect();
          }
          await done;
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    close(): Promise<void> {
      closing ??= Promise.all([...subscriptions].map((s) => s.close())).then(() => undefined);
      return closing;
    },
  };
  return log;
}
