import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DocumentAnalysis,
  DocumentInput,
  ReconciledEntry,
  ReconciledTimeline,
} from '../../src/model/timeline-model.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';

export interface Seed {
  readonly documentId: string;
  readonly text: string;
  readonly publishedAt: string;
}

const SEEDS = join(import.meta.dirname, '../../seeds');

export function loadSeeds(): Seed[] {
  const manifest = JSON.parse(readFileSync(join(SEEDS, 'manifest.json'), 'utf8')) as {
    documents: { file: string; publishedAt: string }[];
  };
  return manifest.documents.map((d) => ({
    documentId: `seed-${d.file.slice(0, 3)}`,
    text: readFileSync(join(SEEDS, d.file), 'utf8'),
    publishedAt: d.publishedAt,
  }));
}

export type Mode = 'published' | 'year-hint' | 'no-hint';

export function inputOf(seed: Seed, mode: Mode): DocumentInput {
  const base = { documentId: seed.documentId, text: seed.text, source: 'seed' };
  if (mode === 'published') return { ...base, publishedAt: seed.publishedAt };
  if (mode === 'year-hint') return { ...base, yearHint: 2022 };
  return base;
}

export function runSeeds(mode: Mode): { seeds: Seed[]; analyses: DocumentAnalysis[]; timeline: ReconciledTimeline } {
  const seeds = loadSeeds();
  const analyses = seeds.map((s) => analyzeDocument(inputOf(s, mode)));
  return { seeds, analyses, timeline: reconcileTimeline(analyses) };
}

export function documentsOf(entry: ReconciledEntry): Set<string> {
  return new Set(entry.eventIds.map((id) => id.split(':')[0] ?? id));
}

export function eventsOf(entry: ReconciledEntry, analyses: readonly DocumentAnalysis[]): DocumentAnalysis['events'] {
  const ids = new Set(entry.eventIds);
  return analyses.flatMap((a) => a.events.filter((e) => ids.has(e.eventId)));
}

/** A deterministic shuffle (mulberry32), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
