// The TempEval-3 matching of ../shared/tools/score-timex.mjs, in TypeScript: gold and system
// expressions are paired greedily by largest overlap, and every pair or leftover is kept, so the
// errors can be grouped (by class, by kind) and not only counted. The figures equal the scorer's.

export interface ScoredSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly value: string;
}
export interface GoldDocument {
  readonly id: string;
  readonly dct: string;
  readonly text: string;
  readonly timexes: readonly ScoredSpan[];
}

/** What went wrong with one gold or system expression; `span` / `type` / `value`: matched with overlap. */
export type ErrorKind = 'missed' | 'spurious' | 'span' | 'type' | 'value';

export interface Pairing {
  readonly docId: string;
  readonly text: string;
  readonly gold?: ScoredSpan;
  readonly system?: ScoredSpan;
}

export interface Figures {
  gold: number;
  system: number;
  strictF1: number;
  relaxedF1: number;
  typeF1: number;
  valueF1: number;
}

/** Pairs one document's gold and system expressions as the shared scorer does. */
export function pairDocument(doc: GoldDocument, system: readonly ScoredSpan[]): Pairing[] {
  const pairs: Pairing[] = [];
  const used = new Set<number>();
  for (const gold of doc.timexes) {
    let best = -1;
    let bestOverlap = 0;
    system.forEach((s, i) => {
      if (used.has(i)) return;
      const overlap = Math.min(gold.end, s.end) - Math.max(gold.start, s.start);
      if (overlap > bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    const matched = best < 0 ? undefined : system[best];
    if (matched) used.add(best);
    pairs.push(
      matched ? { docId: doc.id, text: doc.text, gold, system: matched } : { docId: doc.id, text: doc.text, gold },
    );
  }
  system.forEach((s, i) => {
    if (!used.has(i)) pairs.push({ docId: doc.id, text: doc.text, system: s });
  });
  return pairs;
}

/**
 * The error kinds of a pairing, most costly first: a missed or spurious expression costs every
 * figure, a wrong value only value F1. A pair can be wrong in span and value at once.
 */
export function errorKinds(pair: Pairing): ErrorKind[] {
  const { gold, system } = pair;
  if (!gold) return ['spurious'];
  if (!system) return ['missed'];
  const kinds: ErrorKind[] = [];
  if (gold.start !== system.start || gold.end !== system.end) kinds.push('span');
  if (gold.type !== system.type) kinds.push('type');
  if (gold.value !== system.value) kinds.push('value');
  return kinds;
}

export function figuresOf(pairs: readonly Pairing[]): Figures {
  let nGold = 0,
    nSystem = 0,
    strict = 0,
    relaxed = 0,
    typeOk = 0,
    valueOk = 0;
  for (const { gold, system } of pairs) {
    if (gold) nGold++;
    if (system) nSystem++;
    if (!gold || !system) continue;
    relaxed++;
    if (gold.start === system.start && gold.end === system.end) strict++;
    if (gold.type === system.type) typeOk++;
    if (gold.value === system.value) valueOk++;
  }
  const f1 = (k: number): number => {
    const p = nSystem ? k / nSystem : 0;
    const r = nGold ? k / nGold : 0;
    return p + r ? Math.round((20000 * p * r) / (p + r)) / 10000 : 0;
  };
  return {
    gold: nGold,
    system: nSystem,
    strictF1: f1(strict),
    relaxedF1: f1(relaxed),
    typeF1: f1(typeOk),
    valueF1: f1(valueOk),
  };
}
