import type {
  DocumentAnalyzed,
  EventExtracted,
  TimelineEvent,
  TimelineReconciled,
} from '../events/domain/timeline-events.js';
import type { DocumentDate, ReconciledEntry } from '../model/timeline-model.js';
import type { Projection } from './projection.js';

/**
 * The timeline projection's fold: the log folded into documents, their extracted events and the
 * reconciled entries. `apply` is deterministic and depends only on the events and their order,
 * so replaying a log prefix gives the same state, byte for byte once serialized. What the
 * reconciler reads from the state is in reconciliation-input.ts, what readers see in
 * build-timeline-view.ts.
 */

export interface DocumentRecord {
  id: string;
  source: string;
  title: string;
  /** As supplied (title is the analysis's headline or the source when none was). */
  providedTitle?: string;
  /** As supplied (YYYY-MM-DD). */
  providedPublishedAt?: string;
  /** How many times the metadata was corrected (DocumentRevised). */
  revision?: number;
  yearHint?: number;
  state: 'received' | 'processed' | 'failed';
  failure?: { code: string; reason: string };
  analysis?: Omit<DocumentAnalyzed, 'documentId'> & {
    /** Position of the DocumentAnalyzed event: reconciliations based on a later position have seen it. */
    position: number;
  };
  /** The date reconciliation settled on, when it differs from the document's own analysis. */
  reconciledDate?: DocumentDate;
}

export interface TimelineState {
  documents: Record<string, DocumentRecord>;
  events: Record<string, EventExtracted>;
  entries: Record<string, ReconciledEntry>;
  /** Entry ids in the order reconciliation gave them. */
  entryOrder: string[];
  /** basedOnPosition of the last TimelineReconciled applied (0: none yet). */
  reconciledThrough: number;
  /** Position of the last DocumentAnalyzed applied: reconciliation is due when it passes reconciledThrough. */
  lastAnalysisPosition: number;
}

export const timelineProjection: Projection<TimelineState> = {
  name: 'timeline',
  // Bump when apply() changes meaning: stored snapshots of another version are rebuilt.
  version: 4,
  initial: () => ({
    documents: {},
    events: {},
    entries: {},
    entryOrder: [],
    reconciledThrough: 0,
    lastAnalysisPosition: 0,
  }),
  apply: applyTimelineEvent,
};

export function applyTimelineEvent(state: TimelineState, event: TimelineEvent): void {
  switch (event.type) {
    case 'DocumentReceived': {
      const { documentId, source, title, publishedAt, yearHint } = event.data;
      const existing = state.documents[documentId];
      // The same text again: one document. Only a text refused before is received anew.
      if (existing && existing.state !== 'failed') return;
      state.documents[documentId] = {
        id: documentId,
        source,
        title: title ?? source,
        ...(title !== undefined ? { providedTitle: title } : {}),
        ...(publishedAt ? { providedPublishedAt: publishedAt } : {}),
        ...(yearHint ? { yearHint } : {}),
        state: 'received',
      };
      return;
    }
    case 'DocumentRevised': {
      const document = state.documents[event.data.documentId];
      if (!document) return;
      const { source, title, publishedAt, yearHint, revision } = event.data;
      document.revision = revision;
      document.source = source;
      // The re-analysis that follows names the document when no title was given.
      document.title = title ?? source;
      if (title !== undefined) document.providedTitle = title;
      else delete document.providedTitle;
      if (publishedAt) document.providedPublishedAt = publishedAt;
      else delete document.providedPublishedAt;
      if (yearHint) document.yearHint = yearHint;
      else delete document.yearHint;
      // What reconciliation inferred from the old metadata no longer holds; the next one decides again.
      delete document.reconciledDate;
      return;
    }
    case 'DocumentAnalyzed': {
      const document = state.documents[event.data.documentId];
      if (!document) return;
      for (const stale of document.analysis?.eventIds ?? []) delete state.events[stale];
      const { documentId: _documentId, ...analysis } = event.data;
      document.analysis = { ...analysis, position: event.position };
      if (!document.title || document.title === document.source) document.title = analysis.title || document.source;
      document.state = 'processed';
      delete document.failure;
      state.lastAnalysisPosition = event.position;
      return;
    }
    case 'EventExtracted':
      state.events[event.data.eventId] = event.data;
      return;
    case 'DocumentRejected': {
      const { documentId, source, code, reason } = event.data;
      // A refused resubmission of a text already received (a bad day from another producer) failed
      // on its own: the document stays as the accepted submission left it.
      const existing = state.documents[documentId];
      if (existing && existing.state !== 'failed') return;
      const document = existing ?? { id: documentId, source, title: source, state: 'failed' as const };
      document.state = 'failed';
      document.failure = { code, reason };
      state.documents[documentId] = document;
      return;
    }
    case 'TimelineReconciled':
      applyReconciliation(state, event.data);
      return;
  }
}

function applyReconciliation(state: TimelineState, change: TimelineReconciled): void {
  for (const [documentId, date] of Object.entries(change.documentDates)) {
    const document = state.documents[documentId];
    if (document) document.reconciledDate = date;
  }
  for (const removed of change.removed) delete state.entries[removed];
  for (const entry of change.upserted) state.entries[entry.entryId] = entry;
  if (change.order) state.entryOrder = change.order;
  state.reconciledThrough = Math.max(state.reconciledThrough, change.basedOnPosition);
}
