// Regression guard on the development corpus: the TempEval-3 figures that ../shared/tools/score-timex.mjs
// computes, recomputed here (same greedy overlap matching) so the test needs no child process.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';
import { isHeldOut } from '../../src/tagger/eval/split.js';

interface Span { start: number; end: number; type: string; value: string }
interface GoldDoc { id: string; dct: string; text: string; timexes: Span[] }

const CORPUS = join(process.cwd(), 'test/fixtures/timebank.jsonl');

// What the tagger reached when this guard was set, minus 0.01.
const FLOOR = { relaxedF1: 0.941, valueF1: 0.835 };

function score(docs: GoldDoc[]): { relaxedF1: number; valueF1: number; strictF1: number; typeF1: number } {
  let nGold = 0, nSys = 0, strict = 0, relaxed = 0, typeOk = 0, valueOk = 0;
  for (const doc of docs) {
    const system = tagTemporalExpressions(doc.text, { referenceDate: doc.dct });
    nGold += doc.timexes.length;
    nSys += system.length;
    const used = new Set<number>();
    for (const g of doc.timexes) {
      let best = -1, bestOverlap = 0;
      system.forEach((s, i) => {
        if (used.has(i)) return;
        const overlap = Math.min(g.end, s.end) - Math.max(g.start, s.start);
        if (overlap > bestOverlap) { best = i; bestOverlap = overlap; }
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
  const f1 = (k: number): number => { const p = nSys ? k / nSys : 0, r = nGold ? k / nGold : 0; return p + r ? (2 * p * r) / (p + r) : 0; };
  return { strictF1: f1(strict), relaxedF1: f1(relaxed), typeF1: f1(typeOk), valueF1: f1(valueOk) };
}

describe.skipIf(!existsSync(CORPUS))('TimeBank development corpus (regression guard)', () => {
  const docs = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldDoc);

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
