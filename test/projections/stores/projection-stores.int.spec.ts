import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type {
  ProjectionSnapshot,
  ProjectionStore,
  StoredCheckpoint,
} from '../../../src/projections/projection-store.js';
import { createFileProjectionStore } from '../../../src/projections/stores/file-projection-store.js';
import { createRedisProjectionStore } from '../../../src/projections/stores/redis-projection-store.js';
import { isCorruptSnapshotError } from '../../../src/projections/stores/snapshot-codec.js';
import { decodeStateChunks, encodeStateChunks } from '../../../src/projections/stores/state-chunks.js';
import { connect, deleteKeys, randomPrefix } from '../../events/redis-test-support.js';

const redis = connect(inject('redisUrl'));
const dirs: string[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  await Promise.all(prefixes.map((p) => deleteKeys(redis, `${p}:*`)));
  await redis.quit();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'timeline-projections-'));
  dirs.push(dir);
  return dir;
}

function redisPrefix(): string {
  const prefix = randomPrefix('projections');
  prefixes.push(prefix);
  return prefix;
}

const snapshot = (position: number, chunks: string[], checkpoints: StoredCheckpoint[] = []): ProjectionSnapshot => ({
  position,
  chunks,
  checkpoints,
});
const checkpoint = (position: number, chunks: string[]): StoredCheckpoint => ({
  id: `v1-p${position}`,
  position,
  at: `2026-01-01T00:00:0${position % 10}.000Z`,
  chunks,
});

function describeStoreContract(name: string, factory: () => Promise<ProjectionStore>): void {
  describe(`projection store contract: ${name}`, () => {
    it('saves, loads, replaces and clears a snapshot (position, chunks and checkpoints together)', async () => {
      const store = await factory();
      expect(await store.load('timeline')).toBeUndefined();
      expect(await store.save('timeline', snapshot(3, ['{"a":1}']))).toBe(true);
      expect(await store.load('timeline')).toEqual(snapshot(3, ['{"a":1}']));
      const withCheckpoints = snapshot(
        7,
        ['{"a":2}', '["é\\n"]'],
        [checkpoint(2, ['[1]', '[2]']), checkpoint(4, ['[4]'])],
      );
      await store.save('timeline', withCheckpoints);
      expect(await store.load('timeline')).toEqual(withCheckpoints);
      // A checkpoint no longer listed goes; one still listed stays as it was written.
      const later = snapshot(9, ['{"a":3}'], [checkpoint(4, ['[4]']), checkpoint(8, ['[8]'])]);
      await store.save('timeline', later);
      expect(await store.load('timeline')).toEqual(later);
      await store.save('other', snapshot(0, []));
      await store.clear('timeline');
      expect(await store.load('timeline')).toBeUndefined();
      expect(await store.load('other')).toEqual(snapshot(0, []));
      await store.clear('timeline'); // clearing nothing is fine
    });

    it('rejects a negative or fractional position and a checkpoint id that is no name', async () => {
      const store = await factory();
      await expect(store.save('p', snapshot(-1, []))).rejects.toThrow(RangeError);
      await expect(store.save('p', snapshot(1.5, []))).rejects.toThrow(RangeError);
      await expect(store.save('p', snapshot(1, [], [{ ...checkpoint(1, []), id: '../x' }]))).rejects.toThrow(
        RangeError,
      );
    });

    it('stores a state in many chunks and gives back the same bytes; a concurrent reader only ever sees a whole snapshot', async () => {
      const store = await factory();
      const state = (n: number) => ({
        n,
        documents: Object.fromEntries(
          Array.from({ length: 300 }, (_, i) => [`doc-${i}`, { n, filler: `${n}`.repeat(500) }]),
        ),
        order: Array.from({ length: 50 }, (_, i) => i),
      });
      const save = (n: number) =>
        store.save(
          'p',
          snapshot(n, encodeStateChunks(state(n), { maxChunkChars: 4096 }), [
            checkpoint(n, encodeStateChunks(state(n), { maxChunkChars: 4096 })),
          ]),
        );
      await save(0);
      const first = await store.load('p');
      expect(first?.chunks.length).toBeGreaterThan(30);
      expect(JSON.stringify(decodeStateChunks(first?.chunks ?? []))).toBe(JSON.stringify(state(0)));
      let reading = true;
      let reads = 0;
      const reader = (async () => {
        while (reading) {
          const loaded = await store.load('p');
          const decoded = decodeStateChunks(loaded?.chunks ?? []) as { n: number };
          expect(decoded.n).toBe(loaded?.position);
          expect(loaded?.checkpoints.map((c) => c.position)).toEqual([loaded?.position]);
          reads += 1;
        }
      })();
      for (let n = 1; n <= 10; n++) await save(n);
      reading = false;
      await reader;
      expect(reads).toBeGreaterThan(0);
      expect((await store.load('p'))?.position).toBe(10);
    });
  });
}

describeStoreContract('file', async () => createFileProjectionStore(join(await tempDir(), 'projections')));
describeStoreContract('redis', async () => createRedisProjectionStore({ redis, prefix: redisPrefix() }));

describe('file projection store', () => {
  it('leaves only the snapshot and the checkpoints it lists; ignores a half-written temp file left by a crash, and the next save removes it and the one-value snapshot of earlier versions', async () => {
    const dir = await tempDir();
    const store = createFileProjectionStore(dir);
    await store.save('p', snapshot(1, ['{"ok":true}'], [checkpoint(1, ['[1]'])]));
    expect((await readdir(dir)).sort()).toEqual(['p.checkpoint.v1-p1', 'p.snapshot']);
    // A crash mid-save leaves the temp file (pid 2^22+1: not a live process) and the old snapshot.
    await writeFile(join(dir, 'p.snapshot.4194305.abcdef.tmp'), '{"format":2,"posi');
    await writeFile(join(dir, 'p.json'), '{"position":1,"state":"{}"}');
    expect(await store.load('p')).toEqual(snapshot(1, ['{"ok":true}'], [checkpoint(1, ['[1]'])]));
    await store.save('p', snapshot(2, ['{"ok":2}'], [checkpoint(2, ['[2]'])]));
    expect((await readdir(dir)).sort()).toEqual(['p.checkpoint.v1-p2', 'p.snapshot']);
  });

  it('reports a corrupt snapshot with a typed error, and refuses unsafe names', async () => {
    const dir = await tempDir();
    const store = createFileProjectionStore(dir);
    await writeFile(join(dir, 'p.snapshot'), '{"position":"x"}\n');
    expect(isCorruptSnapshotError(await store.load('p').catch((e: unknown) => e))).toBe(true);
    await writeFile(
      join(dir, 'p.snapshot'),
      `${JSON.stringify({ format: 2, position: 3, chunks: 2, checkpoints: [] })}\n[]\n`,
    );
    expect(isCorruptSnapshotError(await store.load('p').catch((e: unknown) => e))).toBe(true);
    await expect(store.save('../evil', snapshot(1, []))).rejects.toThrow(RangeError);
  });
});

describe('redis projection store', () => {
  it('keeps every key of a projection under one hash tag and no value past a chunk; chunks of superseded and crashed saves go at the next save, with the one-value key of earlier versions', async () => {
    const prefix = redisPrefix();
    const store = createRedisProjectionStore({ redis, prefix });
    await redis.set(`${prefix}:timeline`, '{"position":1,"state":"{}"}');
    const chunks = encodeStateChunks(
      { rows: Array.from({ length: 200 }, (_, i) => `row ${i} ${'x'.repeat(200)}`) },
      { maxChunkChars: 2048 },
    );
    await store.save('timeline', snapshot(5, chunks, [checkpoint(3, ['[3]'])]));
    // A crashed save: a chunk written (and tracked) but never published.
    await redis
      .multi()
      .sadd(`${prefix}:{timeline}:chunks`, `${prefix}:{timeline}:s:dead:0`)
      .set(`${prefix}:{timeline}:s:dead:0`, '[0]')
      .exec();
    const keysAfterFirst = await redis.keys(`${prefix}:*`);
    expect(keysAfterFirst.every((key) => key.startsWith(`${prefix}:{timeline}:`))).toBe(true);
    for (const key of keysAfterFirst.filter((k) => k.includes(':s:') || k.includes(':c:')))
      expect((await redis.strlen(key)) <= 2048).toBe(true);

    await store.save('timeline', snapshot(6, chunks, [checkpoint(3, ['[3]'])]));
    const keys = (await redis.keys(`${prefix}:*`)).sort();
    // head, the chunk index, one checkpoint chunk and the new save's state chunks: nothing of the first save, nor of the crashed one.
    expect(keys.filter((k) => k.includes(':s:')).length).toBe(chunks.length);
    expect(keys.some((k) => k.includes(':s:dead:'))).toBe(false);
    expect(keys.filter((k) => k.includes(':c:'))).toEqual([`${prefix}:{timeline}:c:v1-p3:0`]);
    expect(keys.length).toBe(chunks.length + 3);
    expect(await redis.scard(`${prefix}:{timeline}:chunks`)).toBe(chunks.length + 1);
    await store.clear('timeline');
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
  });

  it('does not publish a snapshot older than the one published (another process saved a later position)', async () => {
    const store = createRedisProjectionStore({ redis, prefix: redisPrefix() });
    expect(await store.save('timeline', snapshot(9, ['[9]']))).toBe(true);
    expect(await store.save('timeline', snapshot(4, ['[4]']))).toBe(false);
    expect(await store.load('timeline')).toEqual(snapshot(9, ['[9]']));
  });
});
