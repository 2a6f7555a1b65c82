// `npm run eval:timex [-- --corpus FILE] [--by-class] [--examples N] [--errors N] [--split full|dev|heldout]`:
// tags a gold corpus (TimeBank by default; any file in its format with --corpus), scores it with the
// shared TempEval-3 scorer and prints the figures. TimeBank is also scored on its fixed development /
// held-out split. --by-class groups misses and wrong values by class of expression and by kind
// (missed, spurious, span, type, value), so work goes to the classes that cost most; --examples N
// lists N errors per class under the table.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { tagTemporalExpressions } from '../tag.js';
import { TIMEX_CLASSES, classOf, type TimexClass } from './classes.js';
import {
  errorKinds,
  figuresOf,
  pairDocument,
  type ErrorKind,
  type GoldDocument,
  type Pairing,
  type ScoredSpan,
} from './score.js';
import { isHeldOut } from './split.js';

const KINDS: readonly ErrorKind[] = ['missed', 'spurious', 'span', 'type', 'value'];

interface ClassRow {
  gold: number;
  valueCorrect: number;
  kinds: Record<ErrorKind, number>;
  examples: string[];
}

function classOfPair(pair: Pairing): TimexClass {
  const span = pair.gold ?? pair.system;
  if (!span) return 'other';
  return classOf(pair.text.slice(span.start, span.end), span);
}

const quote = (text: string, span: ScoredSpan | undefined): string =>
  span ? `"${text.slice(span.start, span.end).replace(/\s+/g, ' ')}" ${span.type} ${span.value}` : '-';

/** The by-class table: one row per class, ordered by what it costs value F1 (misses, spurious, wrong values). */
function byClassReport(pairs: readonly Pairing[], examplesPerClass: number): string {
  const rows = new Map<TimexClass, ClassRow>();
  for (const c of TIMEX_CLASSES)
    rows.set(c, {
      gold: 0,
      valueCorrect: 0,
      kinds: { missed: 0, spurious: 0, span: 0, type: 0, value: 0 },
      examples: [],
    });
  for (const pair of pairs) {
    const row = rows.get(classOfPair(pair))!;
    if (pair.gold) row.gold++;
    const kinds = errorKinds(pair);
    if (pair.gold && pair.system && !kinds.includes('value')) row.valueCorrect++;
    for (const kind of kinds) row.kinds[kind]++;
    if (kinds.length && row.examples.length < examplesPerClass) {
      row.examples.push(
        `  ${kinds.join('+').padEnd(16)} ${pair.docId}: gold ${quote(pair.text, pair.gold)} | system ${quote(pair.text, pair.system)}`,
      );
    }
  }
  const cost = (r: ClassRow): number => r.kinds.missed + r.kinds.spurious + r.kinds.value;
  const ordered = [...rows.entries()]
    .filter(([, r]) => r.gold || cost(r) || r.kinds.span || r.kinds.type)
    .sort((a, b) => cost(b[1]) - cost(a[1]));
  const lines = [
    `${'class'.padEnd(26)}${'gold'.padStart(6)}${'value ok'.padStart(10)}${KINDS.map((k) => k.padStart(10)).join('')}${'value cost'.padStart(12)}`,
  ];
  for (const [name, r] of ordered) {
    lines.push(
      `${name.padEnd(26)}${String(r.gold).padStart(6)}${String(r.valueCorrect).padStart(10)}${KINDS.map((k) => String(r.kinds[k]).padStart(10)).join('')}${String(cost(r)).padStart(12)}`,
    );
  }
  if (examplesPerClass > 0) {
    for (const [name, r] of ordered) {
      if (!r.examples.length) continue;
      lines.push(`-- ${name}`, ...r.examples);
    }
  }
  return lines.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  const errors = flag('--errors') ?? '0';
  const only = flag('--split');
  const examples = Number(flag('--examples') ?? '0');
  const root = process.cwd();
  const given = flag('--corpus');
  const corpus = given
    ? resolve(root, given)
    : [join(root, 'test/fixtures/timebank.jsonl'), resolve(root, '../shared/corpus/timebank.jsonl')].find(existsSync);
  const scorer = resolve(root, '../shared/tools/score-timex.mjs');
  if (!corpus || !existsSync(corpus)) {
    console.error(`no corpus: ${corpus ?? 'expected test/fixtures/timebank.jsonl or ../shared/corpus/timebank.jsonl'}`);
    process.exit(2);
  }
  if (!existsSync(scorer)) {
    console.error(`the scorer is missing: ${scorer} (the shared/ folder must sit beside the repo)`);
    process.exit(2);
  }

  const docs = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldDocument);
  // The development / held-out split is TimeBank's; another corpus is scored whole unless --split asks.
  const isTimeBank = basename(corpus) === 'timebank.jsonl';
  const dir = mkdtempSync(join(tmpdir(), 'timeline-eval-'));
  try {
    const tagged = new Map(
      docs.map((d) => [
        d.id,
        tagTemporalExpressions(d.text, { referenceDate: d.dct }).map(({ start, end, type, value }) => ({
          start,
          end,
          type,
          value,
        })),
      ]),
    );
    writeFileSync(
      join(dir, 'system.jsonl'),
      `${docs.map((d) => JSON.stringify({ id: d.id, timexes: tagged.get(d.id) })).join('\n')}\n`,
    );
    const splits: Array<[string, (d: GoldDocument) => boolean]> = [
      ['full', () => true],
      ['dev', (d) => !isHeldOut(d.id)],
      ['heldout', (d) => isHeldOut(d.id)],
    ];
    for (const [name, keep] of splits) {
      if (only ? only !== name : !isTimeBank && name !== 'full') continue;
      const subset = docs.filter(keep);
      const goldPath = join(dir, `gold-${name}.jsonl`);
      writeFileSync(goldPath, `${subset.map((d) => JSON.stringify(d)).join('\n')}\n`);
      const out = execFileSync(process.execPath, [scorer, goldPath, join(dir, 'system.jsonl'), '--errors', errors], {
        encoding: 'utf8',
      });
      console.log(`== ${basename(corpus)} ${name} (${subset.length} documents) ==`);
      console.log(out.trimEnd());
      if (args.includes('--by-class')) {
        const pairs = subset.flatMap((d) => pairDocument(d, tagged.get(d.id) ?? []));
        const figures = figuresOf(pairs);
        console.log(`-- by class (value F1 ${figures.valueF1}; value cost = missed + spurious + wrong value)`);
        console.log(byClassReport(pairs, examples));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
