import type { DocumentAnalysis, DocumentDate, ReconciledTimeline } from '../model/timeline-model.js';
import type { TimelineReconciled } from '../events/domain/timeline-events.js';
import type { TimelineState } from './timeline-fold.js';

/**
 * The reconciler's side of the timeline projection: whether a reconciliation is due, the analyses
 * it consumes, and the change a new reconciliation makes to the state (the next TimelineReconciled).
 */

/** True when documents were analysed after the last reconciliation. */
export function needsReconciliation(state: TimelineState): boolean {
  return state.lastAnalysisPosition > state.reconciledThrough;
}

/** The analyses as reconciliation consumes them, in a fixed order. */
export function analysesOf(state: TimelineState): DocumentAnalysis[] {
  const analyses: DocumentAnalysis[] = [];
  for (const id of Object.keys(state.documents).sort()) {
    const document = state.documents[id];
    if (!document?.analysis) continue;
    const { position: _position, eventIds, ...analysis } = document.analysis;
    const events = eventIds.flatMap((eventId) => {
      const event = state.events[eventId];
      if (!event) return [];
      const { documentId: _documentId, ...extracted } = event;
      return [extracted];
    });
    analyses.push({ ...analysis, documentId: id, events });
  }
  return analyses;
}

/**
 * What changed between the reconciled state the projection holds and a new reconciliation:
 * the payload of the next TimelineReconciled event, or null when nothing changed.
 */
export function diffReconciliation(
  state: TimelineState,
  next: ReconciledTimeline,
  basedOnPosition: number,
): TimelineReconciled | null {
  const documentDates: Record<string, DocumentDate> = {};
  for (const [documentId, date] of Object.entries(next.documentDates).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const document = state.documents[documentId];
    if (!document) continue;
    const current = document.reconciledDate ?? document.analysis?.documentDate;
    if (!current || JSON.stringify(current) !== JSON.stringify(date)) documentDates[documentId] = date;
  }
  const nextIds = new Set(next.entries.map((entry) => entry.entryId));
  const removed = Object.keys(state.entries)
    .filter((id) => !nextIds.has(id))
    .sort();
  const upserted = next.entries
    .filter((entry) => JSON.stringify(state.entries[entry.entryId]) !== JSON.stringify(entry))
    .sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  const order = next.entries.map((entry) => entry.entryId);
  const orderChanged = order.length !== state.entryOrder.length || order.some((id, i) => state.entryOrder[i] !== id);
  const hasChanges = Object.keys(documentDates).length > 0 || removed.length > 0 || upserted.length > 0 || orderChanged;
  // A reconciliation that changes nothing is still recorded once when new analyses were seen,
  // so the log says they were reconciled (and `needsReconciliation` stays false).
  if (!hasChanges && basedOnPosition <= state.reconciledThrough) return null;
  return { basedOnPosition, documentDates, upserted, removed, ...(orderChanged ? { order } : {}) };
}
