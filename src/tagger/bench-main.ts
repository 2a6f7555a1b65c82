// `node dist/tagger/bench-main.js` (after `npm run build`): the tagger part of `npm run bench` alone,
// on the TimeBank texts: tagger vs plain chrono.parse, and the adversarial per-character times.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchTagger } from './bench.js';

const root = process.cwd();
const corpus = [join(root, 'test/fixtures/timebank.jsonl'), resolve(root, '../shared/corpus/timebank.jsonl')].find(
  (p) => existsSync(p),
);
if (!corpus) {
  process.stderr.write('no corpus: expected test/fixtures/timebank.jsonl or ../shared/corpus/timebank.jsonl\n');
  process.exit(2);
}
const docs = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; dct: string });
const figures = await benchTagger(
  docs.map((d) => d.text),
  docs.map((d) => d.dct),
);
process.stdout.write(
  `tagger: ${Math.round(figures.taggerDocsPerSec)} docs/s vs plain chrono.parse ${Math.round(figures.chronoDocsPerSec)} docs/s (${figures.ratio.toFixed(2)} ×)\n`,
);
