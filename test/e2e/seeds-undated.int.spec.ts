import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { expectSeedTimeline } from '../support/seed-expectations.js';

const tempDir = useTempDirs('undated');

/** The seed texts without their manifest: the documents carry no dates at all. */
function seedsWithoutManifest(): string {
  const dir = tempDir();
  for (const file of readdirSync('seeds').filter((name) => name.endsWith('.txt')))
    copyFileSync(join('seeds', file), join(dir, file));
  return dir;
}
const manifest = JSON.parse(readFileSync('seeds/manifest.json', 'utf8')) as {
  documents: Array<{ file: string; publishedAt: string }>;
};

describe('the seeds without their publication dates (real CLI)', () => {
  it('with --year 2022: the same facts, and every document date inferred', async () => {
    const result = await runCli(['--data-dir', tempDir(), 'run', seedsWithoutManifest(), '--year', '2022', '--json']);
    expect(result.code).toBe(0);
    const view = TimelineView.parse(JSON.parse(result.stdout));
    expectSeedTimeline(view);
    for (const document of view.documents) {
      expect(document.publishedAtInferred).toBe(true);
      expect(document.publishedAt).toBe(manifest.documents.find((d) => d.file === document.source)?.publishedAt);
    }
  });

  it('with no hint at all: no year is invented, the events are still ordered, and the output says so', async () => {
    const result = await runCli(['--data-dir', tempDir(), 'run', seedsWithoutManifest(), '--json']);
    expect(result.code).toBe(0);
    const view = TimelineView.parse(JSON.parse(result.stdout));
    expect(view.entries.length).toBeGreaterThan(5);
    expect(view.entries.every((entry) => entry.date.startsWith('XXXX'))).toBe(true);
    expect(view.documents.every((d) => d.publishedAt === null || d.publishedAt.startsWith('XXXX'))).toBe(true);
    expect(result.stdout).not.toMatch(/"20\d\d-/); // not even inside a source's own date
    expect(view.notes.join(' ')).toMatch(/no known publication year/);
    const invasion = view.entries.findIndex((e) => e.date === 'XXXX-02-24');
    const rome = view.entries.findIndex((e) => e.sources.length >= 3 && e.sources.some((s) => /Rome/.test(s.quote)));
    expect(invasion).toBeGreaterThanOrEqual(0);
    expect(rome).toBeGreaterThan(invasion);
  });
});
