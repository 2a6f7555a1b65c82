import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jobPayloadOf, type DocumentJobPayload } from '../documents/document-job.js';
import { LogReadOnlyError } from '../events/store/errors.js';
import { openFileEventLog } from '../events/store/file/file-event-log.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { createFileProjectionStore } from '../projections/stores/file-projection-store.js';
import { TimelineReconciler, timelineProjection, type TimelineState } from '../projections/timeline-projection.js';
import { analysisBudgetFromEnv, WorkerDiedError, type AnalysisBudget } from '../workers/analysis-budget.js';
import { AnalysisPool, CLI_INLINE_ANALYSIS_MAX_CHARS } from '../workers/analysis-pool.js';
import { CoalescedRunner } from '../workers/coalesced-runner.js';
import { InProcessQueue } from '../workers/in-process-queue.js';
import { recordRejection } from '../workers/process-document.js';
import { reconcileTimelineStep } from '../workers/reconcile-timeline-step.js';
import { documentJobHandler } from '../workers/runtime/document-jobs.js';
import { classifyFailure } from '../workers/runtime/job-failure.js';
import { RECONCILE_PACE, ReconcilePacer } from '../workers/runtime/reconcile-pacer.js';
import { DOCUMENT_RETRY, toInProcessRetry } from '../workers/runtime/retry-policy.js';
import { inProcessTransport } from '../workers/runtime/transports.js';
import { WorkerRuntime } from '../workers/runtime/worker-runtime.js';
import { SubmissionSpool } from '../workers/submission-spool.js';
import type { Engine } from './engine.js';

export interface EmbeddedEngineOptions {
  /** Holds events.jsonl (the log) and projections/ (snapshots). */
  readonly dataDir: string;
  readonly concurrency?: number;
  readonly maxDocumentBytes?: number;
  readonly onWarning?: (message: string) => void;
  /** Worker threads for the text analysis (default 1), so a long document does not stall an HTTP server. */
  readonly analysisThreads?: number;
  /**
   * Texts shorter than this are analysed on the calling thread (default CLI_INLINE_ANALYSIS_MAX_CHARS);
   * 0: every analysis in a thread, under its deadline (`timeline serve`).
   */
  readonly inlineAnalysisBelowChars?: number;
  /** What one document's analysis may cost (default: analysis-budget.ts, TIMELINE_ANALYSIS_TIMEOUT_MS). */
  readonly analysisBudget?: AnalysisBudget;
  /**
   * Keep each accepted document on disk until it is processed (`timeline serve`: a client told
   * "queued" may not have the text any more). Whatever a crashed process left is queued again at
   * open either way; `run` and `ingest` read files that are still there, and skip the write.
   */
  readonly durableQueue?: boolean;
  /**
   * Read the log while another process holds it: no lock, no snapshot written, no documents taken.
   * The timeline is folded from the log as it stands at open.
   */
  readonly readOnly?: boolean;
}

/** The embedded default: no Redis, the same processor as the BullMQ workers, a file-backed log. */
export async function openEmbeddedEngine(options: EmbeddedEngineOptions): Promise<Engine> {
  const readOnly = options.readOnly ?? false;
  if (!readOnly) mkdirSync(options.dataDir, { recursive: true });
  const log = await openFileEventLog({
    path: join(options.dataDir, 'events.jsonl'),
    onWarning: options.onWarning,
    readOnly,
  });
  // Read-only: the holder owns the snapshot, and may be writing it.
  const runner = new ProjectionRunner<TimelineState>(
    timelineProjection,
    log,
    readOnly ? undefined : createFileProjectionStore(join(options.dataDir, 'projections')),
  );
  // One reconciliation at a time; documents finishing meanwhile share the next one, which rests as
  // the pacer says: a reconciliation grows with the timeline, and must not crowd out the documents
  // on this one thread.
  const pacer = new ReconcilePacer(RECONCILE_PACE.inProcess);
  // Kept between runs: each reconciles again only the stories of the documents analysed since.
  const reconciler = new TimelineReconciler();
  const reconciliation = new CoalescedRunner(
    () => pacer.timed(() => reconcileTimelineStep(log, runner, { reconciler })),
    () => pacer.restMs(),
  );
  // Only an engine that processed documents reconciles on idle/close: reading commands never write.
  let processedAny = false;
  const budget = options.analysisBudget ?? analysisBudgetFromEnv();
  // Every analysis above the inline limit runs in a thread under its deadline; started on first use
  // (reading commands analyse nothing).
  let pool: AnalysisPool | undefined;
  const analyze = (input: Parameters<AnalysisPool['analyze']>[0]) =>
    (pool ??= new AnalysisPool(options.analysisThreads ?? 1, {
      inlineBelowChars: options.inlineAnalysisBelowChars ?? CLI_INLINE_ANALYSIS_MAX_CHARS,
      budget,
    })).analyze(input);
  // Accepted documents survive a crash until processed (see submission-spool.ts); a reader takes none.
  const opened = readOnly
    ? undefined
    : await SubmissionSpool.open(join(options.dataDir, 'queue.jsonl'), options.onWarning);
  const spool = opened?.spool;
  const warnSpool = (error: unknown) => options.onWarning?.(`could not write the queue spool: ${String(error)}`);
  /** Jobs whose submission is in the spool: their runs are recorded there, so a job the process dies under twice ends. */
  const spooled = new Set<string>();
  const handleDocument = documentJobHandler(log, { maxDocumentBytes: options.maxDocumentBytes, analyze, budget });
  const queue: InProcessQueue<DocumentJobPayload> = new InProcessQueue(
    async (job) => {
      processedAny = true;
      await handleDocument(job);
      void reconciliation
        .request()
        .catch((error: unknown) =>
          options.onWarning?.(`reconciliation failed, will retry with the next document: ${String(error)}`),
        );
    },
    {
      concurrency: options.concurrency ?? 2,
      retry: toInProcessRetry(DOCUMENT_RETRY.inProcess),
      onIdle: () =>
        void spool
          ?.clearIfIdle(() => queue.isIdle())
          .catch((error: unknown) => options.onWarning?.(`could not empty the queue spool: ${String(error)}`)),
      onStart: (job) => {
        if (spooled.has(job.id)) void spool?.markStarted(job.id).catch(warnSpool);
      },
      onEnd: (job) => {
        if (spooled.delete(job.id)) void spool?.markEnded(job.id).catch(warnSpool);
      },
    },
  );
  // What a crashed process had accepted and not yet processed: queued again, in submission order;
  // a job the process died under twice is failed instead (a poison document must not jam the queue).
  for (const { jobId, payload, starts } of opened?.leftOver ?? []) {
    if ((starts ?? 0) >= 2) {
      const error = new WorkerDiedError(
        `the process died twice while processing this document (job ${jobId}); it is not processed again`,
      );
      await recordRejection(log, payload, error);
      await spool?.markEnded(jobId);
      options.onWarning?.(`${error.message}`);
      continue;
    }
    // Marked spooled first: the job may start within add(), and its start goes to the spool.
    spooled.add(jobId);
    if (!queue.add(jobId, payload)) spooled.delete(jobId);
  }

  const runtime = new WorkerRuntime({
    // With the queue on disk, what has not started stays there for the next process (a prompt
    // stop, as BullMQ workers stop); without it, everything queued is processed first.
    transports: [inProcessTransport(queue, { keepWaiting: options.durableQueue ?? false })],
    cleanup: [
      { name: 'reconcile', run: () => (processedAny ? reconciliation.request().catch(() => undefined) : undefined) },
      {
        name: 'save the projection',
        run: async () => {
          await runner.catchUp();
          await runner.save();
        },
      },
      { name: 'empty the queue spool', run: () => spool?.clearIfIdle(() => queue.isIdle()) },
      { name: 'close the queue spool', run: () => spool?.close() },
      { name: 'stop the analysis threads', run: () => pool?.close() },
      // Last, and whatever failed before it: the next process must be able to open the log.
      { name: 'close the log', run: () => log.close() },
    ],
    // A library's close() waits for what it started; a command's stop signal bounds it (cli/stop-signals.ts).
    graceMs: Infinity,
    forceMs: Infinity,
  });
  runtime.start();

  return {
    kind: 'embedded',
    log,
    runner,
    async submit(document, jobId = document.documentId) {
      if (readOnly) throw new LogReadOnlyError(join(options.dataDir, 'events.jsonl'));
      const payload = jobPayloadOf(document);
      if (!options.durableQueue || !spool || queue.get(jobId)) return { jobId, queued: queue.add(jobId, payload) };
      // The submission's line is buffered before the job can start, so its start marker follows it
      // in the file; the spool is not emptied while a line is pending.
      spooled.add(jobId);
      const saved = spool.save({ jobId, payload });
      const queued = queue.add(jobId, payload);
      await saved;
      return { jobId, queued };
    },
    async jobPayload(jobId) {
      return queue.get(jobId)?.payload;
    },
    async queueState(documentId) {
      const job = queue.get(documentId);
      if (job) return { state: job.state };
      const failure = queue.failureOf(documentId);
      if (!failure) return undefined;
      return { state: 'failed', failure: { code: classifyFailure(failure).code, reason: failure.message } };
    },
    async queueCounts() {
      return { ...queue.counts(), failed: 0 };
    },
    async whenIdle() {
      await queue.whenIdle();
      if (processedAny) await reconciliation.request();
      await runner.catchUp();
      await runner.save();
    },
    async health() {
      return {};
    },
    close() {
      return runtime.shutdown();
    },
  };
}
