import type { TimelinePageRequest } from '../projections/timeline-page.js';
import type { TimelineView } from '../projections/timeline-view.js';

/**
 * What the CLI and the HTTP API can ask of the system, whichever engine runs underneath
 * (embedded: in-process queue + file log; or BullMQ + Redis log).
 */
export interface SubmitDocumentRequest {
  readonly text: string;
  /** null: none (a resubmission removes what a former one gave); left out: kept. */
  readonly title?: string | null;
  readonly source?: string;
  /** YYYY-MM-DD or an ISO 8601 instant; null: none. */
  readonly publishedAt?: string | null;
  readonly yearHint?: number | null;
}

export interface SubmitDocumentResult {
  readonly documentId: string;
  readonly jobId: string;
  /** false when the same text was already submitted (same id: nothing is appended twice). */
  readonly accepted: boolean;
}

export type DocumentState = 'queued' | 'processing' | 'processed' | 'failed' | 'unknown';

export interface DocumentStatus {
  readonly documentId: string;
  readonly state: DocumentState;
  readonly title?: string;
  readonly source?: string;
  readonly publishedAt?: string;
  readonly failure?: { readonly code: string; readonly reason: string };
  /**
   * The dated events extracted from it (empty until processed). `quoteStart`/`quoteEnd`: where the
   * quote is in the document's text (UTF-16 offsets, as JavaScript indexes strings).
   */
  readonly events: ReadonlyArray<{
    eventId: string;
    title: string;
    date: string;
    quote: string;
    quoteStart: number;
    quoteEnd: number;
  }>;
  /** The document's text as received; only when asked for (`includeText`). */
  readonly text?: string;
}

export interface SystemStatus {
  readonly documents: { received: number; processed: number; failed: number };
  readonly queue: { waiting: number; active: number };
  readonly log: { length: number };
}

export interface TimelineService {
  submitDocument(request: SubmitDocumentRequest): Promise<SubmitDocumentResult>;
  getDocument(documentId: string, options?: { includeText?: boolean }): Promise<DocumentStatus>;
  /** `asOf`: a log position (number) or an ISO 8601 instant; `page`: a stretch by date (timeline-page.ts). */
  getTimeline(options?: { asOf?: number | string; page?: TimelinePageRequest }): Promise<TimelineView>;
  readEvents(options: {
    from?: number;
    limit?: number;
  }): Promise<Array<{ position: number; id: string; type: string; schemaVersion: number; at: string; data: unknown }>>;
  status(): Promise<SystemStatus>;
  health(): Promise<{ ok: boolean; redis?: 'up' | 'down'; queueDepth: number }>;
  /** Resolves with the new head position whenever the log grows (for live pages). */
  onLogAppended(listener: (position: number) => void): () => void;
  close(): Promise<void>;
}
