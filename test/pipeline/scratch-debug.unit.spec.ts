import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { tagTemporalExpressions } from '../../src/tagger/index.js';
import { cleanDocument } from '../../src/text/clean.js';

const manifest = JSON.parse(readFileSync('seeds/manifest.json', 'utf8')) as { documents: { file: string; publishedAt: string }[] };
test('debug', () => {
  const analyses = [];
  for (const d of manifest.documents) {
    const text = readFileSync(`seeds/${d.file}`, 'utf8');
    const mode = process.env.DBG_MODE ?? 'pub';
    const a = analyzeDocument({ documentId: d.file.slice(0, 3), text, source: 'seed', ...(mode === 'pub' ? { publishedAt: d.publishedAt } : mode === 'year' ? { yearHint: 2022 } : {}) });
    analyses.push(a);
    if (process.env.QUIET) continue;
    console.log('=====', d.file, JSON.stringify(a.documentDate), a.title);
    if (process.env.TIMEX) console.log(tagTemporalExpressions(cleanDocument(text).text).map((t) => `${t.text}|${t.value}|${t.resolution}|${JSON.stringify(t.relative)}`).join('\n'));
    if (process.env.CLEAN) console.log(cleanDocument(text).text);
    for (const e of a.events) console.log(`  ${e.date.value} ${e.date.certainty} ${e.resolution} [${e.timex.text}] ${e.title} {${e.actors.join(', ')}} kw=${(e.keywords ?? []).join(',')}`);
    console.log('  clutter:', a.clutter.map((c) => c.kind).join(','), JSON.stringify(a.anchorBounds));
  }
  const t = reconcileTimeline(analyses);
  for (const [id, d] of Object.entries(t.documentDates)) console.log(id, JSON.stringify(d));
  for (const e of t.entries) console.log(`${e.date.value} ${e.date.certainty} | ${e.title} | ${e.eventIds.map((x) => x.replace(/:x\d+:/, ':')).join(' ')} ${e.note ?? ''}`);
});
