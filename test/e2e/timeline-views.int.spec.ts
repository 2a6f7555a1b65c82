import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { runCli } from '../support/cli.js';
import { COMPANY_NEWS_PUBLISHED, companyNewsText } from '../support/company-news.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('views');

/** The table's entry rows: they start with a date value. */
function rowsOf(table: string): string[] {
  return table.split('\n').filter((line) => /^[0-9X]{4}-\S+ +\w+ {2,}/.test(line));
}

describe('timeline show/run: the most important entries, --all, --entity (real CLI process)', () => {
  // One run for the whole file: each CLI process costs a second of a shared two-core machine.
  let dataDir: string;
  let corpus: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  let view: TimelineView;

  beforeAll(async () => {
    dataDir = tempDir();
    corpus = tempDir();
    writeFileSync(join(corpus, 'company-news.txt'), companyNewsText());
    run = await runCli(['--data-dir', dataDir, 'run', corpus, '--published', COMPANY_NEWS_PUBLISHED]);
    view = TimelineView.parse(JSON.parse((await runCli(['--data-dir', dataDir, 'show', '--json'])).stdout));
  });

  it('leads with the 40 most important entries in date order and says how many more there are', async () => {
    expect(run.code).toBe(0);
    const total = view.entries.length;
    expect(total).toBeGreaterThan(40);
    // The JSON keeps every entry, each ranked.
    expect(view.entries.every((entry) => typeof entry.rank === 'number')).toBe(true);

    const top = view.entries.filter((entry) => (entry.rank ?? Infinity) <= 40);
    expect(rowsOf(run.stdout).map((row) => row.slice(0, 12).trim())).toEqual(top.map((entry) => entry.date));
    expect(run.stdout).toContain(`Timeline: ${total} entries from 1 documents`);
    expect(run.stdout).toContain(`\n… and ${total - 40} more entries: --all to list them\n`);

    const shown = await runCli(['--data-dir', dataDir, 'show']);
    expect(shown.stdout).toBe(run.stdout);

    const all = await runCli(['--data-dir', dataDir, 'show', '--all']);
    expect(rowsOf(all.stdout)).toHaveLength(total);
    expect(all.stdout).not.toMatch(/more entr(y|ies): --all/);

    const topFive = await runCli(['--data-dir', dataDir, 'show', '--top', '5']);
    expect(rowsOf(topFive.stdout)).toHaveLength(5);
    expect(topFive.stdout).toContain(`… and ${total - 5} more entries: --all to list them`);
  });

  it('--entity lists every entry naming it, as a table and as JSON; a bad name exits 2', async () => {
    const boeing = view.entries.filter((entry) => entry.sources.some((s) => /\bBoeing\b/.test(s.quote)));
    expect(boeing.length).toBeGreaterThanOrEqual(10);

    // On `run` (the text is in the log already: nothing is appended) as on `show` below.
    const table = await runCli([
      '--data-dir',
      dataDir,
      'run',
      corpus,
      '--published',
      COMPANY_NEWS_PUBLISHED,
      '--entity',
      'boeing',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Entity "boeing": ${boeing.length} of the ${view.entries.length} entries name it`);
    expect(rowsOf(table.stdout).map((row) => row.slice(0, 12).trim())).toEqual(boeing.map((entry) => entry.date));
    expect(table.stdout).not.toMatch(/more entr(y|ies): --all/);

    const json = TimelineView.parse(
      JSON.parse((await runCli(['--data-dir', dataDir, 'show', '--json', '--entity', 'Boeing'])).stdout),
    );
    expect(json.entries).toEqual(boeing);

    const empty = await runCli(['--data-dir', dataDir, 'show', '--entity', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/entity must not be empty/);
    const tooLong = await runCli(['--data-dir', dataDir, 'show', '--entity', 'x'.repeat(201)]);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/at most 200 characters/);
  });
});
