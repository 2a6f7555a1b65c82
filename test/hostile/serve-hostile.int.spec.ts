import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentIdOf } from '../../src/documents/document-job.js';
import { REPO_ROOT } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { documentState, exitOf, lastWeeks, post, serve, settled, tuesdays, waitFor } from './serve-support.js';

/**
 * Issue #17 against a real `timeline serve` (embedded: in-process queue + file log), with the
 * reproductions of the issue made smaller where the bug shows at a smaller size.
 */

const tempDir = useTempDirs('hostile');
const SEED = readFileSync(join(REPO_ROOT, 'seeds', '000_59b906baaf3cd259.txt'), 'utf8');

describe('timeline serve under hostile input (issue #17)', () => {
  it('items 1 and 2: dense date texts give bounded analyses, a text past its deadline fails with ANALYSIS_BUDGET_EXCEEDED while /healthz answers; the log stays small; the page and exports work, also after a restart', async () => {
    const dataDir = tempDir();
    // 1.5 s: the 2 MB text takes about 2.5 s of analysis on this machine (more when it is busy), the
    // 60 KB one a tenth of a second (up to most of a second on a machine shared by several test runs).
    const first = await serve(dataDir, { TIMELINE_ANALYSIS_TIMEOUT_MS: '1500' });
    const slow = await post(first.base, tuesdays(2_000_000));
    expect(slow.status).toBe(202);
    const health = await fetch(`${first.base}/healthz`);
    expect(health.status).toBe(200);
    const slowEnd = await settled(first.base, slow.documentId);
    expect(slowEnd).toMatchObject({ state: 'failed', failure: { code: 'ANALYSIS_BUDGET_EXCEEDED' } });
    expect(slowEnd.failure?.reason).toMatch(/took longer than its budget of 1500 ms/);

    // 60 KB and 20 KB of one sentence of date words: at most 16 events each, quoting a window, not the sentence.
    const dense = await Promise.all([post(first.base, tuesdays(60_000)), post(first.base, tuesdays(20_000))]);
    for (const d of dense) expect((await settled(first.base, d.documentId)).state).toBe('processed');

    const seed = await post(first.base, SEED);
    expect((await settled(first.base, seed.documentId)).state).toBe('processed');
    // The log: the texts kept with their documents, their few events, and one short rejection (no 2 MB text).
    const logBytes = statSync(join(dataDir, 'events.jsonl')).size;
    expect(logBytes).toBeLessThan(6 * Buffer.byteLength(SEED) + 2 * 80_000 + 64 * 1024);

    const status = (await (await fetch(`${first.base}/status`)).json()) as {
      documents: { failed: number };
      queue: { waiting: number; active: number };
    };
    expect(status.documents.failed).toBe(1);
    for (const path of ['/timeline', '/timeline.csv', '/timeline.timelinejs.json', '/'])
      expect((await fetch(`${first.base}${path}`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    const second = await serve(dataDir);
    const timeline = await fetch(`${second.base}/timeline`);
    expect(timeline.status).toBe(200);
    const view = (await timeline.json()) as { documents: Array<{ id: string; state: string }> };
    expect(view.documents.find((d) => d.id === slow.documentId)?.state).toBe('failed');
    expect((await fetch(`${second.base}/timeline.csv`)).status).toBe(200);
    // Posting the poison again: still failed, with the first reason (the job fails at once, without another analysis).
    expect((await post(second.base, tuesdays(2_000_000))).status).toBe(202);
    expect((await settled(second.base, slow.documentId)).failure?.reason).toMatch(/longer than its budget/);
    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toBe(0);
  });

  it('item 3: long freak texts end at their deadline or give bounded analyses, a small document behind them is processed, and nothing is replayed after a restart', async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir, { TIMELINE_ANALYSIS_TIMEOUT_MS: '500' });
    const freaks = await Promise.all([post(first.base, lastWeeks(200_000)), post(first.base, tuesdays(2_000_000))]);
    const small = await post(first.base, 'Talks\n\nThe ministers met on Monday in Rome, officials said.');
    expect((await settled(first.base, small.documentId)).state).toBe('processed');
    // 200 KB takes about as long as the budget: either outcome is a quick, clear answer.
    const shorter = await settled(first.base, freaks[0]!.documentId);
    expect(shorter.state === 'processed' || shorter.failure?.code === 'ANALYSIS_BUDGET_EXCEEDED').toBe(true);
    expect((await settled(first.base, freaks[1]!.documentId)).failure?.code).toBe('ANALYSIS_BUDGET_EXCEEDED');
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    const second = await serve(dataDir);
    const status = (await (await fetch(`${second.base}/status`)).json()) as {
      queue: { waiting: number; active: number };
    };
    expect(status.queue).toEqual({ waiting: 0, active: 0 });
    second.child.kill('SIGTERM');
    await exitOf(second.child);
  });

  it('item 3: a document the process dies under twice is failed (WORKER_DIED), not queued again', async () => {
    const dataDir = tempDir();
    const spool = join(dataDir, 'queue.jsonl');
    const startsIn = () => (readFileSync(spool, 'utf8').match(/"started"/g) ?? []).length;
    // 2 MB: seconds of analysis, so the process is surely killed while it runs.
    const text = tuesdays(2_000_000);
    const id = documentIdOf(text);
    let served = await serve(dataDir, { TIMELINE_ANALYSIS_TIMEOUT_MS: '120000' });
    expect((await post(served.base, text)).status).toBe(202);
    for (const starts of [1, 2]) {
      await waitFor(`start ${starts} on disk`, async () => (startsIn() >= starts ? true : undefined));
      served.child.kill('SIGKILL');
      await exitOf(served.child);
      served = await serve(dataDir, { TIMELINE_ANALYSIS_TIMEOUT_MS: '120000' });
    }
    const status = await documentState(served.base, id);
    expect(status).toMatchObject({ state: 'failed', failure: { code: 'WORKER_DIED' } });
    expect(served.stderr()).toMatch(/died twice/);
    const small = await post(served.base, 'Talks\n\nThe ministers met on Tuesday in Rome, officials said.');
    expect((await settled(served.base, small.documentId)).state).toBe('processed');
    served.child.kill('SIGTERM');
    expect(await exitOf(served.child)).toBe(0);
  }, 90_000);

  it('items 6, 7 and 14: a text without a newline gets a capped title; __proto__ is no document; one client cannot take every live stream', async () => {
    const dataDir = tempDir();
    const served = await serve(dataDir);
    const line = `${'A very long line without any date in it '.repeat(8000)}end`;
    const long = await post(served.base, line);
    const status = await settled(served.base, long.documentId);
    expect(status.state).toBe('processed');
    expect(status.title?.length).toBeLessThanOrEqual(500);
    const view = (await (await fetch(`${served.base}/timeline`)).json()) as { documents: Array<{ title: string }> };
    expect(view.documents[0]?.title.length).toBeLessThanOrEqual(500);

    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const response = await fetch(`${served.base}/documents/${id}`);
      expect(response.status).toBe(404);
    }

    const streams: AbortController[] = [];
    try {
      for (let i = 0; i < 16; i++) {
        const controller = new AbortController();
        streams.push(controller);
        expect((await fetch(`${served.base}/events/stream`, { signal: controller.signal })).status).toBe(200);
      }
      const refused = await fetch(`${served.base}/events/stream`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect((await fetch(`${served.base}/healthz`)).status).toBe(200);
    } finally {
      for (const controller of streams) controller.abort();
    }
    served.child.kill('SIGTERM');
    expect(await exitOf(served.child)).toBe(0);
  });
});
