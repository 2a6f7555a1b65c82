/**
 * `node dist/bench/documents-per-job.js [--per-job 1,20] [--docs 8000]`: what carrying several
 * documents in one BullMQ job would save, measured rather than guessed. One in-process worker
 * takes a pre-filled queue; each document goes through `processDocument` into a Redis log, as in
 * `timeline worker`. Prints, per setting, the CPU per document of the worker process, of Redis
 * and of the producer's `addBulk`, over the second half of the documents (the first half warms
 * the worker up). Figures only; a private redis-server unless REDIS_URL is set (keys under a
 * random prefix, deleted afterwards).
 */
import { performance } from 'node:perf_hooks';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../devtools/private-redis.js';
import { documentIdOf, type DocumentJobPayload } from '../documents/document-job.js';
import { createRedisEventLog } from '../events/store/redis/redis-event-log.js';
import { processDocument } from '../workers/process-document.js';
import { benchDocuments, cpuSecondsOf, deleteKeys } from './bench-support.js';

const args = process.argv.slice(2);
const valueOf = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const perJobSettings = (valueOf('--per-job') ?? '1,20').split(',').map(Number);
const documentCount = Number(valueOf('--docs') ?? 8000);

interface Figures {
  documentsPerJob: number;
  workerCpuMsPerDoc: number;
  redisCpuMsPerDoc: number;
  producerCpuMsPerDoc: number;
  docsPerSec: number;
}

async function measure(redisUrl: string, perJob: number): Promise<Figures> {
  const prefix = `bench-per-job-${Date.now()}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const logConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('documents', { connection, prefix });
  const log = createRedisEventLog({ redis: logConnection, prefix: `${prefix}:{log}` });
  const redisPid = Number(/process_id:(\d+)/.exec(await connection.info('server'))?.[1] ?? 0);
  const documents = benchDocuments(documentCount, `per-job ${perJob} `);
  const jobs: Array<{
    name: string;
    data: DocumentJobPayload | { documents: DocumentJobPayload[] };
    opts: { jobId: string; removeOnComplete: { count: number } };
  }> = [];
  for (let i = 0; i < documents.length; i += perJob) {
    const chunk = documents.slice(i, i + perJob);
    const data = perJob === 1 ? chunk[0]! : { documents: chunk };
    jobs.push({
      name: 'process',
      data,
      opts: { jobId: perJob === 1 ? documentIdOf(chunk[0]!.text) : `batch-${i}`, removeOnComplete: { count: 1000 } },
    });
  }
  const producerStart = process.cpuUsage();
  for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
  const producer = process.cpuUsage(producerStart);

  let completed = 0;
  let started: { cpu: NodeJS.CpuUsage; redis: number; at: number } | undefined;
  const measuredJobs = jobs.length - Math.floor(jobs.length / 2);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(
    'documents',
    async (job: Job): Promise<number> => {
      const data = job.data as DocumentJobPayload | { documents: DocumentJobPayload[] };
      if (!('documents' in data)) return (await processDocument(log, data)).eventCount;
      let events = 0;
      for (const document of data.documents) events += (await processDocument(log, document)).eventCount;
      return events;
    },
    // Eight documents in flight either way: eight single jobs, or two jobs of several.
    { connection: workerConnection, prefix, concurrency: perJob === 1 ? 8 : 2, autorun: false },
  );
  worker.on('completed', () => {
    completed++;
    if (completed === Math.floor(jobs.length / 2))
      started = { cpu: process.cpuUsage(), redis: cpuSecondsOf(redisPid), at: performance.now() };
    if (completed === jobs.length) finish();
  });
  void worker.run();
  await finished;
  const cpu = process.cpuUsage(started?.cpu);
  const ms = performance.now() - (started?.at ?? 0);
  const redisSeconds = cpuSecondsOf(redisPid) - (started?.redis ?? 0);
  const measuredDocs = Math.min(documents.length, measuredJobs * perJob);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await deleteKeys(connection, `${prefix}:*`);
  for (const c of [connection, workerConnection, logConnection]) c.disconnect();
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    documentsPerJob: perJob,
    workerCpuMsPerDoc: round((cpu.user + cpu.system) / 1000 / measuredDocs),
    redisCpuMsPerDoc: round((redisSeconds * 1000) / measuredDocs),
    producerCpuMsPerDoc: round((producer.user + producer.system) / 1000 / documents.length),
    docsPerSec: Math.round((measuredDocs / ms) * 1000),
  };
}

async function main(): Promise<void> {
  const privateRedis = process.env.REDIS_URL ? undefined : await startPrivateRedis();
  try {
    for (const perJob of perJobSettings)
      process.stdout.write(`${JSON.stringify(await measure(process.env.REDIS_URL ?? privateRedis!.url, perJob))}\n`);
  } finally {
    await privateRedis?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `documents-per-job: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
