import { describe, expect, it } from 'vitest';
import { compareDateValues } from '../../src/model/date-value.js';
import { DocumentAnalysis, ReconciledTimeline, type ReconciledEntry } from '../../src/model/timeline-model.js';
import { EXTRACTOR_VERSION } from '../../src/pipeline/analyze-document.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { documentsOf, eventsOf, runSeeds, shuffled, type Mode } from './seed-support.js';

const CLUTTER_WORDS =
  /See also|Leave a Reply|Your email address|cookies|Lorem ipsum|Read more|Upvote|What do you think|Written by|Update: 6:08|You may also like|Newsletter|Yucatan Times|Brendan Fraser|Florian Wirtz/i;

function entryWhere(entries: readonly ReconciledEntry[], date: string, pattern: RegExp): ReconciledEntry | undefined {
  return entries.find((e) => e.date.value === date && pattern.test(e.title));
}

function dayOf(value: string): string {
  return value.slice(0, 10);
}

describe.each<Mode>(['published', 'year-hint'])('the seed story (%s)', (mode) => {
  const { seeds, analyses, timeline } = runSeeds(mode);
  const entries = timeline.entries;

  it('produces analyses and a timeline that validate against the shared model', () => {
    for (const a of analyses) {
      expect(() => DocumentAnalysis.parse(a)).not.toThrow();
      expect(a.extractorVersion).toBe(EXTRACTOR_VERSION);
      a.events.forEach((e, i) => expect(e.eventId).toBe(`${a.documentId}:${EXTRACTOR_VERSION}:e${i}`));
    }
    expect(() => ReconciledTimeline.parse(timeline)).not.toThrow();
  });

  it('indexes quotes and timexes in the original text, never in page clutter', () => {
    for (const [i, a] of analyses.entries()) {
      const text = seeds[i]?.text ?? '';
      for (const e of a.events) {
        expect(text.slice(e.quote.start, e.quote.end)).toBe(e.quote.text);
        expect(text.slice(e.timex.start, e.timex.end)).toBe(e.timex.text);
        expect(e.quote.text).not.toMatch(CLUTTER_WORDS);
        for (const c of a.clutter) expect(e.quote.end <= c.start || e.quote.start >= c.end).toBe(true);
      }
    }
  });

  it('dates the invasion 2022-02-24, and the Chinese spokesman "on the day Russian troops entered Ukraine" with it', () => {
    const invasion = entryWhere(entries, '2022-02-24', /invad|invasion/i);
    expect(invasion, JSON.stringify(entries.map((e) => [e.date.value, e.title]))).toBeDefined();
    const spokesman = entryWhere(entries, '2022-02-24', /spokesman/i);
    expect(spokesman).toBeDefined();
    expect(eventsOf(spokesman as ReconciledEntry, analyses).some((e) => e.resolution === 'event-anchored')).toBe(true);
  });

  it('dates the House Intelligence Committee testimony 2022-03-08 ("last week" … "Tuesday")', () => {
    const testimony = entries.find(
      (e) =>
        e.date.value === '2022-03-08' &&
        eventsOf(e, analyses).some((x) => /House Intelligence Committee/.test(x.quote.text)),
    );
    expect(testimony).toBeDefined();
  });

  it("has Sullivan's CNN interview on 2022-03-13 as one entry with at least three sources", () => {
    const cnn = entries.filter((e) => /Sullivan/.test(e.title) && /CNN/.test(e.title));
    expect(cnn).toHaveLength(1);
    expect(cnn[0]?.date.value).toBe('2022-03-13');
    expect(documentsOf(cnn[0] as ReconciledEntry).size).toBeGreaterThanOrEqual(3);
  });

  it("has Siluanov's interview on 2022-03-13, name variants merged", () => {
    const siluanov = entries.filter((e) => (e.actors ?? []).some((a) => /Siluanov/.test(a)));
    expect(siluanov).toHaveLength(1);
    expect(siluanov[0]?.date.value).toBe('2022-03-13');
    expect(siluanov[0]?.actors?.some((a) => /Silvanov|Siranov/.test(a))).toBe(false);
    expect(documentsOf(siluanov[0] as ReconciledEntry).size).toBeGreaterThanOrEqual(3);
  });

  it('has the Rome meeting on 2022-03-14 as exactly one entry with at least four sources', () => {
    const meetings = entries.filter((e) => /\bmeet/i.test(e.title) && /Yang|Rome/.test(e.title));
    expect(meetings, JSON.stringify(meetings)).toHaveLength(1);
    expect(meetings[0]?.date.value).toBe('2022-03-14');
    expect(documentsOf(meetings[0] as ReconciledEntry).size).toBeGreaterThanOrEqual(4);
  });

  it("has Peskov's denial (Russia denies needing China's help) on 2022-03-14", () => {
    expect(entryWhere(entries, '2022-03-14', /denies/i)).toBeDefined();
  });

  it('dates nothing after 2022-03-14', () => {
    for (const e of entries)
      expect(compareDateValues(dayOf(e.date.value), '2022-03-14'), `${e.date.value} ${e.title}`).toBeLessThanOrEqual(0);
  });

  it('keeps entries in date order', () => {
    for (let i = 1; i < entries.length; i++)
      expect(compareDateValues(entries[i - 1]?.date.value ?? '', entries[i]?.date.value ?? '')).toBeLessThanOrEqual(0);
  });
});

describe('the seed story with only a year hint', () => {
  const { seeds, analyses, timeline } = runSeeds('year-hint');

  it("infers every document's date: the manifest's day exactly", () => {
    for (const seed of seeds) {
      const date = timeline.documentDates[seed.documentId];
      expect(date?.inferred).toBe(true);
      expect(date?.method).not.toBe('provided');
      expect(date?.value, `${seed.documentId}: ${date?.note}`).toBe(seed.publishedAt);
    }
  });

  it('infers one document alone from anchored facts ("Sunday" + "more than two weeks into its invasion" + "Feb. 24")', () => {
    const politico = analyses.find((a) => a.documentId === 'seed-004');
    expect(politico?.documentDate).toMatchObject({ value: '2022-03-13', method: 'anchors', inferred: true });
  });
});

describe('the seed story with no date and no hint', () => {
  const { analyses, timeline } = runSeeds('no-hint');
  const yearDigits = /^\d{4}/;

  it('invents no year', () => {
    for (const e of timeline.entries) expect(e.date.value, e.title).not.toMatch(yearDigits);
    for (const a of analyses) for (const e of a.events) expect(e.date.value).not.toMatch(yearDigits);
    for (const d of Object.values(timeline.documentDates)) {
      expect(d.value ?? 'XXXX').toMatch(/^XXXX/);
      expect(d.note).toBeTruthy();
    }
  });

  it('still dates what the text fixes (the invasion XXXX-02-24) and keeps events in order', () => {
    const invasion = timeline.entries.find((e) => e.date.value === 'XXXX-02-24' && /invad|invasion/i.test(e.title));
    expect(invasion).toBeDefined();
    expect(timeline.entries[0]?.date.value).toBe('XXXX-02-24');
    // Weekday references of undated documents come after the dated days they follow, in the
    // order their reports place them: the Tuesday testimony, the Sunday interviews, the Monday meeting.
    const firstWeekday = timeline.entries.findIndex((e) => /WXX/.test(e.date.value));
    const lastDay = timeline.entries.map((e) => /^XXXX-\d{2}-\d{2}$/.test(e.date.value)).lastIndexOf(true);
    expect(firstWeekday).toBeGreaterThan(lastDay);
    const at = (pattern: RegExp): number => timeline.entries.findIndex((e) => pattern.test(e.title));
    expect(at(/Haynes|Congress/)).toBeLessThan(at(/Sullivan tells CNN/));
    expect(at(/Sullivan tells CNN/)).toBeLessThan(at(/meet in Rome/));
    expect(timeline.entries.filter((e) => /meet in Rome/.test(e.title))).toHaveLength(1);
  });
});

describe('reconciliation of the seeds is order-independent', () => {
  it.each<Mode>(['published', 'year-hint', 'no-hint'])(
    'gives deep-equal timelines for shuffled inputs (%s)',
    (mode) => {
      const { analyses, timeline } = runSeeds(mode);
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        expect(reconcileTimeline(shuffled(analyses, seed))).toEqual(timeline);
      }
      expect(reconcileTimeline([...analyses].reverse())).toEqual(timeline);
    },
  );
});
