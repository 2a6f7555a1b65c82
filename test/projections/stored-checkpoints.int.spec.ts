import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createInMemoryEventLog } from '../../src/events/store/memory/in-memory-event-log.js';
import { buildTimelineView } from '../../src/projections/build-timeline-view.js';
import { CHECKPOINT_CHARS_PER_EVENT } from '../../src/projections/as-of-checkpoints.js';
import { foldLog, ProjectionRunner } from '../../src/projections/projection-runner.js';
import type { ProjectionStore } from '../../src/projections/projection-store.js';
import { createFileProjectionStore } from '../../src/projections/stores/file-projection-store.js';
import { createRedisProjectionStore } from '../../src/projections/stores/redis-projection-store.js';
import { timelineProjection, type TimelineState } from '../../src/projections/timeline-fold.js';
import { connect, deleteKeys, randomPrefix } from '../events/redis-test-support.js';
import { appendSyntheticDocuments } from '../../src/bench/synthetic-log.js';

/**
 * Issue #17 ("as-of views come from stored checkpoints plus a short replay"; "the projection and its
 * snapshot cannot grow past what a string holds"): the runner stores its as-of checkpoints with its
 * snapshot, in chunks, and the next process starts with them.
 */

const redis = connect(inject('redisUrl'));
const dirs: string[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  await Promise.all(prefixes.map((p) => deleteKeys(redis, `${p}:*`)));
  await redis.quit();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const stores: Array<[string, () => Promise<ProjectionStore>]> = [
  [
    'file',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'timeline-checkpoints-'));
      dirs.push(dir);
      return createFileProjectionStore(dir);
    },
  ],
  [
    'redis',
    async () => {
      const prefix = randomPrefix('checkpoints');
      prefixes.push(prefix);
      return createRedisProjectionStore({ redis, prefix });
    },
  ],
];

// Every 20 events whatever the state's size (the size rule has a test of its own).
const OPTIONS = { checkpoints: { every: 20, charsPerEvent: Infinity }, chunkChars: 2048 };

describe.each(stores)('stored as-of checkpoints (%s store)', (_name, makeStore) => {
  it('are saved with the snapshot, in chunks, loaded by the next process, and give an as-of view with a replay shorter than their spacing', async () => {
    const log = createInMemoryEventLog();
    await appendSyntheticDocuments(log, 40);
    const store = await makeStore();
    const writer = new ProjectionRunner<TimelineState>(timelineProjection, log, store, OPTIONS);
    await writer.catchUp();
    const head = writer.position;
    expect(writer.checkpointStats.count).toBe(Math.floor(head / 20));
    expect(await writer.save()).toBe(true);
    const stored = await store.load('timeline');
    expect(stored?.chunks.length).toBeGreaterThan(5);
    expect(stored?.checkpoints.map((c) => c.position)).toEqual(writer.checkpointStats.positions);

    // The next process: the checkpoints come from the store, no as-of request has to build them.
    const reader = new ProjectionRunner<TimelineState>(timelineProjection, log, store, OPTIONS);
    for (const position of [1, 19, 20, 77, head - 1, head]) {
      const asOf = await reader.foldAsOf({ toPosition: position });
      expect(asOf.replayed).toBeLessThan(20);
      const full = await foldLog(timelineProjection, log, { toPosition: position });
      expect(JSON.stringify(buildTimelineView(asOf.state, asOf.position))).toBe(
        JSON.stringify(buildTimelineView(full.state, full.position)),
      );
    }
    expect(reader.checkpointStats.positions).toEqual(writer.checkpointStats.positions);
    expect((await reader.catchUp()).position).toBe(head);
    expect(reader.serialize()).toBe(writer.serialize());
  });

  it('a replay (rebuild) stores the same snapshot and checkpoints, byte for byte', async () => {
    const log = createInMemoryEventLog();
    await appendSyntheticDocuments(log, 30);
    const store = await makeStore();
    const incremental = new ProjectionRunner<TimelineState>(timelineProjection, log, store, OPTIONS);
    await incremental.catchUp();
    await appendSyntheticDocuments(log, 10, { from: 30 });
    await incremental.catchUp();
    await incremental.save();
    const before = await store.load('timeline');
    const rebuilt = new ProjectionRunner<TimelineState>(timelineProjection, log, store, OPTIONS);
    await rebuilt.rebuild();
    expect(rebuilt.serialize()).toBe(incremental.serialize());
    expect(await store.load('timeline')).toEqual(before);
  });

  it('checkpoints a large state less often: one copy of the state per chars / CHECKPOINT_CHARS_PER_EVENT events at most', async () => {
    const log = createInMemoryEventLog();
    await appendSyntheticDocuments(log, 60);
    const store = await makeStore();
    const runner = new ProjectionRunner<TimelineState>(timelineProjection, log, store, { checkpoints: { every: 10 } });
    await runner.catchUp();
    const { positions } = runner.checkpointStats;
    expect(positions.length).toBeGreaterThan(1);
    await runner.save();
    expect((await store.load('timeline'))?.checkpoints.map((c) => c.position)).toEqual(positions);
    // The spacing grows with the state: the gap before each checkpoint pays for the copy before it
    // (its chunks, a little larger than the state's JSON measured here).
    const sizes = new Map<number, number>();
    for (const position of positions)
      sizes.set(
        position,
        JSON.stringify((await foldLog(timelineProjection, log, { toPosition: position })).state).length,
      );
    for (let i = 1; i < positions.length; i++) {
      const gap = positions[i]! - positions[i - 1]!;
      expect(gap * CHECKPOINT_CHARS_PER_EVENT).toBeGreaterThanOrEqual(0.9 * sizes.get(positions[i - 1]!)!);
    }
    expect(positions.at(-1)! - positions[0]!).toBeGreaterThan(10 * (positions.length - 1));
  });

  it('bounds the checkpoints in number and size: past either the spacing doubles', async () => {
    const log = createInMemoryEventLog();
    await appendSyntheticDocuments(log, 60);
    const store = await makeStore();
    const runner = new ProjectionRunner<TimelineState>(timelineProjection, log, store, {
      checkpoints: { every: 10, maxCount: 8, charsPerEvent: Infinity },
    });
    await runner.catchUp();
    expect(runner.checkpointStats.count).toBeLessThanOrEqual(8);
    expect(runner.checkpointStats.every).toBeGreaterThan(10);
    await runner.save();
    expect((await store.load('timeline'))?.checkpoints.length).toBe(runner.checkpointStats.count);
    const finalState = JSON.stringify(runner.serialize()).length;
    const small = new ProjectionRunner<TimelineState>(timelineProjection, log, undefined, {
      checkpoints: { every: 10, maxBytes: finalState, charsPerEvent: Infinity },
    });
    await small.catchUp();
    expect(small.checkpointStats.bytes).toBeLessThanOrEqual(finalState);
  });

  it('a snapshot past its size limit is skipped: the last one saved stays, and the next process folds the rest of the log to the same state', async () => {
    const log = createInMemoryEventLog();
    await appendSyntheticDocuments(log, 5);
    const store = await makeStore();
    const first = new ProjectionRunner<TimelineState>(timelineProjection, log, store, { maxSnapshotChars: 20_000 });
    await first.catchUp();
    expect(await first.save()).toBe(true);
    const savedAt = first.position;
    await appendSyntheticDocuments(log, 40, { from: 5 });
    await first.catchUp();
    expect(await first.save()).toBe(false);
    expect((await store.load('timeline'))?.position).toBe(savedAt);
    const next = new ProjectionRunner<TimelineState>(timelineProjection, log, store, { maxSnapshotChars: 20_000 });
    await next.catchUp();
    expect(next.serialize()).toBe(first.serialize());
  });
});
