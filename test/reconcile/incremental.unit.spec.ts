import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis, ExtractedEvent } from '../../src/model/timeline-model.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { IncrementalReconciliation } from '../../src/reconcile/incremental-reconciliation.js';
import { mergeStoryTimelines, reconcileStory, reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { storiesOf } from '../../src/reconcile/stories.js';
import { loadSeeds, inputOf, shuffled } from '../pipeline/seed-support.js';

/**
 * Incremental reconciliation equals a full one byte for byte, whatever order documents arrive in:
 * the seeds (dated and undated), the two fixture stories, the MEANTIME Apple news and TimeBank
 * corpus texts, and a generated archive of many stories of skewed sizes (undated documents,
 * year-level events and a shared vocabulary included), with some documents analysed again under
 * other metadata (a revision: the story may split or join another).
 */

const FIXTURES = join(import.meta.dirname, '../fixtures');

function jsonl(path: string, count: number): Array<{ id: string; dct: string; text: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, count)
    .map((line) => JSON.parse(line) as { id: string; dct: string; text: string });
}

function fixtureStory(name: string): DocumentAnalysis[] {
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'stories', name, 'manifest.json'), 'utf8')) as {
    documents: { file: string; publishedAt?: string }[];
  };
  return manifest.documents.map((d) =>
    analyzeDocument({
      documentId: `${name}-${d.file.replace('.txt', '')}`,
      text: readFileSync(join(FIXTURES, 'stories', name, d.file), 'utf8'),
      source: 'fixture',
      ...(d.publishedAt ? { publishedAt: d.publishedAt } : {}),
    }),
  );
}

const VERBS = ['meet', 'sign', 'deny', 'visit', 'announce', 'warn', 'resign', 'testify'];
const OBJECTS = ['treaty', 'budget', 'strike', 'merger', 'tariff', 'summit', 'inquiry', 'pipeline'];

/** A made-up surname of its own for each story (so close spellings do not join unrelated stories). */
function surnameOf(story: number): string {
  const random = randomOf(story + 1000);
  const letters = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  let name = '';
  for (let i = 0; i < 4; i++)
    name += `${letters[Math.floor(random() * letters.length)]}${vowels[Math.floor(random() * vowels.length)]}`;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * Many stories, most of one or two reports, a few of a dozen; every fifth report undated. Each
 * story has its own person and subject; every seventh shares its subject with the next one, so
 * some stories join.
 */
function generatedArchive(stories: number): DocumentAnalysis[] {
  const analyses: DocumentAnalysis[] = [];
  let d = 0;
  for (let story = 0; story < stories; story++) {
    const size = story % 17 === 0 ? 12 : story % 5 === 0 ? 4 : 1 + (story % 2);
    const person = surnameOf(story);
    const subject = `${OBJECTS[story % OBJECTS.length]}${story - (story % 7 === 1 ? 1 : 0)}`;
    const firstDay = Date.UTC(2021, 0, 1) / 86_400_000 + ((story * 11) % 400);
    for (let copy = 0; copy < size; copy++, d++) {
      const documentId = `gen-${String(d).padStart(5, '0')}`;
      const undated = d % 5 === 4;
      const events: ExtractedEvent[] = [];
      for (let k = 0; k < 4; k++) {
        const dayNumber = firstDay + ((k * 2 + copy) % 6);
        const day = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        const weekday = new Date(dayNumber * 86_400_000).getUTCDay() || 7;
        const verb = VERBS[(story + k) % VERBS.length] ?? 'meet';
        const yearLevel = k === 3 && story % 3 === 0;
        const base = {
          eventId: `${documentId}:x1:e${k}`,
          ordinal: k,
          title: `${person} ${verb}s ${subject}`,
          actors: [`A. ${person}`],
          persons: [`A. ${person}`],
          quote: { start: 0, end: 1, text: `${person} ${verb}s the ${subject}` },
          timex: { start: 0, end: 1, text: 'x', type: 'DATE' as const, value: day },
          keywords: [subject],
          predicate: verb,
        };
        events.push(
          undated
            ? {
                ...base,
                resolution: 'document-relative',
                relative: { kind: 'weekday', weekday, direction: 'nearest' },
                date: { value: 'XXXX-WXX-' + weekday, granularity: 'unknown', certainty: 'inferred' },
              }
            : yearLevel
              ? {
                  ...base,
                  resolution: 'explicit',
                  date: { value: day.slice(0, 4), granularity: 'year', certainty: 'explicit' },
                }
              : { ...base, resolution: 'explicit', date: { value: day, granularity: 'day', certainty: 'explicit' } },
        );
      }
      const published = new Date((firstDay + 6) * 86_400_000).toISOString().slice(0, 10);
      analyses.push({
        documentId,
        extractorVersion: 'x1',
        title: `${person} story`,
        documentDate: undated
          ? { value: 'XXXX-XX-XX', inferred: true, method: 'unknown', confidence: 0.5 }
          : { value: published, inferred: false, method: 'provided', confidence: 1 },
        events,
        clutter: [],
      });
    }
  }
  return analyses;
}

/** The same document analysed again under other metadata: undated when it was dated, dated a month later otherwise. */
function revised(analysis: DocumentAnalysis): DocumentAnalysis {
  const wasDated = analysis.documentDate.method === 'provided';
  return {
    ...analysis,
    extractorVersion: analysis.extractorVersion,
    documentDate: wasDated
      ? { value: 'XXXX-XX-XX', inferred: true, method: 'unknown', confidence: 0.5 }
      : { value: '2021-06-01', inferred: false, method: 'provided', confidence: 1 },
  };
}

const seedAnalyses = (): DocumentAnalysis[] => [
  ...loadSeeds().map((seed) => analyzeDocument(inputOf(seed, 'published'))),
  ...loadSeeds().map((seed) =>
    analyzeDocument({ ...inputOf(seed, 'no-hint'), documentId: `${seed.documentId}-undated` }),
  ),
];

const corpusAnalyses = (): DocumentAnalysis[] => [
  ...jsonl(join(FIXTURES, '../tagger/fixtures/meantime-apple.jsonl'), 30).map((r) =>
    analyzeDocument({ documentId: `apple-${r.id}`, text: r.text, source: r.id, publishedAt: r.dct }),
  ),
  ...jsonl(join(FIXTURES, 'timebank.jsonl'), 25).map((r) =>
    analyzeDocument({ documentId: `timebank-${r.id}`, text: r.text, source: r.id, publishedAt: r.dct }),
  ),
];

/** A deterministic generator of batch sizes and revision picks (mulberry32). */
function randomOf(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const documentsOfStoriesWith = (analyses: readonly DocumentAnalysis[], ids: ReadonlySet<string>): string[] =>
  storiesOf(analyses)
    .filter((story) => story.some((a) => ids.has(a.documentId)))
    .flatMap((story) => story.map((a) => a.documentId))
    .sort();

/** Feeds the documents in batches, some revised on the way; after each batch compares with a full reconciliation. */
function checkArrivals(pool: readonly DocumentAnalysis[], seed: number): { batches: number; readAtMost: number } {
  const random = randomOf(seed);
  const arrivals = shuffled(pool, seed);
  const current = new Map<string, DocumentAnalysis>();
  const reconciliation = new IncrementalReconciliation();
  let batches = 0;
  let readAtMost = 0;
  while (arrivals.length > 0) {
    const batch = arrivals.splice(0, 1 + Math.floor(random() * 6));
    // Now and then a document already in is analysed again under other metadata.
    const known = [...current.values()];
    if (known.length > 0 && random() < 0.25) batch.push(revised(known[Math.floor(random() * known.length)]!));
    const before = [...current.values()];
    const batchIds = new Set(batch.map((a) => a.documentId));
    // The stories the batch's documents were in (a revision may split them) and are in now.
    const reached = new Set([...batchIds, ...documentsOfStoriesWith(before, batchIds)]);
    for (const analysis of batch) current.set(analysis.documentId, analysis);
    const all = [...current.values()];

    const read: string[] = [];
    const update = reconciliation.update(batch, (ids) => {
      read.push(...ids);
      return ids.map((id) => current.get(id)!);
    });
    // Only the stories the batch touches are read and reconciled again.
    expect(read.sort()).toEqual(documentsOfStoriesWith(all, reached));
    expect(update.documentIds).toEqual(read);
    readAtMost = Math.max(readAtMost, read.length);
    expect(JSON.stringify(reconciliation.timeline())).toBe(JSON.stringify(reconcileTimeline(all)));
    batches++;
  }
  return { batches, readAtMost };
}

describe('incremental reconciliation equals a full one, byte for byte, in any arrival order', () => {
  const pool = [
    ...seedAnalyses(),
    ...fixtureStory('port-strike'),
    ...fixtureStory('cyber-hearing'),
    ...corpusAnalyses(),
    ...generatedArchive(80),
  ];

  it('splits the pool into many stories, and splitting changes nothing the reconciliation of all would give', () => {
    const stories = storiesOf(pool);
    expect(stories.length).toBeGreaterThan(40);
    // Reconciling everything as one story (no split) gives the same timeline on these documents.
    expect(JSON.stringify(reconcileTimeline(pool))).toBe(JSON.stringify(mergeStoryTimelines([reconcileStory(pool)])));
  });

  for (const seed of [1, 2, 3]) {
    it(`arrival order ${seed}: after every batch the same timeline as a full reconciliation; untouched stories are not read`, () => {
      const { batches, readAtMost } = checkArrivals(pool, seed);
      expect(batches).toBeGreaterThan(50);
      // No batch needed the whole archive.
      expect(readAtMost).toBeLessThan(pool.length / 2);
    });
  }
});
