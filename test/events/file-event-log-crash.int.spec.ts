/**
 * A real crash: a child process appends to a file log and is killed with SIGKILL mid-stream.
 * The log must reopen (stale lock taken over, a torn tail cut if any), keep every append the
 * child saw acknowledged, and accept new appends. The adapter is transpiled with the TypeScript
 * compiler (no type check) into a temp dir so that a plain `node` child can run it.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { openFileEventLog } from '../../src/events/store/file/file-event-log.js';

const root = join(import.meta.dirname, '..', '..');
const sources = [
  'src/events/store/errors.ts',
  'src/events/store/event-log.ts',
  'src/events/store/envelope.ts',
  'src/events/store/append-decision.ts',
  'src/events/store/memory/in-process-subscription.ts',
  'src/events/store/file/lock-file.ts',
  'src/events/store/file/file-event-log.ts',
];
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'timeline-crash-'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  for (const source of sources) {
    const out = join(dir, relative(root, source)).replace(/\.ts$/, '.js');
    await mkdir(dirname(out), { recursive: true });
    const { outputText } = ts.transpileModule(await readFile(join(root, source), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    await writeFile(out, outputText);
  }
  await writeFile(
    join(dir, 'child.mjs'),
    `import { openFileEventLog } from './src/events/store/file/file-event-log.js';
const log = await openFileEventLog({ path: process.argv[2], onWarning: () => {} });
let i = 0;
const worker = async (w) => {
  for (;;) {
    const n = i++;
    const r = await log.append('doc-' + (n % 5), [{ id: 'e' + n, type: 'T', schemaVersion: 1, data: { n, pad: 'x'.repeat(2000) } }]);
    process.stdout.write('ok ' + n + ' ' + r.globalPosition + '\\n');
  }
};
await Promise.all([0, 1, 2, 3].map(worker));
`,
  );
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('file event log after a SIGKILL', () => {
  it('reopens with every acknowledged append and keeps working', async () => {
    const path = join(dir, 'events.jsonl');
    const child = spawn(process.execPath, [join(dir, 'child.mjs'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged = new Map<string, number>();
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const [, n, position] = line.split(' ');
          acknowledged.set(`e${n}`, Number(position));
        }
        if (acknowledged.size >= 300 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited early: ${code} ${signal}`));
      });
    });
    await new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );

    const warnings: string[] = [];
    const log = await openFileEventLog({ path, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/stale lock/);
    const head = await log.headPosition();
    expect(head).toBeGreaterThanOrEqual(acknowledged.size);
    for (const [id, position] of acknowledged) expect(await log.positionOf(id)).toBe(position);
    const next = await log.append('after-crash', [{ id: 'after', type: 'T', schemaVersion: 1, data: null }]);
    expect(next.globalPosition).toBe(head + 1);
    await log.close();
  });
});
