// `npm run eval:timex`: tags the TimeBank corpus, scores it with the shared TempEval-3 scorer, and
// prints the figures for the full corpus and for the development / held-out split.
// Flags: --errors N (passed to the scorer), --split full|dev|heldout (only that one).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tagTemporalExpressions } from '../tag.js';
import { isHeldOut } from './split.js';

interface GoldDoc { id: string; dct: string; text: string; timexes: unknown[] }

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
  const errors = flag('--errors') ?? '0';
  const only = flag('--split');
  const root = process.cwd();
  const corpus = [join(root, 'test/fixtures/timebank.jsonl'), resolve(root, '../shared/corpus/timebank.jsonl')].find(existsSync);
  const scorer = resolve(root, '../shared/tools/score-timex.mjs');
  if (!corpus) { console.error('no corpus: expected test/fixtures/timebank.jsonl or ../shared/corpus/timebank.jsonl'); process.exit(2); }
  if (!existsSync(scorer)) { console.error(`the scorer is missing: ${scorer} (the shared/ folder must sit beside the repo)`); process.exit(2); }

  const docs = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldDoc);
  const dir = mkdtempSync(join(tmpdir(), 'timeline-eval-'));
  try {
    const system = docs.map((d) => JSON.stringify({
      id: d.id,
      timexes: tagTemporalExpressions(d.text, { referenceDate: d.dct }).map(({ start, end, type, value }) => ({ start, end, type, value })),
    }));
    writeFileSync(join(dir, 'system.jsonl'), `${system.join('\n')}\n`);
    const splits: Array<[string, (d: GoldDoc) => boolean]> = [
      ['full', () => true], ['dev', (d) => !isHeldOut(d.id)], ['heldout', (d) => isHeldOut(d.id)],
    ];
    for (const [name, keep] of splits) {
      if (only && only !== name) continue;
      const subset = docs.filter(keep);
      const goldPath = join(dir, `gold-${name}.jsonl`);
      writeFileSync(goldPath, `${subset.map((d) => JSON.stringify(d)).join('\n')}\n`);
      const out = execFileSync(process.execPath, [scorer, goldPath, join(dir, 'system.jsonl'), '--errors', errors], { encoding: 'utf8' });
      console.log(`== ${name} (${subset.length} documents) ==`);
      console.log(out.trimEnd());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
