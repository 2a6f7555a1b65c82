import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis, ExtractedEvent } from '../../src/model/timeline-model.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';

/** Many stories, each reported by several documents with ~10 events: the shape of a news corpus. */
function syntheticCorpus(documents: number): DocumentAnalysis[] {
  const surnames = [
    'Smith',
    'Garcia',
    'Nguyen',
    'Okafor',
    'Ivanova',
    'Kowalski',
    'Haddad',
    'Tanaka',
    'Silva',
    'Muller',
    'Rossi',
    'Dubois',
  ];
  const verbs = ['meets', 'tells', 'denies', 'signs', 'visits', 'announces', 'rejects', 'warns'];
  const objects = [
    'treaty',
    'budget',
    'strike',
    'election',
    'inquiry',
    'merger',
    'ceasefire',
    'tariff',
    'vaccine',
    'pipeline',
    'summit',
    'lawsuit',
  ];
  const analyses: DocumentAnalysis[] = [];
  for (let d = 0; d < documents; d++) {
    const story = Math.floor(d / 5);
    const base = Date.UTC(2021, 0, 1) / 86_400_000 + (story % 700);
    const events: ExtractedEvent[] = [];
    for (let k = 0; k < 10; k++) {
      const day = new Date((base + ((k * 3) % 11)) * 86_400_000).toISOString().slice(0, 10);
      const person = `${String.fromCharCode(65 + (story % 26))}. ${surnames[(story + k) % surnames.length]}${story % 97}`;
      const object = objects[(story * 7 + k) % objects.length] ?? 'deal';
      const verb = verbs[(story + k) % verbs.length] ?? 'says';
      events.push({
        eventId: `doc-${String(d).padStart(6, '0')}:x1:e${k}`,
        ordinal: k,
        title: `${person.split(' ')[1]} ${verb} ${object} ${story}`,
        actors: [person],
        date: { value: day, granularity: 'day', certainty: 'inferred' },
        resolution: 'explicit',
        quote: { start: 0, end: 1, text: 'x' },
        timex: { start: 0, end: 1, text: 'x', type: 'DATE', value: day },
        keywords: [object, `story${story}`, verb.replace(/s$/, '')],
      });
    }
    analyses.push({
      documentId: `doc-${String(d).padStart(6, '0')}`,
      extractorVersion: 'x1',
      title: `Story ${story}`,
      documentDate: { value: '2022-01-01', inferred: false, method: 'provided', confidence: 1 },
      events,
      clutter: [],
    });
  }
  return analyses;
}

describe('scale', () => {
  // Speed is measured by `npm run bench` (reconcileMs), never asserted here: these check the results at scale.
  it('reconciles 10,000 documents (100,000 events) into merged entries', () => {
    const timeline = reconcileTimeline(syntheticCorpus(10_000));
    expect(timeline.entries.length).toBeGreaterThan(10_000);
    expect(timeline.entries.length).toBeLessThan(100_000);
  });

  it('learns dates for thousands of undated documents', () => {
    // Every other document is undated: its events are weekdays to be placed through the dated ones.
    const corpus = syntheticCorpus(10_000).map((a, d) => {
      if (d % 2 === 0) return a;
      const events = a.events.map((e) => {
        const day = new Date(`${e.date.value}T00:00:00Z`).getUTCDay();
        const weekday = day === 0 ? 7 : day;
        return {
          ...e,
          resolution: 'document-relative' as const,
          relative: { kind: 'weekday' as const, weekday, direction: 'nearest' as const },
          date: { value: `2022-WXX-${weekday}`, granularity: 'unknown' as const, certainty: 'inferred' as const },
        };
      });
      return {
        ...a,
        documentDate: { value: '2022-XX-XX', inferred: true, method: 'unknown' as const, confidence: 0.5 },
        events,
      };
    });
    const timeline = reconcileTimeline(corpus);
    const learned = Object.values(timeline.documentDates).filter((d) => d.method === 'cross-document').length;
    expect(learned).toBeGreaterThan(1_500);
  });
});
