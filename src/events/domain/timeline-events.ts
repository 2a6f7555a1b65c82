import { z } from 'zod';
import { DocumentAnalysis, DocumentDate, ExtractedEvent, ReconciledEntry } from '../../model/timeline-model.js';
import { CorruptEventError } from '../store/errors.js';
import type { NewEvent, RecordedEvent } from '../store/event-log.js';
import { upcastDocumentReceived } from './upcasters.js';

/**
 * The domain events of the timeline, one zod schema per type at its current schemaVersion.
 * Older versions are upcast on read (upcasters.ts); writers always write the current version.
 */

export const documentStream = (documentId: string): string => `document-${documentId}`;
/** The id of a document's DocumentReceived: one per text, whichever submission brought it. */
export const receivedEventIdOf = (documentId: string): string => `${documentId}:received`;
/** Decisions taken across documents; appended with expectedVersion so two reconcilers never interleave. */
export const RECONCILIATION_STREAM = 'timeline-reconciliation';

/** A document's metadata as DocumentReceived and DocumentRevised record it. */
const DocumentMetadataFields = {
  title: z.string().optional(),
  source: z.string(),
  publishedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  yearHint: z.number().int().optional(),
  /** The queue job that brought it (absent in events written before jobs were recorded): a job's metadata is applied once (see process-document.ts). */
  jobId: z.string().min(1).optional(),
};

export const DocumentReceived = z.object({
  documentId: z.string().min(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  text: z.string(),
  ...DocumentMetadataFields,
});
export type DocumentReceived = z.infer<typeof DocumentReceived>;

/** The document-level part of a DocumentAnalysis; its events follow as EventExtracted. */
export const DocumentAnalyzed = DocumentAnalysis.omit({ events: true }).extend({
  /** The EventExtracted events appended with it, in ordinal order. */
  eventIds: z.array(z.string()),
});
export type DocumentAnalyzed = z.infer<typeof DocumentAnalyzed>;

export const EventExtracted = ExtractedEvent.extend({ documentId: z.string().min(1) });
export type EventExtracted = z.infer<typeof EventExtracted>;

/**
 * A correction of a document's metadata (title, source, publication day, year hint): the same text
 * submitted again with other metadata. The re-analysis under the new metadata follows it, under
 * event ids that carry the revision number; the first DocumentReceived stays as it was.
 */
export const DocumentRevised = z.object({
  documentId: z.string().min(1),
  /** 1 for the first correction, then 2, … (the document's stream orders them). */
  revision: z.number().int().positive(),
  ...DocumentMetadataFields,
});
export type DocumentRevised = z.infer<typeof DocumentRevised>;

export const DocumentRejected = z.object({
  documentId: z.string().min(1),
  source: z.string(),
  code: z.string(),
  reason: z.string(),
});
export type DocumentRejected = z.infer<typeof DocumentRejected>;

export const TimelineReconciled = z.object({
  /** The log position whose content this reconciliation saw. */
  basedOnPosition: z.number().int().nonnegative(),
  /** Documents whose date changed (learned from other documents, a year applied, …). */
  documentDates: z.record(z.string(), DocumentDate),
  /** Entries created or changed (members joined, date refined). */
  upserted: z.array(ReconciledEntry),
  /** Entries that no longer exist (merged into another). */
  removed: z.array(z.string()),
  /**
   * Every entry id in timeline order, when the order changed. Reconciliation knows an order that
   * dates alone do not give: undated reports aligned on the events they share.
   */
  order: z.array(z.string()).optional(),
});
export type TimelineReconciled = z.infer<typeof TimelineReconciled>;

export const CURRENT_SCHEMA_VERSION = {
  DocumentReceived: 2,
  DocumentRevised: 1,
  DocumentAnalyzed: 1,
  EventExtracted: 1,
  DocumentRejected: 1,
  TimelineReconciled: 1,
} as const;

export type TimelineEventType = keyof typeof CURRENT_SCHEMA_VERSION;

interface Meta {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly at: string;
}

export type TimelineEvent = Meta &
  (
    | { readonly type: 'DocumentReceived'; readonly data: DocumentReceived }
    | { readonly type: 'DocumentRevised'; readonly data: DocumentRevised }
    | { readonly type: 'DocumentAnalyzed'; readonly data: DocumentAnalyzed }
    | { readonly type: 'EventExtracted'; readonly data: EventExtracted }
    | { readonly type: 'DocumentRejected'; readonly data: DocumentRejected }
    | { readonly type: 'TimelineReconciled'; readonly data: TimelineReconciled }
  );

/** Validates a stored event and upcasts it to the current schema. Pure. */
export function toTimelineEvent(recorded: RecordedEvent): TimelineEvent {
  const meta: Meta = { position: recorded.position, id: recorded.id, stream: recorded.stream, at: recorded.at };
  const fail = (detail: string): never => {
    throw new CorruptEventError(
      `event ${recorded.id} at position ${recorded.position} (${recorded.type} v${recorded.schemaVersion}): ${detail}`,
    );
  };
  // The checked value itself, not zod's copy of it: the schemas have no defaults or transforms,
  // so the two differ only in fields no writer of this schemaVersion writes, and a replay that
  // keeps every event would otherwise build each one twice (about a quarter of its time).
  const check = <T>(schema: z.ZodType<T>, data: unknown): T => {
    const result = schema.safeParse(data);
    if (!result.success) return fail(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return data as T;
  };
  const type = recorded.type;
  if (!(type in CURRENT_SCHEMA_VERSION)) return fail('unknown event type');
  const current = CURRENT_SCHEMA_VERSION[type as TimelineEventType];
  if (recorded.schemaVersion > current)
    return fail(`schemaVersion is newer than this build understands (${current}); upgrade`);
  switch (type as TimelineEventType) {
    case 'DocumentReceived':
      return {
        ...meta,
        type: 'DocumentReceived',
        data: check(DocumentReceived, upcastDocumentReceived(recorded.schemaVersion, recorded.data)),
      };
    case 'DocumentRevised':
      return { ...meta, type: 'DocumentRevised', data: check(DocumentRevised, recorded.data) };
    case 'DocumentAnalyzed':
      return { ...meta, type: 'DocumentAnalyzed', data: check(DocumentAnalyzed, recorded.data) };
    case 'EventExtracted':
      return { ...meta, type: 'EventExtracted', data: check(EventExtracted, recorded.data) };
    case 'DocumentRejected':
      return { ...meta, type: 'DocumentRejected', data: check(DocumentRejected, recorded.data) };
    case 'TimelineReconciled':
      return { ...meta, type: 'TimelineReconciled', data: check(TimelineReconciled, recorded.data) };
  }
}

/** Builds a NewEvent of the current schema version, validating the payload on the way in. */
export function newTimelineEvent<T extends TimelineEventType>(
  type: T,
  id: string,
  data: z.infer<(typeof SCHEMAS)[T]>,
): NewEvent {
  // Checked, then written as given (zod's copy would only reorder the keys): a document's events
  // are built once, not twice, on the worker's busiest path.
  SCHEMAS[type].parse(data);
  return { id, type, schemaVersion: CURRENT_SCHEMA_VERSION[type], data };
}

const SCHEMAS = {
  DocumentReceived,
  DocumentRevised,
  DocumentAnalyzed,
  EventExtracted,
  DocumentRejected,
  TimelineReconciled,
} as const;
