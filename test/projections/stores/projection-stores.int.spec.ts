import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ProjectionStore } from '../../../src/projections/projection-store.js';
import { createFileProjectionStore } from '../../../src/projections/stores/file-projection-store.js';
import { createRedisProjectionStore } from '../../../src/projections/stores/redis-projection-store.js';
import { isCorruptSnapshotError } from '../../../src/projections/stores/snapshot-codec.js';
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

function describeStoreContract(name: string, factory: () => Promise<ProjectionStore>): void {
  describe(`projection store contract: ${name}`, () => {
    it('saves, loads, replaces and clears a snapshot (position and state together)', async () => {
      const store = await factory();
      expect(await store.load('timeline')).toBeUndefined();
      await store.save('timeline', { position: 3, state: '{"a":1}' });
      expect(await store.load('timeline')).toEqual({ position: 3, state: '{"a":1}' });
      await store.save('timeline', { position: 7, state: '{"a":2,"s":"é\\n"}' });
      expect(await store.load('timeline')).toEqual({ position: 7, state: '{"a":2,"s":"é\\n"}' });
      await store.save('other', { position: 0, state: '[]' });
      await store.clear('timeline');
      expect(await store.load('timeline')).toBeUndefined();
      expect(await store.load('other')).toEqual({ position: 0, state: '[]' });
      await store.clear('timeline'); // clearing nothing is fine
    });

    it('rejects a negative or fractional position', async () => {
      const store = await factory();
      await expect(store.save('p', { position: -1, state: '{}' })).rejects.toThrow(RangeError);
      await expect(store.save('p', { position: 1.5, state: '{}' })).rejects.toThrow(RangeError);
    });
  });
}

describeStoreContract('file', async () => createFileProjectionStore(join(await tempDir(), 'projections')));
describeStoreContract('redis', async () => {
  const prefix = randomPrefix('projections');
  prefixes.push(prefix);
  return createRedisProjectionStore({ redis, prefix });
});

describe('file projection store', () => {
  it('replaces atomically: a concurrent reader only ever sees a whole old or new snapshot', async () => {
    const dir = await tempDir();
    const store = createFileProjectionStore(dir);
    const big = (n: number): string => JSON.stringify({ n, filler: String(n).repeat(200_000) });
    await store.save('p', { position: 0, state: big(0) });
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        const snapshot = await store.load('p');
        const state = JSON.parse(snapshot?.state ?? '') as { n: number };
        expect(state.n).toBe(snapshot?.position);
        reads += 1;
      }
    })();
    for (let n = 1; n <= 15; n++) await store.save('p', { position: n, state: big(n) });
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect((await store.load('p'))?.position).toBe(15);
    // No temp file left behind.
    expect(await readdir(dir)).toEqual(['p.json']);
  });

  it('ignores a half-written temp file left by a crash, and the next save removes it', async () => {
    const dir = await tempDir();
    const store = createFileProjectionStore(dir);
    await store.save('p', { position: 1, state: '{"ok":true}' });
    // A crash mid-save leaves the temp file (pid 2^22+1: not a live process) and the old snapshot.
    const stray = 'p.json.4194305.abcdef.tmp';
    await writeFile(join(dir, stray), '{"position":2,"sta');
    expect(await store.load('p')).toEqual({ position: 1, state: '{"ok":true}' });
    await store.save('p', { position: 2, state: '{"ok":2}' });
    expect(await readdir(dir)).toEqual(['p.json']);
    expect(JSON.parse(await readFile(join(dir, 'p.json'), 'utf8'))).toEqual({ position: 2, state: '{"ok":2}' });
  });

  it('reports a corrupt snapshot with a typed error, and refuses unsafe names', async () => {
    const dir = await tempDir();
    const store = createFileProjectionStore(dir);
    await writeFile(join(dir, 'p.json'), '{"position":"x"}');
    const error = await store.load('p').catch((e: unknown) => e);
    expect(isCorruptSnapshotError(error)).toBe(true);
    await expect(store.save('../evil', { position: 1, state: '{}' })).rejects.toThrow(RangeError);
  });
});
