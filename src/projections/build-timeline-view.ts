import { compareDateValues } from '../model/date-value.js';
import type { ReconciledEntry } from '../model/timeline-model.js';
import type { EventExtracted } from '../events/domain/timeline-events.js';
import { needsReconciliation } from './reconciliation-input.js';
import type { DocumentRecord, TimelineState } from './timeline-fold.js';
import type { TimelineDocument, TimelineEntry, TimelineSource, TimelineView } from './timeline-view.js';
import { DEFAULT_PAGE_ENTRIES, isPaged, nextCursor, selectPage, type TimelinePageRequest } from './timeline-page.js';
import { rankEntries } from './timeline-ranking.js';

/** The readers' side of the timeline projection: the public view (timeline-view.ts) of a state. */

/**
 * What one view may hold, in characters of JSON (estimated): far below what a string can hold
 * (about 512 M characters), so `/timeline`, its exports and `show --json` always answer. Past it,
 * the latest entries are left out and a note says how many (a paged view ends sooner and its
 * `next` reaches them). `TIMELINE_VIEW_MAX_CHARS` sets a smaller one (tests of the cut).
 */
export const MAX_VIEW_CHARS = 64 * 1024 * 1024;
/** Titles of documents recorded before derived titles were capped (a whole text as its title). */
const MAX_VIEW_TITLE_CHARS = 500;

/** MAX_VIEW_CHARS, or a smaller `TIMELINE_VIEW_MAX_CHARS`. */
export function maxViewChars(): number {
  const value = Number(process.env.TIMELINE_VIEW_MAX_CHARS);
  return Number.isSafeInteger(value) && value > 0 ? Math.min(value, MAX_VIEW_CHARS) : MAX_VIEW_CHARS;
}

function estimateEntryChars(entry: TimelineEntry): number {
  let chars = 240 + entry.id.length + entry.title.length;
  for (const actor of entry.actors ?? []) chars += 8 + actor.length * 2;
  for (const source of entry.sources)
    chars +=
      250 + source.quote.length * 1.2 + source.dateText.length + source.eventId.length + source.documentId.length;
  return chars;
}

const estimateDocumentChars = (document: TimelineDocument): number =>
  400 + document.title.length + document.source.length + (document.failure?.reason.length ?? 0);

export function buildTimelineView(
  state: TimelineState,
  position: number,
  maxChars = maxViewChars(),
  page?: TimelinePageRequest,
): TimelineView {
  const documents = Object.values(state.documents)
    .map(toTimelineDocument)
    .sort(
      (a, b) =>
        compareNullableDates(a.publishedAt, b.publishedAt) ||
        compareStrings(a.source, b.source) ||
        compareStrings(a.id, b.id),
    );
  const merged = timelineEntries(state);
  if (isPaged(page)) return pagedView(state, position, documents, merged, page, maxChars);

  let budget = maxChars - documents.reduce((sum, document) => sum + estimateDocumentChars(document), 0);
  let kept = merged.length;
  for (let i = 0; i < merged.length; i++) {
    budget -= estimateEntryChars(merged[i]!);
    if (budget < 0) {
      kept = i;
      break;
    }
  }
  // Ranked among the entries the view holds, so ranks run 1..n without gaps.
  const entries = rankEntries(kept < merged.length ? merged.slice(0, kept) : merged);
  const notes = notesFor(documents, entries, state);
  if (kept < merged.length) {
    notes.push(
      `The timeline is larger than one view may be: ${merged.length - kept} of its ${merged.length} entries (the latest) are left out. ` +
        'Page it by date (?from=&to=&limit=, or show --from/--to/--limit), filter by source, or read the log (GET /events).',
    );
  }
  return { position, documents, entries, notes };
}

/**
 * One page of the timeline: ranks of the whole timeline, the documents its entries cite, and
 * where the next page starts. Its size stays within the view's budget whatever the timeline's.
 */
function pagedView(
  state: TimelineState,
  position: number,
  allDocuments: TimelineDocument[],
  merged: TimelineEntry[],
  page: TimelinePageRequest,
  maxChars: number,
): TimelineView {
  const ranked = rankEntries(merged);
  const byId = new Map(allDocuments.map((document) => [document.id, document]));
  const cited = new Set<string>();
  let budget = maxChars;
  const fits = (entry: TimelineEntry): boolean => {
    let chars = estimateEntryChars(entry);
    for (const source of entry.sources) {
      const document = byId.get(source.documentId);
      if (document && !cited.has(document.id)) chars += estimateDocumentChars(document);
    }
    if (chars > budget) {
      // Taken anyway when first on its page (selectPage; its documents are added below): nothing more fits after it.
      budget = 0;
      return false;
    }
    budget -= chars;
    for (const source of entry.sources) cited.add(source.documentId);
    return true;
  };
  const selection = selectPage(ranked, page, fits);
  for (const entry of selection.entries) for (const source of entry.sources) cited.add(source.documentId);
  const documents = allDocuments.filter((document) => cited.has(document.id));
  const last = selection.entries[selection.entries.length - 1];
  const notes = notesFor(allDocuments, ranked, state);
  return {
    position,
    documents,
    entries: selection.entries,
    notes,
    page: {
      from: page.from ?? null,
      to: page.to ?? null,
      limit: page.limit ?? DEFAULT_PAGE_ENTRIES,
      total: selection.total,
      next: selection.remaining > 0 && last ? nextCursor(last, page) : null,
    },
  };
}

/** Every entry of the timeline in its order: the reconciled ones, and the pending events of later analyses among them by date. */
function timelineEntries(state: TimelineState): TimelineEntry[] {
  const reconciled: TimelineEntry[] = [];
  const rank = new Map(state.entryOrder.map((id, index) => [id, index]));
  const inOrder = Object.values(state.entries).sort(
    (a, b) =>
      (rank.get(a.entryId) ?? Infinity) - (rank.get(b.entryId) ?? Infinity) ||
      compareDateValues(a.date.value, b.date.value) ||
      compareStrings(a.entryId, b.entryId),
  );
  for (const entry of inOrder) {
    const sources = entry.eventIds.flatMap((eventId) => {
      const event = state.events[eventId];
      return event ? [toSource(event)] : [];
    });
    if (sources.length === 0) continue;
    reconciled.push({
      id: entry.entryId,
      date: entry.date.value,
      granularity: entry.date.granularity,
      title: entry.title,
      certainty: entry.date.certainty,
      sources: sources.sort(compareSources),
      ...actorsOf(entry, state),
    });
  }
  // Documents analysed after the last reconciliation: their events show on their own until it runs.
  const pending: TimelineEntry[] = [];
  for (const document of Object.values(state.documents)) {
    if (!document.analysis || document.analysis.position <= state.reconciledThrough) continue;
    for (const eventId of document.analysis.eventIds) {
      const event = state.events[eventId];
      if (!event) continue;
      pending.push({
        id: `pending:${eventId}`,
        date: event.date.value,
        granularity: event.date.granularity,
        title: event.title,
        certainty: event.date.certainty,
        sources: [toSource(event)],
        actors: distinctActors(event.actors),
        persons: distinctActors(event.persons ?? []),
      });
    }
  }
  return mergeByDate(reconciled, pending.sort(compareEntries));
}

function distinctActors(actors: readonly string[]): string[] {
  return [...new Set(actors)];
}

/**
 * The entry's actors as reconciliation merged them (the members' own, deduplicated, for
 * reconciliations recorded before entries carried actors), and which of them the members name as people.
 */
function actorsOf(entry: ReconciledEntry, state: TimelineState): { actors: string[]; persons: string[] } {
  const members = entry.eventIds.flatMap((eventId) => {
    const event = state.events[eventId];
    return event ? [event] : [];
  });
  const actors = entry.actors ?? distinctActors(members.flatMap((event) => event.actors));
  const people = new Set(members.flatMap((event) => event.persons ?? []));
  return { actors, persons: actors.filter((actor) => people.has(actor)) };
}

function toTimelineDocument(document: DocumentRecord): TimelineDocument {
  const date = document.reconciledDate ?? document.analysis?.documentDate;
  return {
    id: document.id,
    source: document.source,
    title:
      document.title.length > MAX_VIEW_TITLE_CHARS
        ? `${document.title.slice(0, MAX_VIEW_TITLE_CHARS - 1)}…`
        : document.title,
    publishedAt: date?.value ?? document.providedPublishedAt ?? null,
    publishedAtInferred: date ? date.inferred : false,
    dateMethod: date?.method ?? (document.providedPublishedAt ? 'provided' : 'unknown'),
    dateConfidence: date?.confidence ?? (document.providedPublishedAt ? 1 : 0),
    ...(date?.note ? { dateNote: date.note } : {}),
    state: document.state,
    ...(document.failure ? { failure: document.failure } : {}),
  };
}

function toSource(event: EventExtracted): TimelineSource {
  return {
    documentId: event.documentId,
    eventId: event.eventId,
    quote: event.quote.text,
    start: event.quote.start,
    end: event.quote.end,
    dateText: event.timex.text,
    dateStart: event.timex.start,
    dateEnd: event.timex.end,
    date: event.date.value,
    resolution: event.resolution,
    ...(event.dateRule ? { dateRule: event.dateRule } : {}),
    ...(event.lede ? { lede: true as const } : {}),
  };
}

function notesFor(documents: TimelineDocument[], entries: TimelineEntry[], state: TimelineState): string[] {
  const notes: string[] = [];
  const undated = documents.filter(
    (d) => d.state === 'processed' && (d.publishedAt === null || d.publishedAt.startsWith('XXXX')),
  );
  if (undated.length > 0) {
    notes.push(
      `${undated.length} of ${documents.length} documents have no known publication year and none could be inferred; ` +
        'their dates keep the year unknown (XXXX) instead of guessing one. Give a publication date or --year to fix them.',
    );
  }
  const yearless = entries.filter((e) => e.date.startsWith('XXXX')).length;
  if (yearless > 0)
    notes.push(`${yearless} entries have an unknown year; they are ordered by month and day after the dated ones.`);
  if (needsReconciliation(state))
    notes.push('Some documents are not reconciled yet: their events are shown on their own (ids pending:…).');
  const failed = documents.filter((d) => d.state === 'failed').length;
  if (failed > 0) notes.push(`${failed} documents were rejected; see their failure reasons.`);
  return notes;
}

function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return compareDateValues(a.date, b.date) || compareStrings(a.title, b.title) || compareStrings(a.id, b.id);
}

/** Inserts each pending entry before the first reconciled entry that comes after it by date. */
function mergeByDate(reconciled: TimelineEntry[], pending: TimelineEntry[]): TimelineEntry[] {
  const merged: TimelineEntry[] = [];
  let next = 0;
  for (const entry of reconciled) {
    while (next < pending.length && compareEntries(pending[next]!, entry) < 0) merged.push(pending[next++]!);
    merged.push(entry);
  }
  return merged.concat(pending.slice(next));
}

function compareSources(a: TimelineSource, b: TimelineSource): number {
  return compareStrings(a.documentId, b.documentId) || a.start - b.start || compareStrings(a.eventId, b.eventId);
}

function compareNullableDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareDateValues(a, b);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
