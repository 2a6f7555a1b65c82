import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis, DocumentDate, ExtractedEvent } from '../../src/model/timeline-model.js';
import { ReconciledTimeline } from '../../src/model/timeline-model.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { shuffled } from '../pipeline/seed-support.js';

const PROVIDED = (value: string): DocumentDate => ({ value, inferred: false, method: 'provided', confidence: 1 });
const UNKNOWN: DocumentDate = { value: 'XXXX-XX-XX', inferred: true, method: 'unknown', confidence: 0 };

function event(
  documentId: string,
  ordinal: number,
  partial: Partial<ExtractedEvent> & Pick<ExtractedEvent, 'title' | 'date'>,
): ExtractedEvent {
  return {
    eventId: `${documentId}:x1:e${ordinal}`,
    ordinal,
    actors: [],
    resolution: 'explicit',
    quote: { start: 0, end: 1, text: 'x' },
    timex: { start: 0, end: 1, text: 'x', type: 'DATE', value: partial.date.value },
    ...partial,
  };
}

function doc(documentId: string, documentDate: DocumentDate, events: ExtractedEvent[]): DocumentAnalysis {
  return { documentId, extractorVersion: 'x1', title: documentId, documentDate, events, clutter: [] };
}

const day = (value: string) => ({ value, granularity: 'day' as const, certainty: 'inferred' as const });

describe('reconcileTimeline', () => {
  const kofmanA = doc('a', PROVIDED('2022-03-13'), [
    event('a', 0, {
      title: 'Kofman says Russia needs chips',
      actors: ['Michael Kofman'],
      persons: ['Michael Kofman'],
      keywords: ['chip', 'need'],
      date: day('2022-03-13'),
    }),
  ]);
  const kofmanB = doc('b', PROVIDED('2022-03-13'), [
    event('b', 0, {
      title: 'Kaufman says the war is costly',
      actors: ['Michael Kaufman'],
      persons: ['Michael Kaufman'],
      keywords: ['costly'],
      date: day('2022-03-13'),
    }),
  ]);
  const kofmanC = doc('c', PROVIDED('2022-03-14'), [
    event('c', 0, {
      title: 'Kofman says chips are needed',
      actors: ['Michael Kofman'],
      persons: ['Michael Kofman'],
      keywords: ['chip', 'need'],
      date: day('2022-03-13'),
    }),
  ]);

  it("merges one person's statements of a day across spellings, under the most reported spelling", () => {
    const t = reconcileTimeline([kofmanA, kofmanB, kofmanC]);
    expect(() => ReconciledTimeline.parse(t)).not.toThrow();
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0]).toMatchObject({
      entryId: 'entry:a:x1:e0',
      eventIds: ['a:x1:e0', 'b:x1:e0', 'c:x1:e0'],
      actors: ['Michael Kofman'],
    });
    expect(t.entries[0]?.title).not.toMatch(/Kaufman/);
  });

  it('keeps the entry id while later members join', () => {
    const before = reconcileTimeline([kofmanA, kofmanB]);
    const after = reconcileTimeline([kofmanA, kofmanB, kofmanC]);
    expect(after.entries[0]?.entryId).toBe(before.entries[0]?.entryId);
  });

  it('lets a week-granular "this week" join the day entry it contains, and not one outside it', () => {
    const meeting = (id: string, value: string) =>
      doc(id, PROVIDED('2022-03-14'), [
        event(id, 0, {
          title: 'Sullivan to meet Yang Jiechi in Rome',
          actors: ['Jake Sullivan', 'Yang Jiechi'],
          persons: ['Jake Sullivan', 'Yang Jiechi'],
          keywords: ['meet', 'rome'],
          date: day(value),
        }),
      ]);
    const thisWeek = doc('w', PROVIDED('2022-03-13'), [
      event('w', 0, {
        title: 'Planning a Yang Jiechi meeting',
        actors: ['Yang Jiechi'],
        persons: ['Yang Jiechi'],
        keywords: ['meet'],
        date: { value: '2022-W11', granularity: 'week', certainty: 'approximate' },
      }),
    ]);
    const inside = reconcileTimeline([meeting('m1', '2022-03-14'), meeting('m2', '2022-03-14'), thisWeek]);
    expect(inside.entries).toHaveLength(1);
    expect(inside.entries[0]).toMatchObject({
      date: { value: '2022-03-14', granularity: 'day' },
      title: expect.stringMatching(/^Sullivan and Yang Jiechi meet/),
    });
    const outside = reconcileTimeline([meeting('m1', '2022-03-21'), thisWeek]);
    expect(outside.entries).toHaveLength(2);
  });

  it('does not merge different happenings of one day', () => {
    const t = reconcileTimeline([
      doc('a', PROVIDED('2022-03-14'), [
        event('a', 0, {
          title: 'Russia denies it needs help',
          actors: ['Russia'],
          keywords: ['deny', 'need', 'help'],
          date: day('2022-03-14'),
        }),
        event('a', 1, {
          title: 'Sullivan and Yang meet',
          actors: ['Jake Sullivan', 'Yang Jiechi'],
          persons: ['Jake Sullivan', 'Yang Jiechi'],
          keywords: ['meet'],
          date: day('2022-03-14'),
        }),
      ]),
      doc('b', PROVIDED('2022-03-14'), [
        event('b', 0, {
          title: 'Sullivan warns China',
          actors: ['Jake Sullivan'],
          persons: ['Jake Sullivan'],
          keywords: ['warn'],
          date: day('2022-03-14'),
        }),
      ]),
    ]);
    expect(t.entries).toHaveLength(3);
  });

  it("learns an undated document's date from a shared event and re-resolves its other relative events", () => {
    const dated = doc('dated', PROVIDED('2022-03-13'), [
      event('dated', 0, {
        title: 'Sullivan tells CNN',
        actors: ['Jake Sullivan', 'CNN'],
        persons: ['Jake Sullivan'],
        keywords: ['cnn'],
        date: day('2022-03-13'),
        resolution: 'document-relative',
        relative: { kind: 'weekday', weekday: 7, direction: 'past' },
      }),
    ]);
    const undated = doc('undated', { value: '2022-XX-XX', inferred: true, method: 'unknown', confidence: 0.5 }, [
      event('undated', 0, {
        title: 'Sullivan tells CNN',
        actors: ['Jake Sullivan', 'CNN'],
        persons: ['Jake Sullivan'],
        keywords: ['cnn'],
        date: { value: '2022-WXX-7', granularity: 'unknown', certainty: 'inferred' },
        resolution: 'document-relative',
        relative: { kind: 'weekday', weekday: 7, direction: 'past' },
      }),
      event('undated', 1, {
        title: 'Officials brief Congress',
        keywords: ['testify'],
        date: { value: 'XXXX-XX-XX', granularity: 'unknown', certainty: 'approximate' },
        resolution: 'document-relative',
        relative: { kind: 'offset', unit: 'week', amount: -1 },
      }),
    ]);
    const t = reconcileTimeline([undated, dated]);
    expect(t.documentDates.undated).toMatchObject({ value: '2022-03-13', method: 'cross-document', inferred: true });
    expect(t.documentDates.dated).toEqual(PROVIDED('2022-03-13'));
    expect(t.entries.map((e) => [e.date.value, e.eventIds.length])).toEqual([
      ['2022-W10', 1],
      ['2022-03-13', 2],
    ]);
  });

  it('never invents a date for a document nothing dates', () => {
    const t = reconcileTimeline([
      doc('lonely', UNKNOWN, [
        event('lonely', 0, {
          title: 'Someone says something',
          date: { value: 'XXXX-WXX-3', granularity: 'unknown', certainty: 'inferred' },
          resolution: 'document-relative',
          relative: { kind: 'weekday', weekday: 3, direction: 'past' },
        }),
      ]),
    ]);
    expect(t.documentDates.lonely).toEqual(UNKNOWN);
    expect(t.entries[0]?.date.value).toBe('XXXX-WXX-3');
  });

  it('is deterministic for any order of arrival', () => {
    const all = [kofmanA, kofmanB, kofmanC];
    const expected = reconcileTimeline(all);
    for (const seed of [1, 2, 3, 4]) expect(reconcileTimeline(shuffled(all, seed))).toEqual(expected);
  });
});
