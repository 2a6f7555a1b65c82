import { expect } from 'vitest';
import type { TimelineEntry, TimelineView } from '../../src/projections/timeline-view.js';

/** Finds the entry on `date` whose title or quotes match `pattern`. */
export function entryOn(view: TimelineView, date: string, pattern: RegExp): TimelineEntry | undefined {
  return view.entries.find(
    (entry) =>
      entry.date === date && (pattern.test(entry.title) || entry.sources.some((source) => pattern.test(source.quote))),
  );
}

/**
 * The facts issue 2 requires of the seeds: the invasion on 2022-02-24, Sullivan's CNN interview
 * and Siluanov's interview on 2022-03-13, the Rome meeting and Peskov's denial on 2022-03-14.
 */
export function expectSeedTimeline(view: TimelineView): void {
  const found = {
    invasion: entryOn(view, '2022-02-24', /invad|invasion|troops entered/i),
    sullivanCnn: entryOn(view, '2022-03-13', /CNN/),
    siluanov: entryOn(view, '2022-03-13', /Siluanov|Silvanov|Siranov|finance minister/i),
    romeMeeting: entryOn(view, '2022-03-14', /Rome|Yang Jiechi/),
    peskov: entryOn(view, '2022-03-14', /Peskov|denied it needed/i),
  };
  const missing = Object.entries(found)
    .filter(([, entry]) => !entry)
    .map(([name]) => name);
  expect(
    missing,
    `missing entries; timeline was:\n${view.entries.map((e) => `${e.date} ${e.title}`).join('\n')}`,
  ).toEqual([]);
  expect(view.documents).toHaveLength(5);
  expect(view.documents.every((d) => d.state === 'processed')).toBe(true);
}

/** The timeline without the log position, which depends on arrival order and engine. */
export function withoutPosition(view: TimelineView): Omit<TimelineView, 'position'> {
  const { position: _position, ...rest } = view;
  return rest;
}
