import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis, ExtractedEvent } from '../../src/model/timeline-model.js';
import { MAX_KEYWORD_BLOCK } from '../../src/reconcile/cluster.js';
import { IncrementalReconciliation } from '../../src/reconcile/incremental-reconciliation.js';
import { mergeStoryTimelines, reconcileStory, reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { StoryIndex, storiesOf, storyKeysOf } from '../../src/reconcile/stories.js';
import { shuffled } from '../pipeline/seed-support.js';
import { randomOf } from './reconcile-pool.js';

/**
 * Stories respect reconciliation's caps counted over the archive: a keyword held by more events of
 * one day than reconciliation compares through links nothing, so a key that becomes too common as
 * documents arrive pulls its stories apart, and one that stops being too common (an analysis
 * replaced) joins them again. Incremental and full reconciliation must agree through both.
 *
 * Each document reports one event on 2024-05-06 carrying the head word "invade" (reports sharing it
 * are one happening) and a keyword it shares with one other document only ("front0", "front1", …).
 */

const DAY = '2024-05-06';

function report(n: number, keywords: readonly string[] = ['invade'], actors: readonly string[] = []): DocumentAnalysis {
  const documentId = `cap-${String(n).padStart(4, '0')}`;
  const pair = `front${Math.floor(n / 2)}`;
  const event: ExtractedEvent = {
    eventId: `${documentId}:x1:e0`,
    ordinal: 0,
    title: `Troops ${keywords.join(' ')} ${pair} report ${n}`,
    actors: [...actors],
    quote: { start: 0, end: 1, text: `report ${n}` },
    timex: { start: 0, end: 1, text: 'x', type: 'DATE', value: DAY },
    keywords: [...keywords, pair, `word${n}`],
    resolution: 'explicit',
    date: { value: DAY, granularity: 'day', certainty: 'explicit' },
  };
  return {
    documentId,
    extractorVersion: 'x1',
    title: `Report ${n}`,
    documentDate: { value: DAY, inferred: false, method: 'provided', confidence: 1 },
    events: [event],
    clutter: [],
  };
}

const reports = (count: number): DocumentAnalysis[] => Array.from({ length: count }, (_, n) => report(n));
const largest = (stories: readonly (readonly unknown[])[]): number => Math.max(0, ...stories.map((s) => s.length));

describe('stories respect the per-day keyword cap, counted over the archive', () => {
  it('links the reports of a keyword up to the cap, and none through it past the cap', () => {
    const atCap = storiesOf(reports(MAX_KEYWORD_BLOCK));
    expect(atCap).toHaveLength(1);
    const pastCap = storiesOf(reports(MAX_KEYWORD_BLOCK + 1));
    // Only the pairs sharing a rare keyword stay together.
    expect(largest(pastCap)).toBe(2);
    expect(pastCap).toHaveLength(Math.ceil((MAX_KEYWORD_BLOCK + 1) / 2));
  });

  it('splitting by story changes nothing the reconciliation of all would give, at and past the cap', () => {
    for (const count of [MAX_KEYWORD_BLOCK, MAX_KEYWORD_BLOCK + 1]) {
      const all = reports(count);
      expect(JSON.stringify(reconcileTimeline(all))).toBe(JSON.stringify(mergeStoryTimelines([reconcileStory(all)])));
    }
    expect(reconcileTimeline(reports(MAX_KEYWORD_BLOCK)).entries).toHaveLength(1);
  });

  it('pulls the story apart when the key becomes too common, and joins it again when it stops being', () => {
    const index = new StoryIndex();
    for (const analysis of reports(MAX_KEYWORD_BLOCK)) index.put(analysis.documentId, storyKeysOf(analysis));
    expect(index.stories()).toHaveLength(1);

    const extra = report(MAX_KEYWORD_BLOCK);
    const changed = index.put(extra.documentId, storyKeysOf(extra));
    // Every holder's story was partitioned again.
    expect(changed).toHaveLength(MAX_KEYWORD_BLOCK + 1);
    expect(largest(index.stories())).toBe(2);

    // The extra report analysed again without the keyword: the rest are one story again.
    const without = report(MAX_KEYWORD_BLOCK, ['advance']);
    index.put(without.documentId, storyKeysOf(without));
    expect(index.storyOf('cap-0000')?.size).toBe(MAX_KEYWORD_BLOCK);
    expect(index.stories().map((s) => s.length)).toEqual([MAX_KEYWORD_BLOCK, 1]);
  });

  it('keeps the story whole when its reports still meet through another block', () => {
    // All of them also name one organisation, a block far under its own cap: nothing comes apart.
    const index = new StoryIndex();
    for (let n = 0; n < MAX_KEYWORD_BLOCK; n++) {
      const analysis = report(n, ['invade'], ['Defense Ministry']);
      index.put(analysis.documentId, storyKeysOf(analysis));
    }
    const extra = report(MAX_KEYWORD_BLOCK, ['invade'], ['Defense Ministry']);
    expect(index.put(extra.documentId, storyKeysOf(extra))).toEqual([extra.documentId]);
    expect(index.stories()).toHaveLength(1);
    const all = Array.from({ length: MAX_KEYWORD_BLOCK + 1 }, (_, n) => report(n, ['invade'], ['Defense Ministry']));
    expect(storiesOf(all)).toHaveLength(1);
  });

  for (const seed of [1, 2, 3]) {
    it(`arrival order ${seed}: incremental equals full while the key crosses the cap both ways`, () => {
      const random = randomOf(seed);
      const pool = reports(MAX_KEYWORD_BLOCK + 4);
      const arrivals = shuffled(pool, seed);
      const current = new Map<string, DocumentAnalysis>();
      const reconciliation = new IncrementalReconciliation();
      let crossed = 0;
      let wasPast = false;
      const apply = (batch: DocumentAnalysis[]): void => {
        for (const analysis of batch) current.set(analysis.documentId, analysis);
        const all = [...current.values()];
        reconciliation.update(batch, (ids) => ids.map((id) => current.get(id)!));
        expect(JSON.stringify(reconciliation.timeline())).toBe(JSON.stringify(reconcileTimeline(all)));
        expect(reconciliation.storySizes().sort((a, b) => a - b)).toEqual(
          storiesOf(all)
            .map((s) => s.length)
            .sort((a, b) => a - b),
        );
        const past = all.filter((a) => a.events[0]?.keywords?.includes('invade')).length > MAX_KEYWORD_BLOCK;
        if (past !== wasPast) crossed++;
        wasPast = past;
      };
      const holds = (n: number): boolean =>
        current.get(report(n).documentId)?.events[0]?.keywords?.includes('invade') ?? false;
      while (arrivals.length > 0) {
        const batch = arrivals.splice(0, 1 + Math.floor(random() * 8));
        // Now and then a report loses the keyword or gets it back.
        const known = [...current.values()];
        if (known.length > 0 && random() < 0.2) {
          const n = Number(known[Math.floor(random() * known.length)]!.documentId.slice(4));
          batch.push(report(n, holds(n) ? ['advance'] : ['invade']));
        }
        apply(batch);
      }
      // Then every report holds the keyword again, and the count walks below the cap and past it again, one revision at a time.
      for (let n = 0; n < pool.length; n++) if (!holds(n)) apply([report(n)]);
      const order = shuffled(
        pool.map((_, n) => n),
        seed,
      ).slice(0, 8);
      for (const n of order) if (holds(n)) apply([report(n, ['advance'])]);
      for (const n of order) if (!holds(n)) apply([report(n)]);
      expect(crossed).toBeGreaterThanOrEqual(2);
    });
  }
});
