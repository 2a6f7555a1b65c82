// Regression guard on the development corpus: the TempEval-3 figures that ../shared/tools/score-timex.mjs
// computes, recomputed here (same greedy overlap matching) so the test needs no child process.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';
import { isHeldOut } from '../../src/tagger/eval/split.js';
import { figuresOf, pairDocument } from '../../src/tagger/eval/score.js';

interface Span {
  start: number;
  end: number;
  type: string;
  value: string;
}
interface GoldDoc {
  id: string;
  dct: string;
  text: string;
  timexes: Span[];
}

const CORPUS = join(process.cwd(), 'test/fixtures/timebank.jsonl');

// What the tagger reached when this guard was set, minus 0.01.
const FLOOR = { relaxedF1: 0.941, valueF1: 0.835 };

function score(docs: GoldDoc[]): { relaxedF1: number; valueF1: number; strictF1: number; typeF1: number } {
  let nGold = 0,
    nSys = 0,
    strict = 0,
    relaxed = 0,
    typeOk = 0,
    valueOk = 0;
  for (const doc of docs) {
    const system = tagTemporalExpressions(doc.text, { referenceDate: doc.dct });
    nGold += doc.timexes.length;
    nSys += system.length;
    const used = new Set<number>();
    for (const g of doc.timexes) {
      let best = -1,
        bestOverlap = 0;
      system.forEach((s, i) => {
        if (used.has(i)) return;
        const overlap = Math.min(g.end, s.end) - Math.max(g.start, s.start);
        if (overlap > bestOverlap) {
          best = i;
          bestOverlap = overlap;
        }
      });
      if (best < 0) continue;
      used.add(best);
      const s = system[best]!;
      relaxed++;
      if (s.start === g.start && s.end === g.end) strict++;
      if (s.type === g.type) typeOk++;
      if (s.value === g.value) valueOk++;
    }
  }
  const f1 = (k: number): number => {
    const p = nSys ? k / nSys : 0,
      r = nGold ? k / nGold : 0;
    return p + r ? (2 * p * r) / (p + r) : 0;
  };
  return { strictF1: f1(strict), relaxedF1: f1(relaxed), typeF1: f1(typeOk), valueF1: f1(valueOk) };
}

describe.skipIf(!existsSync(CORPUS))('TimeBank development corpus (regression guard)', () => {
  const docs = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldDoc);

  it('full corpus: value and relaxed F1 do not fall below what was reached', () => {
    const figures = score(docs);
    expect(figures.relaxedF1).toBeGreaterThanOrEqual(FLOOR.relaxedF1);
    expect(figures.valueF1).toBeGreaterThanOrEqual(FLOOR.valueF1);
  });

  it('the held-out split is about a fifth of the documents and fixed', () => {
    const held = docs.filter((d) => isHeldOut(d.id)).length;
    expect(held / docs.length).toBeGreaterThan(0.15);
    expect(held / docs.length).toBeLessThan(0.3);
  });
});

const MEANTIME = join(process.cwd(), 'test/tagger/fixtures/meantime-apple.jsonl');
// What the tagger reached on the second development file (issue 14), minus 0.01.
const MEANTIME_FLOOR = { relaxedF1: 0.948, valueF1: 0.865 };

describe.skipIf(!existsSync(MEANTIME))('meantime-apple, the second development file (regression guard)', () => {
  const docs = readFileSync(MEANTIME, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldDoc);

  it('value and relaxed F1 do not fall below what was reached', () => {
    const pairs = docs.flatMap((doc) =>
      pairDocument(doc, tagTemporalExpressions(doc.text, { referenceDate: doc.dct })),
    );
    const figures = figuresOf(pairs);
    expect(figures.relaxedF1).toBeGreaterThanOrEqual(MEANTIME_FLOOR.relaxedF1);
    expect(figures.valueF1).toBeGreaterThanOrEqual(MEANTIME_FLOOR.valueF1);
  });

  it.skipIf(!existsSync(CORPUS))("the TypeScript pairing gives the shared scorer's figures on TimeBank", () => {
    const timebank = readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as GoldDoc);
    const pairs = timebank.flatMap((doc) =>
      pairDocument(doc, tagTemporalExpressions(doc.text, { referenceDate: doc.dct })),
    );
    const mine = score(timebank);
    const shared = figuresOf(pairs);
    expect(shared.valueF1).toBeCloseTo(mine.valueF1, 4);
    expect(shared.relaxedF1).toBeCloseTo(mine.relaxedF1, 4);
    expect(shared.strictF1).toBeCloseTo(mine.strictF1, 4);
  });
});
