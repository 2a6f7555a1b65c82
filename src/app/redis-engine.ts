import { Queue } from 'bullmq';
import { DocumentJobPayload, jobPayloadOf } from '../documents/document-job.js';
import { createRedisEventLog } from '../events/store/redis/redis-event-log.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { createRedisProjectionStore } from '../projections/stores/redis-projection-store.js';
import { needsReconciliation, timelineProjection, type TimelineState } from '../projections/timeline-projection.js';
import {
  bullPrefixOf,
  connectRedisClient,
  keyLayoutOf,
  logPrefixOf,
  projectionPrefixOf,
  type RedisConnection,
  type RedisTarget,
} from '../workers/bullmq/redis-connection.js';
import { DOCUMENTS_QUEUE, PROCESS_DOCUMENT_JOB } from '../workers/queue-names.js';
import { WORKER_DIED } from '../workers/analysis-budget.js';
import { DOCUMENT_JOB_OPTIONS } from '../workers/bullmq/job-options.js';
import { recordedFailureOf, STALLED_TOO_OFTEN } from '../workers/bullmq/failed-job.js';
import { PROCESSING_FAILED } from '../workers/runtime/job-failure.js';
import type { Engine } from './engine.js';
import type { DocumentState } from './timeline-service.js';

/** One Redis (`redisUrl`) or a Redis Cluster (`redisClusterNodes`), and the key prefix. */
export type RedisEngineOptions = RedisTarget & { readonly prefix: string };

/**
 * The producer and reader side of the scale-out deployment: documents go onto the BullMQ queue,
 * `timeline worker` processes (on any machine sharing the Redis) do the work, and reads come
 * from the Redis log through this process's own copy of the projection.
 */
export async function openRedisEngine(options: RedisEngineOptions): Promise<Engine> {
  const connection: RedisConnection = connectRedisClient(options, 'timeline-client');
  const log = createRedisEventLog({ redis: connection, prefix: logPrefixOf(options.prefix) });
  const runner = new ProjectionRunner<TimelineState>(
    timelineProjection,
    log,
    createRedisProjectionStore({ redis: connection, prefix: projectionPrefixOf(options.prefix) }),
  );
  const bullPrefix = bullPrefixOf(options.prefix, keyLayoutOf(options));
  const documents = new Queue(DOCUMENTS_QUEUE, { connection, prefix: bullPrefix });
  // The connection reports its own outage once (connectRedisClient); the queue would repeat it.
  documents.on('error', () => undefined);

  const pendingDocuments = async (): Promise<number> => {
    const counts = await documents.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((x, y) => x + y, 0);
  };

  return {
    kind: 'redis',
    log,
    runner,
    async submit(document, jobId = document.documentId) {
      const existing = await documents.getJob(jobId);
      if (existing && !(await existing.isFailed())) return { jobId, queued: false };
      if (existing) await existing.remove();
      await documents.add(PROCESS_DOCUMENT_JOB, jobPayloadOf(document), { ...DOCUMENT_JOB_OPTIONS, jobId });
      return { jobId, queued: true };
    },
    async jobPayload(jobId) {
      const job = await documents.getJob(jobId);
      if (!job || (await job.isFailed())) return undefined;
      // Whatever another producer put there: only a payload the worker would take counts.
      const payload = DocumentJobPayload.safeParse(job.data);
      return payload.success ? payload.data : undefined;
    },
    async queueState(documentId) {
      const job = await documents.getJob(documentId);
      if (!job) return undefined;
      const state = await job.getState();
      const mapped: DocumentState =
        state === 'completed'
          ? 'processed'
          : state === 'failed'
            ? 'failed'
            : state === 'active'
              ? 'processing'
              : state === 'unknown'
                ? 'unknown'
                : 'queued';
      if (mapped !== 'failed') return { state: mapped };
      const reason = job.failedReason ?? 'unknown error';
      if (reason === STALLED_TOO_OFTEN)
        return {
          state: 'failed',
          failure: {
            code: WORKER_DIED,
            reason: `the worker processing this document died twice (${reason}); it is not processed again`,
          },
        };
      // The code as the worker recorded it (failed-job.ts); a job that failed otherwise (its retries
      // spent on a passing fault) has none.
      return { state: 'failed', failure: { code: recordedFailureOf(job)?.code ?? PROCESSING_FAILED, reason } };
    },
    async queueCounts() {
      const counts = await documents.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
      return {
        waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
      };
    },
    async whenIdle(idleOptions = {}) {
      const deadline = Date.now() + (idleOptions.timeoutMs ?? 60_000);
      const waitUntil = async (done: () => Promise<boolean>, what: string): Promise<void> => {
        while (!(await done())) {
          if (Date.now() > deadline) throw new Error(`${what} in time: are workers running (\`timeline worker\`)?`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await waitUntil(async () => (await pendingDocuments()) === 0, 'the document queue did not drain');
      await waitUntil(
        async () => !needsReconciliation((await runner.catchUp()).state),
        'no reconciliation covered every document',
      );
    },
    async health() {
      const timeout = new Promise<'down'>((resolve) => setTimeout(() => resolve('down'), 1000).unref());
      const ping = connection.ping().then(
        () => 'up' as const,
        () => 'down' as const,
      );
      return { redis: await Promise.race([ping, timeout]) };
    },
    async close() {
      await documents.close();
      await log.close();
      connection.disconnect();
    },
  };
}
