import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentAnalysis, ExtractedEvent } from '../../src/model/timeline-model.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { loadSeeds, inputOf } from '../pipeline/seed-support.js';

/**
 * Documents for the incremental reconciliation tests: the seeds (dated and undated), the two
 * fixture stories, MEANTIME Apple news and TimeBank texts, and a generated archive of many stories.
 */

const FIXTURES = join(import.meta.dirname, '../fixtures');

function jsonl(path: string, count: number): Array<{ id: string; dct: string; text: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, count)
    .map((line) => JSON.parse(line) as { id: string; dct: string; text: string });
}

export function fixtureStory(name: string): DocumentAnalysis[] {
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
export function generatedArchive(stories: number): DocumentAnalysis[] {
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
export function revised(analysis: DocumentAnalysis): DocumentAnalysis {
  const wasDated = analysis.documentDate.method === 'provided';
  return {
    ...analysis,
    extractorVersion: analysis.extractorVersion,
    documentDate: wasDated
      ? { value: 'XXXX-XX-XX', inferred: true, method: 'unknown', confidence: 0.5 }
      : { value: '2021-06-01', inferred: false, method: 'provided', confidence: 1 },
  };
}

export const seedAnalyses = (): DocumentAnalysis[] => [
  ...loadSeeds().map((seed) => analyzeDocument(inputOf(seed, 'published'))),
  ...loadSeeds().map((seed) =>
    analyzeDocument({ ...inputOf(seed, 'no-hint'), documentId: `${seed.documentId}-undated` }),
  ),
];

export const corpusAnalyses = (): DocumentAnalysis[] => [
  ...jsonl(join(FIXTURES, '../tagger/fixtures/meantime-apple.jsonl'), 30).map((r) =>
    analyzeDocument({ documentId: `apple-${r.id}`, text: r.text, source: r.id, publishedAt: r.dct }),
  ),
  ...jsonl(join(FIXTURES, 'timebank.jsonl'), 25).map((r) =>
    analyzeDocument({ documentId: `timebank-${r.id}`, text: r.text, source: r.id, publishedAt: r.dct }),
  ),
];

/** A deterministic generator of batch sizes and revision picks (mulberry32). */
export function randomOf(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
