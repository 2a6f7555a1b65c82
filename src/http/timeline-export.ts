import { DateTime } from 'luxon';
import { parseDateValue } from '../model/date-value.js';
import type { TimelineDocument, TimelineEntry, TimelineSource, TimelineView } from '../projections/timeline-view.js';
import { describeDate } from './date-label.js';

/** Keeps the evidence of documents whose `source` is `source`; entries left without evidence go. */
export function filterTimelineBySource(view: TimelineView, source: string | undefined): TimelineView {
  if (source === undefined || source === '') return view;
  const kept = new Set(view.documents.filter((doc) => doc.source === source).map((doc) => doc.id));
  const entries = view.entries
    .map((entry) => ({ ...entry, sources: entry.sources.filter((s) => kept.has(s.documentId)) }))
    .filter((entry) => entry.sources.length > 0);
  return { ...view, entries };
}

function distinctDocuments(entry: TimelineEntry): string[] {
  return [...new Set(entry.sources.map((s) => s.documentId))];
}

// ---------------------------------------------------------------- CSV

/** Spreadsheets run cells that start with these as formulas; a leading apostrophe disarms them. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  // Semicolons too: spreadsheets in locales that separate cells with `;` would split the cell there.
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_COLUMNS = [
  'entry_id',
  'date',
  'date_label',
  'granularity',
  'certainty',
  'title',
  'source_count',
  'documents',
  'quotes',
] as const;

/** RFC 4180: CRLF rows, every field with a comma, semicolon, quote or line break quoted. One row per entry. */
export function timelineToCsv(view: TimelineView): string {
  const documents = new Map(view.documents.map((doc) => [doc.id, doc]));
  const rows = view.entries.map((entry) =>
    [
      entry.id,
      entry.date,
      describeDate(entry.date, entry.granularity),
      entry.granularity,
      entry.certainty,
      entry.title,
      distinctDocuments(entry).length,
      distinctDocuments(entry)
        .map((id) => documents.get(id)?.title || documents.get(id)?.source || id)
        .join('; '),
      entry.sources.map((s) => s.quote).join('\n'),
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------- TimelineJS

/** https://timeline.knightlab.com/docs/json-format.html */
export interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  display_date?: string;
}

export interface TimelineJsSlide {
  start_date?: TimelineJsDate;
  end_date?: TimelineJsDate;
  display_date?: string;
  text: { headline: string; text: string };
  group?: string;
  unique_id?: string;
}

export interface TimelineJsDocument {
  title: TimelineJsSlide;
  events: TimelineJsSlide[];
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The quote with its date expression in <mark>; offsets index the original text, as does `start`. */
export function highlightedQuoteHtml(source: TimelineSource): string {
  const from = source.dateStart - source.start;
  const to = source.dateEnd - source.start;
  if (from >= 0 && to <= source.quote.length && from < to && source.quote.slice(from, to) === source.dateText) {
    return `${escapeHtml(source.quote.slice(0, from))}<mark>${escapeHtml(source.dateText)}</mark>${escapeHtml(source.quote.slice(to))}`;
  }
  const found = source.dateText ? source.quote.indexOf(source.dateText) : -1;
  if (found < 0) return escapeHtml(source.quote);
  return `${escapeHtml(source.quote.slice(0, found))}<mark>${escapeHtml(source.dateText)}</mark>${escapeHtml(source.quote.slice(found + source.dateText.length))}`;
}

function monthRange(year: number, firstMonth: number, months: number): { start: TimelineJsDate; end: TimelineJsDate } {
  const start = DateTime.utc(year, firstMonth, 1);
  const end = start.plus({ months: months - 1 });
  return { start: { year: start.year, month: start.month }, end: { year: end.year, month: end.month } };
}

/** TimelineJS needs a year; values without one (XXXX-03-13) cannot be placed and return undefined. */
export function timelineJsDates(value: string): { start: TimelineJsDate; end?: TimelineJsDate } | undefined {
  const parts = parseDateValue(value);
  if (parts.year === undefined) return undefined;
  const { year, month, day } = parts;
  switch (parts.granularity) {
    case 'time':
      return { start: { year, month, day, hour: Math.floor(parts.minutes / 60), minute: parts.minutes % 60 } };
    case 'day':
      return { start: { year, month, day } };
    case 'week': {
      const monday = DateTime.utc(year, month, day);
      const sunday = monday.plus({ days: 6 });
      return { start: { year, month, day }, end: { year: sunday.year, month: sunday.month, day: sunday.day } };
    }
    case 'month':
      return { start: { year, month } };
    case 'season':
      return monthRange(year, month, 3);
    case 'quarter':
      return monthRange(year, month, 3);
    case 'half':
      return monthRange(year, month, 6);
    case 'year':
      return { start: { year } };
    case 'decade':
      return { start: { year }, end: { year: year + 9 } };
    case 'century':
      return { start: { year }, end: { year: year + 99 } };
    case 'unknown':
      return undefined;
  }
}

function documentLabel(doc: TimelineDocument | undefined, fallback: string): string {
  if (!doc) return fallback;
  const day = doc.publishedAt ? `, ${doc.publishedAt}` : '';
  return `${doc.title || doc.source}${day}`;
}

export function timelineToTimelineJs(view: TimelineView, options: { headline?: string } = {}): TimelineJsDocument {
  const documents = new Map(view.documents.map((doc) => [doc.id, doc]));
  const events: TimelineJsSlide[] = [];
  let unplaced = 0;
  for (const entry of view.entries) {
    const dates = timelineJsDates(entry.date);
    if (!dates) {
      unplaced += 1;
      continue;
    }
    const label = describeDate(entry.date, entry.granularity);
    const evidence = entry.sources
      .map(
        (s) =>
          `<blockquote>${highlightedQuoteHtml(s)}</blockquote><p><cite>${escapeHtml(documentLabel(documents.get(s.documentId), s.documentId))}</cite></p>`,
      )
      .join('');
    const count = distinctDocuments(entry).length;
    events.push({
      start_date: dates.start,
      ...(dates.end ? { end_date: dates.end } : {}),
      display_date: label,
      text: {
        headline: escapeHtml(entry.title),
        text: `<p>${escapeHtml(`${entry.certainty} · ${entry.granularity} · ${count} source${count === 1 ? '' : 's'}`)}</p>${evidence}`,
      },
      group: entry.certainty,
      unique_id: entry.id,
    });
  }
  const notes = [...view.notes];
  if (unplaced > 0)
    notes.push(
      `${unplaced === 1 ? '1 entry with an unknown year is' : `${unplaced} entries with an unknown year are`} not shown: TimelineJS needs a year.`,
    );
  return {
    title: {
      text: {
        headline: escapeHtml(options.headline ?? 'Timeline'),
        text: `<p>${escapeHtml(`${view.entries.length} entries from ${view.documents.length} documents, as of log position ${view.position}.`)}</p>${notes
          .map((note) => `<p>${escapeHtml(note)}</p>`)
          .join('')}`,
      },
    },
    events,
  };
}
