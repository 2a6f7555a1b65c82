import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { loadDocuments } from '../../src/documents/load-documents.js';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { CLI, REPO_ROOT, runCli } from '../support/cli.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { expectSeedTimeline, withoutPosition } from '../support/seed-expectations.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('the seeds through real BullMQ workers and the Redis event log', () => {
  it('gives the same timeline as the embedded engine', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const workers = await startRedisWorkers({ redisUrl: url, prefix, concurrency: 2 });
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(() => workers.close(5000));
    cleanups.push(() => service.close());

    const { documents, failures } = await loadDocuments(['seeds']);
    expect(failures).toEqual([]);
    const submitted = await Promise.all(documents.map((d) => service.submitDocument(d.payload)));
    expect(submitted.every((s) => s.accepted)).toBe(true);
    expect(new Set(submitted.map((s) => s.jobId)).size).toBe(5);
    await service.engine.whenIdle({ timeoutMs: 60_000 });
    const redisView = await service.getTimeline();
    expectSeedTimeline(redisView);

    // Submitting the same text again is recognised: nothing is queued or appended.
    const head = (await service.status()).log.length;
    const again = await service.submitDocument(documents[0]!.payload);
    expect(again.accepted).toBe(false);
    expect((await service.status()).log.length).toBe(head);

    const dataDir = mkdtempSync(join(tmpdir(), 'timeline-embedded-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const embedded = await openTimelineService({ dataDir });
    for (const document of documents) await embedded.submitDocument(document.payload);
    await embedded.engine.whenIdle();
    const embeddedView = await embedded.getTimeline();
    await embedded.close();
    expect(withoutPosition(redisView)).toEqual(withoutPosition(embeddedView));
  });

  it('works from the command line: `timeline worker` + `timeline ingest` + `timeline show`, then SIGTERM closes the worker', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const env = { REDIS_URL: url, TIMELINE_PREFIX: prefix };
    const worker = spawn(process.execPath, [CLI, 'worker', '--concurrency', '2'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let workerErr = '';
    worker.stderr.on('data', (chunk: Buffer) => (workerErr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    cleanups.push(() => {
      if (worker.exitCode === null) worker.kill('SIGKILL');
    });

    const ingest = await runCli(['ingest', 'seeds'], { env });
    expect(ingest.stderr).toMatch(/5 queued/);
    expect(ingest.code).toBe(0);

    const deadline = Date.now() + 60_000;
    let status = { documents: { processed: 0 }, queue: { waiting: 1, active: 1 } };
    while (Date.now() < deadline) {
      status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
      if (status.documents.processed === 5 && status.queue.waiting === 0 && status.queue.active === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status.documents.processed).toBe(5);
    // The reconciliation job may still be finishing: poll until the timeline has no pending entries.
    let view = TimelineView.parse(JSON.parse((await runCli(['show', '--json'], { env })).stdout));
    while (view.entries.some((e) => e.id.startsWith('pending:')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      view = TimelineView.parse(JSON.parse((await runCli(['show', '--json'], { env })).stdout));
    }
    expectSeedTimeline(view);

    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workerErr).toMatch(/SIGTERM: finishing running jobs/);
    expect(workerErr).toMatch(/workers closed/);
  });
});
