/**
 * Redis projection store: one string key per projection, `${prefix}:${name}`, holding
 * `{"position","state"}` in one value, so a SET replaces state and checkpoint atomically and a
 * GET reads a consistent pair. Single-key commands only, so it works on Redis Cluster as is.
 */
import type { Redis } from 'ioredis';
import type { ProjectionSnapshot, ProjectionStore } from '../projection-store.js';
import { checkSnapshot, decodeSnapshot, encodeSnapshot } from './snapshot-codec.js';

export interface RedisProjectionStoreOptions {
  /** Caller-owned connection (not closed by the store). */
  readonly redis: Redis;
  readonly prefix: string;
}

export function createRedisProjectionStore(options: RedisProjectionStoreOptions): ProjectionStore {
  const { redis, prefix } = options;
  const key = (name: string): string => {
    if (name.length === 0) throw new RangeError('projection name must not be empty');
    return `${prefix}:${name}`;
  };
  return {
    async load(name): Promise<ProjectionSnapshot | undefined> {
      const text = await redis.get(key(name));
      return text === null ? undefined : decodeSnapshot(name, text);
    },
    async save(name, snapshot): Promise<void> {
      checkSnapshot(name, snapshot);
      await redis.set(key(name), encodeSnapshot(snapshot));
    },
    async clear(name): Promise<void> {
      await redis.del(key(name));
    },
  };
}
