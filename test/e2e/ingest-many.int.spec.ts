import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('ingest-many');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('`timeline ingest` of many files onto the BullMQ queue (submissions overlap)', () => {
  it('queues every distinct text once, counts copies as already there, and a second run queues nothing', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const env = { REDIS_URL: url, TIMELINE_PREFIX: prefix };
    const dir = tempDir();
    for (let i = 0; i < 40; i++)
      writeFileSync(
        join(dir, `report-${String(i).padStart(2, '0')}.txt`),
        `Officials met on Tuesday to discuss item ${i}.`,
      );
    // Three copies of one text, side by side in the listing: without care they would be submitted at once.
    for (const name of ['copy-1.txt', 'copy-2.txt', 'copy-3.txt'])
      writeFileSync(join(dir, name), 'The ministry said on Monday that talks had stalled.');

    const first = await runCli(['ingest', dir, '--source', 'wire', '--published', '2022-03-14'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/timeline: 41 queued, 2 already queued or in the log/);
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout) as { queue: { waiting: number } };
    expect(status.queue.waiting).toBe(41);

    const again = await runCli(['ingest', dir, '--source', 'wire', '--published', '2022-03-14'], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/timeline: 0 queued, 43 already queued or in the log/);
  });
});
