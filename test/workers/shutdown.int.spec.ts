/**
 * Shutdown through the one worker runtime, on real files and real processes: a failed step does
 * not skip the ones after it, and a BullMQ worker told to stop exits within its force time even
 * when its Redis goes away during the close.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedEngine } from '../../src/app/embedded-engine.js';
import { startPrivateRedis } from '../../src/devtools/private-redis.js';
import { acceptDocument } from '../../src/documents/document-job.js';
import { openFileEventLog } from '../../src/events/store/file/file-event-log.js';
import { DOCUMENT_JOB_OPTIONS } from '../../src/workers/bullmq/job-options.js';
import { bullPrefixOf } from '../../src/workers/bullmq/redis-connection.js';
import { DOCUMENTS_QUEUE, PROCESS_DOCUMENT_JOB } from '../../src/workers/queue-names.js';
import { ShutdownError } from '../../src/workers/runtime/worker-runtime.js';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { corpusDocuments } from '../support/documents.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('shutdown');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('shutdown of the embedded engine', () => {
  it("a projection save failing during shutdown still releases the log's lock; a second close() is the same promise", async () => {
    const dataDir = tempDir();
    const engine = await openEmbeddedEngine({ dataDir });
    const [payload] = corpusDocuments(1);
    await engine.submit(acceptDocument(payload));
    await engine.whenIdle();
    // The snapshot cannot be written any more: its directory is now a file.
    rmSync(join(dataDir, 'projections'), { recursive: true, force: true });
    writeFileSync(join(dataDir, 'projections'), 'not a directory');

    const closing = engine.close();
    expect(engine.close()).toBe(closing);
    const error = await closing.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ShutdownError);
    expect((error as ShutdownError).failedSteps).toEqual(['save the projection']);
    expect(String((error as ShutdownError).errors[0])).toMatch(/ENOTDIR|EEXIST|not a directory/i);

    // The lock is free: another open of the same log (in this process, which would see its own
    // lock as held) succeeds and reads what was appended.
    const reopened = await openFileEventLog({ path: join(dataDir, 'events.jsonl') });
    expect(await reopened.headPosition()).toBeGreaterThan(0);
    await reopened.close();
  });
});

describe('a BullMQ worker told to stop, whose Redis goes away during the close', () => {
  const TRIES = 8;
  const GRACE_MS = 1000;
  const FORCE_MS = 3000;

  it(`exits within its force time, ${TRIES} tries with Redis stopped 0–500 ms after SIGTERM`, async () => {
    const outcomes: Array<{ delayMs: number; exitMs: number; code: number | null; signal: NodeJS.Signals | null }> = [];
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const redis = await startPrivateRedis();
      cleanups.push(() => redis.stop());
      const prefix = `shutdown-${attempt}`;
      const client = new Redis(redis.url, { maxRetriesPerRequest: null });
      const queue = new Queue(DOCUMENTS_QUEUE, { connection: client, prefix: bullPrefixOf(prefix) });
      const documents = corpusDocuments(30);
      await queue.addBulk(
        documents.map((data) => ({
          name: PROCESS_DOCUMENT_JOB,
          data,
          opts: { ...DOCUMENT_JOB_OPTIONS, jobId: acceptDocument(data).documentId },
        })),
      );
      await queue.close();
      client.disconnect();

      const child = spawn(
        process.execPath,
        [
          CLI,
          'worker',
          '--concurrency',
          '2',
          '--lock-duration',
          '2000',
          '--shutdown-timeout',
          String(GRACE_MS),
          '--force-timeout',
          String(FORCE_MS),
        ],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, REDIS_URL: redis.url, TIMELINE_PREFIX: prefix },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      cleanups.push(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
      );
      // Documents being processed when the signal comes: the worker is up and has taken jobs.
      const deadline = Date.now() + 60_000;
      while (!stderr.includes('workers running') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stderr).toContain('workers running');
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));

      const delayMs = Math.round(Math.random() * 500);
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await redis.stop();
      const exit = await Promise.race([
        exited,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FORCE_MS + 10_000)),
      ]);
      outcomes.push({
        delayMs,
        exitMs: exit ? exit.at - signalledAt : Infinity,
        code: exit?.code ?? null,
        signal: exit?.signal ?? null,
      });
    }
    // Every worker exited by itself (no signal but ours handled), within the force time and the
    // time a process takes to exit.
    for (const outcome of outcomes) {
      expect(outcome, JSON.stringify(outcomes)).toMatchObject({ signal: null });
      expect(outcome.exitMs, JSON.stringify(outcomes)).toBeLessThan(FORCE_MS + 1500);
    }
  }, 300_000);
});
