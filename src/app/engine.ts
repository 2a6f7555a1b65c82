import type { AcceptedDocument, DocumentJobPayload } from '../documents/document-job.js';
import type { EventLog } from '../events/store/event-log.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import type { TimelineState } from '../projections/timeline-projection.js';
import type { DocumentState } from './timeline-service.js';

/**
 * Where documents are queued and events are stored. Two engines share everything else:
 * embedded (in-process queue + file log, no Redis) and redis (BullMQ + Redis Streams log).
 */
export interface Engine {
  readonly kind: 'embedded' | 'redis';
  readonly log: EventLog;
  /** The timeline projection this process reads from. */
  readonly runner: ProjectionRunner<TimelineState>;
  /**
   * Queues an accepted document under `jobId` (default: the document id; a metadata correction gets
   * a job id of its own); `queued` is false when that job id is already known.
   */
  submit(document: AcceptedDocument, jobId?: string): Promise<{ jobId: string; queued: boolean }>;
  /** The payload of the job `jobId` while it waits, runs or is kept as completed (not once it failed). */
  jobPayload(jobId: string): Promise<DocumentJobPayload | undefined>;
  /** What the queue knows of a document's job, if anything. */
  queueState(
    documentId: string,
  ): Promise<{ state: DocumentState; failure?: { code: string; reason: string } } | undefined>;
  queueCounts(): Promise<{ waiting: number; active: number; failed: number }>;
  /** Resolves when every queued document (and the reconciliation after it) is done. */
  whenIdle(options?: { timeoutMs?: number }): Promise<void>;
  health(): Promise<{ redis?: 'up' | 'down' }>;
  close(): Promise<void>;
}
