/**
 * Redis projection store. Per projection, under `<prefix>:{<name>}` (one hash tag: one slot):
 *   `…:head`            string  the published header: position, the state's chunk keys, the checkpoints kept
 *   `…:chunks`          set     every chunk key written (so chunks of crashed saves are found and removed)
 *   `…:s:<save>:<i>`    string  chunk i of one save's state (<save>: random, one per save)
 *   `…:c:<id>:<i>`      string  chunk i of the as-of checkpoint <id> (written once, kept while listed)
 *
 * A save writes its chunks first (one script per batch: the key joins `…:chunks` with its value), then
 * publishes the header with one Lua script (redis-snapshot-scripts.ts) that checks every chunk it
 * lists exists and deletes the chunks no header refers to any more. No value is as large as the
 * state (the old store wrote one SET of the whole state: past 512 MB it could not be saved at all).
 * A reader reads the header, then the chunks it lists; a chunk gone means a later save replaced the
 * snapshot meanwhile, and the read starts again. The one-value key of earlier versions
 * (`<prefix>:<name>`) is not read (the state is folded from the log: a snapshot is only a cache)
 * and goes at the next save.
 */
import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { ProjectionSnapshot, ProjectionStore, StoredCheckpoint } from '../projection-store.js';
import { CheckpointHeader, checkSnapshot, CorruptSnapshotError, decodeHeader } from './snapshot-codec.js';
import { CLEAR_SNAPSHOT_LUA, PUBLISH_SNAPSHOT_LUA, WRITE_CHUNKS_LUA } from './redis-snapshot-scripts.js';

export interface RedisProjectionStoreOptions {
  /** Caller-owned connection, one Redis or a cluster client (not closed by the store). */
  readonly redis: Redis | Cluster;
  readonly prefix: string;
}

/** Chunks read or written per round trip: a few MB at a time, so Redis never blocks for long. */
const CHUNKS_PER_BATCH = 8;

const RedisHeader = z.strictObject({
  format: z.literal(2),
  position: z.number().int().nonnegative(),
  state: z.array(z.string()),
  checkpoints: z.array(CheckpointHeader.extend({ keys: z.array(z.string()) })).max(10_000),
});
type RedisHeader = z.infer<typeof RedisHeader>;

type ScriptedRedis = (Redis | Cluster) & {
  timelineWriteChunks(numKeys: number, ...args: string[]): Promise<number>;
  timelinePublishSnapshot(numKeys: number, ...args: string[]): Promise<number>;
  timelineClearSnapshot(head: string, chunks: string): Promise<number>;
};

/** A chunk listed by the header was gone: a later save replaced the snapshot while it was read. */
class ChunkGone extends Error {}

export function createRedisProjectionStore(options: RedisProjectionStoreOptions): ProjectionStore {
  const redis = options.redis as ScriptedRedis;
  const { prefix } = options;
  if (typeof redis.timelinePublishSnapshot !== 'function') {
    redis.defineCommand('timelineWriteChunks', { lua: WRITE_CHUNKS_LUA });
    redis.defineCommand('timelinePublishSnapshot', { lua: PUBLISH_SNAPSHOT_LUA });
    redis.defineCommand('timelineClearSnapshot', { numberOfKeys: 2, lua: CLEAR_SNAPSHOT_LUA });
  }
  const keysOf = (name: string) => {
    if (name.length === 0 || /[{}]/.test(name))
      throw new RangeError(`projection name "${name}" must be non-empty, without braces`);
    const base = `${prefix}:{${name}}`;
    return {
      head: `${base}:head`,
      chunks: `${base}:chunks`,
      state: (save: string, i: number) => `${base}:s:${save}:${i}`,
      checkpoint: (id: string, i: number) => `${base}:c:${id}:${i}`,
      legacy: `${prefix}:${name}`,
    };
  };

  async function readChunks(keys: readonly string[]): Promise<string[]> {
    const chunks: string[] = [];
    for (let i = 0; i < keys.length; i += CHUNKS_PER_BATCH) {
      const values = await redis.mget(...keys.slice(i, i + CHUNKS_PER_BATCH));
      for (const value of values) {
        if (value === null) throw new ChunkGone();
        chunks.push(value);
      }
    }
    return chunks;
  }

  async function writeChunks(setKey: string, entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNKS_PER_BATCH) {
      const batch = entries.slice(i, i + CHUNKS_PER_BATCH);
      await redis.timelineWriteChunks(
        1 + batch.length,
        setKey,
        ...batch.map(([key]) => key),
        ...batch.map(([, value]) => value),
      );
    }
  }

  async function readHeader(name: string, head: string): Promise<RedisHeader | undefined> {
    const text = await redis.get(head);
    return text === null ? undefined : decodeHeader(RedisHeader, name, text);
  }

  async function loadOnce(name: string): Promise<ProjectionSnapshot | undefined> {
    const keys = keysOf(name);
    const header = await readHeader(name, keys.head);
    if (!header) return undefined;
    const chunks = await readChunks(header.state);
    const checkpoints: StoredCheckpoint[] = [];
    for (const checkpoint of header.checkpoints) {
      if (checkpoint.keys.length !== checkpoint.chunks)
        throw new CorruptSnapshotError(
          name,
          `checkpoint ${checkpoint.id} lists ${checkpoint.keys.length} of ${checkpoint.chunks} chunks`,
        );
      checkpoints.push({
        id: checkpoint.id,
        position: checkpoint.position,
        at: checkpoint.at,
        chunks: await readChunks(checkpoint.keys),
      });
    }
    return { position: header.position, chunks, checkpoints };
  }

  return {
    async load(name): Promise<ProjectionSnapshot | undefined> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await loadOnce(name);
        } catch (error) {
          if (!(error instanceof ChunkGone)) throw error;
          if (attempt >= 4) throw new CorruptSnapshotError(name, 'a chunk its header lists is missing');
        }
      }
    },

    async save(name, snapshot): Promise<boolean> {
      checkSnapshot(name, snapshot);
      const keys = keysOf(name);
      const published = await readHeader(name, keys.head).catch(() => undefined);
      const save = randomBytes(8).toString('hex');
      const stateKeys = snapshot.chunks.map((_, i) => keys.state(save, i));
      const writes: Array<readonly [string, string]> = snapshot.chunks.map(
        (chunk, i) => [stateKeys[i]!, chunk] as const,
      );
      const checkpoints: RedisHeader['checkpoints'] = [];
      for (const checkpoint of snapshot.checkpoints) {
        const checkpointKeys = checkpoint.chunks.map((_, i) => keys.checkpoint(checkpoint.id, i));
        checkpoints.push({
          id: checkpoint.id,
          position: checkpoint.position,
          at: checkpoint.at,
          chunks: checkpoint.chunks.length,
          keys: checkpointKeys,
        });
        // Written once: a checkpoint the published header lists is there already (same id, same content).
        if (published?.checkpoints.some((kept) => kept.id === checkpoint.id)) continue;
        checkpoint.chunks.forEach((chunk, i) => writes.push([checkpointKeys[i]!, chunk] as const));
      }
      await writeChunks(keys.chunks, writes);
      const header: RedisHeader = { format: 2, position: snapshot.position, state: stateKeys, checkpoints };
      const referenced = [...stateKeys, ...checkpoints.flatMap((checkpoint) => checkpoint.keys)];
      const outcome = await redis.timelinePublishSnapshot(
        2 + referenced.length,
        keys.head,
        keys.chunks,
        ...referenced,
        String(snapshot.position),
        JSON.stringify(header),
      );
      // Another key slot (no hash tag in it): a command of its own, after the new snapshot is in place.
      await redis.del(keys.legacy);
      return outcome === 1;
    },

    async clear(name): Promise<void> {
      const keys = keysOf(name);
      await redis.timelineClearSnapshot(keys.head, keys.chunks);
      await redis.del(keys.legacy);
    },
  };
}
