import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { expectSeedTimeline, withoutPosition } from '../support/seed-expectations.js';

const tempDir = useTempDirs('e2e');

describe('timeline run on the seeds (embedded engine, real CLI process)', () => {
  it("prints timeline JSON with the story's key dated facts", async () => {
    const dataDir = tempDir();
    const result = await runCli(['--data-dir', dataDir, 'run', 'seeds', '--json']);
    expect(result.stderr).toMatch(/5 processed/);
    expect(result.code).toBe(0);
    const view = TimelineView.parse(JSON.parse(result.stdout));
    expectSeedTimeline(view);
    // Reconciliation merged the reports of the Rome meeting into one entry.
    const romeReports = view.entries.filter(
      (e) => e.date === '2022-03-14' && e.sources.some((s) => /Rome/.test(s.quote)),
    );
    expect(
      Math.max(...romeReports.map((e) => new Set(e.sources.map((s) => s.documentId)).size)),
    ).toBeGreaterThanOrEqual(3);
    // The same log gives the same bytes: show --json reads what run printed.
    const shown = await runCli(['--data-dir', dataDir, 'show', '--json']);
    expect(shown.stdout).toBe(result.stdout);
    // Running again appends nothing: every event id is already in the log.
    const again = await runCli(['--data-dir', dataDir, 'run', 'seeds', '--json']);
    expect(again.stderr).toMatch(/5 already queued or in the log/);
    expect(again.stdout).toBe(result.stdout);
  });

  it('prints a readable table by default (what `npm start` shows)', async () => {
    const result = await runCli(['--data-dir', tempDir(), 'run', 'seeds']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Timeline: \d+ entries from 5 documents/);
    expect(result.stdout).toMatch(/\n2022-02-24 +day +.+ +\d/);
    expect(result.stdout).toMatch(/\n2022-03-14 +day +.+ +\d/);
  });

  // Several CLI processes in a row, each loading the NLP model: more than the default 30 s on a loaded machine.
  it('gives the same timeline whatever the order the documents arrive in', { timeout: 90_000 }, async () => {
    const files = [
      '000_59b906baaf3cd259.txt',
      '001_dc01e97e6b3da375.txt',
      '002_740a51fa8534cdd4.txt',
      '003_aa2a8b04b8eb18ec.txt',
      '004_a68caf95ae866559.txt',
    ];
    const forward = tempDir();
    const backward = tempDir();
    for (const file of files) await runCli(['--data-dir', forward, 'ingest', join('seeds', file)]);
    for (const file of [...files].reverse()) await runCli(['--data-dir', backward, 'ingest', join('seeds', file)]);
    const a = TimelineView.parse(JSON.parse((await runCli(['--data-dir', forward, 'show', '--json'])).stdout));
    const b = TimelineView.parse(JSON.parse((await runCli(['--data-dir', backward, 'show', '--json'])).stdout));
    // Manifest metadata applies to files inside the seeds directory too.
    expect(a.documents.every((d) => d.publishedAtInferred === false)).toBe(true);
    expect(withoutPosition(a)).toEqual(withoutPosition(b));
  });

  it('reports a bad file on stderr and still processes the others', async () => {
    const dataDir = tempDir();
    const bad = join(tempDir(), 'binary.txt');
    writeFileSync(bad, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]));
    const result = await runCli(['--data-dir', dataDir, 'run', 'seeds', bad, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/binary\.txt: .*(not valid UTF-8|binary)/);
    expectSeedTimeline(TimelineView.parse(JSON.parse(result.stdout)));
  });
});
