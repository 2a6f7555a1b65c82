import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { waitFor as waitForValue } from '../support/wait-for.js';

/** Real `timeline serve` processes for the hostile tests (embedded: in-process queue + file log). */

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Item 1: a headline, then one sentence full of date words (quadratic in the analysis of the time). */
export const tuesdays = (chars: number): string => `Hl\n\n${'tuesday '.repeat(Math.ceil(chars / 8))}`;
export const lastWeeks = (chars: number): string => `Hl\n\n${'last week on monday the '.repeat(Math.ceil(chars / 24))}`;

export interface Served {
  readonly base: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
}

export async function serve(dataDir: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, REDIS_URL: '', TIMELINE_API_TOKEN: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const address = /serving (http:\/\/[^\s]+)/.exec(stderr)?.[1];
      if (address) resolve(address);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { base, child, stderr: () => stderr };
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM, and the exit code (or the signal and what the process said, when it did not exit by itself). */
export async function stop(served: Served): Promise<number | string> {
  // `serve` prints its address a moment before it installs its SIGTERM handler (src/cli/commands/serve.ts):
  // a signal in between ends it at once. One answered request puts the signal after the handler.
  await fetch(`${served.base}/healthz`);
  served.child.kill('SIGTERM');
  const code = await exitOf(served.child);
  return code ?? `killed by ${served.child.signalCode}: ${served.stderr()}`;
}

export async function post(base: string, text: string): Promise<{ status: number; documentId: string }> {
  const response = await fetch(`${base}/documents`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });
  const body = (await response.json()) as { documentId: string };
  return { status: response.status, documentId: body.documentId };
}

export interface DocumentState {
  state: string;
  title?: string;
  failure?: { code: string; reason: string };
}

export async function documentState(base: string, id: string): Promise<DocumentState> {
  const response = await fetch(`${base}/documents/${id}`);
  return (await response.json()) as DocumentState;
}

/** Freak documents take seconds: a minute before giving up. */
export const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
  waitForValue(what, probe, timeoutMs);

export const settled = (base: string, id: string): Promise<DocumentState> =>
  waitFor(`${id} to settle`, async () => {
    const status = await documentState(base, id);
    return status.state === 'processed' || status.state === 'failed' ? status : undefined;
  });
