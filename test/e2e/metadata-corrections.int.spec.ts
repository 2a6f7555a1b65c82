import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import type { TimelineService } from '../../src/app/timeline-service.js';
import { readAll } from '../../src/events/store/event-log.js';
import type { TimelineView } from '../../src/projections/timeline-view.js';
import { bullPrefixOf } from '../../src/workers/bullmq/redis-connection.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { processDocument } from '../../src/workers/process-document.js';
import { DOCUMENTS_QUEUE } from '../../src/workers/queue-names.js';
import { deletePrefix, testRedis } from '../support/redis.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const text = readFileSync(join('seeds', '003_aa2a8b04b8eb18ec.txt'), 'utf8');
const wrongDay = { text, source: 'afp', publishedAt: '2021-03-14' };
const rightDay = { text, source: 'afp', publishedAt: '2022-03-14' };

/** The dates of the timeline entries this document reports. */
function datesOf(view: TimelineView, documentId: string): string[] {
  return view.entries
    .filter((entry) => entry.sources.some((s) => s.documentId === documentId))
    .map((entry) => entry.date);
}

async function correctTheDay(
  service: TimelineService,
  whenIdle: () => Promise<void>,
): Promise<{ documentId: string; before: TimelineView; after: TimelineView; headBefore: number }> {
  const first = await service.submitDocument(wrongDay);
  expect(first.accepted).toBe(true);
  await whenIdle();
  const before = await service.getTimeline();
  const headBefore = (await service.status()).log.length;

  const correction = await service.submitDocument(rightDay);
  expect(correction).toMatchObject({ documentId: first.documentId, accepted: true });
  expect(correction.jobId).toMatch(new RegExp(`^${first.documentId}-r1-[0-9a-f]{8}$`));
  await whenIdle();
  const after = await service.getTimeline();
  return { documentId: first.documentId, before, after, headBefore };
}

/** The embedded engine on a data directory of its own. */
async function withEmbeddedService(): Promise<Awaited<ReturnType<typeof openTimelineService>>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'timeline-corrections-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const service = await openTimelineService({ dataDir });
  cleanups.push(() => service.close());
  return service;
}

/** Real BullMQ workers and a service over a Redis log, under a prefix of their own. */
async function withRedisWorkers(): Promise<{
  url: string;
  prefix: string;
  service: Awaited<ReturnType<typeof openTimelineService>>;
}> {
  const { url, prefix } = testRedis();
  cleanups.push(() => deletePrefix(url, prefix));
  const workers = await startRedisWorkers({ redisUrl: url, prefix, concurrency: 2 });
  cleanups.push(() => workers.close(5000));
  const service = await openTimelineService({ redisUrl: url, prefix });
  cleanups.push(() => service.close());
  return { url, prefix, service };
}

describe('resubmitting a text with a corrected publication day', () => {
  it('embedded: the correction is appended, the document is analysed again, and the timeline moves to the right year', async () => {
    const service = await withEmbeddedService();
    const whenIdle = (): Promise<void> => service.engine.whenIdle();

    const { documentId, before, after, headBefore } = await correctTheDay(service, whenIdle);
    expect(before.documents.find((d) => d.id === documentId)?.publishedAt).toBe('2021-03-14');
    expect(datesOf(before, documentId).length).toBeGreaterThan(0);
    expect(datesOf(before, documentId).some((date) => date.startsWith('2021'))).toBe(true);

    expect(after.documents.find((d) => d.id === documentId)?.publishedAt).toBe('2022-03-14');
    const corrected = datesOf(after, documentId);
    expect(corrected.length).toBe(datesOf(before, documentId).length);
    expect(corrected.some((date) => date.startsWith('2022-03'))).toBe(true);
    expect(corrected.some((date) => date.startsWith('2021'))).toBe(false);
    expect((await service.getDocument(documentId)).publishedAt).toBe('2022-03-14');

    // The same correction again changes nothing.
    const head = (await service.status()).log.length;
    expect((await service.submitDocument(rightDay)).accepted).toBe(false);
    await whenIdle();
    expect((await service.status()).log.length).toBe(head);

    // The log kept the first submission as it was; the timeline as known before the correction is still there.
    const types: string[] = [];
    for await (const event of readAll(service.engine.log)) types.push(event.type);
    expect(types.filter((t) => t === 'DocumentReceived').length).toBe(1);
    expect(types.filter((t) => t === 'DocumentRevised').length).toBe(1);
    expect(types.filter((t) => t === 'DocumentAnalyzed').length).toBe(2);
    const asKnownBefore = await service.getTimeline({ asOf: headBefore });
    expect(datesOf(asKnownBefore, documentId)).toEqual(datesOf(before, documentId));
  });

  it('through real BullMQ workers and the Redis log, the same', async () => {
    const { service } = await withRedisWorkers();

    const { documentId, after } = await correctTheDay(service, () => service.engine.whenIdle({ timeoutMs: 60_000 }));
    expect(after.documents.find((d) => d.id === documentId)?.publishedAt).toBe('2022-03-14');
    expect(datesOf(after, documentId).some((date) => date.startsWith('2021'))).toBe(false);
    expect(datesOf(after, documentId).some((date) => date.startsWith('2022-03'))).toBe(true);

    // Back to the first day: the next revision, a job of its own.
    const back = await service.submitDocument(wrongDay);
    expect(back.accepted).toBe(true);
    expect(back.jobId).toMatch(new RegExp(`^${documentId}-r2-`));
    await service.engine.whenIdle({ timeoutMs: 60_000 });
    expect((await service.getDocument(documentId)).publishedAt).toBe('2021-03-14');
  });

  it('the original BullMQ job run again after the correction (as a stalled job would be) leaves the correction in force', async () => {
    const { url, prefix, service } = await withRedisWorkers();
    const whenIdle = (): Promise<void> => service.engine.whenIdle({ timeoutMs: 60_000 });
    const { documentId } = await correctTheDay(service, whenIdle);
    const head = (await service.status()).log.length;

    const queue = new Queue(DOCUMENTS_QUEUE, { connection: { url }, prefix: bullPrefixOf(prefix) });
    cleanups.push(() => queue.close());
    const original = await queue.getJob(documentId);
    expect(original?.data).toMatchObject({ publishedAt: '2021-03-14' });
    await original!.retry('completed');
    await whenIdle();
    expect(await (await queue.getJob(documentId))?.getState()).toBe('completed');

    expect((await service.status()).log.length).toBe(head);
    expect((await service.getDocument(documentId)).publishedAt).toBe('2022-03-14');
    expect(datesOf(await service.getTimeline(), documentId).some((date) => date.startsWith('2021'))).toBe(false);
  });

  it('a correction sent before the first submission was processed is queued behind it, not dropped (embedded)', async () => {
    const service = await withEmbeddedService();
    const first = await service.submitDocument(wrongDay);
    const correction = await service.submitDocument(rightDay);
    expect(correction).toMatchObject({ documentId: first.documentId, accepted: true });
    expect(correction.jobId).toMatch(new RegExp(`^${first.documentId}-r1-[0-9a-f]{8}$`));
    expect((await service.submitDocument(rightDay)).accepted).toBe(false);
    expect((await service.submitDocument(wrongDay)).accepted).toBe(false);
    await service.engine.whenIdle();
    expect((await service.getDocument(first.documentId)).publishedAt).toBe('2022-03-14');
  });

  it('a correction queued before any worker ran: both jobs wait, and the document ends corrected (BullMQ)', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(() => service.close());
    const first = await service.submitDocument(wrongDay);
    const correction = await service.submitDocument(rightDay);
    expect(correction.jobId).toMatch(new RegExp(`^${first.documentId}-r1-`));
    expect((await service.status()).queue.waiting).toBe(2);

    const workers = await startRedisWorkers({ redisUrl: url, prefix, concurrency: 2 });
    cleanups.push(() => workers.close(5000));
    await service.engine.whenIdle({ timeoutMs: 60_000 });
    expect((await service.getDocument(first.documentId)).publishedAt).toBe('2022-03-14');
    expect(datesOf(await service.getTimeline(), first.documentId).some((date) => date.startsWith('2021'))).toBe(false);
  });

  it('two different corrections at once in the embedded engine: the loser of the race retries, both take effect', async () => {
    const service = await withEmbeddedService();
    const first = await service.submitDocument(wrongDay);
    await service.engine.whenIdle();
    const [day, title] = await Promise.all([
      service.submitDocument({ text, publishedAt: '2022-03-14' }),
      service.submitDocument({ text, title: 'AFP report' }),
    ]);
    await service.engine.whenIdle();
    // Neither failed: the queue forgets jobs that ended well (issue #17, item 5); the log holds both corrections.
    expect(await service.engine.queueState(day.jobId)).toBeUndefined();
    expect(await service.engine.queueState(title.jobId)).toBeUndefined();
    expect(await service.getDocument(first.documentId)).toMatchObject({
      state: 'processed',
      publishedAt: '2022-03-14',
      title: 'AFP report',
    });
  });

  it('a text refused before and then accepted: its status gives the accepted metadata and, asked for, its text', async () => {
    const service = await withEmbeddedService();
    // Another producer's bad payload comes first (the service itself refuses one before queueing it).
    await expect(processDocument(service.engine.log, { text, publishedAt: '2022-02-30' })).rejects.toThrow(
      /not a valid date/,
    );
    const accepted = await service.submitDocument(rightDay);
    await service.engine.whenIdle();
    const status = await service.getDocument(accepted.documentId, { includeText: true });
    expect(status).toMatchObject({ state: 'processed', source: 'afp', publishedAt: '2022-03-14', text });
  });
});
