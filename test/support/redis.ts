import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The private test Redis (or REDIS_URL) and a fresh key prefix, so tests never collide. */
export function testRedis(): { url: string; prefix: string } {
  return { url: inject('redisUrl'), prefix: `test-${randomBytes(6).toString('hex')}` };
}

/** Deletes every key under a prefix (never FLUSHDB: the Redis may be shared). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
