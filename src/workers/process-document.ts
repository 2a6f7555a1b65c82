import { createHash } from 'node:crypto';
import { acceptDocument, documentIdOf, type AcceptedDocument } from '../documents/document-job.js';
import { isInvalidDocumentError } from '../documents/document-errors.js';
import {
  decide,
  evolve,
  eventsOf,
  initialDocumentStreamState,
  type ProcessDocumentCommand,
} from '../documents/document-stream.js';
import { isConcurrencyError } from '../events/store/errors.js';
import { documentStream, newTimelineEvent, toTimelineEvent } from '../events/domain/timeline-events.js';
import { STREAM_DOES_NOT_EXIST, type EventLog } from '../events/store/event-log.js';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';
import {
  AnalysisBudgetError,
  boundAnalysis,
  DEFAULT_ANALYSIS_BUDGET,
  isAnalysisBudgetError,
  POISON_CODES,
  WorkerDiedError,
  WORKER_DIED,
  type AnalysisBudget,
} from './analysis-budget.js';

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
export async function processDocument(
  log: EventLog,
  payload: unknown,
  options: ProcessDocumentOptions = {},
): Promise<ProcessedDocument> {
  let document: AcceptedDocument;
  try {
    document = acceptDocument(payload, { maxBytes: options.maxDocumentBytes });
  } catch (error) {
    if (isInvalidDocumentError(error)) await recordRejection(log, payload, error);
    throw error;
  }
  // An accepted document carries only the fields that are set: without its hash and the fields a
  // correction clears, it is the pipeline's input as is.
  const { cleared: _cleared, contentHash: _contentHash, ...input } = document;
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
  // Optimistic: most documents are new, so the payload is analysed and appended as a new stream
  // at once, without reading it first (one append, no read). The stream must not exist: an
  // analysis made from this payload's metadata must not land unseen in a stream that exists
  // already; ids that are all there already make an idempotent no-op instead, whatever the version.
  const analysis = await analyze(input);
  const command: ProcessDocumentCommand = {
    document,
    extractorVersion: analysis.extractorVersion,
    ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
  };
  const assumedNew = decide(initialDocumentStreamState, command);
  if (assumedNew.kind !== 'new') throw new Error(`a document's empty stream decided ${assumedNew.kind}, not new`);
  const stream = documentStream(documentId);
  let alreadyThere: ProcessedDocument | undefined;
  try {
    const result = await log.append(stream, eventsOf(assumedNew, command, analysis), {
      expectedVersion: STREAM_DOES_NOT_EXIST,
    });
    const processed = {
      documentId,
      position: result.globalPosition,
      appended: result.appended,
      eventCount: analysis.events.length,
    };
    if (result.appended > 0) return processed;
    alreadyThere = processed;
  } catch (error) {
    if (!isConcurrencyError(error)) throw error;
  }

  // The stream exists: the same document again (a retried job, a resubmission), the same text with
  // corrected metadata (recorded as a revision and analysed again), a text refused before, or an
  // analysis by another extractor version. A conflict from here on is the job's to retry (the
  // worker runtime's retry policy): two corrections racing, the loser reads the winner's next time.
  const recorded = await log.readStream(stream, { limit: Number.MAX_SAFE_INTEGER });
  const state = recorded.map(toTimelineEvent).reduce(evolve, initialDocumentStreamState);
  const plan = decide(state, command);
  switch (plan.kind) {
    case 'no-op':
      return alreadyThere ?? { documentId, position: plan.position, appended: 0, eventCount: analysis.events.length };
    case 'new': {
      // Only rejections so far: an earlier payload of this text was refused, this one is accepted.
      const result = await log.append(stream, eventsOf(plan, command, analysis), {
        expectedVersion: plan.expectedVersion,
      });
      return {
        documentId,
        position: result.globalPosition,
        appended: result.appended,
        eventCount: analysis.events.length,
      };
    }
    case 're-analyse':
    case 'revise': {
      const current = await analyze(plan.input);
      const result = await log.append(stream, eventsOf(plan, command, current), {
        expectedVersion: plan.expectedVersion,
      });
      const processed = {
        documentId,
        position: result.globalPosition,
        appended: result.appended,
        eventCount: current.events.length,
      };
      return plan.kind === 'revise' ? { ...processed, revision: plan.correction.revision } : processed;
    }
  }
}

/** Records why a payload failed for good (bad input, a budget passed, a worker dead twice) as DocumentRejected. */
export async function recordRejection(
  log: EventLog,
  payload: unknown,
  error: { readonly code: string; readonly message: string },
): Promise<void> {
  const text =
    typeof payload === 'object' && payload !== null && 'text' in payload
      ? (payload as { text: unknown }).text
      : undefined;
  const documentId =
    typeof text === 'string'
      ? documentIdOf(text)
      : `doc-invalid-${createHash('sha256').update(safeJson(payload)).digest('hex').slice(0, 16)}`;
  const source =
    typeof payload === 'object' &&
    payload !== null &&
    'source' in payload &&
    typeof (payload as { source: unknown }).source === 'string'
      ? String((payload as { source: string }).source).slice(0, 2000)
      : 'unnamed';
  await log.append(
    documentStream(documentId),
    [
      newTimelineEvent('DocumentRejected', rejectionIdOf(documentId, error.code), {
        documentId,
        source,
        code: error.code,
        reason: error.message,
      }),
    ],
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
