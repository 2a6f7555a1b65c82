import { createHash } from 'node:crypto';
import { acceptDocument, correctedMetadata, documentIdOf, metadataHashOf, metadataOf, type AcceptedDocument, type DocumentMetadata } from '../documents/document-job.js';
import { InvalidDocumentError, isInvalidDocumentError } from '../documents/document-errors.js';
import { documentStream, newTimelineEvent, toTimelineEvent } from '../events/domain/timeline-events.js';
import type { EventLog, NewEvent } from '../events/store/event-log.js';
import { analysisKeyOf, analyzeDocument } from '../pipeline/analyze-document.js';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';

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
}

/**
 * The job of a document worker: check the payload, run the pure pipeline, append everything it
 * learned to the document's stream in one atomic append. Event ids are deterministic (content
 * hash + extractor version + ordinal), so running the same job twice appends nothing new.
 * Bad input is recorded as DocumentRejected and rethrown as a non-retryable InvalidDocumentError.
 */
export async function processDocument(log: EventLog, payload: unknown, options: ProcessDocumentOptions = {}): Promise<ProcessedDocument> {
  let document: AcceptedDocument;
  try {
    document = acceptDocument(payload, { maxBytes: options.maxDocumentBytes });
  } catch (error) {
    if (isInvalidDocumentError(error)) await recordRejection(log, payload, error);
    throw error;
  }
  // An accepted document carries only the fields that are set: it is the pipeline's input as is.
  const { contentHash: _contentHash, ...input } = document;
  const analyze = options.analyze ?? analyzeDocument;
  const analysis = await analyze(input);
  const { documentId } = document;
  const stream = documentStream(documentId);
  const result = await log.append(
    stream,
    [newTimelineEvent('DocumentReceived', `${documentId}:received`, document), ...analysisEvents(documentId, analysis)],
    { expectedVersion: 'any' },
  );
  const processed = { documentId, position: result.globalPosition, appended: result.appended, eventCount: analysis.events.length };
  if (result.appended > 0) return processed;

  // Everything was there already: the same document again (a retried job, a resubmission), or the
  // same text with corrected metadata, which is recorded as a revision and analysed again.
  const known = await currentMetadataOf(log, stream);
  const metadata = known && correctedMetadata(known.metadata, document);
  if (!known || !metadata) return processed;
  const revision = known.revisions + 1;
  // Ids name the revision and its metadata: a different correction racing for the same revision
  // number is then not taken for a retry of this one (see the expected version below).
  const revisionTag = `r${revision}-${metadataHashOf(metadata)}`;
  const revised = await analyze({ documentId, text: document.text, ...metadata, revisionTag });
  // Expected version: two corrections of one document at once must not both claim this revision
  // number; the loser's job retries, reads the winner's metadata and revises after it.
  const appended = await log.append(
    stream,
    [newTimelineEvent('DocumentRevised', `${documentId}:revision:${revisionTag}`, { documentId, revision, ...metadata }), ...analysisEvents(documentId, revised, revisionTag)],
    { expectedVersion: known.version },
  );
  return { documentId, position: appended.globalPosition, appended: appended.appended, eventCount: revised.events.length, revision };
}

function analysisEvents(documentId: string, analysis: DocumentAnalysis, revisionTag?: string): NewEvent[] {
  const { events, ...documentPart } = analysis;
  const key = analysisKeyOf(documentId, analysis.extractorVersion, revisionTag);
  return [
    ...events.map((event) => newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId })),
    newTimelineEvent('DocumentAnalyzed', `${key}:analysis`, { ...documentPart, eventIds: events.map((event) => event.eventId) }),
  ];
}

/** The metadata a document's stream holds now (its DocumentReceived, then each DocumentRevised). */
async function currentMetadataOf(log: EventLog, stream: string): Promise<{ metadata: DocumentMetadata; revisions: number; version: number } | undefined> {
  const recorded = await log.readStream(stream, { limit: Number.MAX_SAFE_INTEGER });
  let metadata: DocumentMetadata | undefined;
  let revisions = 0;
  for (const event of recorded.map(toTimelineEvent)) {
    if (event.type !== 'DocumentReceived' && event.type !== 'DocumentRevised') continue;
    metadata = metadataOf(event.data);
    if (event.type === 'DocumentRevised') revisions = event.data.revision;
  }
  return metadata ? { metadata, revisions, version: recorded.length } : undefined;
}

async function recordRejection(log: EventLog, payload: unknown, error: InvalidDocumentError): Promise<void> {
  const text = typeof payload === 'object' && payload !== null && 'text' in payload ? (payload as { text: unknown }).text : undefined;
  const documentId =
    typeof text === 'string' ? documentIdOf(text) : `doc-invalid-${createHash('sha256').update(safeJson(payload)).digest('hex').slice(0, 16)}`;
  const source =
    typeof payload === 'object' && payload !== null && 'source' in payload && typeof (payload as { source: unknown }).source === 'string'
      ? String((payload as { source: string }).source).slice(0, 2000)
      : 'unnamed';
  await log.append(
    documentStream(documentId),
    [newTimelineEvent('DocumentRejected', `${documentId}:rejected:${error.code}`, { documentId, source, code: error.code, reason: error.message })],
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
