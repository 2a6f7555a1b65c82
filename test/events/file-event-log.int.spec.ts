import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isCorruptEventError,
  isLogClosedError,
  isLogLockedError,
  isLogReadOnlyError,
} from '../../src/events/store/errors.js';
import { openFileEventLog } from '../../src/events/store/file/file-event-log.js';
import { describeEventLogContract, ev } from './event-log-contract.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'timeline-file-log-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describeEventLogContract('file (fsync batched)', async () => {
  const dir = await tempDir();
  return { log: await openFileEventLog({ path: join(dir, 'events.jsonl') }) };
});

describeEventLogContract('file (fsync always)', async () => {
  const dir = await tempDir();
  return { log: await openFileEventLog({ path: join(dir, 'events.jsonl'), fsync: 'always' }) };
});

describe('file event log', () => {
  it('keeps its data across close and reopen, one JSON line per event', async () => {
    const path = join(await tempDir(), 'nested', 'events.jsonl');
    const log = await openFileEventLog({ path });
    await log.append('doc-1', [ev('a', { x: 1 }), ev('b')], { expectedVersion: 0 });
    await log.append('doc-2', [ev('c')]);
    await log.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      position: 1,
      stream: 'doc-1',
      streamVersion: 1,
      id: 'a',
      data: { x: 1 },
    });
    await expect(stat(`${path}.lock`)).rejects.toThrow();

    const again = await openFileEventLog({ path });
    expect(await again.headPosition()).toBe(3);
    expect(await again.streamVersion('doc-1')).toBe(2);
    expect(await again.positionOf('c')).toBe(3);
    expect((await again.append('doc-1', [ev('a'), ev('b')], { expectedVersion: 0 })).appended).toBe(0);
    expect(await again.append('doc-1', [ev('d')], { expectedVersion: 2 })).toEqual({
      nextVersion: 3,
      globalPosition: 4,
      appended: 1,
    });
    expect((await again.readStream('doc-1')).map((e) => e.id)).toEqual(['a', 'b', 'd']);
    await again.close();
    expect(isLogClosedError(await again.read().catch((e: unknown) => e))).toBe(true);
  });

  it('cuts a torn last line on open with a warning, and keeps working', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    const log = await openFileEventLog({ path });
    await log.append('doc', [ev('a'), ev('b')]);
    await log.close();
    const good = await readFile(path, 'utf8');
    await appendFile(path, '{"position":3,"stream":"doc","streamVersion":3,"id":"c","ty');

    const warnings: string[] = [];
    const reopened = await openFileEventLog({ path, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/line 3.*incomplete.*cut/);
    expect(await readFile(path, 'utf8')).toBe(good);
    expect(await reopened.headPosition()).toBe(2);
    expect(await reopened.append('doc', [ev('c')], { expectedVersion: 2 })).toEqual({
      nextVersion: 3,
      globalPosition: 3,
      appended: 1,
    });
    expect((await reopened.read()).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    await reopened.close();
    const warnings2: string[] = [];
    const third = await openFileEventLog({ path, onWarning: (m) => warnings2.push(m) });
    expect(warnings2).toEqual([]);
    expect(await third.headPosition()).toBe(3);
    await third.close();
  });

  it('recovers a file holding nothing but a torn line, and fsync "always" commits one append at a time', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    await writeFile(path, '{"position":1,"str');
    const warnings: string[] = [];
    const commits: number[] = [];
    const log = await openFileEventLog({
      path,
      fsync: 'always',
      onWarning: (m) => warnings.push(m),
      onCommit: (c) => commits.push(c.appends),
    });
    expect(warnings).toHaveLength(1);
    expect(await log.headPosition()).toBe(0);
    await Promise.all([log.append('s', [ev('a')]), log.append('s', [ev('b')]), log.append('t', [ev('c')])]);
    expect(commits).toEqual([1, 1, 1]);
    expect((await log.read()).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    await log.close();
  });

  it('refuses a log with a corrupt line in the middle, naming the line', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    const log = await openFileEventLog({ path });
    await log.append('doc', [ev('a'), ev('b'), ev('c')]);
    await log.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = '{"garbage": true}';
    await writeFile(path, lines.join('\n'));
    const error = await openFileEventLog({ path, onWarning: () => {} }).catch((e: unknown) => e);
    expect(isCorruptEventError(error)).toBe(true);
    expect((error as Error).message).toMatch(/line 2/);
    // The lock was released: a fixed file opens.
    lines[1] = lines[1].replace('{"garbage": true}', '');
    await writeFile(path, `${lines[0]}\n`);
    const fixed = await openFileEventLog({ path });
    expect(await fixed.headPosition()).toBe(1);
    await fixed.close();
  });

  it('gives a second opener in the same process LogLockedError', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    const first = await openFileEventLog({ path });
    const error = await openFileEventLog({ path }).catch((e: unknown) => e);
    expect(isLogLockedError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'LOG_LOCKED', retryable: false, holderPid: process.pid });
    await first.append('s', [ev('a')]);
    await first.close();
    const second = await openFileEventLog({ path });
    expect(await second.headPosition()).toBe(1);
    await second.close();
  });

  it('opens read-only beside the holder: the complete lines as they stand, no lock, no repair, no appends', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    const holder = await openFileEventLog({ path });
    await holder.append('doc', [ev('a', { n: 1 }), ev('b')]);
    // The holder's next append, caught half written.
    await appendFile(path, '{"position":3,"stream":"doc","streamVersion":3,"id":"c","ty');
    const before = await readFile(path, 'utf8');
    const warnings: string[] = [];
    const reader = await openFileEventLog({ path, readOnly: true, onWarning: (m) => warnings.push(m) });
    expect(await reader.headPosition()).toBe(2);
    expect((await reader.read()).map((e) => [e.id, e.data])).toEqual([
      ['a', { n: 1 }],
      ['b', { id: 'b' }],
    ]);
    expect(await reader.streamVersion('doc')).toBe(2);
    const refused = await reader.append('doc', [ev('x')]).catch((e: unknown) => e);
    expect(isLogReadOnlyError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'LOG_READ_ONLY', retryable: false });
    await reader.close();
    expect(warnings).toEqual([]);
    expect(await readFile(path, 'utf8')).toBe(before);
    // The holder's lock is untouched by the reader.
    expect(isLogLockedError(await openFileEventLog({ path }).catch((e: unknown) => e))).toBe(true);
    await holder.close();
    await expect(openFileEventLog({ path: join(await tempDir(), 'missing.jsonl'), readOnly: true })).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('gives LogLockedError while another live process holds the lock, takes over once it is dead', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    // Another process that takes the lock the same way (O_EXCL pid file) and stays alive.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(`${path}.lock`)}, process.pid + '\\n', { flag: 'wx' }); console.log('locked'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const error = await openFileEventLog({ path }).catch((e: unknown) => e);
    expect(isLogLockedError(error)).toBe(true);
    expect((error as Error).message).toContain(`pid ${child.pid}`);

    child.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
    const warnings: string[] = [];
    const log = await openFileEventLog({ path, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/stale lock.*no longer running/);
    expect((await readFile(`${path}.lock`, 'utf8')).trim()).toBe(`${process.pid} ${hostname()}`);
    await log.close();
  });

  it('does not take over a lock held by another host (shared volume), even with a dead-looking pid', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    await writeFile(`${path}.lock`, '1 some-other-container\n');
    const warnings: string[] = [];
    const error = await openFileEventLog({ path, onWarning: (m) => warnings.push(m) }).catch((e: unknown) => e);
    expect(isLogLockedError(error)).toBe(true);
    expect(warnings.join('\n')).toMatch(/host "some-other-container".*delete/);
  });

  it('takes over a lock holding its own pid when this process does not hold it (pid reuse after a restart)', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    await writeFile(`${path}.lock`, `${process.pid} ${hostname()}\n`);
    const warnings: string[] = [];
    const log = await openFileEventLog({ path, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/stale lock/);
    await log.close();
  });

  it('batches concurrent appends into few writes (group commit) and all are durable', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    const commits: number[] = [];
    const log = await openFileEventLog({ path, onCommit: (c) => commits.push(c.appends) });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => log.append(`s${i % 7}`, [ev(`e${i}`, { i })])),
    );
    expect(new Set(results.map((r) => r.globalPosition)).size).toBe(200);
    // Same-tick appends share one write + fdatasync.
    expect(commits.reduce((a, b) => a + b, 0)).toBe(200);
    expect(commits.length).toBeLessThanOrEqual(3);
    await log.close();
    const reopened = await openFileEventLog({ path });
    expect(await reopened.headPosition()).toBe(200);
    expect(await reopened.streamVersion('s0')).toBe(29);
    await reopened.close();
  });

  it('finishes queued appends on close', async () => {
    const path = join(await tempDir(), 'events.jsonl');
    const log = await openFileEventLog({ path });
    const appends = [log.append('s', [ev('a')]), log.append('s', [ev('b')])];
    await log.close();
    expect((await Promise.all(appends)).map((r) => r.globalPosition)).toEqual([1, 2]);
    expect(isLogClosedError(await log.append('s', [ev('c')]).catch((e: unknown) => e))).toBe(true);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);
  });
});
