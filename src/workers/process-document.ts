import { createHash } from 'node:crypto';
import { acceptDocument, documentIdOf, type AcceptedDocument } from '../documents/document-job.js';
import { InvalidDocumentError, isInvalidDocumentError } from '../documents/document-errors.js';
import { documentStream, newTimelineEvent } from '../events/domain/timeline-events.js';
import type { EventLog, NewEvent } from '../events/store/event-log.js';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';

export interface ProcessedDocument {
  readonly documentId: string;
  /** Log position of the document's last event (the analysis, or the existing one on a retry). */
  readonly position: number;
  /** Events newly written; 0 when the same document was already in the log. */
  readonly appended: number;
  readonly eventCount: number;
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
  const analysis = await (options.analyze ?? analyzeDocument)(input);
  const { documentId } = document;
  const { events: _events, ...documentPart } = analysis;
  const prefix = `${documentId}:${analysis.extractorVersion}`;
  const events: NewEvent[] = [
    newTimelineEvent('DocumentReceived', `${documentId}:received`, document),
    ...analysis.events.map((event) => newTimelineEvent('EventExtracted', event.eventId, { ...event, documentId })),
    newTimelineEvent('DocumentAnalyzed', `${prefix}:analysis`, {
      ...documentPart,
      eventIds: analysis.events.map((event) => event.eventId),
    }),
  ];
  const result = await log.append(documentStream(documentId), events, { expectedVersion: 'any' });
  return { documentId, position: result.globalPosition, appended: result.appended, eventCount: analysis.events.length };
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
