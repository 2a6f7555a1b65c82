import { compareDateValues } from '../model/date-value.js';
import type { TimelineEntry, TimelineView } from './timeline-view.js';

/**
 * Which entries a reader should see first when a timeline has hundreds of them. Everything here is
 * computed from the entries alone (no clock, no arrival order), so a replay ranks them the same.
 */

/** How many entries the default views (table, page, `?all=false`) show before "… and N more". */
export const DEFAULT_TOP_ENTRIES = 40;

function distinctDocumentCount(entry: TimelineEntry): number {
  return new Set(entry.sources.map((source) => source.documentId)).size;
}

/** A date some report states ("on March 3"), as opposed to one computed from a report's own day. */
function hasExplicitDate(entry: TimelineEntry): boolean {
  return entry.certainty === 'explicit' || entry.sources.some((source) => source.resolution === 'explicit');
}

/** Some report tells it in its lede, the sentence that says what the report is about. */
function isLede(entry: TimelineEntry): boolean {
  return entry.sources.some((source) => source.lede === true);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Negative when `a` is more important than `b`: more distinct source documents first (several
 * outlets reporting it is the best sign it matters), then what a report's lede tells (the news the
 * report is about, over what it recalls further down), then an explicitly stated date over one inferred
 * from the report's day, then more named actors, then the earlier date and the smaller id (a total
 * order: no two entries tie).
 */
export function compareImportance(a: TimelineEntry, b: TimelineEntry): number {
  return (
    distinctDocumentCount(b) - distinctDocumentCount(a) ||
    Number(isLede(b)) - Number(isLede(a)) ||
    Number(hasExplicitDate(b)) - Number(hasExplicitDate(a)) ||
    (b.actors?.length ?? 0) - (a.actors?.length ?? 0) ||
    compareDateValues(a.date, b.date) ||
    compareStrings(a.id, b.id)
  );
}

/** The same entries in the same order, each with its `rank` (1 = most important). */
export function rankEntries(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const rankOf = new Map([...entries].sort(compareImportance).map((entry, index) => [entry, index + 1]));
  return entries.map((entry) => ({ ...entry, rank: rankOf.get(entry) ?? entries.length }));
}

export interface TopEntriesView {
  /** The view with only the `top` most important entries, still in date order. */
  readonly view: TimelineView;
  /** How many entries were left out. */
  readonly omitted: number;
}

/**
 * Keeps the `top` most important entries of a ranked view, in the view's (date) order. Entries
 * without a rank (an older export) are ranked here, from the entries at hand.
 */
export function mostImportantEntries(view: TimelineView, top = DEFAULT_TOP_ENTRIES): TopEntriesView {
  if (view.entries.length <= top) return { view, omitted: 0 };
  const ranked = view.entries.every((entry) => entry.rank !== undefined) ? view.entries : rankEntries(view.entries);
  const byImportance = [...ranked].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const kept = new Set(byImportance.slice(0, top).map((entry) => entry.id));
  const entries = ranked.filter((entry) => kept.has(entry.id));
  return { view: { ...view, entries }, omitted: view.entries.length - entries.length };
}
