import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { withoutPosition } from '../support/seed-expectations.js';

const tempDir = useTempDirs('log');
let dataDir = '';
let fullJson = '';

beforeAll(async () => {
  dataDir = tempDir();
  const run = await runCli(['--data-dir', dataDir, 'run', 'seeds', '--json']);
  expect(run.code).toBe(0);
  fullJson = run.stdout;
});

const show = async (args: string[], env?: NodeJS.ProcessEnv): Promise<string> => {
  const result = await runCli(['--data-dir', dataDir, 'show', '--json', ...args], env ? { env } : {});
  expect(result.stderr).toBe('');
  return result.stdout;
};

describe('log, replay and as-of from the command line (embedded file log)', () => {
  it('`log --json` prints one event a line with position, id, type, schemaVersion, at, data', async () => {
    const result = await runCli(['--data-dir', dataDir, 'log', '--json', '--from', '2', '--limit', '3']);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.position)).toEqual([2, 3, 4]);
    for (const line of lines)
      expect(Object.keys(line)).toEqual(['position', 'id', 'type', 'schemaVersion', 'at', 'data']);
  });

  it('`replay` rebuilds the projection from scratch and gives the same bytes', async () => {
    const replay = await runCli(['--data-dir', dataDir, 'replay']);
    expect(replay.code).toBe(0);
    expect(replay.stderr).toMatch(/rebuilt the timeline projection from the log up to position \d+/);
    expect(await show([])).toBe(fullJson);
  });

  it('`show --as-of POSITION` equals the timeline of a replay stopped at that position', async () => {
    const position = 12;
    const asOf = await show(['--as-of', String(position)]);
    const view = TimelineView.parse(JSON.parse(asOf));
    expect(view.position).toBe(position);
    expect(view.documents.length).toBeLessThan(5);
    // A replay stopped there, then shown, reflects the same prefix of the log.
    const copyDir = tempDir();
    const exported = await runCli(['--data-dir', dataDir, 'log', '--json', '--limit', String(position)]);
    expect(exported.stdout.trim().split('\n'), exported.stderr).toHaveLength(position);
    const exportFile = join(copyDir, 'prefix.jsonl');
    writeFileSync(
      exportFile,
      (await runCli(['--data-dir', dataDir, 'export'])).stdout.split('\n').slice(0, position).join('\n') + '\n',
    );
    await runCli(['--data-dir', join(copyDir, 'data'), 'import', exportFile]);
    const prefixView = await runCli(['--data-dir', join(copyDir, 'data'), 'show', '--json']);
    expect(prefixView.stdout).toBe(asOf);
    // And the whole log as of its last event's time is the whole timeline.
    const lastAt = (
      JSON.parse((await runCli(['--data-dir', dataDir, 'log', '--json'])).stdout.trim().split('\n').pop()!) as {
        at: string;
      }
    ).at;
    expect(await show(['--as-of', lastAt])).toBe(fullJson);
    expect(TimelineView.parse(JSON.parse(await show(['--as-of', '2000-01-01T00:00:00Z']))).position).toBe(0);
  });

  it('rejects an as-of that is neither a position nor a time', async () => {
    const result = await runCli(['--data-dir', dataDir, 'show', '--as-of', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/must be a log position .* or an ISO 8601 time/);
  });

  it('export → import into Redis → the same timeline; importing twice adds nothing', async () => {
    const { url, prefix } = testRedis();
    const env = { REDIS_URL: url, TIMELINE_PREFIX: prefix };
    try {
      const file = join(tempDir(), 'log.jsonl');
      writeFileSync(file, (await runCli(['--data-dir', dataDir, 'export'])).stdout);
      const first = await runCli(['import', file], { env });
      expect(first.stderr).toMatch(/appended (\d+), skipped 0/);
      const second = await runCli(['import', file], { env });
      expect(second.stderr).toMatch(/appended 0, skipped (\d+)/);
      const redisView = TimelineView.parse(JSON.parse((await runCli(['show', '--json'], { env })).stdout));
      expect(withoutPosition(redisView)).toEqual(withoutPosition(TimelineView.parse(JSON.parse(fullJson))));
      expect(JSON.stringify(redisView)).toBe(JSON.stringify(JSON.parse(fullJson)));
      const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
      expect(status).toEqual({
        documents: { received: 5, processed: 5, failed: 0 },
        queue: { waiting: 0, active: 0 },
        log: { length: redisView.position },
      });
    } finally {
      await deletePrefix(url, prefix);
    }
  });

  it(
    'while `timeline serve` holds the embedded log, readers read it read-only and writers are refused',
    { timeout: 90_000 },
    async () => {
      const { spawn } = await import('node:child_process');
      const { CLI, REPO_ROOT } = await import('../support/cli.js');
      const holder = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'serve', '--port', '0'], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      try {
        await new Promise<void>((resolve, reject) => {
          let err = '';
          holder.stderr.on('data', (chunk: Buffer) => {
            err += chunk.toString();
            if (err.includes('serving')) resolve();
          });
          holder.once('exit', () => reject(new Error(err)));
        });
        const shown = await runCli(['--data-dir', dataDir, 'show', '--json']);
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stderr).toMatch(/the data dir is in use by pid \d+; reading its log as it stands now/);
        expect(shown.stdout).toBe(fullJson);
        const logged = await runCli(['--data-dir', dataDir, 'log', '--json', '--limit', '2']);
        expect(logged.code).toBe(0);
        expect(logged.stdout.trim().split('\n')).toHaveLength(2);
        const exported = await runCli(['--data-dir', dataDir, 'export']);
        expect(exported.code).toBe(0);
        const positions = exported.stdout
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { position: number }).position);
        expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
        expect(positions.length).toBeGreaterThan(20);
        // Status reads the log; the queue is the holder's, so it says who holds it instead of counting.
        const status = await runCli(['--data-dir', dataDir, 'status', '--json']);
        expect(status.code, status.stderr).toBe(0);
        const statusJson = JSON.parse(status.stdout) as {
          documents: { processed: number };
          queue: { heldBy?: string };
          log: { length: number };
        };
        expect(statusJson.queue.heldBy).toBe(`pid ${holder.pid}`);
        expect(statusJson.log.length).toBe(positions.length);
        expect(statusJson.documents.processed).toBe(5);
        expect((await runCli(['--data-dir', dataDir, 'status'])).stdout).toMatch(
          new RegExp(`queue: +held by pid ${holder.pid}`),
        );
        // Writing (and anything that saves the projection) still needs the lock.
        for (const args of [['run', 'seeds'], ['replay']]) {
          const writer = await runCli(['--data-dir', dataDir, ...args]);
          expect(writer.code, args.join(' ')).toBe(3);
          expect(writer.stderr).toMatch(/in use by another process/);
        }
      } finally {
        const exited = new Promise((resolve) =>
          holder.exitCode !== null ? resolve(null) : holder.once('exit', resolve),
        );
        holder.kill('SIGTERM');
        await exited;
      }
    },
  );
});
