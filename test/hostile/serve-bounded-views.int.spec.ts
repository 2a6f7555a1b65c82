import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { REPO_ROOT } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { post, serve, settled, stop, tuesdays, waitFor, type Served } from './serve-support.js';

/**
 * Issue #17, "bounded storage and views", against a real `timeline serve`: the limits are made
 * small (TIMELINE_VIEW_MAX_CHARS, TIMELINE_SNAPSHOT_MAX_CHARS, TIMELINE_LIVE_STREAM_IDLE_MS) so
 * the paths that a 512 MB string or a 10-minute wait would take show at test size.
 */

const tempDir = useTempDirs('hostile-views');
const SEED = readFileSync(join(REPO_ROOT, 'seeds', '000_59b906baaf3cd259.txt'), 'utf8');

async function view(base: string, query = ''): Promise<{ status: number; text: string; view: TimelineView }> {
  const response = await fetch(`${base}/timeline${query}`);
  const text = await response.text();
  return { status: response.status, text, view: TimelineView.parse(JSON.parse(text)) };
}

/** Reconciliation follows the last analysis: the view once nothing is pending and the log stopped growing. */
function settledView(base: string): Promise<TimelineView> {
  let previous = -1;
  return waitFor('the timeline to settle', async () => {
    const { view: current } = await view(base);
    const done = current.position === previous && !current.entries.some((entry) => entry.id.startsWith('pending:'));
    previous = current.position;
    if (!done) await new Promise((resolve) => setTimeout(resolve, 300));
    return done ? current : undefined;
  });
}

/** Every entry, walking the pages from the first by their next cursors. */
async function walkPages(base: string, limit: number): Promise<{ ids: string[]; pages: number; total: number }> {
  const ids: string[] = [];
  let query = `?limit=${limit}`;
  let total = 0;
  for (let pages = 1; ; pages++) {
    const { status, view: page } = await view(base, query);
    expect(status).toBe(200);
    total = page.page?.total ?? 0;
    ids.push(...page.entries.map((entry) => entry.id));
    // A page ended by its size lists the documents of its own entries, no more.
    const cited = new Set(page.entries.flatMap((entry) => entry.sources.map((source) => source.documentId)));
    expect(page.documents.map((document) => document.id).sort()).toEqual([...cited].sort());
    const next = page.page?.next;
    if (!next) return { ids, pages, total };
    query = `?limit=${limit}${next.from ? `&from=${next.from}` : ''}&after=${encodeURIComponent(next.after)}`;
  }
}

/** The reads of the item-2 reproduction: all answer, and the pages reach every entry. */
async function expectBoundedReads(served: Served, expectedIds: readonly string[]): Promise<void> {
  for (const path of ['/timeline', '/timeline.csv', '/timeline.timelinejs.json', '/timeline?all=false', '/']) {
    expect((await fetch(`${served.base}${path}`)).status, path).toBe(200);
  }
  const walked = await walkPages(served.base, 1000);
  expect(walked.pages).toBeGreaterThan(1);
  expect(walked.total).toBe(expectedIds.length);
  expect(walked.ids).toEqual(expectedIds);
  expect((await fetch(`${served.base}/healthz`)).status).toBe(200);
}

describe('bounded views and snapshots (issue #17, item 2 and the snapshot skip)', () => {
  it('item 2 with the limits made small: the view is cut with a note and never fails, pages reach every entry, a snapshot past its limit is skipped; the same after restarts, and the snapshot is stored again once it fits', async () => {
    const dataDir = tempDir();
    const limits = { TIMELINE_VIEW_MAX_CHARS: '45000', TIMELINE_SNAPSHOT_MAX_CHARS: '10000' };
    const first = await serve(dataDir, limits);
    // Item 2: three 20 KB sentences of date words (then 2,500 events each), and a real article.
    const posted = await Promise.all([
      post(first.base, tuesdays(20_000)),
      post(first.base, `${tuesdays(20_000)}x`),
      post(first.base, `${tuesdays(20_000)}y`),
      post(first.base, SEED),
    ]);
    for (const { documentId, status } of posted) {
      expect(status).toBe(202);
      expect((await settled(first.base, documentId)).state).toBe('processed');
    }
    const whole = await settledView(first.base);
    const cut = whole.notes.find((note) => /larger than one view may be/.test(note));
    expect(cut).toMatch(/Page it by date/);
    const entryCount = Number(/of its (\d+) entries/.exec(cut ?? '')?.[1]);
    expect(whole.entries.length).toBeGreaterThan(0);
    expect(whole.entries.length).toBeLessThan(entryCount);
    // The first page by date is the start of the timeline.
    const { view: firstPage } = await view(first.base, '?limit=1000');
    expect(firstPage.entries.map((e) => e.id)).toEqual(
      whole.entries.slice(0, firstPage.entries.length).map((e) => e.id),
    );
    const { ids } = await walkPages(first.base, 1000);
    expect(ids.length).toBe(entryCount);
    expect(new Set(ids).size).toBe(entryCount);
    await expectBoundedReads(first, ids);
    const before = (await view(first.base)).text;
    expect(await stop(first)).toBe(0);
    // The state is past TIMELINE_SNAPSHOT_MAX_CHARS: no snapshot, and no failed shutdown (it used to exit 3).
    expect(existsSync(join(dataDir, 'projections', 'timeline.snapshot'))).toBe(false);

    // The next process folds the log: the same bytes, every read answers.
    const second = await serve(dataDir, limits);
    expect((await view(second.base)).text).toBe(before);
    await expectBoundedReads(second, ids);
    expect(await stop(second)).toBe(0);

    // Without the snapshot limit the snapshot is stored again, and read by the process after.
    const third = await serve(dataDir, { TIMELINE_VIEW_MAX_CHARS: limits.TIMELINE_VIEW_MAX_CHARS });
    expect(await stop(third)).toBe(0);
    expect(existsSync(join(dataDir, 'projections', 'timeline.snapshot'))).toBe(true);
    const fourth = await serve(dataDir, limits);
    expect((await view(fourth.base)).text).toBe(before);
    expect(await stop(fourth)).toBe(0);
  }, 120_000);

  it('item 14: a live stream nothing is sent on is closed after the idle timeout (TIMELINE_LIVE_STREAM_IDLE_MS), and its place is free again', async () => {
    const served = await serve(tempDir(), { TIMELINE_LIVE_STREAM_IDLE_MS: '400' });
    const streams = await Promise.all(Array.from({ length: 16 }, () => fetch(`${served.base}/events/stream`)));
    for (const stream of streams) expect(stream.status).toBe(200);
    expect((await fetch(`${served.base}/events/stream`)).status).toBe(429);
    // Each stream gets its opening lines (retry, the log's head), then nothing: the server ends it.
    const bodies = await Promise.all(streams.map((stream) => stream.text()));
    for (const body of bodies) expect(body).toMatch(/^retry: 3000\n\n/);
    expect(bodies[0]).toMatch(/event: position\ndata: \{"position":0\}/);
    // The server let go of them: a new stream is taken, and the server answers.
    const again = await fetch(`${served.base}/events/stream`);
    expect(again.status).toBe(200);
    await again.body?.cancel();
    expect((await fetch(`${served.base}/healthz`)).status).toBe(200);
    expect(await stop(served)).toBe(0);
  });
});
