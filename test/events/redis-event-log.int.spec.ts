import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisEventLog, redisEventLogKeys } from '../../src/events/store/redis/redis-event-log.js';
import { isConcurrencyError, isStorageError } from '../../src/events/store/errors.js';
import { describeEventLogContract, ev } from './event-log-contract.js';
import { connect, deleteLogKeys, randomPrefix } from './redis-test-support.js';

const redis = connect(inject('redisUrl'));
afterAll(async () => {
  await redis.quit();
});

describeEventLogContract('redis', async () => {
  const prefix = randomPrefix('log');
  return { log: createRedisEventLog({ redis, prefix }), cleanup: () => deleteLogKeys(redis, prefix) };
});

describe('redis event log', () => {
  it('stores one stream entry per event, id <position>-0, field e = the envelope JSON', async () => {
    const prefix = randomPrefix('raw');
    const log = createRedisEventLog({ redis, prefix });
    await log.append('doc', [ev('a', { x: 1 }), ev('b')]);
    const keys = redisEventLogKeys(prefix);
    expect(keys.events).toBe(`{${prefix}}:events`);
    const entries = await redis.xrange(keys.events, '-', '+');
    expect(entries.map(([id]) => id)).toEqual(['1-0', '2-0']);
    const [, fields] = entries[0] ?? ['', []];
    expect(fields[0]).toBe('e');
    expect(JSON.parse(fields[1] ?? '')).toEqual((await log.read())[0]);
    await log.close();
    await deleteLogKeys(redis, prefix);
  });

  it('serializes appends from separate connections (workers): one stale writer wins, nothing written twice', async () => {
    const prefix = randomPrefix('workers');
    const workers = [0, 1, 2, 3, 4].map(() => connect(inject('redisUrl')));
    try {
      const logs = workers.map((r) => createRedisEventLog({ redis: r, prefix }));
      await logs[0]?.append('doc', [ev('seed')]);
      const results = await Promise.allSettled(
        logs.map((log, w) => log.append('doc', [ev(`w${w}`)], { expectedVersion: 1 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(isConcurrencyError(r.reason)).toBe(true);
      // The same document re-run by every worker (BullMQ retry): appended once in total.
      const rerun = await Promise.all(
        logs.map((log) => log.append('doc-2', [ev('x1'), ev('x2')], { expectedVersion: 0 })),
      );
      expect(rerun.reduce((n, r) => n + r.appended, 0)).toBe(2);
      expect(await logs[0]?.headPosition()).toBe(4);
      await Promise.all(logs.map((l) => l.close()));
    } finally {
      await Promise.all(workers.map((r) => r.quit()));
      await deleteLogKeys(redis, prefix);
    }
  });

  it('works when the script cache was flushed (EVALSHA falls back to EVAL)', async () => {
    const prefix = randomPrefix('noscript');
    const log = createRedisEventLog({ redis, prefix });
    await log.append('s', [ev('a')]);
    await redis.script('FLUSH');
    expect((await log.append('s', [ev('b')])).globalPosition).toBe(2);
    await log.close();
    await deleteLogKeys(redis, prefix);
  });
});

describe('redis event log errors', () => {
  it('turns a failed script into a typed StorageError saying whether to retry', async () => {
    const prefix = randomPrefix('err');
    const log = createRedisEventLog({ redis, prefix });
    // Break the log on purpose: the head key is not a number, so the script errors.
    await redis.set(redisEventLogKeys(prefix).head, 'not-a-number');
    await redis.hset(redisEventLogKeys(prefix).versions, 's', 'x');
    const error = await log.append('s', [ev('a')]).catch((e: unknown) => e);
    expect(isStorageError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STORAGE', retryable: false });
    await log.close();
    await deleteLogKeys(redis, prefix);
  });
});
