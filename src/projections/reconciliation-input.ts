import type { DocumentAnalysis, DocumentDate, ReconciledEntry, ReconciledTimeline } from '../model/timeline-model.js';
import { IncrementalReconciliation, type ReconciliationUpdate } from '../reconcile/incremental-reconciliation.js';
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
  return analysesOfDocuments(state, Object.keys(state.documents).sort());
}

/** The analyses of these documents (those that have one), in the order given. */
export function analysesOfDocuments(state: TimelineState, documentIds: readonly string[]): DocumentAnalysis[] {
  const analyses: DocumentAnalysis[] = [];
  for (const id of documentIds) {
    const analysis = analysisOfDocument(state, id);
    if (analysis) analyses.push(analysis);
  }
  return analyses;
}

function analysisOfDocument(state: TimelineState, id: string): DocumentAnalysis | undefined {
  const document = state.documents[id];
  if (!document?.analysis) return undefined;
  const { position: _position, eventIds, ...analysis } = document.analysis;
  const events = eventIds.flatMap((eventId) => {
    const event = state.events[eventId];
    if (!event) return [];
    const { documentId: _documentId, ...extracted } = event;
    return [extracted];
  });
  return { ...analysis, documentId: id, events };
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
  return changeOf(state, basedOnPosition, {
    documentDates,
    removed,
    upserted,
    order: next.entries.map((entry) => entry.entryId),
  });
}

/** The TimelineReconciled payload of these differences, or null when there is nothing to record. */
function changeOf(
  state: TimelineState,
  basedOnPosition: number,
  diff: {
    documentDates: Record<string, DocumentDate>;
    removed: string[];
    upserted: ReconciledEntry[];
    order: string[];
  },
): TimelineReconciled | null {
  const { documentDates, removed, upserted, order } = diff;
  const orderChanged = order.length !== state.entryOrder.length || order.some((id, i) => state.entryOrder[i] !== id);
  const hasChanges = Object.keys(documentDates).length > 0 || removed.length > 0 || upserted.length > 0 || orderChanged;
  // A reconciliation that changes nothing is still recorded once when new analyses were seen,
  // so the log says they were reconciled (and `needsReconciliation` stays false).
  if (!hasChanges && basedOnPosition <= state.reconciledThrough) return null;
  return { basedOnPosition, documentDates, upserted, removed, ...(orderChanged ? { order } : {}) };
}

/**
 * The reconciler of one process, kept between runs: it reconciles again only the stories of the
 * documents analysed (or revised) since its last run (incremental-reconciliation.ts), and compares
 * only those stories with the state, when the state is the one its own last reconciliation left
 * (otherwise, say after another reconciler's, or at the first run, it compares every entry). The
 * change it gives is `diffReconciliation(state, reconcileTimeline(analysesOf(state)), position)`,
 * byte for byte.
 */
export class TimelineReconciler {
  private readonly reconciliation = new IncrementalReconciliation();
  /** Per document, the analysis position and revision the reconciliation has. */
  private readonly seen = new Map<string, string>();
  /** The reconciledThrough of a state known to hold exactly this reconciler's timeline. */
  private syncedThrough: number | undefined;
  /** Documents reconciled again by the last run (for logs and benchmarks). */
  lastDocuments = 0;
  /** What the last run compared with the state: the touched stories, or every entry (state not ours). */
  lastComparison: 'touched' | 'all' = 'all';

  change(state: TimelineState, basedOnPosition: number): TimelineReconciled | null {
    const changed: DocumentAnalysis[] = [];
    for (const [id, document] of Object.entries(state.documents)) {
      if (!document.analysis) continue;
      // A revision clears what reconciliation said of the document: its story is compared again.
      const token = `${document.analysis.position}:${document.revision ?? 0}`;
      if (this.seen.get(id) === token) continue;
      this.seen.set(id, token);
      const analysis = analysisOfDocument(state, id);
      if (analysis) changed.push(analysis);
    }
    const update = this.reconciliation.update(changed, (ids) => analysesOfDocuments(state, ids));
    this.lastDocuments = update.documentIds.length;
    const synced = this.syncedThrough === state.reconciledThrough;
    this.lastComparison = synced ? 'touched' : 'all';
    // Until the change is recorded (committed) or found empty, the state may not be ours.
    this.syncedThrough = undefined;
    const change = synced
      ? changeOf(state, basedOnPosition, touchedDifferences(state, update, this.reconciliation.entryOrder()))
      : diffReconciliation(state, this.reconciliation.timeline(), basedOnPosition);
    if (!change) this.syncedThrough = state.reconciledThrough;
    return change;
  }

  /** The change was appended: the state will hold this reconciler's timeline at this position. */
  committed(basedOnPosition: number): void {
    this.syncedThrough = basedOnPosition;
  }
}

/** diffReconciliation's differences where only the touched stories can differ from the state. */
function touchedDifferences(
  state: TimelineState,
  update: ReconciliationUpdate,
  order: string[],
): { documentDates: Record<string, DocumentDate>; removed: string[]; upserted: ReconciledEntry[]; order: string[] } {
  const documentDates: Record<string, DocumentDate> = {};
  for (const documentId of update.documentIds) {
    const date = update.documentDates.get(documentId);
    const document = state.documents[documentId];
    if (!date || !document) continue;
    const current = document.reconciledDate ?? document.analysis?.documentDate;
    if (!current || JSON.stringify(current) !== JSON.stringify(date)) documentDates[documentId] = date;
  }
  const nextIds = new Set(update.entries.map((entry) => entry.entryId));
  const removed = [...update.previousEntryIds].filter((id) => !nextIds.has(id) && id in state.entries).sort();
  const upserted = update.entries
    .filter((entry) => JSON.stringify(state.entries[entry.entryId]) !== JSON.stringify(entry))
    .sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  return { documentDates, removed, upserted, order };
}
