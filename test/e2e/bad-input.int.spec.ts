import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { documentIdOf } from '../../src/documents/document-job.js';
import { readAll } from '../../src/events/store/event-log.js';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { bullPrefixOf } from '../../src/workers/bullmq/redis-connection.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { DOCUMENTS_QUEUE, PROCESS_DOCUMENT_JOB } from '../../src/workers/queue-names.js';
import { runCli } from '../support/cli.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { expectSeedTimeline } from '../support/seed-expectations.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'timeline-bad-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

describe('bad input gets a clear error and nothing else is lost', () => {
  it('`timeline run`: each bad file is named with its reason on stderr; the good ones go through', async () => {
    const input = tempDir();
    cpSync('seeds', input, { recursive: true });
    writeFileSync(join(input, 'empty.txt'), '  \n');
    writeFileSync(join(input, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
    writeFileSync(join(input, 'latin1.txt'), Buffer.from('caf\xe9 on Monday', 'latin1'));
    writeFileSync(join(input, 'huge.txt'), 'On Monday the talks began. '.repeat(4000));
    writeFileSync(join(input, 'bad-date.txt'), 'The ministers met on Monday in Rome.');
    const manifest = JSON.parse(
      await import('node:fs').then((fs) => fs.readFileSync(join(input, 'manifest.json'), 'utf8')),
    ) as { documents: unknown[] };
    manifest.documents.push({ file: 'bad-date.txt', publishedAt: '2022-02-30' });
    writeFileSync(join(input, 'manifest.json'), JSON.stringify(manifest));

    const dataDir = tempDir();
    const result = await runCli(['--data-dir', dataDir, '--max-document-bytes', '50000', 'run', input, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/empty\.txt: document is empty/);
    expect(result.stderr).toMatch(/binary\.txt: .*(binary|not valid UTF-8)/);
    expect(result.stderr).toMatch(/latin1\.txt: latin1\.txt is not valid UTF-8/);
    expect(result.stderr).toMatch(/huge\.txt: document is 108000 bytes; the limit is 50000 bytes/);
    expect(result.stderr).toMatch(/bad-date\.txt: publishedAt "2022-02-30" is not a valid date/);
    expect(result.stderr).toMatch(/5 processed, 5 failed/);
    const view = TimelineView.parse(JSON.parse(result.stdout));
    expectSeedTimeline(view);
  });

  it('a malformed manifest is reported and the files are still read', async () => {
    const input = tempDir();
    writeFileSync(join(input, 'a.txt'), 'Russia on Monday denied it needed help.');
    writeFileSync(join(input, 'manifest.json'), '{"documents": [{"file": 3}]}');
    const result = await runCli(['--data-dir', tempDir(), 'run', input, '--json']);
    expect(result.stderr).toMatch(/manifest\.json: not a manifest: documents\.0\.file/);
    expect(TimelineView.parse(JSON.parse(result.stdout)).documents).toHaveLength(1);
  });

  it('BullMQ: bad payloads from any producer fail at once, with the reason on the job, in status and per document', async () => {
    const { url, prefix } = testRedis();
    cleanups.push(() => deletePrefix(url, prefix));
    const workers = await startRedisWorkers({ redisUrl: url, prefix, concurrency: 2 });
    const service = await openTimelineService({ redisUrl: url, prefix });
    cleanups.push(
      () => workers.close(5000),
      () => service.close(),
    );
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(DOCUMENTS_QUEUE, { connection, prefix: bullPrefixOf(prefix) });
    cleanups.push(async () => {
      await queue.close();
      connection.disconnect();
    });

    const badDate = { text: 'The ministers met on Monday in Rome.', publishedAt: '2022-02-30' };
    const good = {
      text: 'Kremlin rejects report\n\nRussia on Monday denied it needed China’s help, the Kremlin said.',
      publishedAt: '2022-03-14',
      source: 'ap',
    };
    const jobs = await queue.addBulk([
      { name: PROCESS_DOCUMENT_JOB, data: { text: 42 }, opts: { attempts: 5, jobId: 'wrong-schema' } },
      { name: PROCESS_DOCUMENT_JOB, data: { text: '' }, opts: { attempts: 5, jobId: 'empty' } },
      { name: PROCESS_DOCUMENT_JOB, data: badDate, opts: { attempts: 5, jobId: documentIdOf(badDate.text) } },
      { name: PROCESS_DOCUMENT_JOB, data: good, opts: { attempts: 5, jobId: documentIdOf(good.text) } },
    ]);
    await service.engine.whenIdle({ timeoutMs: 30_000 });

    for (const job of jobs.slice(0, 3)) {
      const stored = await queue.getJob(job.id!);
      expect(await stored!.getState()).toBe('failed');
      expect(stored!.attemptsMade).toBe(1); // no retries for input that cannot succeed
    }
    expect((await queue.getJob('wrong-schema'))!.failedReason).toMatch(
      /^INVALID_PAYLOAD: invalid document payload: text:/,
    );
    expect((await queue.getJob('empty'))!.failedReason).toBe('EMPTY: document is empty');

    const bad = await service.getDocument(documentIdOf(badDate.text));
    expect(bad.state).toBe('failed');
    expect(bad.failure).toEqual({
      code: 'INVALID_PUBLISHED_AT',
      reason: expect.stringMatching(/publishedAt "2022-02-30" is not a valid date/),
    });
    const processed = await service.getDocument(documentIdOf(good.text));
    expect(processed.state).toBe('processed');
    expect(processed.events.map((e) => e.date)).toContain('2022-03-14');

    const status = await service.status();
    expect(status.documents.processed).toBe(1);
    expect(status.documents.failed).toBe(3);
    const rejected = [];
    for await (const event of readAll(service.engine.log))
      if (event.type === 'DocumentRejected') rejected.push(event.data);
    expect(rejected).toHaveLength(3);
  });
});
