// Throughput of the tagger against plain chrono-node on the same texts. The two are timed in
// alternating rounds and compared by their medians, so a burst of load from another process on a
// shared machine hits both sides instead of skewing the ratio. Called by `npm run bench`.

import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { parseYmd } from './calendar.js';
import { tagTemporalExpressions } from './tag.js';

const WARM_UP_PASSES = 2;
const ROUNDS = 7;
const MIN_ROUND_MS = 250;

/** Docs per second for one round: whole passes over the texts until MIN_ROUND_MS has gone by. */
function round(count: number, run: (i: number) => void): number {
  let docs = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < count; i++) run(i);
    docs += count;
    elapsed = performance.now() - started;
  } while (elapsed < MIN_ROUND_MS);
  return (docs * 1000) / elapsed;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function benchTagger(texts: string[], dcts: string[]): Promise<{ taggerDocsPerSec: number; chronoDocsPerSec: number; ratio: number }> {
  if (texts.length === 0) throw new Error('benchTagger needs at least one text');
  if (dcts.length !== texts.length) throw new Error('benchTagger needs one document date per text');
  const refDates = dcts.map((dct) => {
    const ymd = parseYmd(dct);
    if (!ymd) throw new Error(`invalid document date "${dct}"`);
    return new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d, 12));
  });
  let sink = 0;
  const plain = (i: number): void => { sink += chrono.parse(texts[i]!, refDates[i]!).length; };
  const tagger = (i: number): void => { sink += tagTemporalExpressions(texts[i]!, { referenceDate: dcts[i]! }).length; };
  for (let p = 0; p < WARM_UP_PASSES; p++) {
    for (let i = 0; i < texts.length; i++) { plain(i); tagger(i); }
  }
  const chronoRounds: number[] = [];
  const taggerRounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    chronoRounds.push(round(texts.length, plain));
    taggerRounds.push(round(texts.length, tagger));
    // Let pending I/O of the caller run between rounds.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (sink < 0) throw new Error('unreachable');
  const chronoDocsPerSec = median(chronoRounds);
  const taggerDocsPerSec = median(taggerRounds);
  return { taggerDocsPerSec, chronoDocsPerSec, ratio: taggerDocsPerSec / chronoDocsPerSec };
}
