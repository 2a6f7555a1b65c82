import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisEventLogKeys } from '../../src/events/store/redis/redis-event-log.js';

export const randomPrefix = (label: string): string => `test:${label}:${randomBytes(6).toString('hex')}`;

/** Deletes this test's keys only (never FLUSHDB: the server is shared). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export const deleteLogKeys = (redis: Redis, prefix: string): Promise<void> =>
  deleteKeys(redis, redisEventLogKeys(prefix).pattern);

export const connect = (url: string): Redis => new Redis(url, { maxRetriesPerRequest: 1 });
