// Wire copies: the same report under several document ids. Reconciliation compares one copy per
// signature and joins the copies; these tests pin that copies land where their original does.
import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis, ReconciledTimeline } from '../../src/model/timeline-model.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { runSeeds, type Mode } from '../pipeline/seed-support.js';

/** The analysis of the same text under another document id (ids sort after the original's). */
function copyOf(analysis: DocumentAnalysis, suffix: string): DocumentAnalysis {
  const documentId = `${analysis.documentId}${suffix}`;
  return {
    ...analysis,
    documentId,
    events: analysis.events.map((e) => ({ ...e, eventId: e.eventId.replace(analysis.documentId, documentId) })),
  };
}

/** Each entry with its members mapped back to the original document, so copies and originals compare. */
function shape(
  timeline: ReconciledTimeline,
): Array<{ entryId: string; date: string; title: string; members: string[] }> {
  return timeline.entries.map((e) => ({
    entryId: e.entryId,
    date: e.date.value,
    title: e.title,
    members: [...new Set(e.eventIds.map((id) => id.replace(/z+:/, ':')))].sort(),
  }));
}

// Not without any date ('no-hint'): there, which undated reports group is decided by how many
// reports back each group, and copies count as reports.
describe.each<Mode>(['published', 'year-hint'])('verbatim copies of the seeds (%s)', (mode) => {
  const { analyses, timeline } = runSeeds(mode);

  it('join the entries of their originals: same entries, dates, titles and order', () => {
    const withCopies = reconcileTimeline([
      ...analyses,
      ...analyses.map((a) => copyOf(a, 'z')),
      ...analyses.map((a) => copyOf(a, 'zz')),
    ]);
    expect(shape(withCopies)).toEqual(shape(timeline));
    // Every copy's event is in the timeline, next to its original.
    const members = withCopies.entries.flatMap((e) => e.eventIds);
    for (const a of analyses)
      for (const e of a.events) {
        if (e.aboutTheReport) continue;
        const entry = withCopies.entries.find((x) => x.eventIds.includes(e.eventId));
        expect(entry?.eventIds).toContain(e.eventId.replace(a.documentId, `${a.documentId}z`));
        expect(entry?.eventIds).toContain(e.eventId.replace(a.documentId, `${a.documentId}zz`));
      }
    expect(members).toHaveLength(3 * timeline.entries.flatMap((e) => e.eventIds).length);
    expect(members.length).toBeGreaterThan(0);
  });

  it("a copy of one document puts each of its events next to the original's", () => {
    const first = analyses[0] as DocumentAnalysis;
    const withCopy = reconcileTimeline([...analyses, copyOf(first, 'z')]);
    for (const e of first.events) {
      const entry = withCopy.entries.find((x) => x.eventIds.includes(e.eventId));
      expect(entry?.eventIds).toContain(e.eventId.replace(first.documentId, `${first.documentId}z`));
    }
    expect(withCopy.entries).toHaveLength(timeline.entries.length);
  });
});

describe('the report speaking of itself', () => {
  it('"News reports emerged on Monday" dates its document but is no entry, also told by two outlets', () => {
    const { analyses } = runSeeds('published');
    const withWeak = analyses.filter((a) => a.events.some((e) => e.aboutTheReport && e.predicate === 'emerge'));
    expect(withWeak.length).toBeGreaterThan(0);
    const timeline = reconcileTimeline([...analyses, ...withWeak.map((a) => copyOf(a, 'z'))]);
    const selfReports = new Set(
      analyses.flatMap((a) => a.events.filter((e) => e.aboutTheReport).map((e) => e.eventId)),
    );
    expect(timeline.entries.filter((e) => e.eventIds.some((id) => selfReports.has(id)))).toEqual([]);
    expect(timeline.entries.filter((e) => /reports? emerge/i.test(e.title))).toEqual([]);
  });
});
