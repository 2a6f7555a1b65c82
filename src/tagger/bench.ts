// Throughput of the tagger against plain chrono-node on the same texts. The two are timed in
// alternating rounds and compared by their medians, so a burst of load from another process on a
// shared machine hits both sides instead of skewing the ratio. Called by `npm run bench`, which also
// prints the tagger's time per character on adversarial texts of 20 KB, 200 KB and 2 MB: the cost
// must stay linear in the text, so the figure must stay flat as the text grows ten-fold.

import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { parseYmd } from '../calendar/index.js';
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

/** Time per character of one adversarial shape at each size, nanoseconds. */
export interface AdversarialFigures {
  readonly shape: string;
  readonly nsPerChar: Readonly<Record<string, number>>;
}

export const ADVERSARIAL_SIZES = [20_000, 200_000, 2_000_000] as const;

/** Repeats `piece(i)` for i = 0, 1, … until the text holds `size` characters. */
function filled(size: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = piece(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * The shapes that once made taggers super-linear: one key word repeated without a sentence end,
 * a relative phrase repeated, ordinary news with no line break (a scraped page), and a TV schedule
 * (clock times and weekdays on every few words).
 */
export function adversarialShapes(newsTexts: readonly string[]): Array<[string, (size: number) => string]> {
  const sentences = newsTexts
    .flatMap((t) => t.split(/(?<=[.!?])\s+/))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 20);
  if (sentences.length === 0) sentences.push('The company said on Tuesday that sales rose 4% in the third quarter.');
  return [
    ["'Hl\\n\\n' + 'tuesday '.repeat(n)", (size) => `Hl\n\n${filled(size - 4, () => 'tuesday ')}`],
    ["'last week on monday the '.repeat(n)", (size) => filled(size, () => 'last week on monday the ')],
    ['news sentences, no line break', (size) => filled(size, (i) => `${sentences[i % sentences.length]!} `)],
    [
      'TV schedule',
      (size) =>
        filled(
          size,
          (i) =>
            `${WEEKDAY_NAMES[i % 7]!} ${1 + (i % 12)}:${String((i * 5) % 60).padStart(2, '0')} ${i % 2 ? 'p.m.' : 'a.m.'} Evening News; ${1 + ((i + 5) % 12)} p.m. Late Show (${i % 3 ? 'ET' : 'GMT'}), `,
        ),
    ],
  ];
}

/** The tagger's time per character on each adversarial shape at 20 KB, 200 KB and 2 MB (best of a few runs). */
export function benchAdversarial(newsTexts: readonly string[], referenceDate = '2024-05-14'): AdversarialFigures[] {
  const figures: AdversarialFigures[] = [];
  for (const [shape, make] of adversarialShapes(newsTexts)) {
    tagTemporalExpressions(make(ADVERSARIAL_SIZES[0]), { referenceDate }); // warm up this shape's code paths
    const nsPerChar: Record<string, number> = {};
    for (const size of ADVERSARIAL_SIZES) {
      const text = make(size);
      // Small texts are run several times so the figure is not one timer tick; the best run is kept.
      const runs = Math.max(1, Math.round(400_000 / size));
      let best = Infinity;
      for (let r = 0; r < runs; r++) {
        const started = performance.now();
        tagTemporalExpressions(text, { referenceDate });
        best = Math.min(best, performance.now() - started);
      }
      nsPerChar[String(size)] = Math.round((best * 1e6) / text.length);
    }
    figures.push({ shape, nsPerChar });
  }
  return figures;
}

export interface TaggerBenchFigures {
  taggerDocsPerSec: number;
  chronoDocsPerSec: number;
  ratio: number;
  adversarial: AdversarialFigures[];
}

/**
 * Tagger against plain chrono on `texts`, then the adversarial shapes; `report` gets one printable
 * line per adversarial shape (the bench's own output shows only the ratio).
 */
export async function benchTagger(
  texts: string[],
  dcts: string[],
  report: (line: string) => void = (line) => {
    process.stdout.write(`${line}\n`);
  },
): Promise<TaggerBenchFigures> {
  if (texts.length === 0) throw new Error('benchTagger needs at least one text');
  if (dcts.length !== texts.length) throw new Error('benchTagger needs one document date per text');
  const refDates = dcts.map((dct) => {
    const ymd = parseYmd(dct);
    if (!ymd) throw new Error(`invalid document date "${dct}"`);
    return new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d, 12));
  });
  let sink = 0;
  const plain = (i: number): void => {
    sink += chrono.parse(texts[i]!, refDates[i]!).length;
  };
  const tagger = (i: number): void => {
    sink += tagTemporalExpressions(texts[i]!, { referenceDate: dcts[i]! }).length;
  };
  for (let p = 0; p < WARM_UP_PASSES; p++) {
    for (let i = 0; i < texts.length; i++) {
      plain(i);
      tagger(i);
    }
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
  const adversarial = benchAdversarial(texts);
  report(
    `tagger on adversarial texts, ns per character at ${ADVERSARIAL_SIZES.map((n) => `${n / 1000} KB`).join(' / ')} (flat = linear):`,
  );
  for (const { shape, nsPerChar } of adversarial) {
    report(
      `  ${shape.padEnd(40)} ${ADVERSARIAL_SIZES.map((n) => String(nsPerChar[String(n)]).padStart(6)).join(' / ')}`,
    );
  }
  return { taggerDocsPerSec, chronoDocsPerSec, ratio: taggerDocsPerSec / chronoDocsPerSec, adversarial };
}
