/**
 * A document's stream as a decider (Emmett's `Decider`): `evolve` folds the stream into what the
 * worker needs to know, `decide` turns a submission into a plan, `eventsOf` turns the plan and the
 * analysis it asked for into the events to append. All three are pure; the analysis, the reads and
 * the appends belong to `processDocument` (src/workers/process-document.ts), which runs them.
 *
 * "Is this a correction?" is answered here once (`correctionOf`), for the worker and for
 * `submitDocument`, which queues a correction under the job id the worker's revision will record.
 */
import { newTimelineEvent, receivedEventIdOf, type TimelineEvent } from '../events/domain/timeline-events.js';
import { STREAM_DOES_NOT_EXIST, type NewEvent } from '../events/store/event-log.js';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';
import { analysisKeyOf } from '../pipeline/analyze-document.js';
import {
  correctedMetadata,
  metadataHashOf,
  metadataOf,
  type AcceptedDocument,
  type DocumentMetadata,
} from './document-job.js';

export interface DocumentStreamState {
  /** The stream's version: how many events it holds (STREAM_DOES_NOT_EXIST before the first). */
  readonly version: number;
  /** The metadata in force (its DocumentReceived, then each DocumentRevised); absent while only rejections are recorded. */
  readonly metadata?: DocumentMetadata;
  readonly revisions: number;
  /** What the current revision's analysis ids carry (absent before any revision). */
  readonly revisionTag?: string;
  /** The jobs whose metadata was recorded (received or revised). */
  readonly jobIds: ReadonlySet<string>;
  /** The analyses of the metadata in force, by extractor version, with the log position of each DocumentAnalyzed. */
  readonly analyses: ReadonlyMap<string, number>;
}

export const initialDocumentStreamState: DocumentStreamState = {
  version: STREAM_DOES_NOT_EXIST,
  revisions: 0,
  jobIds: new Set(),
  analyses: new Map(),
};

export function evolve(state: DocumentStreamState, event: TimelineEvent): DocumentStreamState {
  const version = state.version + 1;
  switch (event.type) {
    case 'DocumentReceived':
    case 'DocumentRevised': {
      const metadata = metadataOf(event.data);
      const revisions = event.type === 'DocumentRevised' ? event.data.revision : state.revisions;
      const revisionTag = revisions > 0 ? revisionTagOf(revisions, metadata) : undefined;
      const jobIds = event.data.jobId ? new Set([...state.jobIds, event.data.jobId]) : state.jobIds;
      // A revision's analysis follows it: the analyses made before it are of other metadata.
      return { version, metadata, revisions, jobIds, analyses: new Map(), ...(revisionTag ? { revisionTag } : {}) };
    }
    case 'DocumentAnalyzed':
      return {
        ...state,
        version,
        analyses: new Map([...state.analyses, [event.data.extractorVersion, event.position]]),
      };
    default:
      return { ...state, version };
  }
}

/** A job that brings a document's payload to the worker. */
export interface ProcessDocumentCommand {
  readonly document: AcceptedDocument;
  /** The queue job carrying it: a job's metadata is applied once (see `decide`). */
  readonly jobId?: string;
  /** The version of the extractor this worker runs (DocumentAnalysis.extractorVersion). */
  readonly extractorVersion: string;
}

/** A new revision of a document's metadata. */
export interface Correction {
  readonly revision: number;
  readonly metadata: DocumentMetadata;
  /** What the revision's event ids carry: the revision number and its metadata (`r2-1a2b3c4d`). */
  readonly revisionTag: string;
  /**
   * The queue job of this correction: the same correction submitted twice before it ran queues
   * once, and a correction back to earlier metadata (the next revision) is a new job.
   */
  readonly jobId: string;
}

export type DocumentPlan =
  /** The first accepted submission of the text: DocumentReceived and the analysis of its payload. */
  | { readonly kind: 'new'; readonly input: DocumentInput; readonly expectedVersion: number }
  /** The same document again (a retried job, a resubmission, a job applied before): nothing to append. */
  | { readonly kind: 'no-op'; readonly position: number }
  /** Nothing to correct, but this extractor has not analysed the metadata in force: analyse it, under the current revision's ids. */
  | {
      readonly kind: 're-analyse';
      readonly input: DocumentInput;
      readonly revisionTag?: string;
      readonly expectedVersion: number;
    }
  /** Other metadata: DocumentRevised, then the analysis under the new revision's ids. */
  | {
      readonly kind: 'revise';
      readonly input: DocumentInput;
      readonly correction: Correction;
      readonly expectedVersion: number;
    };

/**
 * The plan for a submission of a document whose stream folds to `state`. Each plan carries the
 * stream version it was decided at: appended with it, two corrections racing for one revision
 * number cannot both win (the loser's job runs again, reads the winner's and revises after it).
 */
export function decide(state: DocumentStreamState, command: ProcessDocumentCommand): DocumentPlan {
  const { document, jobId } = command;
  const expectedVersion = state.version;
  const { cleared: _cleared, contentHash: _contentHash, ...received } = document;
  // Nothing accepted yet (a new stream, or only rejections of earlier payloads): this one is.
  if (!state.metadata) return { kind: 'new', input: received, expectedVersion };
  // A job whose metadata was recorded before (a stalled job picked up again, an old job replayed)
  // does not undo a later correction; the job named by the document id is its first submission,
  // also in logs written before jobs were recorded.
  const appliedBefore = jobId !== undefined && (state.jobIds.has(jobId) || jobId === document.documentId);
  const correction = appliedBefore ? undefined : correctionOf(state, document);
  if (correction) {
    const input = {
      documentId: document.documentId,
      text: document.text,
      ...correction.metadata,
      revisionTag: correction.revisionTag,
    };
    return { kind: 'revise', input, correction, expectedVersion };
  }
  const analysed = state.analyses.get(command.extractorVersion);
  if (analysed !== undefined) return { kind: 'no-op', position: analysed };
  const input = {
    documentId: document.documentId,
    text: document.text,
    ...state.metadata,
    ...(state.revisionTag ? { revisionTag: state.revisionTag } : {}),
  };
  return {
    kind: 're-analyse',
    input,
    ...(state.revisionTag ? { revisionTag: state.revisionTag } : {}),
    expectedVersion,
  };
}

/**
 * The events a plan appends, given the analysis of its `input`. The ids are deterministic (content
 * hash, extractor version, revision, ordinal), so appending the same plan twice writes nothing new.
 */
export function eventsOf(
  plan: Exclude<DocumentPlan, { kind: 'no-op' }>,
  command: ProcessDocumentCommand,
  analysis: DocumentAnalysis,
): NewEvent[] {
  const { document, jobId } = command;
  const { documentId } = document;
  const job = jobId !== undefined ? { jobId } : {};
  switch (plan.kind) {
    case 'new': {
      const { cleared: _cleared, ...received } = document;
      return [
        newTimelineEvent('DocumentReceived', receivedEventIdOf(documentId), { ...received, ...job }),
        ...analysisEvents(documentId, analysis),
      ];
    }
    case 're-analyse':
      return analysisEvents(documentId, analysis, plan.revisionTag);
    case 'revise': {
      const { revision, metadata, revisionTag } = plan.correction;
      return [
        newTimelineEvent('DocumentRevised', `${documentId}:revision:${revisionTag}`, {
          documentId,
          revision,
          ...metadata,
          ...job,
        }),
        ...analysisEvents(documentId, analysis, revisionTag),
      ];
    }
  }
}

/**
 * Whether a submission corrects the metadata in force, and as which revision. The fields it states
 * replace the current ones, those it leaves out are kept, those it states as null are removed
 * (correctedMetadata). Nothing known (no metadata): the submission's own metadata is the correction.
 */
export function correctionOf(
  current: { readonly metadata?: DocumentMetadata; readonly revisions: number },
  submitted: AcceptedDocument,
): Correction | undefined {
  const metadata = current.metadata ? correctedMetadata(current.metadata, submitted) : metadataOf(submitted);
  if (!metadata) return undefined;
  const revision = current.revisions + 1;
  const revisionTag = revisionTagOf(revision, metadata);
  return { revision, metadata, revisionTag, jobId: `${submitted.documentId}-${revisionTag}` };
}

/** Ids name the revision and its metadata: a different correction racing for the same revision number is not taken for a retry of this one. */
function revisionTagOf(revision: number, metadata: DocumentMetadata): string {
  return `r${revision}-${metadataHashOf(metadata)}`;
}

function analysisEvents(documentId: string, analysis: DocumentAnalysis, revisionTag?: string): NewEvent[] {
  const { events, ...documentPart } = analysis;
  const key = analysisKeyOf(documentId, analysis.extractorVersion, revisionTag);
  return [
    ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId })),
    newTimelineEvent('DocumentAnalyzed', `${key}:analysis`, {
      ...documentPart,
      eventIds: events.map((event) => event.eventId),
    }),
  ];
}
