import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { startPrivateRedis } from '../../src/devtools/private-redis.js';
import { acceptDocument } from '../../src/documents/document-job.js';
import { readAll, type EventLog } from '../../src/events/store/event-log.js';
import { DOCUMENT_JOB_OPTIONS } from '../../src/workers/bullmq/job-options.js';
import { bullPrefixOf } from '../../src/workers/bullmq/redis-connection.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { DOCUMENTS_QUEUE, PROCESS_DOCUMENT_JOB } from '../../src/workers/queue-names.js';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { corpusDocuments } from '../support/documents.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { withoutPosition } from '../support/seed-expectations.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function spawnWorker(url: string, prefix: string, extra: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'worker', '--concurrency', '2', '--lock-duration', '2000', ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, REDIS_URL: url, TIMELINE_PREFIX: prefix },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

async function enqueue(url: string, prefix: string, count: number): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(DOCUMENTS_QUEUE, { connection: redis, prefix: bullPrefixOf(prefix) });
  const documents = corpusDocuments(count);
  await queue.addBulk(
    documents.map((payload) => ({
      name: PROCESS_DOCUMENT_JOB,
      data: payload,
      opts: { ...DOCUMENT_JOB_OPTIONS, jobId: acceptDocument(payload).documentId },
    })),
  );
  await queue.close();
  redis.disconnect();
  return documents.map((payload) => acceptDocument(payload).documentId);
}

async function countAnalyses(log: EventLog): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const event of readAll(log)) {
    if (event.type !== 'DocumentAnalyzed') continue;
    const documentId = (event.data as { documentId: string }).documentId;
    counts.set(documentId, (counts.get(documentId) ?? 0) + 1);
  }
  return counts;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectExactlyOnce(log: EventLog, documentIds: string[]): Promise<void> {
  const counts = await countAnalyses(log);
  expect([...counts.keys()].sort()).toEqual([...documentIds].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  // Positions are contiguous: nothing half-written, nothing skipped.
  let expected = 1;
  for await (const event of readAll(log)) expect(event.position).toBe(expected++);
}

describe('workers under faults (real redis-server, real worker processes)', () => {
  it('a worker killed with SIGKILL mid-batch, then restarted: every document in the log exactly once', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(() => service.close());
    const ids = await enqueue(url, prefix, 80);

    const first = spawnWorker(url, prefix);
    await waitFor('a few documents', async () => (await countAnalyses(service.engine.log)).size >= 5);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const processedBeforeKill = (await countAnalyses(service.engine.log)).size;
    expect(processedBeforeKill).toBeLessThan(80);

    spawnWorker(url, prefix);
    await waitFor('all documents', async () => (await countAnalyses(service.engine.log)).size === 80);
    await service.engine.whenIdle({ timeoutMs: 60_000 });
    await expectExactlyOnce(service.engine.log, ids);
  });

  it('a worker stopped with SIGTERM mid-batch finishes or lets go of its running jobs and exits 0; a new worker takes the rest: every document exactly once', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(() => service.close());
    const ids = await enqueue(url, prefix, 60);

    const first = spawnWorker(url, prefix, ['--shutdown-timeout', '2000', '--force-timeout', '6000']);
    await waitFor('a few documents', async () => (await countAnalyses(service.engine.log)).size >= 5);
    const exited = new Promise<number | null>((resolve) => first.once('exit', (code) => resolve(code)));
    const signalledAt = Date.now();
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(6000);
    expect((await countAnalyses(service.engine.log)).size).toBeLessThan(60);

    spawnWorker(url, prefix);
    await waitFor('all documents', async () => (await countAnalyses(service.engine.log)).size === 60);
    await service.engine.whenIdle({ timeoutMs: 60_000 });
    await expectExactlyOnce(service.engine.log, ids);
  });

  it('two workers at once give the same timeline as one', async () => {
    const one = testRedis();
    const two = testRedis();
    cleanups.push(
      () => deletePrefix(one.url, one.prefix),
      () => deletePrefix(two.url, two.prefix),
    );
    const ids = await enqueue(one.url, one.prefix, 40);
    await enqueue(two.url, two.prefix, 40);
    spawnWorker(one.url, one.prefix);
    spawnWorker(two.url, two.prefix);
    spawnWorker(two.url, two.prefix);
    const single = await openTimelineService({ redisUrl: one.url, prefix: one.prefix });
    const double = await openTimelineService({ redisUrl: two.url, prefix: two.prefix });
    cleanups.push(
      () => single.close(),
      () => double.close(),
    );
    await waitFor(
      'both runs',
      async () =>
        (await countAnalyses(single.engine.log)).size === 40 && (await countAnalyses(double.engine.log)).size === 40,
    );
    await single.engine.whenIdle({ timeoutMs: 60_000 });
    await double.engine.whenIdle({ timeoutMs: 60_000 });
    await expectExactlyOnce(double.engine.log, ids);
    const a = await single.getTimeline();
    const b = await double.getTimeline();
    expect(a.entries.length).toBeGreaterThan(20);
    expect(withoutPosition(b)).toEqual(withoutPosition(a));
  });

  it('Redis restarted (AOF on) mid-run: nothing lost once the workers reconnect', async () => {
    const redis = await startPrivateRedis({ appendOnly: true });
    let restarted: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    cleanups.push(async () => {
      await restarted?.stop();
      await redis.stop();
    });
    const prefix = 'restart';
    const ids = await enqueue(redis.url, prefix, 150);
    const workers = await startRedisWorkers({ redisUrl: redis.url, prefix, concurrency: 2, lockDurationMs: 2000 });
    cleanups.push(() => workers.close(2000));
    await waitFor('a few documents', async () => (await countAnalyses(workers.log)).size >= 5);

    // Same port, same directory: the AOF brings back the queue and the log.
    const dir = redis.dir;
    const port = redis.port;
    const processedBeforeRestart = (await countAnalyses(workers.log)).size;
    await stopWithoutCleanup(redis);
    expect(processedBeforeRestart).toBeLessThan(150);
    await new Promise((resolve) => setTimeout(resolve, 500));
    restarted = await startPrivateRedis({ appendOnly: true, port, dir });

    await waitFor('all documents after the restart', async () => (await countAnalyses(workers.log)).size === 150);
    const service = await openTimelineService({ redisUrl: restarted.url, prefix });
    cleanups.push(() => service.close());
    await service.engine.whenIdle({ timeoutMs: 60_000 });
    await expectExactlyOnce(service.engine.log, ids);
  });
});

/** Stops a private redis-server but keeps its directory (its AOF) for the restart. */
async function stopWithoutCleanup(redis: { url: string }): Promise<void> {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  // SHUTDOWN makes Redis fsync the AOF and exit; the connection then drops, which is expected.
  await client.call('SHUTDOWN').catch(() => undefined);
  client.disconnect();
}
