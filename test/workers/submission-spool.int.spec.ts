import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { documentIdOf } from '../../src/documents/document-job.js';
import { readAll } from '../../src/events/store/event-log.js';
import { SubmissionSpool } from '../../src/workers/submission-spool.js';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('spool');
const seed = readFileSync(join(REPO_ROOT, 'seeds', '003_aa2a8b04b8eb18ec.txt'), 'utf8');

describe('SubmissionSpool (the embedded queue on disk)', () => {
  it('gives back what was saved, in order, skips a line cut short by a crash, and empties only when idle', async () => {
    const path = join(tempDir(), 'queue.jsonl');
    const { spool, leftOver } = await SubmissionSpool.open(path);
    expect(leftOver).toEqual([]);
    await Promise.all(
      [1, 2, 3].map((n) => spool.save({ jobId: `job-${n}`, payload: { text: `text ${n}`, title: null } })),
    );
    await spool.close();
    appendFileSync(path, '{"jobId":"job-4","payl');

    const warnings: string[] = [];
    const reopened = await SubmissionSpool.open(path, (message) => warnings.push(message));
    expect(reopened.leftOver).toEqual(
      [1, 2, 3].map((n) => ({ jobId: `job-${n}`, payload: { text: `text ${n}`, title: null } })),
    );
    expect(warnings).toEqual([expect.stringMatching(/line 4 is not complete JSON/)]);
    await reopened.spool.clearIfIdle(() => false);
    expect(statSync(path).size).toBeGreaterThan(0);
    await reopened.spool.clearIfIdle(() => true);
    expect(statSync(path).size).toBe(0);
    await reopened.spool.close();
  });

  it('what a crashed process accepted is processed when the data directory is opened again, once', async () => {
    const dataDir = tempDir();
    const first = await openTimelineService({ dataDir });
    const processed = await first.submitDocument({ text: seed, publishedAt: '2022-03-14' });
    await first.engine.whenIdle();
    await first.close();
    // As a killed `timeline serve` leaves it: one submission processed already, one never started.
    const { spool } = await SubmissionSpool.open(join(dataDir, 'queue.jsonl'));
    await spool.save({ jobId: processed.documentId, payload: { text: seed, publishedAt: '2022-03-14' } });
    await spool.save({
      jobId: documentIdOf('Talks resumed on Monday.'),
      payload: { text: 'Talks resumed on Monday.', publishedAt: '2022-03-15' },
    });
    await spool.close();

    const reopened = await openTimelineService({ dataDir });
    await reopened.engine.whenIdle();
    expect((await reopened.getDocument(documentIdOf('Talks resumed on Monday.'))).state).toBe('processed');
    const received: string[] = [];
    for await (const event of readAll(reopened.engine.log))
      if (event.type === 'DocumentReceived') received.push(event.id);
    expect(received.sort()).toEqual(
      [`${processed.documentId}:received`, `${documentIdOf('Talks resumed on Monday.')}:received`].sort(),
    );
    await reopened.close();
    expect(statSync(join(dataDir, 'queue.jsonl')).size).toBe(0);
  });

  it.each(['SIGKILL', 'SIGTERM'] as const)(
    '`timeline serve` stopped with %s right after answering 202s: every accepted document is processed after a restart',
    async (signal) => {
      const dataDir = tempDir();
      const serve = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'serve', '--port', '0'], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const base = await new Promise<string>((resolve, reject) => {
        let err = '';
        serve.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          const address = /serving (http:\/\/\S+)/.exec(err)?.[1];
          if (address) resolve(address);
        });
        serve.once('exit', () => reject(new Error(err)));
      });
      const texts = Array.from({ length: 40 }, (_, i) => `${seed}\n\n(${signal} copy ${i})`);
      const answers = await Promise.all(
        texts.map((text) =>
          fetch(`${base}/documents`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text, publishedAt: '2022-03-14' }),
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(texts.map(() => 202));
      const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
      serve.kill(signal);
      // SIGTERM: the running documents finish, the waiting ones stay on the spool for the next start.
      expect(await exited).toBe(signal === 'SIGTERM' ? 0 : null);

      const ids = texts.map(documentIdOf);
      const spooled = readFileSync(join(dataDir, 'queue.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { jobId: string }).jobId);
      const inLog = readFileSync(join(dataDir, 'events.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; stream: string });
      const receivedBeforeRestart = new Set(
        inLog.filter((e) => e.type === 'DocumentReceived').map((e) => e.stream.replace(/^document-/, '')),
      );
      // Nothing accepted was only in memory: each document was in the log or on the spool.
      expect(ids.filter((id) => !receivedBeforeRestart.has(id) && !spooled.includes(id))).toEqual([]);
      const service = await openTimelineService({ dataDir });
      try {
        await service.engine.whenIdle();
        const states = await Promise.all(ids.map(async (id) => (await service.getDocument(id)).state));
        expect(states).toEqual(ids.map(() => 'processed'));
      } finally {
        await service.close();
      }
    },
  );
});
