/**
 * A job's failure crosses the process boundary as data: the worker records it on the job, and the
 * reader takes its code from there, never from the reason's text.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { recordedFailureOf } from '../../src/workers/bullmq/failed-job.js';
import { bullPrefixOf } from '../../src/workers/bullmq/redis-connection.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { DOCUMENTS_QUEUE, PROCESS_DOCUMENT_JOB } from '../../src/workers/queue-names.js';
import { deletePrefix, testRedis } from '../support/redis.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a failed BullMQ job', () => {
  it('carries its failure as data; the code a reader reports comes from it, the reason text is for people', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const workers = await startRedisWorkers({ redisUrl: url, prefix, concurrency: 1 });
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(
      () => workers.close(5000),
      () => service.close(),
    );
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(DOCUMENTS_QUEUE, { connection, prefix: bullPrefixOf(prefix) });
    cleanups.push(async () => {
      await queue.close();
      connection.disconnect();
    });

    await queue.add(
      PROCESS_DOCUMENT_JOB,
      { text: '\u0000\u0001binary' },
      { attempts: 3, jobId: 'binary-from-another-producer' },
    );
    await service.engine.whenIdle({ timeoutMs: 30_000 });
    const job = await queue.getJob('binary-from-another-producer');
    expect(await job!.getState()).toBe('failed');
    expect(recordedFailureOf(job!)).toEqual({
      code: 'BINARY',
      message: expect.stringMatching(/looks binary/),
      retryable: false,
    });
    expect(job!.failedReason).toMatch(/^BINARY: document looks binary/);
    expect(await service.getDocument('binary-from-another-producer')).toMatchObject({
      state: 'failed',
      failure: { code: 'BINARY' },
    });

    // Whatever else sits in a job's progress is no failure: read through zod, never trusted.
    expect(recordedFailureOf({ progress: 0 })).toBeUndefined();
    expect(
      recordedFailureOf({ progress: { failure: { code: 'empty: not a code', message: 'x', retryable: false } } }),
    ).toBeUndefined();
  });
});
