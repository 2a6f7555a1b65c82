import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isInvalidDocumentError } from '../../documents/document-errors.js';
import type { EventLog } from '../../events/store/event-log.js';
import { createRedisEventLog } from '../../events/store/redis/redis-event-log.js';
import { ProjectionRunner } from '../../projections/projection-runner.js';
import { createRedisProjectionStore } from '../../projections/stores/redis-projection-store.js';
import { timelineProjection, type TimelineState } from '../../projections/timeline-projection.js';
import { AnalysisPool, INLINE_ANALYSIS_MAX_CHARS } from '../analysis-pool.js';
import { analysisBudgetFromEnv, isAnalysisBudgetError, isWorkerDiedError, WorkerDiedError, type AnalysisBudget } from '../analysis-budget.js';
import { processDocument, recordRejection, type ProcessedDocument } from '../process-document.js';
import { DOCUMENTS_QUEUE, RECONCILE_EVERY_MS, RECONCILE_JOB, RECONCILE_QUEUE, RECONCILE_SCHEDULER } from '../queue-names.js';
import { reconcileTimelineStep } from '../reconcile-timeline-step.js';
import { RECONCILE_JOB_OPTIONS, STALLED_TOO_OFTEN } from './job-options.js';

/** The shortest rest between two reconciliations that appended something. */
const RECONCILE_MIN_REST_MS = 1000;
import { bullPrefixOf, connectRedis, logPrefixOf, projectionPrefixOf } from './redis-connection.js';

export interface RedisWorkerOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  /** Document jobs run at once in this process. */
  readonly concurrency?: number;
  readonly maxDocumentBytes?: number;
  /** One structured line per job; quiet when absent. */
  readonly onJobDone?: (line: JobLogLine) => void;
  /** Worker-level errors (a lost connection while fetching jobs); BullMQ retries by itself. */
  readonly onWorkerError?: (queue: string, error: Error) => void;
  /**
   * How long a job's lock lasts without renewal. A worker that dies (SIGKILL, power loss) holds
   * its jobs until then; they are then picked up again as stalled. BullMQ's default is 30 s.
   */
  readonly lockDurationMs?: number;
  /**
   * Which queues this process serves. `documents` keeps memory flat in the number of documents;
   * `reconcile` holds the timeline projection in memory (it grows with the documents). Default both.
   */
  readonly roles?: ReadonlyArray<'documents' | 'reconcile'>;
  /** Worker threads for the pure pipeline (default 1, at least 1: texts above INLINE_ANALYSIS_MAX_CHARS run there under their deadline). */
  readonly analysisThreads?: number;
  /** What one document's analysis may cost (default: analysis-budget.ts, TIMELINE_ANALYSIS_TIMEOUT_MS). */
  readonly analysisBudget?: AnalysisBudget;
  /** How often the reconciler saves its projection snapshot (ms). */
  readonly snapshotEveryMs?: number;
}

export interface JobLogLine {
  readonly queue: string;
  readonly jobId: string;
  readonly outcome: 'completed' | 'failed';
  readonly ms: number;
  readonly documentId?: string;
  readonly events?: number;
  readonly reason?: string;
}

export interface RunningWorkers {
  readonly log: EventLog;
  /** Stops taking jobs and waits for running ones, at most `timeoutMs`, then closes connections. */
  close(timeoutMs?: number): Promise<void>;
}

/** The BullMQ workers of one process: documents (concurrent) and reconciliation (one at a time). */
export async function startRedisWorkers(options: RedisWorkerOptions): Promise<RunningWorkers> {
  const connection: Redis = connectRedis(options.redisUrl, 'timeline-worker');
  const logConnection: Redis = connectRedis(options.redisUrl, 'timeline-worker-log');
  const prefix = bullPrefixOf(options.prefix);
  const log = createRedisEventLog({ redis: logConnection, prefix: logPrefixOf(options.prefix) });
  const store = createRedisProjectionStore({ redis: logConnection, prefix: projectionPrefixOf(options.prefix) });
  const runner = new ProjectionRunner<TimelineState>(timelineProjection, log, store);
  const roles = new Set(options.roles ?? ['documents', 'reconcile']);
  const budget = options.analysisBudget ?? analysisBudgetFromEnv();
  const pool = roles.has('documents') ? new AnalysisPool(Math.max(1, options.analysisThreads ?? 1), { inlineBelowChars: INLINE_ANALYSIS_MAX_CHARS, budget }) : undefined;
  const reconcileQueue = new Queue(RECONCILE_QUEUE, { connection, prefix });
  // One reconciliation at a time across every worker machine: two at once would compute the
  // same thing and one would lose its append to the version check anyway.
  await reconcileQueue.setGlobalConcurrency(1);
  if (roles.has('reconcile')) {
    // A scheduled tick rather than a request per document: documents pay nothing for it, a burst
    // shares one reconciliation, and a tick with nothing new returns at once.
    await reconcileQueue.upsertJobScheduler(RECONCILE_SCHEDULER, { every: RECONCILE_EVERY_MS }, { name: RECONCILE_JOB, opts: RECONCILE_JOB_OPTIONS });
  }
  const snapshotEveryMs = options.snapshotEveryMs ?? 5000;
  const lockOptions = options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {};
  let lastSnapshot = 0;
  let lastSnapshotMs = 0;
  let restUntil = 0;

  const documentWorker = new Worker(
    DOCUMENTS_QUEUE,
    async (job: Job): Promise<ProcessedDocument> => {
      try {
        const processed = await processDocument(log, job.data, { ...(job.id ? { jobId: job.id } : {}), maxDocumentBytes: options.maxDocumentBytes, budget, ...(pool ? { analyze: pool.analyze } : {}) });
        return processed;
      } catch (error) {
        // Bad input, and a document past its budget, fail the same way every time: no retries, the reason stays on the job.
        if (isInvalidDocumentError(error) || isAnalysisBudgetError(error) || isWorkerDiedError(error)) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
    },
    { connection, prefix, concurrency: options.concurrency ?? 2, autorun: false, ...lockOptions },
  );

  const reconcileWorker = new Worker(
    RECONCILE_QUEUE,
    async (): Promise<string> => {
      // A reconciliation grows with the timeline: after one that took d ms, ticks rest for 2d,
      // and at least a second, so reconciling takes a bounded share of a core (a third at most,
      // much less while it is fast) and leaves the rest to the documents that keep arriving.
      if (Date.now() < restUntil) return 'resting';
      const started = Date.now();
      // Catches up and reconciles only when analyses arrived since the last reconciliation.
      const outcome = await reconcileTimelineStep(log, runner);
      if (outcome.result === 'appended') restUntil = Date.now() + Math.max(2 * (Date.now() - started), RECONCILE_MIN_REST_MS);
      // A snapshot serializes the whole state: at most every snapshotEveryMs, and no more than
      // 2 % of the time it takes to write one.
      if (Date.now() - lastSnapshot >= Math.max(snapshotEveryMs, 50 * lastSnapshotMs)) {
        const saving = Date.now();
        await runner.save();
        lastSnapshot = Date.now();
        lastSnapshotMs = lastSnapshot - saving;
      }
      return outcome.result;
    },
    { connection, prefix, concurrency: 1, autorun: false, ...lockOptions },
  );

  const active = [...(roles.has('documents') ? [documentWorker] : []), ...(roles.has('reconcile') ? [reconcileWorker] : [])];
  for (const worker of active) {
    const started = new Map<string, number>();
    worker.on('active', (job) => started.set(job.id ?? '', Date.now()));
    worker.on('completed', (job, result: unknown) => {
      const ms = Date.now() - (started.get(job.id ?? '') ?? Date.now());
      started.delete(job.id ?? '');
      const processed = result && typeof result === 'object' ? (result as Partial<ProcessedDocument>) : undefined;
      options.onJobDone?.({ queue: worker.name, jobId: job.id ?? '', outcome: 'completed', ms, documentId: processed?.documentId, events: processed?.eventCount });
    });
    worker.on('failed', (job, error) => {
      const ms = Date.now() - (started.get(job?.id ?? '') ?? Date.now());
      started.delete(job?.id ?? '');
      // BullMQ fails a job whose worker died under it twice (maxStalledCount 1) when it is picked up
      // next: recorded in the log as well, so the document shows failed with its reason everywhere
      // and a resubmission of the same text fails at once (process-document.ts).
      if (worker === documentWorker && job && error.message === STALLED_TOO_OFTEN) {
        const died = new WorkerDiedError(`the worker processing this document died twice (job ${job.id ?? '?'}, ${STALLED_TOO_OFTEN}); it is not processed again`);
        void recordRejection(log, job.data, died).catch((recordError: unknown) => options.onWorkerError?.(worker.name, recordError instanceof Error ? recordError : new Error(String(recordError))));
      }
      options.onJobDone?.({ queue: worker.name, jobId: job?.id ?? '', outcome: 'failed', ms, reason: error.message });
    });
    // Unhandled, an 'error' event would crash the process; BullMQ recovers by itself, so report and go on.
    worker.on('error', (error) => options.onWorkerError?.(worker.name, error));
    void worker.run();
  }

  return {
    log,
    async close(timeoutMs = 10_000): Promise<void> {
      const graceful = Promise.all([documentWorker.close(), reconcileWorker.close()]);
      // Workers that never ran still hold connections; close() releases them too.
      const timedOut = await Promise.race([
        graceful.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref()),
      ]);
      if (timedOut) await Promise.all([documentWorker.close(true), reconcileWorker.close(true)]);
      if (roles.has('reconcile')) await runner.save().catch(() => undefined);
      await pool?.close();
      await reconcileQueue.close();
      await log.close();
      connection.disconnect();
      logConnection.disconnect();
    },
  };
}
