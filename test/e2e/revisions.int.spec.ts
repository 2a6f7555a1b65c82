import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import type { SubmitDocumentRequest } from '../../src/app/timeline-service.js';
import { readAll } from '../../src/events/store/event-log.js';
import { withoutPosition } from '../support/seed-expectations.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const seed = (file: string): string => readFileSync(join('seeds', file), 'utf8');

const undated: SubmitDocumentRequest = { text: seed('004_a68caf95ae866559.txt'), source: 'politico' };
const dated: SubmitDocumentRequest[] = [
  { text: seed('000_59b906baaf3cd259.txt'), source: 'report', publishedAt: '2022-03-13' },
  { text: seed('003_aa2a8b04b8eb18ec.txt'), source: 'afp', publishedAt: '2022-03-14' },
];

async function process(batches: SubmitDocumentRequest[][]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'timeline-revisions-'));
  dirs.push(dataDir);
  const service = await openTimelineService({ dataDir });
  const views = [];
  for (const batch of batches) {
    for (const request of batch) await service.submitDocument(request);
    await service.engine.whenIdle();
    views.push(await service.getTimeline());
  }
  const events = [];
  for await (const event of readAll(service.engine.log)) events.push(event);
  await service.close();
  return { views, events };
}

describe('what a later document teaches is appended as a correction, never an edit', () => {
  it('an undated document learns its date from later documents of the same story', async () => {
    const { views, events } = await process([[undated], dated]);
    const [before, after] = views;
    const politicoBefore = before!.documents.find((d) => d.source === 'politico')!;
    expect(politicoBefore.publishedAt).toMatch(/^XXXX/); // no year invented
    const politicoAfter = after!.documents.find((d) => d.source === 'politico')!;
    expect(politicoAfter).toMatchObject({
      publishedAt: '2022-03-13',
      publishedAtInferred: true,
      dateMethod: 'cross-document',
    });

    // The correction is a TimelineReconciled event after the dated documents…
    const revision = events.find(
      (e) =>
        e.type === 'TimelineReconciled' &&
        Object.keys((e.data as { documentDates: object }).documentDates).includes(politicoAfter.id),
    );
    expect(revision).toBeDefined();
    expect(revision!.position).toBeGreaterThan(
      events.find(
        (e) => e.type === 'DocumentAnalyzed' && (e.data as { documentId: string }).documentId === politicoAfter.id,
      )!.position,
    );
    // …and the document's own analysis, written before, is untouched.
    const analysis = events.find(
      (e) => e.type === 'DocumentAnalyzed' && (e.data as { documentId: string }).documentId === politicoAfter.id,
    )!;
    expect((analysis.data as { documentDate: { value: string } }).documentDate.value).toMatch(/^XXXX/);

    // Its "on Sunday" events now sit on the learned day.
    const sundayEntries = after!.entries.filter((entry) =>
      entry.sources.some((s) => s.documentId === politicoAfter.id && /Sunday/.test(s.dateText)),
    );
    expect(sundayEntries.length).toBeGreaterThan(0);
    expect(sundayEntries.every((entry) => entry.date === '2022-03-13')).toBe(true);
  });

  it('the final timeline does not depend on which document came first', async () => {
    const undatedFirst = await process([[undated], dated]);
    const datedFirst = await process([[...dated, undated]]);
    expect(withoutPosition(undatedFirst.views.at(-1)!)).toEqual(withoutPosition(datedFirst.views.at(-1)!));
  });
});
