import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
test('story', () => {
  const name = process.env.STORY ?? 'cyber-hearing';
  const dir = `test/fixtures/stories/${name}`;
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as { documents: { file: string; publishedAt?: string }[] };
  const analyses = manifest.documents.map((d) => analyzeDocument({ documentId: d.file.slice(0, 1), text: readFileSync(`${dir}/${d.file}`, 'utf8'), source: 'f', ...(d.publishedAt ? { publishedAt: d.publishedAt } : {}) }));
  for (const a of analyses) {
    console.log('=====', a.documentId, JSON.stringify(a.documentDate));
    for (const e of a.events) console.log(`  ${e.date.value} ${e.date.certainty} ${e.resolution} [${e.timex.text}] ${e.title} {${e.actors.join(', ')}|${(e.persons ?? []).join(',')}} kw=${(e.keywords ?? []).join(',')}`);
  }
  const t = reconcileTimeline(analyses);
  for (const [id, d] of Object.entries(t.documentDates)) console.log(id, JSON.stringify(d));
  for (const e of t.entries) console.log(`${e.date.value} ${e.date.certainty} | ${e.title} | ${e.eventIds.join(' ')} | ${(e.actors ?? []).join(', ')}`);
});
