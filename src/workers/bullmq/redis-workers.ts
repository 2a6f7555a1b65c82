import { Queue, Worker } from 'bullmq';
import type { EventLog } from '../../events/store/event-log.js';
import { createRedisEventLog } from '../../events/store/redis/redis-event-log.js';
import { ProjectionRunner } from '../../projections/projection-runner.js';
import { createRedisProjectionStore } from '../../projections/stores/redis-projection-store.js';
import { TimelineReconciler, timelineProjection, type TimelineState } from '../../projections/timeline-projection.js';
import { AnalysisPool, INLINE_ANALYSIS_MAX_CHARS } from '../analysis-pool.js';
import { analysisBudgetFromEnv, WorkerDiedError, type AnalysisBudget } from '../analysis-budget.js';
import { recordRejection, type ProcessedDocument } from '../process-document.js';
import { DOCUMENTS_QUEUE, RECONCILE_JOB, RECONCILE_QUEUE, RECONCILE_SCHEDULER } from '../queue-names.js';
import { reconcileTimelineStep } from '../reconcile-timeline-step.js';
import { bullmqDocumentProcessor, documentJobHandler } from '../runtime/document-jobs.js';
import { RECONCILE_PACE, ReconcilePacer } from '../runtime/reconcile-pacer.js';
import { bullmqTransport } from '../runtime/transports.js';
import { WorkerRuntime, type WorkerState } from '../runtime/worker-runtime.js';
import { STALLED_TOO_OFTEN } from './failed-job.js';
import { RECONCILE_JOB_OPTIONS } from './job-options.js';
import {
  bullPrefixOf,
  connectRedis,
  keyLayoutOf,
  logPrefixOf,
  projectionPrefixOf,
  type RedisConnection,
  type RedisTarget,
} from './redis-connection.js';

/** One Redis (`redisUrl`) or a Redis Cluster (`redisClusterNodes`), and what the workers do. */
export type RedisWorkerOptions = RedisTarget & RedisWorkerSettings;

export interface RedisWorkerSettings {
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
  readonly state: WorkerState;
  /**
   * Stops taking jobs and waits for the running ones, at most `graceMs`, then releases what the
   * workers hold, each step on its own; never waits past `forceMs` from the call (default: the
   * grace time and 5 s more), whatever Redis does. Rejects (ShutdownError) when a step failed or
   * was cut short. A second call returns the first one's promise.
   */
  close(graceMs?: number, forceMs?: number): Promise<void>;
}

/** What a shutdown may take beyond its grace time, for the steps after the drain. */
export const FORCE_AFTER_GRACE_MS = 5000;

/** The BullMQ workers of one process: documents (concurrent) and reconciliation (one at a time). */
export async function startRedisWorkers(options: RedisWorkerOptions): Promise<RunningWorkers> {
  const connection: RedisConnection = connectRedis(options, 'timeline-worker');
  const logConnection: RedisConnection = connectRedis(options, 'timeline-worker-log');
  const layout = keyLayoutOf(options);
  const log = createRedisEventLog({ redis: logConnection, prefix: logPrefixOf(options.prefix) });
  const store = createRedisProjectionStore({ redis: logConnection, prefix: projectionPrefixOf(options.prefix) });
  const runner = new ProjectionRunner<TimelineState>(timelineProjection, log, store);
  const roles = new Set(options.roles ?? ['documents', 'reconcile']);
  const budget = options.analysisBudget ?? analysisBudgetFromEnv();
  const pool = roles.has('documents')
    ? new AnalysisPool(Math.max(1, options.analysisThreads ?? 1), {
        inlineBelowChars: INLINE_ANALYSIS_MAX_CHARS,
        budget,
      })
    : undefined;
  const reconcileQueue = new Queue(RECONCILE_QUEUE, {
    connection,
    prefix: bullPrefixOf(options.prefix, layout, RECONCILE_QUEUE),
  });
  // One reconciliation at a time across every worker machine: two at once would compute the
  // same thing and one would lose its append to the version check anyway.
  await reconcileQueue.setGlobalConcurrency(1);
  const pacer = new ReconcilePacer(RECONCILE_PACE.bullmq);
  // Kept between runs: each reconciles again only the stories of the documents analysed since.
  const reconciler = new TimelineReconciler();
  if (roles.has('reconcile')) {
    // A scheduled tick rather than a request per document: documents pay nothing for it, a burst
    // shares one reconciliation, and a tick with nothing new (or while resting) returns at once.
    await reconcileQueue.upsertJobScheduler(
      RECONCILE_SCHEDULER,
      { every: pacer.pace.tickMs },
      { name: RECONCILE_JOB, opts: RECONCILE_JOB_OPTIONS },
    );
  }
  const snapshotEveryMs = options.snapshotEveryMs ?? 5000;
  const lockOptions = options.lockDurationMs
    ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs }
    : {};
  let lastSnapshot = 0;
  let lastSnapshotMs = 0;

  const handleDocument = documentJobHandler(log, {
    maxDocumentBytes: options.maxDocumentBytes,
    budget,
    ...(pool ? { analyze: pool.analyze } : {}),
  });
  const documentWorker = new Worker(DOCUMENTS_QUEUE, bullmqDocumentProcessor(handleDocument), {
    connection,
    prefix: bullPrefixOf(options.prefix, layout, DOCUMENTS_QUEUE),
    concurrency: options.concurrency ?? 2,
    autorun: false,
    ...lockOptions,
  });

  const reconcileWorker = new Worker(
    RECONCILE_QUEUE,
    async (): Promise<string> => {
      if (pacer.restMs() > 0) return 'resting';
      // Catches up and reconciles only when analyses arrived since the last reconciliation.
      const outcome = await pacer.timed(() => reconcileTimelineStep(log, runner, { reconciler }));
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
    {
      connection,
      prefix: bullPrefixOf(options.prefix, layout, RECONCILE_QUEUE),
      concurrency: 1,
      autorun: false,
      ...lockOptions,
    },
  );

  const workers = [
    { worker: documentWorker, takesJobs: roles.has('documents') },
    { worker: reconcileWorker, takesJobs: roles.has('reconcile') },
  ];
  for (const { worker } of workers.filter(({ takesJobs }) => takesJobs)) {
    const started = new Map<string, number>();
    worker.on('active', (job) => started.set(job.id ?? '', Date.now()));
    worker.on('completed', (job, result: unknown) => {
      const ms = Date.now() - (started.get(job.id ?? '') ?? Date.now());
      started.delete(job.id ?? '');
      const processed = result && typeof result === 'object' ? (result as Partial<ProcessedDocument>) : undefined;
      options.onJobDone?.({
        queue: worker.name,
        jobId: job.id ?? '',
        outcome: 'completed',
        ms,
        documentId: processed?.documentId,
        events: processed?.eventCount,
      });
    });
    worker.on('failed', (job, error) => {
      const ms = Date.now() - (started.get(job?.id ?? '') ?? Date.now());
      started.delete(job?.id ?? '');
      // BullMQ fails a job whose worker died under it twice (maxStalledCount 1) when it is picked up
      // next: recorded in the log as well, so the document shows failed with its reason everywhere
      // and a resubmission of the same text fails at once (process-document.ts).
      if (worker === documentWorker && job && error.message === STALLED_TOO_OFTEN) {
        const died = new WorkerDiedError(
          `the worker processing this document died twice (job ${job.id ?? '?'}, ${STALLED_TOO_OFTEN}); it is not processed again`,
        );
        recordRejection(log, job.data, died).catch((recordError: unknown) =>
          options.onWorkerError?.(
            worker.name,
            recordError instanceof Error ? recordError : new Error(String(recordError)),
          ),
        );
      }
      options.onJobDone?.({ queue: worker.name, jobId: job?.id ?? '', outcome: 'failed', ms, reason: error.message });
    });
  }
  // Unhandled, an 'error' event would crash the process; BullMQ recovers by itself, so report and go on.
  for (const { worker } of workers) worker.on('error', (error) => options.onWorkerError?.(worker.name, error));

  const runtime = new WorkerRuntime({
    transports: workers.map(({ worker, takesJobs }) =>
      bullmqTransport(worker, { takesJobs, onError: (error) => options.onWorkerError?.(worker.name, error) }),
    ),
    cleanup: [
      // The next reconciler starts from this snapshot instead of folding the whole log.
      { name: 'save the projection', run: () => (roles.has('reconcile') ? runner.save() : undefined) },
      { name: 'stop the analysis threads', run: () => pool?.close() },
      { name: 'close the reconcile queue', run: () => reconcileQueue.close() },
      { name: 'close the log', run: () => log.close() },
      {
        name: 'disconnect from Redis',
        run: () => {
          connection.disconnect();
          logConnection.disconnect();
        },
      },
    ],
    graceMs: 10_000,
    forceMs: 10_000 + FORCE_AFTER_GRACE_MS,
  });
  runtime.start();

  return {
    log,
    get state() {
      return runtime.state;
    },
    close(graceMs = 10_000, forceMs = graceMs + FORCE_AFTER_GRACE_MS): Promise<void> {
      return runtime.shutdown({ graceMs, forceMs });
    },
  };
}
