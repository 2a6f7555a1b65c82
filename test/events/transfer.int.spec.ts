import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isCorruptEventError } from '../../src/events/store/errors.js';
import type { EventLog } from '../../src/events/store/event-log.js';
import { openFileEventLog } from '../../src/events/store/file/file-event-log.js';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import { createRedisEventLog } from '../../src/events/store/redis/redis-event-log.js';
import { exportLog, importLog } from '../../src/events/store/transfer.js';
import { ev } from './event-log-contract.js';
import { connect, deleteLogKeys, randomPrefix } from './redis-test-support.js';

const redis = connect(inject('redisUrl'));
const dirs: string[] = [];
afterAll(async () => {
  await redis.quit();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function exportLines(log: EventLog): Promise<string[]> {
  const lines: string[] = [];
  await exportLog(log, (line) => {
    lines.push(line);
  });
  return lines;
}

const comparable = (line: string): unknown => {
  const { id, stream, type, schemaVersion, data, at } = JSON.parse(line) as Record<string, unknown>;
  return { id, stream, type, schemaVersion, data, at };
};

describe('export / import', () => {
  it('round-trips file -> Redis -> file; importing twice appends nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'timeline-transfer-'));
    dirs.push(dir);
    const source = await openFileEventLog({ path: join(dir, 'source.jsonl') });
    for (let d = 0; d < 20; d++) {
      await source.append(`doc-${d % 4}`, [
        ev(`d${d}-a`, { d, text: 'x'.repeat(d) }),
        ev(`d${d}-b`, [d, null, 'ü'], { type: 'Other', schemaVersion: 2 }),
      ]);
    }
    // An event with an old `at`: the original time must survive the trip.
    await source.append('doc-old', [ev('old', 1, { at: '2019-05-01T00:00:00.000Z' })]);

    // Export to a real file, as `timeline export > log.jsonl` does.
    const exportPath = join(dir, 'log.jsonl');
    const exported = await exportLines(source);
    await writeFile(exportPath, exported.map((l) => `${l}\n`).join(''));
    expect(exported).toHaveLength(41);

    const prefix = randomPrefix('import');
    const target = createRedisEventLog({ redis, prefix });
    try {
      const readLines = () => createInterface({ input: createReadStream(exportPath), crlfDelay: Infinity });
      const first = await importLog(target, readLines(), { batchSize: 3, concurrency: 4 });
      expect(first).toEqual({ read: 41, appended: 41, skipped: 0 });
      const second = await importLog(target, readLines());
      expect(second).toEqual({ read: 41, appended: 0, skipped: 41 });
      expect(await target.headPosition()).toBe(41);

      const fromRedis = await exportLines(target);
      expect(fromRedis.map(comparable)).toEqual(exported.map(comparable));
      // Into an empty target, even positions and versions are identical.
      expect(fromRedis).toEqual(exported);

      // And back into a file log.
      const back = await openFileEventLog({ path: join(dir, 'back.jsonl') });
      expect(await importLog(back, fromRedis)).toEqual({ read: 41, appended: 41, skipped: 0 });
      expect(await exportLines(back)).toEqual(exported);
      await back.close();
    } finally {
      await target.close();
      await source.close();
      await deleteLogKeys(redis, prefix);
    }
  });

  it('rejects a bad line with its line number, after importing the lines before it', async () => {
    const log = createInMemoryEventLog();
    const good = createInMemoryEventLog();
    await good.append('s', [ev('a'), ev('b')]);
    const lines = await exportLines(good);
    const input = [lines[0] as string, '', lines[1] as string, '{"position":3,"stream":"s"}'];
    const error = await importLog(log, input, { source: 'log.jsonl' }).catch((e: unknown) => e);
    expect(isCorruptEventError(error)).toBe(true);
    expect((error as Error).message).toMatch(/line 4 of log\.jsonl/);
    expect(await log.headPosition()).toBe(2);
    const notJson = await importLog(log, ['{oops']).catch((e: unknown) => e);
    expect((notJson as Error).message).toMatch(/line 1 of input: not JSON/);
    await log.close();
    await good.close();
  });
});
