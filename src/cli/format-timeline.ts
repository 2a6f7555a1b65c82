import type { TimelineView } from '../projections/timeline-view.js';

/** The timeline as a table a person reads: date, what happened, how many sources. */
export function formatTimelineTable(view: TimelineView, width = 100): string {
  const lines: string[] = [];
  const processed = view.documents.filter((d) => d.state === 'processed').length;
  lines.push(`Timeline: ${view.entries.length} entries from ${processed} documents (log position ${view.position})`);
  lines.push('');
  const titleWidth = Math.max(30, width - 12 - 8 - 12);
  lines.push(`${'DATE'.padEnd(12)}${'GRAIN'.padEnd(8)}${'WHAT HAPPENED'.padEnd(titleWidth)}  SOURCES`);
  for (const entry of view.entries) {
    const documents = new Set(entry.sources.map((s) => s.documentId)).size;
    const title = entry.title.length > titleWidth ? `${entry.title.slice(0, titleWidth - 1)}…` : entry.title;
    const mark = entry.certainty === 'explicit' ? '' : entry.certainty === 'inferred' ? ' (inferred)' : ' (approx.)';
    lines.push(`${entry.date.padEnd(12)}${entry.granularity.padEnd(8)}${title.padEnd(titleWidth)}  ${documents}${mark}`);
  }
  if (view.documents.length > 0) {
    lines.push('');
    lines.push('Documents:');
    for (const document of view.documents) {
      const date = document.publishedAt ?? 'date unknown';
      const how = document.state === 'failed' ? `FAILED: ${document.failure?.reason ?? ''}` : document.publishedAtInferred ? `inferred (${document.dateMethod}, confidence ${document.dateConfidence.toFixed(2)})` : document.dateMethod;
      lines.push(`  ${date.padEnd(12)}${document.source}  [${how}]`);
    }
  }
  if (view.notes.length > 0) {
    lines.push('');
    for (const note of view.notes) lines.push(`Note: ${note}`);
  }
  return lines.join('\n');
}
