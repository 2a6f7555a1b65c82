import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentAnalysis, ReconciledTimeline, type ReconciledEntry } from '../../src/model/timeline-model.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { shuffled } from '../pipeline/seed-support.js';

const STORIES = join(import.meta.dirname, '../fixtures/stories');

function story(name: string): { analyses: DocumentAnalysis[]; timeline: ReconciledTimeline } {
  const manifest = JSON.parse(readFileSync(join(STORIES, name, 'manifest.json'), 'utf8')) as {
    documents: { file: string; publishedAt?: string }[];
  };
  const analyses = manifest.documents.map((d) =>
    analyzeDocument({
      documentId: `${name}-${d.file.replace('.txt', '')}`,
      text: readFileSync(join(STORIES, name, d.file), 'utf8'),
      source: 'fixture',
      ...(d.publishedAt ? { publishedAt: d.publishedAt } : {}),
    }),
  );
  return { analyses, timeline: reconcileTimeline(analyses) };
}

const docsOf = (e: ReconciledEntry): string[] => [...new Set(e.eventIds.map((id) => id.split(':')[0] ?? ''))].sort();

describe('story: a port strike (plan, done, anchored "a day after", weekday only)', () => {
  const { analyses, timeline } = story('port-strike');

  it('validates', () => {
    expect(() => ReconciledTimeline.parse(timeline)).not.toThrow();
    for (const a of analyses) expect(() => DocumentAnalysis.parse(a)).not.toThrow();
  });

  it('puts the walkout planned "on Wednesday" and done "on Wednesday" into one entry on 2023-06-07', () => {
    const walkout = timeline.entries.filter((e) => e.date.value === '2023-06-07');
    expect(walkout, JSON.stringify(timeline.entries)).toHaveLength(1);
    expect(docsOf(walkout[0] as ReconciledEntry)).toEqual(['port-strike-a', 'port-strike-b', 'port-strike-c']);
    expect(walkout[0]?.actors?.filter((a) => /Gonzal/.test(a))).toEqual(['Maria Gonzales']);
  });

  it('learns the undated reports\' dates from the dated one, and the year of "May 28" with them', () => {
    expect(timeline.documentDates['port-strike-b']).toMatchObject({
      value: '2023-06-07',
      method: 'cross-document',
      inferred: true,
    });
    expect(timeline.documentDates['port-strike-c']?.value).toBe('2023-06-06');
    const vote = timeline.entries.find((e) => e.date.value === '2023-05-28');
    expect(vote && docsOf(vote)).toEqual(['port-strike-a', 'port-strike-b']);
  });

  it('dates the talks collapse "a day after" anchor as the walkout minus one day, with the weekday report', () => {
    const collapse = timeline.entries.find((e) => e.date.value === '2023-06-06');
    expect(collapse, JSON.stringify(timeline.entries)).toBeDefined();
    expect(docsOf(collapse as ReconciledEntry)).toEqual(['port-strike-b', 'port-strike-c']);
  });

  it('keeps page clutter out', () => {
    for (const a of analyses)
      for (const e of a.events) expect(e.quote.text).not.toMatch(/cookies|beaches|Leave a Reply|Harbour Daily/);
    expect(analyses[1]?.clutter.map((c) => c.kind)).toContain('cookie-banner');
  });

  it('is order-independent', () => {
    for (const seed of [7, 8, 9]) expect(reconcileTimeline(shuffled(analyses, seed))).toEqual(timeline);
  });
});

describe('story: a Senate hearing ("last week" from a Sunday, a year learned, Haines/Haynes)', () => {
  const { analyses, timeline } = story('cyber-hearing');

  it('puts the Tuesday testimony, the "last week" briefing and "Nov. 9" into one entry on 2021-11-09', () => {
    // Other things said that day (the analyst's remark) are entries of their own; the hearing is one.
    const hearing = timeline.entries.filter(
      (e) => e.date.value === '2021-11-09' && e.actors?.some((a) => /Ha[iy]n/.test(a)),
    );
    expect(hearing, JSON.stringify(timeline.entries)).toHaveLength(1);
    expect(docsOf(hearing[0] as ReconciledEntry)).toEqual(['cyber-hearing-a', 'cyber-hearing-b']);
    expect(hearing[0]?.actors?.filter((a) => /Ha[iy]n/.test(a))).toHaveLength(1);
    const members = analyses.flatMap((a) => a.events).filter((e) => hearing[0]?.eventIds.includes(e.eventId));
    expect(members.some((e) => e.timex.text === 'last week')).toBe(true);
  });

  it('gives the undated report the year of the dated one, and dates the attack 2021-10-30', () => {
    expect(timeline.documentDates['cyber-hearing-b']?.value).toMatch(/^2021-/);
    const attack = timeline.entries.filter((e) => e.date.value === '2021-10-30');
    expect(attack).toHaveLength(1);
    expect(docsOf(attack[0] as ReconciledEntry)).toEqual(['cyber-hearing-a', 'cyber-hearing-b']);
  });
});
