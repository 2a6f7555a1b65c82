import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { DEFAULT_ANALYSIS_BUDGET } from '../../src/workers/analysis-budget.js';
import { bullPrefixOf } from '../../src/workers/bullmq/redis-connection.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { DOCUMENTS_QUEUE } from '../../src/workers/queue-names.js';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { waitFor as waitForValue } from '../support/wait-for.js';

/** Issue #17 against real BullMQ workers on the private test Redis. */

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const tuesdays = (chars: number): string => `Hl\n\n${'tuesday '.repeat(Math.ceil(chars / 8))}`;

/** Freak documents take seconds: a minute before giving up. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
  waitForValue(what, probe, timeoutMs);

describe('BullMQ workers under hostile input (issue #17)', () => {
  it('a freak document past its deadline fails at once with ANALYSIS_BUDGET_EXCEEDED (no retries); a dense 20 KB one gives a bounded analysis; a small one behind them is processed', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    // 1.5 s: far below the 2 MB text's 2.5 s of analysis, far above the 20 KB one's even on a busy shared machine.
    const workers = await startRedisWorkers({
      redisUrl: url,
      prefix,
      analysisBudget: { ...DEFAULT_ANALYSIS_BUDGET, timeoutMs: 1500 },
    });
    cleanups.push(() => workers.close());
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(() => service.close());

    const slow = await service.submitDocument({ text: tuesdays(2_000_000) });
    const bloated = await service.submitDocument({ text: tuesdays(20_000) });
    const small = await service.submitDocument({
      text: 'Talks\n\nThe ministers met on Monday in Rome, officials said.',
      publishedAt: '2022-03-15',
    });
    const settled = (id: string) =>
      waitFor(`${id} to settle`, async () => {
        const status = await service.getDocument(id);
        return status.state === 'processed' || status.state === 'failed' ? status : undefined;
      });
    expect((await settled(small.documentId)).state).toBe('processed');
    const slowEnd = await settled(slow.documentId);
    expect(slowEnd.failure).toMatchObject({
      code: 'ANALYSIS_BUDGET_EXCEEDED',
      reason: expect.stringMatching(/longer than its budget of 1500 ms/),
    });
    // 2,500 date words in one sentence: the analysis keeps at most a few events of that sentence.
    const bloatedEnd = await settled(bloated.documentId);
    expect(bloatedEnd.state).toBe('processed');
    expect(
      (await service.getTimeline()).entries.filter((e) => e.sources.some((x) => x.documentId === bloated.documentId))
        .length,
    ).toBeLessThanOrEqual(16);

    const redis = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(DOCUMENTS_QUEUE, { connection: redis, prefix: bullPrefixOf(prefix) });
    try {
      for (const id of [slow.documentId]) {
        const job = await queue.getJob(id);
        expect(await job?.getState()).toBe('failed');
        expect(job?.attemptsMade).toBe(1);
        expect(job?.failedReason).toMatch(/^ANALYSIS_BUDGET_EXCEEDED: /);
      }
    } finally {
      await queue.close();
      redis.disconnect();
    }
    const status = await service.status();
    expect(status.documents.failed).toBe(1);
    // Exports still work.
    const view = await service.getTimeline();
    expect(view.documents.filter((d) => d.state === 'failed')).toHaveLength(1);
  });

  it('a document whose worker process dies under it twice is failed with WORKER_DIED, not queued again', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(() => service.close());
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(DOCUMENTS_QUEUE, { connection: redis, prefix: bullPrefixOf(prefix) });
    cleanups.push(async () => {
      await queue.close();
      redis.disconnect();
    });
    const spawnWorker = (): ChildProcess => {
      const child = spawn(process.execPath, [CLI, 'worker', '--role', 'documents', '--lock-duration', '1000'], {
        cwd: REPO_ROOT,
        // A deadline far away: the process is killed before it.
        env: { ...process.env, REDIS_URL: url, TIMELINE_PREFIX: prefix, TIMELINE_ANALYSIS_TIMEOUT_MS: '120000' },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      cleanups.push(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      return child;
    };
    // 200 KB: a thread to start, the NLP model to load and the text to analyse, so the job is running when
    // its worker is killed; small enough that the lock (1 s here) is renewed on a loaded machine.
    const { documentId } = await service.submitDocument({ text: tuesdays(200_000) });
    for (const started of [1, 2]) {
      const worker = spawnWorker();
      await waitFor(`run ${started} to start`, async () => {
        const job = await queue.getJob(documentId);
        return job && (await job.getState()) === 'active' && job.attemptsStarted >= started ? true : undefined;
      });
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    spawnWorker();
    const failed = await waitFor('the job to fail', async () => {
      const status = await service.getDocument(documentId);
      return status.state === 'failed' ? status : undefined;
    });
    expect(failed.failure?.code, failed.failure?.reason).toBe('WORKER_DIED');
    expect(await (await queue.getJob(documentId))?.getState()).toBe('failed');
  }, 90_000);
});
