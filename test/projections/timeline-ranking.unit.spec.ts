import { describe, expect, it } from 'vitest';
import { filterTimelineByEntity } from '../../src/projections/entity-filter.js';
import { compareImportance, mostImportantEntries, rankEntries } from '../../src/projections/timeline-ranking.js';
import type { TimelineEntry, TimelineSource, TimelineView } from '../../src/projections/timeline-view.js';

function source(
  documentId: string,
  quote: string,
  resolution: TimelineSource['resolution'] = 'document-relative',
): TimelineSource {
  return {
    documentId,
    eventId: `${documentId}:x1:e0`,
    quote,
    start: 0,
    end: quote.length,
    dateText: 'Monday',
    dateStart: 0,
    dateEnd: 6,
    date: '2022-03-14',
    resolution,
  };
}

function entry(
  id: string,
  date: string,
  options: {
    documents?: string[];
    certainty?: TimelineEntry['certainty'];
    resolution?: TimelineSource['resolution'];
    actors?: string[];
    persons?: string[];
    quote?: string;
  } = {},
): TimelineEntry {
  const documents = options.documents ?? ['doc-a'];
  return {
    id,
    date,
    granularity: 'day',
    title: `Entry ${id}`,
    certainty: options.certainty ?? 'inferred',
    sources: documents.map((documentId) =>
      source(documentId, options.quote ?? `Something happened to ${id}.`, options.resolution),
    ),
    ...(options.actors ? { actors: options.actors } : {}),
    ...(options.persons ? { persons: options.persons } : {}),
  };
}

function viewOf(entries: TimelineEntry[]): TimelineView {
  return { position: 1, documents: [], entries: rankEntries(entries), notes: [] };
}

describe('ranking entries by importance', () => {
  it('puts more distinct documents first, then stated dates, then more actors, then date and id', () => {
    const twoReportsOfOneDocument = entry('a', '2022-03-01', {
      documents: ['doc-a', 'doc-a'],
      certainty: 'explicit',
      actors: ['X', 'Y', 'Z'],
    });
    const threeDocuments = entry('b', '2022-03-09', { documents: ['doc-a', 'doc-b', 'doc-c'] });
    const twoDocuments = entry('c', '2022-03-08', { documents: ['doc-a', 'doc-b'] });
    const statedBySource = entry('d', '2022-03-07', { resolution: 'explicit' });
    const statedByCertainty = entry('e', '2022-03-06', { certainty: 'explicit', actors: ['X'] });
    const manyActors = entry('f', '2022-03-05', { actors: ['X', 'Y', 'Z'] });
    const earlier = entry('g', '2022-03-02');
    const sameDayLaterId = entry('i', '2022-03-03');
    const sameDaySmallerId = entry('h', '2022-03-03');
    const view = viewOf([
      twoReportsOfOneDocument,
      earlier,
      sameDaySmallerId,
      sameDayLaterId,
      manyActors,
      statedByCertainty,
      statedBySource,
      twoDocuments,
      threeDocuments,
    ]);

    const byRank = [...view.entries].sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0)).map((e) => e.id);
    expect(byRank).toEqual(['b', 'c', 'a', 'e', 'd', 'f', 'g', 'h', 'i']);
    // The view keeps its order (date order); only `rank` is added, 1..n without gaps.
    expect(view.entries.map((e) => e.id)).toEqual(['a', 'g', 'h', 'i', 'f', 'e', 'd', 'c', 'b']);
    expect(view.entries.map((e) => e.rank).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("puts what a report's lede tells after what several documents tell, before stated dates", () => {
    const lede = entry('lede', '2022-03-10');
    const ledeView = { ...lede, sources: lede.sources.map((s) => ({ ...s, lede: true as const })) };
    const stated = entry('stated', '2022-03-01', { certainty: 'explicit', actors: ['X', 'Y'] });
    const twoDocuments = entry('two', '2022-03-05', { documents: ['doc-a', 'doc-b'] });
    const view = viewOf([stated, ledeView, twoDocuments]);
    const byRank = [...view.entries].sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0)).map((e) => e.id);
    expect(byRank).toEqual(['two', 'lede', 'stated']);
  });

  it('is a total order: no two different entries compare equal, whatever order they come in', () => {
    const entries = [entry('x', '2022-03-03'), entry('y', '2022-03-03'), entry('z', 'XXXX-03-03')];
    expect(compareImportance(entries[0]!, entries[1]!)).toBeLessThan(0);
    expect(compareImportance(entries[1]!, entries[0]!)).toBeGreaterThan(0);
    const forward = rankEntries(entries).map((e) => [e.id, e.rank] as const);
    const backward = rankEntries([...entries].reverse()).map((e) => [e.id, e.rank] as const);
    expect(new Map(forward)).toEqual(new Map(backward));
  });

  it('keeps the top N in date order and counts the rest', () => {
    const view = viewOf([
      entry('early-minor', '2022-01-01'),
      entry('early-major', '2022-01-02', { documents: ['doc-a', 'doc-b'] }),
      entry('late-major', '2022-05-01', { documents: ['doc-a', 'doc-b', 'doc-c'] }),
      entry('late-minor', '2022-05-02'),
    ]);
    const { view: top, omitted } = mostImportantEntries(view, 2);
    expect(top.entries.map((e) => e.id)).toEqual(['early-major', 'late-major']);
    expect(omitted).toBe(2);
    expect(mostImportantEntries(view, 10)).toEqual({ view, omitted: 0 });
  });
});

describe('entity timelines: which entries name an entity', () => {
  const view = viewOf([
    entry('apple-inc', '2022-01-01', { actors: ['Apple'], quote: 'Apple released a new phone on Monday.' }),
    entry('apple-corps', '2022-01-02', { actors: ['Apple Corps'], quote: 'Apple Corps sued on Monday.' }),
    entry('jobs-surname', '2022-01-03', { actors: ['Jobs'], quote: 'Jobs said on Monday that the phone was ready.' }),
    entry('jobs-full', '2022-01-04', {
      actors: ['Steve Jobs'],
      persons: ['Steve Jobs'],
      quote: 'Steve Jobs walked on stage on Monday.',
    }),
    entry('jobs-common-noun', '2022-01-05', { actors: ['Ford'], quote: 'Ford cut 500 jobs on Monday.' }),
    entry('boeing-quote-only', '2022-01-06', { actors: [], quote: "BOEING's board met on Monday." }),
    entry('boeing-longer-word', '2022-01-07', { actors: [], quote: 'The Boeingfield plant closed on Monday.' }),
    entry('accented', '2022-01-08', { actors: ['Société Générale'], quote: 'The bank said on Monday.' }),
  ]);
  const ids = (entity: string) => filterTimelineByEntity(view, entity).entries.map((e) => e.id);

  it('matches whole words, case-insensitively, in actors and quotes', () => {
    expect(ids('boeing')).toEqual(['boeing-quote-only']);
    expect(ids('Ford')).toEqual(['jobs-common-noun']);
  });

  it('matches a multi-word organisation by its full name only: "Apple Corps" is not plain "Apple"', () => {
    expect(ids('Apple Corps')).toEqual(['apple-corps']);
    expect(ids('apple corps')).toEqual(['apple-corps']);
  });

  it('matches a person by the full name or the last word, which in quotes must be capitalised', () => {
    expect(ids('Steve Jobs')).toEqual(['jobs-surname', 'jobs-full']);
    expect(ids('STEVE JOBS')).toEqual(['jobs-surname', 'jobs-full']);
  });

  it('takes a name unknown to the timeline for a person unless it ends with an organisation word', () => {
    const unknown = viewOf([entry('j', '2022-01-01', { quote: 'Jobs spoke on Monday.' })]);
    expect(filterTimelineByEntity(unknown, 'Steve Jobs').entries).toHaveLength(1);
    expect(filterTimelineByEntity(unknown, 'Jobs Corp').entries).toHaveLength(0);
  });

  it('ignores accents and keeps the ranks of the whole timeline', () => {
    const [match] = filterTimelineByEntity(view, 'societe generale').entries;
    expect(match?.id).toBe('accented');
    expect(match?.rank).toBe(view.entries.find((e) => e.id === 'accented')?.rank);
  });

  it("lists every match, in the view's date order, and nothing for a name nobody mentions", () => {
    expect(ids('Monday')).toHaveLength(view.entries.length);
    expect(ids('Airbus')).toEqual([]);
    expect(filterTimelineByEntity(view, undefined)).toBe(view);
  });
});
