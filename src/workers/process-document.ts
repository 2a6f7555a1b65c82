import { createHash } from 'node:crypto';
import { acceptDocument, correctedMetadata, documentIdOf, metadataHashOf, metadataOf, type AcceptedDocument, type DocumentMetadata } from '../documents/document-job.js';
import { isInvalidDocumentError } from '../documents/document-errors.js';
import { isConcurrencyError } from '../events/store/errors.js';
import { documentStream, newTimelineEvent, receivedEventIdOf, toTimelineEvent } from '../events/domain/timeline-events.js';
import type { EventLog, NewEvent } from '../events/store/event-log.js';
import { analysisKeyOf, analyzeDocument } from '../pipeline/analyze-document.js';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';
import { AnalysisBudgetError, boundAnalysis, DEFAULT_ANALYSIS_BUDGET, isAnalysisBudgetError, POISON_CODES, WorkerDiedError, WORKER_DIED, type AnalysisBudget } from './analysis-budget.js';

export interface ProcessedDocument {
  readonly documentId: string;
  /** Log position of the document's last event (the analysis, or the existing one on a retry). */
  readonly position: number;
  /** Events newly written; 0 when the same document was already in the log. */
  readonly appended: number;
  readonly eventCount: number;
  /** Set when this job corrected the metadata of a document already in the log. */
  readonly revision?: number;
}

export interface ProcessDocumentOptions {
  readonly maxDocumentBytes?: number;
  /** Where the pure pipeline runs (default: on this thread). */
  readonly analyze?: (input: DocumentInput) => Promise<DocumentAnalysis> | DocumentAnalysis;
  /**
   * The queue job carrying the payload, recorded with the metadata it brings. A job's metadata is
   * applied once: the same job run again after a later correction of its document (a stalled job
   * picked up again, an old job replayed for a new extractor) does not undo that correction.
   */
  readonly jobId?: string;
  /** What an analysis may cost (its output is bounded here again, whatever `analyze` returns). */
  readonly budget?: AnalysisBudget;
}

/** The id of the DocumentRejected that fails a document for good with `code`. */
export const rejectionIdOf = (documentId: string, code: string): string => `${documentId}:rejected:${code}`;

/**
 * The job of a document worker: check the payload, run the pure pipeline, append everything it
 * learned to the document's stream in one atomic append. Event ids are deterministic (content
 * hash + extractor version + ordinal), so running the same job twice appends nothing new.
 * Bad input is recorded as DocumentRejected and rethrown as a non-retryable InvalidDocumentError; so is an analysis past its budget (AnalysisBudgetError).
 */
export async function processDocument(log: EventLog, payload: unknown, options: ProcessDocumentOptions = {}): Promise<ProcessedDocument> {
  let document: AcceptedDocument;
  try {
    document = acceptDocument(payload, { maxBytes: options.maxDocumentBytes });
  } catch (error) {
    if (isInvalidDocumentError(error)) await recordRejection(log, payload, error);
    throw error;
  }
  // An accepted document carries only the fields that are set: without its hash and the fields a
  // correction clears, it is the pipeline's input as is.
  const { cleared: _cleared, ...received } = document;
  const { contentHash: _contentHash, ...input } = received;
  const { documentId, text } = document;
  // A document that went past its budget, or whose worker died under it twice, stays failed: the
  // same text would cost the same again (a resubmission or a replayed job fails at once).
  for (const code of POISON_CODES) {
    if ((await log.positionOf(rejectionIdOf(documentId, code))) === undefined) continue;
    throw code === WORKER_DIED
      ? new WorkerDiedError('the worker processing this document died twice; it is not processed again')
      : new AnalysisBudgetError('this document went past its analysis budget before; it is not analysed again');
  }
  const budget = options.budget ?? DEFAULT_ANALYSIS_BUDGET;
  const analyzeOnce = options.analyze ?? analyzeDocument;
  const analyze = async (analysisInput: DocumentInput): Promise<DocumentAnalysis> => {
    try {
      return boundAnalysis(await analyzeOnce(analysisInput), text, budget);
    } catch (error) {
      if (isAnalysisBudgetError(error)) await recordRejection(log, payload, error);
      throw error;
    }
  };
  const analysis = await analyze(input);
  const stream = documentStream(documentId);
  const firstEvents = [
    newTimelineEvent('DocumentReceived', receivedEventIdOf(documentId), options.jobId ? { ...received, jobId: options.jobId } : received),
    ...analysisEvents(documentId, analysis),
  ];
  // A new document (the common case) takes this one append and no read. Expected version 0: an
  // analysis made from this payload's metadata must not land unseen in a stream that exists
  // already; ids that are all there already make an idempotent no-op instead, whatever the version.
  let alreadyThere: ProcessedDocument | undefined;
  try {
    const result = await log.append(stream, firstEvents, { expectedVersion: 0 });
    const processed = { documentId, position: result.globalPosition, appended: result.appended, eventCount: analysis.events.length };
    if (result.appended > 0) return processed;
    alreadyThere = processed;
  } catch (error) {
    if (!isConcurrencyError(error)) throw error;
  }

  // The stream exists: the same document again (a retried job, a resubmission), the same text with
  // corrected metadata (recorded as a revision and analysed again), a text refused before, or an
  // analysis by another extractor version.
  const known = await readDocumentStream(log, stream);
  if (!known.metadata) {
    // Only rejections so far: an earlier payload of this text was refused, this one is accepted.
    const result = await log.append(stream, firstEvents, { expectedVersion: known.version });
    return { documentId, position: result.globalPosition, appended: result.appended, eventCount: analysis.events.length };
  }
  const appliedBefore = options.jobId !== undefined && (known.jobIds.has(options.jobId) || options.jobId === documentId);
  const metadata = appliedBefore ? undefined : correctedMetadata(known.metadata, document);
  if (!metadata) {
    if (alreadyThere) return alreadyThere;
    // Nothing to correct, but this analysis is not in the log (another extractor version): analyse
    // the document as it stands now, under its current revision's ids.
    const current = await analyze({ documentId, text, ...known.metadata, ...(known.revisionTag ? { revisionTag: known.revisionTag } : {}) });
    const appended = await log.append(stream, analysisEvents(documentId, current, known.revisionTag), { expectedVersion: known.version });
    return { documentId, position: appended.globalPosition, appended: appended.appended, eventCount: current.events.length };
  }
  const revision = known.revisions + 1;
  // Ids name the revision and its metadata: a different correction racing for the same revision
  // number is then not taken for a retry of this one (see the expected version below).
  const revisionTag = revisionTagOf(revision, metadata);
  const revised = await analyze({ documentId, text, ...metadata, revisionTag });
  const revisedEvent = { documentId, revision, ...metadata, ...(options.jobId ? { jobId: options.jobId } : {}) };
  // Expected version: two corrections of one document at once must not both claim this revision
  // number; the loser's job retries, reads the winner's metadata and revises after it.
  const appended = await log.append(
    stream,
    [newTimelineEvent('DocumentRevised', `${documentId}:revision:${revisionTag}`, revisedEvent), ...analysisEvents(documentId, revised, revisionTag)],
    { expectedVersion: known.version },
  );
  return { documentId, position: appended.globalPosition, appended: appended.appended, eventCount: revised.events.length, revision };
}

function revisionTagOf(revision: number, metadata: DocumentMetadata): string {
  return `r${revision}-${metadataHashOf(metadata)}`;
}

function analysisEvents(documentId: string, analysis: DocumentAnalysis, revisionTag?: string): NewEvent[] {
  const { events, ...documentPart } = analysis;
  const key = analysisKeyOf(documentId, analysis.extractorVersion, revisionTag);
  return [
    ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId })),
    newTimelineEvent('DocumentAnalyzed', `${key}:analysis`, { ...documentPart, eventIds: events.map((event) => event.eventId) }),
  ];
}

interface DocumentStreamState {
  readonly version: number;
  /** The metadata in force (its DocumentReceived, then each DocumentRevised); absent when only rejections were recorded. */
  readonly metadata?: DocumentMetadata;
  readonly revisions: number;
  /** The ids of the current revision's analysis (absent before any revision). */
  readonly revisionTag?: string;
  /** The jobs whose metadata was recorded (received or revised). */
  readonly jobIds: ReadonlySet<string>;
}

async function readDocumentStream(log: EventLog, stream: string): Promise<DocumentStreamState> {
  const recorded = await log.readStream(stream, { limit: Number.MAX_SAFE_INTEGER });
  let metadata: DocumentMetadata | undefined;
  let revisions = 0;
  const jobIds = new Set<string>();
  for (const event of recorded.map(toTimelineEvent)) {
    if (event.type !== 'DocumentReceived' && event.type !== 'DocumentRevised') continue;
    metadata = metadataOf(event.data);
    if (event.data.jobId) jobIds.add(event.data.jobId);
    if (event.type === 'DocumentRevised') revisions = event.data.revision;
  }
  const revisionTag = metadata && revisions > 0 ? revisionTagOf(revisions, metadata) : undefined;
  return { version: recorded.length, revisions, jobIds, ...(metadata ? { metadata } : {}), ...(revisionTag ? { revisionTag } : {}) };
}

/** Records why a payload failed for good (bad input, a budget passed, a worker dead twice) as DocumentRejected. */
export async function recordRejection(log: EventLog, payload: unknown, error: { readonly code: string; readonly message: string }): Promise<void> {
  const text = typeof payload === 'object' && payload !== null && 'text' in payload ? (payload as { text: unknown }).text : undefined;
  const documentId =
    typeof text === 'string' ? documentIdOf(text) : `doc-invalid-${createHash('sha256').update(safeJson(payload)).digest('hex').slice(0, 16)}`;
  const source =
    typeof payload === 'object' && payload !== null && 'source' in payload && typeof (payload as { source: unknown }).source === 'string'
      ? String((payload as { source: string }).source).slice(0, 2000)
      : 'unnamed';
  await log.append(
    documentStream(documentId),
    [newTimelineEvent('DocumentRejected', rejectionIdOf(documentId, error.code), { documentId, source, code: error.code, reason: error.message })],
    { expectedVersion: 'any' },
  );
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
