/**
 * The contract every EventLog adapter must meet. Each adapter's spec calls
 * `describeEventLogContract(name, factory)`; the factory returns a fresh, empty log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isConcurrencyError, isInvalidEventError, ConcurrencyError } from '../../src/events/store/errors.js';
import { readAll, type EventLog, type NewEvent, type RecordedEvent } from '../../src/events/store/event-log.js';

export interface ContractSubject {
  readonly log: EventLog;
  /** Called after each test, after `log.close()`. */
  readonly cleanup?: () => Promise<void>;
}

export const ev = (id: string, data: unknown = { id }, extra: Partial<NewEvent> = {}): NewEvent => ({
  id,
  type: 'TestHappened',
  schemaVersion: 1,
  data,
  ...extra,
});

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function describeEventLogContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`EventLog contract: ${name}`, () => {
    let subject: ContractSubject | undefined;
    const open = async (): Promise<EventLog> => {
      subject = await factory();
      return subject.log;
    };
    afterEach(async () => {
      if (subject) {
        await subject.log.close();
        await subject.cleanup?.();
        subject = undefined;
      }
    });

    it('starts empty', async () => {
      const log = await open();
      expect(await log.headPosition()).toBe(0);
      expect(await log.streamVersion('doc-1')).toBe(0);
      expect(await log.read()).toEqual([]);
      expect(await log.readStream('doc-1')).toEqual([]);
      expect(await log.positionOf('nope')).toBeUndefined();
    });

    it('appends and reads back with positions, versions and the envelope', async () => {
      const log = await open();
      const r1 = await log.append('doc-1', [ev('a', { n: 1, s: 'é"\\\n' }), ev('b')], { expectedVersion: 0 });
      expect(r1).toEqual({ nextVersion: 2, globalPosition: 2, appended: 2 });
      const r2 = await log.append('doc-2', [ev('c', null, { type: 'Other', schemaVersion: 3 })]);
      expect(r2).toEqual({ nextVersion: 1, globalPosition: 3, appended: 1 });
      const r3 = await log.append('doc-1', [ev('d', [1, 2, 3])], { expectedVersion: 2 });
      expect(r3).toEqual({ nextVersion: 3, globalPosition: 4, appended: 1 });

      const all = await log.read();
      expect(all.map((e) => [e.position, e.stream, e.streamVersion, e.id])).toEqual([
        [1, 'doc-1', 1, 'a'],
        [2, 'doc-1', 2, 'b'],
        [3, 'doc-2', 1, 'c'],
        [4, 'doc-1', 3, 'd'],
      ]);
      expect(all[0]?.data).toEqual({ n: 1, s: 'é"\\\n' });
      expect(all[2]).toMatchObject({ type: 'Other', schemaVersion: 3, data: null });
      for (const e of all) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      expect(Object.keys(all[0] as RecordedEvent)).toEqual([
        'position',
        'stream',
        'streamVersion',
        'id',
        'type',
        'schemaVersion',
        'at',
        'data',
      ]);
      expect(await log.headPosition()).toBe(4);
      expect(await log.streamVersion('doc-1')).toBe(3);
      expect(await log.positionOf('c')).toBe(3);
      expect((await log.readStream('doc-1')).map((e) => e.id)).toEqual(['a', 'b', 'd']);
      expect((await log.readStream('doc-1', { fromVersion: 2, limit: 1 })).map((e) => e.id)).toEqual(['b']);
    });

    it('keeps an explicit `at` (imports) and stamps the others', async () => {
      const log = await open();
      const before = Date.now();
      await log.append('s', [ev('a', 1, { at: '2020-01-02T03:04:05.000Z' }), ev('b')]);
      const [a, b] = await log.read();
      expect(a?.at).toBe('2020-01-02T03:04:05.000Z');
      expect(Date.parse(b?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    });

    it('rejects a stale expectedVersion with ConcurrencyError and writes nothing', async () => {
      const log = await open();
      await log.append('doc', [ev('a'), ev('b')], { expectedVersion: 0 });
      const error = await log.append('doc', [ev('c')], { expectedVersion: 1 }).catch((e: unknown) => e);
      expect(isConcurrencyError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'CONCURRENCY',
        retryable: true,
        stream: 'doc',
        expectedVersion: 1,
        actualVersion: 2,
      });
      const error0 = await log.append('doc', [ev('c')], { expectedVersion: 0 }).catch((e: unknown) => e);
      expect(error0).toBeInstanceOf(ConcurrencyError);
      const errorNew = await log.append('fresh', [ev('x')], { expectedVersion: 3 }).catch((e: unknown) => e);
      expect(isConcurrencyError(errorNew)).toBe(true);
      expect(await log.headPosition()).toBe(2);
      expect(await log.positionOf('c')).toBeUndefined();
      expect(await log.streamVersion('fresh')).toBe(0);
    });

    it('lets exactly one of 5 concurrent appends with the same expectedVersion win', async () => {
      const log = await open();
      await log.append('doc', [ev('seed')]);
      const results = await Promise.allSettled(
        [0, 1, 2, 3, 4].map((w) => log.append('doc', [ev(`w${w}-1`), ev(`w${w}-2`)], { expectedVersion: 1 })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(4);
      for (const r of lost) expect(isConcurrencyError((r as PromiseRejectedResult).reason)).toBe(true);
      expect(await log.streamVersion('doc')).toBe(3);
      expect(await log.headPosition()).toBe(3);
    });

    it('skips ids already in the log and reports their positions (whole-batch retry is a no-op)', async () => {
      const log = await open();
      const first = await log.append('doc', [ev('a'), ev('b'), ev('c')], { expectedVersion: 0 });
      await log.append('other', [ev('z')]);
      // The same job, run again with the version it saw the first time: nothing appended, no error.
      const retry = await log.append('doc', [ev('a'), ev('b'), ev('c')], { expectedVersion: 0 });
      expect(retry).toEqual({ nextVersion: 3, globalPosition: first.globalPosition, appended: 0 });
      // A partial duplicate: only the new one is written.
      const partial = await log.append('doc', [ev('b'), ev('d')], { expectedVersion: 3 });
      expect(partial).toEqual({ nextVersion: 4, globalPosition: 5, appended: 1 });
      // A duplicate inside one batch is written once.
      const inBatch = await log.append('doc', [ev('e'), ev('e')]);
      expect(inBatch).toEqual({ nextVersion: 5, globalPosition: 6, appended: 1 });
      expect(await log.headPosition()).toBe(6);
      expect((await log.readStream('doc')).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
      // Concurrent identical retries: exactly one write, the others are no-ops.
      const same = await Promise.all(
        [1, 2, 3].map(() => log.append('doc2', [ev('q1'), ev('q2')], { expectedVersion: 0 })),
      );
      expect(same.map((r) => r.appended).sort()).toEqual([0, 0, 2]);
      expect(new Set(same.map((r) => r.globalPosition))).toEqual(new Set([8]));
    });

    it('rejects malformed appends with InvalidEventError', async () => {
      const log = await open();
      const bad: unknown[] = [
        [{ id: '', type: 't', schemaVersion: 1, data: 1 }],
        [{ id: 'x', type: '', schemaVersion: 1, data: 1 }],
        [{ id: 'x', type: 't', schemaVersion: 0, data: 1 }],
        [{ id: 'x', type: 't', schemaVersion: 1, data: undefined }],
        [{ id: 'x', type: 't', schemaVersion: 1, data: 1n }],
        [{ id: 'x', type: 't', schemaVersion: 1, data: 1, at: 'yesterday' }],
      ];
      for (const events of bad) {
        const error = await log.append('s', events as NewEvent[]).catch((e: unknown) => e);
        expect(isInvalidEventError(error)).toBe(true);
      }
      expect(isInvalidEventError(await log.append('', [ev('a')]).catch((e: unknown) => e))).toBe(true);
      expect(
        isInvalidEventError(await log.append('s', [ev('a')], { expectedVersion: -2 }).catch((e: unknown) => e)),
      ).toBe(true);
      expect(await log.headPosition()).toBe(0);
    });

    it('reads by from / to / limit and pages through readAll', async () => {
      const log = await open();
      for (let i = 1; i <= 25; i++) await log.append(`s${i % 3}`, [ev(`e${i}`, { i })]);
      expect((await log.read({ from: 5, to: 8 })).map((e) => e.position)).toEqual([5, 6, 7, 8]);
      expect((await log.read({ from: 20, limit: 3 })).map((e) => e.position)).toEqual([20, 21, 22]);
      expect(await log.read({ from: 26 })).toEqual([]);
      expect((await log.read({ from: 24, to: 100 })).map((e) => e.position)).toEqual([24, 25]);
      const paged: number[] = [];
      for await (const e of readAll(log, { from: 3, to: 23, pageSize: 4 })) paged.push(e.position);
      expect(paged).toEqual(Array.from({ length: 21 }, (_, k) => k + 3));
    });

    it('reads "as of" a time with `until`, filling whole pages', async () => {
      const log = await open();
      const t = (d: number): string => new Date(Date.UTC(2024, 0, d)).toISOString();
      // Out of order on purpose: an import keeps original times, so `at` is not monotonic.
      const days = [1, 5, 2, 6, 3, 7, 4, 8];
      await log.append(
        's',
        days.map((d) => ev(`d${d}`, d, { at: t(d) })),
      );
      const asOf = await log.read({ until: t(4) });
      expect(asOf.map((e) => e.data)).toEqual([1, 2, 3, 4]);
      const page = await log.read({ until: t(4), limit: 2, from: 2 });
      expect(page.map((e) => e.data)).toEqual([2, 3]);
      const paged: unknown[] = [];
      for await (const e of readAll(log, { until: t(4), pageSize: 1 })) paged.push(e.data);
      expect(paged).toEqual([1, 2, 3, 4]);
      expect(await log.read({ until: t(0) })).toEqual([]);
    });

    it('subscribes: catch-up first, then live events, in order; close stops it', async () => {
      const log = await open();
      await log.append('s', [ev('a'), ev('b'), ev('c')]);
      const seen: number[] = [];
      const sub = log.subscribe(1, async (e) => {
        await new Promise((r) => setTimeout(r, 1));
        seen.push(e.position);
      });
      await waitFor(() => seen.length === 2);
      await log.append('s', [ev('d')]);
      await log.append('t', [ev('e'), ev('f')]);
      await waitFor(() => seen.length === 5);
      expect(seen).toEqual([2, 3, 4, 5, 6]);
      await sub.close();
      await log.append('s', [ev('g')]);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([2, 3, 4, 5, 6]);
      // A second subscription from 0 sees everything.
      const all: string[] = [];
      const sub2 = log.subscribe(0, (e) => {
        all.push(e.id);
      });
      await waitFor(() => all.length === 7);
      expect(all).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      await sub2.close();
    });

    it('closes subscriptions that are waiting for events', async () => {
      const log = await open();
      const sub = log.subscribe(0, () => {});
      await new Promise((r) => setTimeout(r, 50));
      await sub.close();
    });
  });
}
