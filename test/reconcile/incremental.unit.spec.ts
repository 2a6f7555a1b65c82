import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis } from '../../src/model/timeline-model.js';
import { IncrementalReconciliation } from '../../src/reconcile/incremental-reconciliation.js';
import { mergeStoryTimelines, reconcileStory, reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { storiesOf } from '../../src/reconcile/stories.js';
import { shuffled } from '../pipeline/seed-support.js';
import { corpusAnalyses, fixtureStory, generatedArchive, randomOf, revised, seedAnalyses } from './reconcile-pool.js';

/**
 * Incremental reconciliation equals a full one byte for byte, whatever order documents arrive in:
 * the seeds (dated and undated), the two fixture stories, the MEANTIME Apple news and TimeBank
 * corpus texts, and a generated archive of many stories of skewed sizes (undated documents,
 * year-level events and a shared vocabulary included), with some documents analysed again under
 * other metadata (a revision: the story may split or join another).
 */

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
    // A full reconciliation after every batch is the slow part (a timeout, not a speed assertion).
    it(
      `arrival order ${seed}: after every batch the same timeline as a full reconciliation; untouched stories are not read`,
      { timeout: 180_000 },
      () => {
        const { batches, readAtMost } = checkArrivals(pool, seed);
        expect(batches).toBeGreaterThan(50);
        // No batch needed the whole archive.
        expect(readAtMost).toBeLessThan(pool.length / 2);
      },
    );
  }
});
