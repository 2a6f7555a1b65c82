import { filterTimelineByEntity } from '../projections/entity-filter.js';
import { DEFAULT_TOP_ENTRIES, mostImportantEntries } from '../projections/timeline-ranking.js';
import type { TimelineView } from '../projections/timeline-view.js';
import { describeDate } from '../http/date-label.js';

/** What a reader asked to see: every entry, or one entity's, or (the default) the most important. */
export interface ReadingOptions {
  /** List every entry instead of the most important ones. */
  readonly all?: boolean;
  /** Only the entries naming this entity (all of them: an entity timeline is never cut). */
  readonly entity?: string;
  /** How many entries the default view keeps (default 40). */
  readonly top?: number;
}

/** The view `show`/`run` print, filtered by entity for `--json` too (the JSON is never cut otherwise). */
export function timelineForJson(view: TimelineView, options: ReadingOptions): TimelineView {
  return filterTimelineByEntity(view, options.entity);
}

/** The timeline as a table a person reads: date, what happened, how many sources. */
export function formatTimelineTable(view: TimelineView, width = 100, options: ReadingOptions = {}): string {
  const lines: string[] = [];
  const processed = view.documents.filter((d) => d.state === 'processed').length;
  lines.push(`Timeline: ${view.entries.length} entries from ${processed} documents (log position ${view.position})`);
  let shown = view;
  let omitted = 0;
  if (options.entity !== undefined) {
    shown = filterTimelineByEntity(view, options.entity);
    lines.push(
      `Entity "${options.entity}": ${shown.entries.length} of the ${view.entries.length} entries name it (actors or quotes).`,
    );
  } else if (!options.all) {
    ({ view: shown, omitted } = mostImportantEntries(view, options.top ?? DEFAULT_TOP_ENTRIES));
    if (omitted > 0)
      lines.push(
        `The ${shown.entries.length} most important (most sources, lead stories, stated dates, most actors), in date order.`,
      );
  }
  lines.push('');
  const titleWidth = Math.max(30, width - 12 - 8 - 12);
  lines.push(`${'DATE'.padEnd(12)}${'GRAIN'.padEnd(8)}${'WHAT HAPPENED'.padEnd(titleWidth)}  SOURCES`);
  for (const entry of shown.entries) {
    const documents = new Set(entry.sources.map((s) => s.documentId)).size;
    const title = entry.title.length > titleWidth ? `${entry.title.slice(0, titleWidth - 1)}…` : entry.title;
    const mark = entry.certainty === 'explicit' ? '' : entry.certainty === 'inferred' ? ' (inferred)' : ' (approx.)';
    // ("198" reads as "1980s".)
    const date =
      entry.granularity === 'decade' || entry.granularity === 'century'
        ? describeDate(entry.date, entry.granularity)
        : entry.date;
    lines.push(`${date.padEnd(12)}${entry.granularity.padEnd(8)}${title.padEnd(titleWidth)}  ${documents}${mark}`);
  }
  if (omitted > 0) lines.push(`… and ${omitted} more ${omitted === 1 ? 'entry' : 'entries'}: --all to list them`);
  if (view.documents.length > 0) {
    lines.push('');
    lines.push('Documents:');
    for (const document of view.documents) {
      const date = document.publishedAt ?? 'date unknown';
      const how =
        document.state === 'failed'
          ? `FAILED: ${document.failure?.reason ?? ''}`
          : document.publishedAtInferred
            ? `inferred (${document.dateMethod}, confidence ${document.dateConfidence.toFixed(2)})`
            : document.dateMethod;
      lines.push(`  ${date.padEnd(12)}${document.source}  [${how}]`);
    }
  }
  if (view.notes.length > 0) {
    lines.push('');
    for (const note of view.notes) lines.push(`Note: ${note}`);
  }
  return lines.join('\n');
}
