/**
 * The timeline projection, in three parts: the fold of the log (timeline-fold.ts), what the
 * reconciler reads from it (reconciliation-input.ts) and the view readers get (build-timeline-view.ts).
 * This module gathers them for importers outside src/projections.
 */
export { applyTimelineEvent, timelineProjection, type DocumentRecord, type TimelineState } from './timeline-fold.js';
export { analysesOf, diffReconciliation, needsReconciliation, TimelineReconciler } from './reconciliation-input.js';
export { buildTimelineView, MAX_VIEW_CHARS } from './build-timeline-view.js';
