import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jobPayloadOf, type DocumentJobPayload } from '../documents/document-job.js';
import { isInvalidDocumentError } from '../documents/document-errors.js';
import { isEventLogError, LogReadOnlyError } from '../events/store/errors.js';
import { openFileEventLog } from '../events/store/file/file-event-log.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { createFileProjectionStore } from '../projections/stores/file-projection-store.js';
import { timelineProjection, type TimelineState } from '../projections/timeline-projection.js';
import { AnalysisPool, INLINE_ANALYSIS_MAX_CHARS } from '../workers/analysis-pool.js';
import { CoalescedRunner } from '../workers/coalesced-runner.js';
import { InProcessQueue, type InProcessRetry } from '../workers/in-process-queue.js';
import { processDocument } from '../workers/process-document.js';
import { reconcileTimelineStep } from '../workers/reconcile-timeline-step.js';
import { SubmissionSpool } from '../workers/submission-spool.js';
import type { Engine } from './engine.js';

export interface EmbeddedEngineOptions {
  /** Holds events.jsonl (the log) and projections/ (snapshots). */
  readonly dataDir: string;
  readonly concurrency?: number;
  readonly maxDocumentBytes?: number;
  readonly onWarning?: (message: string) => void;
  /** Worker threads for the text analysis, so a long document does not stall an HTTP server (0: inline). */
  readonly analysisThreads?: number;
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

/**
 * As the BullMQ workers retry (job-options.ts), with shorter waits: a correction that lost a race for
 * its revision number, or a log write that failed for a moment, runs again; bad input does not.
 */
const EMBEDDED_RETRY: InProcessRetry = { attempts: 6, backoffMs: 50, isRetryable: (error) => isEventLogError(error) && error.retryable };

/** The embedded default: no Redis, the same processor as the BullMQ workers, a file-backed log. */
export async function openEmbeddedEngine(options: EmbeddedEngineOptions): Promise<Engine> {
  const readOnly = options.readOnly ?? false;
  if (!readOnly) mkdirSync(options.dataDir, { recursive: true });
  const log = await openFileEventLog({ path: join(options.dataDir, 'events.jsonl'), onWarning: options.onWarning, readOnly });
  // Read-only: the holder owns the snapshot, and may be writing it.
  const runner = new ProjectionRunner<TimelineState>(timelineProjection, log, readOnly ? undefined : createFileProjectionStore(join(options.dataDir, 'projections')));
  // One reconciliation at a time; documents finishing meanwhile share the next one, which rests
  // twice as long as the last one took: a reconciliation grows with the timeline, and must not
  // crowd out the documents on this one thread.
  const reconciliation = new CoalescedRunner(() => reconcileTimelineStep(log, runner), (lastRunMs) => 2 * lastRunMs);
  // Only an engine that processed documents reconciles on idle/close: reading commands never write.
  let processedAny = false;
  const pool = options.analysisThreads ? new AnalysisPool(options.analysisThreads, { inlineBelowChars: INLINE_ANALYSIS_MAX_CHARS }) : undefined;
  // Accepted documents survive a crash until processed (see submission-spool.ts); a reader takes none.
  const opened = readOnly ? undefined : await SubmissionSpool.open(join(options.dataDir, 'queue.jsonl'), options.onWarning);
  const spool = opened?.spool;
  const queue: InProcessQueue<DocumentJobPayload> = new InProcessQueue(
    async (job) => {
      processedAny = true;
      await processDocument(log, job.payload, { jobId: job.id, maxDocumentBytes: options.maxDocumentBytes, ...(pool ? { analyze: pool.analyze } : {}) });
      void reconciliation.request().catch((error: unknown) => options.onWarning?.(`reconciliation failed, will retry with the next document: ${String(error)}`));
    },
    {
      concurrency: options.concurrency ?? 2,
      retry: EMBEDDED_RETRY,
      onIdle: () => void spool?.clearIfIdle(() => queue.isIdle()).catch((error: unknown) => options.onWarning?.(`could not empty the queue spool: ${String(error)}`)),
    },
  );
  // What a crashed process had accepted and not yet processed: queued again, in submission order.
  for (const { jobId, payload } of opened?.leftOver ?? []) queue.add(jobId, payload);

  return {
    kind: 'embedded',
    log,
    runner,
    async submit(document, jobId = document.documentId) {
      if (readOnly) throw new LogReadOnlyError(join(options.dataDir, 'events.jsonl'));
      const payload = jobPayloadOf(document);
      // Queued first, then saved: from the moment it is queued the spool is not emptied under it.
      const queued = queue.add(jobId, payload);
      if (queued && options.durableQueue) await spool?.save({ jobId, payload });
      return { jobId, queued };
    },
    async jobPayload(jobId) {
      const job = queue.get(jobId);
      return job && job.state !== 'failed' ? job.payload : undefined;
    },
    async queueState(documentId) {
      const job = queue.get(documentId);
      if (!job) return undefined;
      if (job.state !== 'failed') return { state: job.state };
      const failure = job.failure;
      const code = isInvalidDocumentError(failure) ? failure.code : 'PROCESSING_FAILED';
      return { state: 'failed', failure: { code, reason: failure?.message ?? 'unknown error' } };
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
    async close() {
      // With the queue on disk, what has not started stays there for the next process (a prompt
      // stop, as BullMQ workers stop); without it, everything queued is processed first.
      if (options.durableQueue) await queue.stop();
      else await queue.whenIdle();
      if (processedAny) await reconciliation.request().catch(() => undefined);
      await runner.catchUp();
      await runner.save();
      await spool?.clearIfIdle(() => queue.isIdle());
      await spool?.close();
      await pool?.close();
      await log.close();
    },
  };
}
