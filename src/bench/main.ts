/**
 * `npm run bench [-- --json] [-- --sizes 1000,10000] [-- --quick]`: throughput and memory figures, printed,
 * (`-- --scale`: the scale figures alone, see scale-bench.ts; `-- --adversarial`: the freak texts alone)
 * never asserted. One run measures everything on the same documents (the seeds plus the
 * development corpus texts, repeated with a copy marker so each is a distinct document).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../devtools/private-redis.js';
import { acceptDocument, documentIdOf, type DocumentJobPayload } from '../documents/document-job.js';
import { createRedisEventLog } from '../events/store/redis/redis-event-log.js';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import { tagText } from '../language/annotate.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { needsReconciliation, timelineProjection } from '../projections/timeline-projection.js';
import { DOCUMENT_JOB_OPTIONS } from '../workers/bullmq/job-options.js';
import { bullPrefixOf, logPrefixOf } from '../workers/bullmq/redis-connection.js';
import { DOCUMENTS_QUEUE, PROCESS_DOCUMENT_JOB, RECONCILE_QUEUE } from '../workers/queue-names.js';
import { benchTagger } from '../tagger/bench.js';
import { benchReplay } from './replay-bench.js';
import { benchDocuments, benchTexts, cpuSecondsOf, deleteKeys } from './bench-support.js';
import type { ProjectionReplayFigures } from './projection-replay.js';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1000, 10000];
const concurrencyArg = args[args.indexOf('--concurrency') + 1];
const WORKER_CONCURRENCY = args.includes('--concurrency') && concurrencyArg ? Number(concurrencyArg) : 8;
// `--cpu-prof DIR`: the worker processes of the queue run write V8 CPU profiles there (open in Chrome DevTools).
const cpuProfArg = args[args.indexOf('--cpu-prof') + 1];
const WORKER_NODE_ARGS =
  args.includes('--cpu-prof') && cpuProfArg ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfArg)}`] : [];
// The pure pipeline is timed warm (after a warm-up, best of two rounds); the queue is timed warm too:
// the workers first take this many other documents (`--warmup N`), whose cold rate is printed apart.
const warmupArg = args[args.indexOf('--warmup') + 1];
const QUEUE_WARMUP_DOCS = args.includes('--warmup') && warmupArg ? Number(warmupArg) : 3000;
// `--quick`: only the pure pipeline and the queue (for comparing two builds, run alternately).
const QUICK = args.includes('--quick');
// The worker processes run the build this file belongs to (so two builds can be compared from one checkout).
const CLI_MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const PROJECTION_REPLAY = fileURLToPath(new URL('./projection-replay.js', import.meta.url));
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

interface SizeFigures {
  docs: number;
  events: number;
  chronoDocsPerSec: number;
  pipelineDocsPerSec: number;
  /** The NLP library alone on the same texts. */
  nlpDocsPerSec: number;
  queueDocsPerSec: number;
  queueColdDocsPerSec: number;
  queueTimelineDocsPerSec: number;
  queueWarmupDocs: number;
  /** CPU per document during the queue run, ms: what bounds queueDocsPerSec on a small machine. */
  queueCpuMsPerDoc: QueueCpu;
  bullmqNoopJobsPerSec: number;
  replayEventsPerSec: number;
  xrangeEventsPerSec: number;
  workerPeakRssMb: number;
  reconcilerPeakRssMb: number;
  benchPeakRssMb: number;
}

function perSec(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

function peakRssMbOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Where the CPU of the queue run went, in milliseconds per document. */
interface QueueCpu {
  documentWorkers: number;
  reconciler: number;
  redis: number;
  producer: number;
}

async function startWorkerProcess(
  redisUrl: string,
  prefix: string,
  role: 'documents' | 'reconcile',
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...WORKER_NODE_ARGS, CLI_MAIN, 'worker', '--concurrency', String(WORKER_CONCURRENCY), '--role', role],
    {
      env: { ...process.env, REDIS_URL: redisUrl, TIMELINE_PREFIX: prefix },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await new Promise<void>((resolveReady, reject) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('workers running')) resolveReady();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${err}`)));
  });
  return child;
}

interface QueueFigures {
  docsPerSec: number;
  /** Until the timeline covers every document (the queue drained and the last reconciliation done). */
  timelineDocsPerSec: number;
  /** The warm-up documents' rate: fresh worker processes (JIT compilation, lazily built parsers). */
  coldDocsPerSec: number;
  warmupDocs: number;
  cpu: QueueCpu;
  events: number;
  replayEventsPerSec: number;
  xrangeEventsPerSec: number;
  workerPeakRssMb: number;
  reconcilerPeakRssMb: number;
}

async function measureQueue(
  redisUrl: string,
  documents: DocumentJobPayload[],
  warmup: DocumentJobPayload[],
): Promise<QueueFigures> {
  const prefix = `bench-${Date.now()}`;
  // Two document workers (measured), and the reconciler in a process of its own.
  const workers = [
    await startWorkerProcess(redisUrl, prefix, 'documents'),
    await startWorkerProcess(redisUrl, prefix, 'documents'),
  ];
  const reconciler = await startWorkerProcess(redisUrl, prefix, 'reconcile');
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(DOCUMENTS_QUEUE, { connection, prefix: bullPrefixOf(prefix) });
  const reconcile = new Queue(RECONCILE_QUEUE, { connection, prefix: bullPrefixOf(prefix) });
  const redisPid = Number(/process_id:(\d+)/.exec(await connection.info('server'))?.[1] ?? 0);
  const runner = new ProjectionRunner(
    timelineProjection,
    createRedisEventLog({ redis: connection, prefix: logPrefixOf(prefix) }),
  );
  const pending = async (q: Queue): Promise<number> =>
    Object.values(await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).reduce((a, b) => a + b, 0);
  const enqueueAndDrain = async (batch: DocumentJobPayload[]): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < batch.length; i += 500) {
      const chunk = batch.slice(i, i + 500);
      await queue.addBulk(
        chunk.map((data) => ({
          name: PROCESS_DOCUMENT_JOB,
          data,
          opts: { ...DOCUMENT_JOB_OPTIONS, jobId: documentIdOf(data.text) },
        })),
      );
    }
    while ((await pending(queue)) > 0) await new Promise((r) => setTimeout(r, 100));
    return performance.now() - started;
  };
  // Until the reconciler has covered every analysis (its tick runs every 500 ms).
  const reconciled = async (): Promise<void> => {
    while (needsReconciliation((await runner.catchUp()).state)) await new Promise((r) => setTimeout(r, 100));
  };
  const warmupMs = warmup.length ? await enqueueAndDrain(warmup) : 0;
  if (warmup.length) await reconciled();
  const cpuBefore = {
    started: performance.now(),
    workers: workers.map((w) => cpuSecondsOf(w.pid)),
    reconciler: cpuSecondsOf(reconciler.pid),
    redis: cpuSecondsOf(redisPid),
    producer: process.cpuUsage(),
  };
  const docsMs = await enqueueAndDrain(documents);
  const producerUsage = process.cpuUsage(cpuBefore.producer);
  const perDoc = (seconds: number): number => Math.round((seconds * 1000 * 1000) / documents.length) / 1000;
  const cpu: QueueCpu = {
    documentWorkers: perDoc(workers.reduce((sum, w, i) => sum + cpuSecondsOf(w.pid) - (cpuBefore.workers[i] ?? 0), 0)),
    reconciler: perDoc(cpuSecondsOf(reconciler.pid) - cpuBefore.reconciler),
    redis: perDoc(cpuSecondsOf(redisPid) - cpuBefore.redis),
    producer: perDoc((producerUsage.user + producerUsage.system) / 1e6),
  };
  await reconciled();
  const timelineMs = performance.now() - cpuBefore.started;
  const workerPeakRssMb = Math.max(...workers.map((w) => peakRssMbOf(w.pid)));
  const reconcilerPeakRssMb = peakRssMbOf(reconciler.pid);
  for (const worker of [...workers, reconciler]) worker.kill('SIGTERM');
  await Promise.all(
    [...workers, reconciler].map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))),
  );

  const replay = QUICK
    ? { events: 0, replayEventsPerSec: 0, xrangeEventsPerSec: 0 }
    : await replayInChildProcess(redisUrl, logPrefixOf(prefix));

  await queue.obliterate({ force: true }).catch(() => undefined);
  await reconcile.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await reconcile.close();
  await deleteKeys(connection, `${prefix}:*`);
  connection.disconnect();
  return {
    docsPerSec: perSec(documents.length, docsMs),
    timelineDocsPerSec: perSec(documents.length, timelineMs),
    coldDocsPerSec: warmup.length ? perSec(warmup.length, warmupMs) : 0,
    warmupDocs: warmup.length,
    cpu,
    ...replay,
    workerPeakRssMb,
    reconcilerPeakRssMb,
  };
}

/** The projection replay figures, measured by a process of its own (see projection-replay.ts). */
function replayInChildProcess(redisUrl: string, logPrefix: string): Promise<ProjectionReplayFigures> {
  return new Promise((resolveFigures, reject) => {
    const child = spawn(process.execPath, [PROJECTION_REPLAY, redisUrl, logPrefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`projection replay exited with ${code}: ${err}`));
      resolveFigures(JSON.parse(out) as ProjectionReplayFigures);
    });
  });
}

async function measureNoop(redisUrl: string, count: number): Promise<number> {
  const prefix = `bench-noop-${Date.now()}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const workerConnections = [1, 2].map(() => new Redis(redisUrl, { maxRetriesPerRequest: null }));
  const workers = workerConnections.map(
    (workerConnection) =>
      new Worker('noop', async () => undefined, {
        connection: workerConnection,
        prefix,
        concurrency: 2,
        autorun: false,
      }),
  );
  for (const worker of workers) {
    worker.on('completed', () => {
      if (++done === count) finish();
    });
  }
  const started = performance.now();
  for (let i = 0; i < count; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, count - i) }, () => ({
        name: 'noop',
        data: {},
        opts: { removeOnComplete: true },
      })),
    );
  }
  for (const worker of workers) void worker.run();
  await finished;
  const ms = performance.now() - started;
  await Promise.all(workers.map((w) => w.close()));
  for (const workerConnection of workerConnections) workerConnection.disconnect();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await deleteKeys(connection, `${prefix}:*`);
  connection.disconnect();
  return perSec(count, ms);
}

function measurePure(documents: DocumentJobPayload[]): {
  chronoDocsPerSec: number;
  pipelineDocsPerSec: number;
  nlpDocsPerSec: number;
} {
  const accepted = documents.map((d) => acceptDocument(d));
  const runChrono = (): void => {
    for (const d of accepted) chrono.parse(d.text, new Date(`${d.publishedAt}T12:00:00Z`));
  };
  const runPipeline = (): void => {
    for (const d of accepted)
      analyzeDocument({ documentId: d.documentId, text: d.text, source: d.source, publishedAt: d.publishedAt });
  };
  // Warm-up (JIT, chrono's lazily built parsers), then alternated rounds, best of each: load
  // from other processes then hits both sides alike.
  for (const d of accepted.slice(0, 200)) {
    chrono.parse(d.text, new Date(`${d.publishedAt}T12:00:00Z`));
    analyzeDocument({ documentId: d.documentId, text: d.text, source: d.source, publishedAt: d.publishedAt });
  }
  // The NLP library alone (tokens, POS tags, lemmas of the same texts): what the layers above it add is the rest.
  const runNlp = (): void => {
    for (const d of accepted) tagText(d.text);
  };
  for (const d of accepted.slice(0, 200)) tagText(d.text);
  let chronoMs = Infinity;
  let pipelineMs = Infinity;
  let nlpMs = Infinity;
  for (let round = 0; round < 2; round++) {
    let started = performance.now();
    runChrono();
    chronoMs = Math.min(chronoMs, performance.now() - started);
    started = performance.now();
    runNlp();
    nlpMs = Math.min(nlpMs, performance.now() - started);
    started = performance.now();
    runPipeline();
    pipelineMs = Math.min(pipelineMs, performance.now() - started);
  }
  return {
    chronoDocsPerSec: perSec(accepted.length, chronoMs),
    pipelineDocsPerSec: perSec(accepted.length, pipelineMs),
    nlpDocsPerSec: perSec(accepted.length, nlpMs),
  };
}

async function main(): Promise<void> {
  if (args.includes('--scale')) {
    // Only the scale figures of issue #16 (scale-bench.ts): one new document's reconciliation by archive size.
    const { benchScale } = await import('./scale-bench.js');
    const scaleSizesArg = args[args.indexOf('--scale-sizes') + 1];
    const scaleSizes =
      args.includes('--scale-sizes') && scaleSizesArg ? scaleSizesArg.split(',').map(Number) : [10_000, 100_000];
    const scale = await benchScale(scaleSizes);
    say('scale: one new document reconciled (its stories again) on a synthetic archive of each size');
    for (const [size, f] of Object.entries(scale)) {
      say(
        `  ${size.padStart(7)} docs  ${String(f.stories).padStart(6)} stories (largest ${f.largestStory}; ${f.largestLinkedByEntries} linked by shared entries)  initial ${f.initialReconcileMs} ms  one doc p50 ${f.reconcileOneP50Ms} ms, p99 ${f.reconcileOneP99Ms} ms (${f.documentsReconciledP50}/${f.documentsReconciledP99} docs reconciled)  peak RSS ${f.reconcilerPeakRssMb} MB`,
      );
    }
    if (asJson) say(JSON.stringify({ scale }));
    return;
  }
  if (args.includes('--adversarial')) {
    // Only the freak texts of issue #17 (adversarial.ts): flat time and output per kilobyte.
    const { benchAdversarial } = await import('./adversarial.js');
    const figures = await benchAdversarial();
    say('adversarial texts (analysed as `timeline serve` does: in a thread, default budget)');
    for (const f of figures) {
      say(
        `  ${f.shape.padEnd(24)} ${String(f.kilobytes).padStart(5)} KB  ${f.outcome.padEnd(24)} ${String(f.ms).padStart(6)} ms  ${String(f.msPerKilobyte).padStart(7)} ms/KB  ${String(f.eventsPerKilobyte).padStart(6)} events/KB  ${String(f.storedBytesPerKilobyte).padStart(6)} stored B/KB`,
      );
    }
    if (asJson) say(JSON.stringify({ adversarial: figures }));
    return;
  }
  if (!existsSync(CLI_MAIN)) throw new Error('run `npm run build` first (npm run bench does)');
  const privateRedis = process.env.REDIS_URL ? undefined : await startPrivateRedis();
  const redisUrl = process.env.REDIS_URL ?? privateRedis!.url;
  say(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );
  say(`redis: ${privateRedis ? 'private redis-server (no AOF)' : redisUrl}`);
  const results: SizeFigures[] = [];
  try {
    for (const size of sizes) {
      const documents = benchDocuments(size);
      say(`\n== ${size} documents`);
      const pure = measurePure(documents);
      say(`chrono.parse:        ${pure.chronoDocsPerSec} docs/s`);
      say(`NLP library alone:   ${pure.nlpDocsPerSec} docs/s (wink-nlp: tokens, POS tags, lemmas)`);
      say(
        `pure pipeline:       ${pure.pipelineDocsPerSec} docs/s   (${(pure.pipelineDocsPerSec / pure.chronoDocsPerSec).toFixed(2)} × chrono; ${(pure.pipelineDocsPerSec / pure.nlpDocsPerSec).toFixed(2)} × the NLP library alone, target ≥ 0.5)`,
      );
      const noop = QUICK ? 0 : await measureNoop(redisUrl, size);
      if (!QUICK) say(`bullmq no-op jobs:   ${noop} jobs/s (2 workers × concurrency 2, in-process)`);
      const queue = await measureQueue(redisUrl, documents, benchDocuments(QUEUE_WARMUP_DOCS, 'warm-up '));
      say(
        `queue end to end:    ${queue.docsPerSec} docs/s (2 document worker processes × concurrency ${WORKER_CONCURRENCY}, BullMQ + Redis log, after ${queue.warmupDocs} warm-up documents)   (${(queue.docsPerSec / pure.pipelineDocsPerSec).toFixed(2)} × pipeline; target ≥ 0.5)`,
      );
      say(
        `queue to timeline:   ${queue.timelineDocsPerSec} docs/s (from the first enqueue until the reconciled timeline covers every document)`,
      );
      if (queue.warmupDocs)
        say(
          `queue, cold:         ${queue.coldDocsPerSec} docs/s (the ${queue.warmupDocs} warm-up documents on fresh worker processes)   (${(queue.coldDocsPerSec / pure.pipelineDocsPerSec).toFixed(2)} × pipeline)`,
        );
      say(
        `queue CPU per doc:   document workers ${queue.cpu.documentWorkers} ms, reconciler ${queue.cpu.reconciler} ms, redis ${queue.cpu.redis} ms, producer ${queue.cpu.producer} ms (pure pipeline: ${(1000 / pure.pipelineDocsPerSec).toFixed(3)} ms)`,
      );
      if (QUICK) continue;
      say(`log:                 ${queue.events} events`);
      say(
        `replay (projection): ${queue.replayEventsPerSec} events/s   raw XRANGE+JSON.parse: ${queue.xrangeEventsPerSec} events/s   (${(queue.replayEventsPerSec / queue.xrangeEventsPerSec).toFixed(2)} × raw; target ≥ 0.5)`,
      );
      say(
        `peak RSS:            document workers ${queue.workerPeakRssMb} MB, reconciler ${queue.reconcilerPeakRssMb} MB`,
      );
      results.push({
        docs: size,
        events: queue.events,
        chronoDocsPerSec: pure.chronoDocsPerSec,
        pipelineDocsPerSec: pure.pipelineDocsPerSec,
        nlpDocsPerSec: pure.nlpDocsPerSec,
        queueDocsPerSec: queue.docsPerSec,
        queueColdDocsPerSec: queue.coldDocsPerSec,
        queueTimelineDocsPerSec: queue.timelineDocsPerSec,
        queueWarmupDocs: queue.warmupDocs,
        queueCpuMsPerDoc: queue.cpu,
        bullmqNoopJobsPerSec: noop,
        replayEventsPerSec: queue.replayEventsPerSec,
        xrangeEventsPerSec: queue.xrangeEventsPerSec,
        workerPeakRssMb: queue.workerPeakRssMb,
        reconcilerPeakRssMb: queue.reconcilerPeakRssMb,
        benchPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
    if (QUICK) return;
    const texts = benchTexts();
    const tagger = await benchTagger(
      texts.map((t) => t.text),
      texts.map((t) => t.dct),
    );
    say(
      `\ntagger:              ${Math.round(tagger.taggerDocsPerSec)} docs/s vs plain chrono.parse ${Math.round(tagger.chronoDocsPerSec)} docs/s (${tagger.ratio.toFixed(2)} ×; target ≥ 0.5)`,
    );
    const adapter = await benchReplay({ redisUrl, events: 100_000 });
    say(
      `log adapter read:    ${adapter.replayEventsPerSec} events/s vs raw XRANGE ${adapter.xrangeEventsPerSec} events/s (${adapter.ratio.toFixed(2)} ×) on ${adapter.events} synthetic events; file adapter ${adapter.fileReplayEventsPerSec} events/s`,
    );

    const last = results[results.length - 1]!;
    const first = results[0]!;
    const summary = {
      ...last,
      peakRssMb: last.workerPeakRssMb,
      ratios: {
        pipelineVsChrono: round(last.pipelineDocsPerSec / last.chronoDocsPerSec),
        queueVsPipeline: round(last.queueDocsPerSec / last.pipelineDocsPerSec),
        replayVsXrange: round(last.replayEventsPerSec / last.xrangeEventsPerSec),
        taggerVsChrono: round(tagger.ratio),
        adapterReadVsXrange: round(adapter.ratio),
      },
      scaling: {
        from: first.docs,
        to: last.docs,
        workerPeakRssMb: [first.workerPeakRssMb, last.workerPeakRssMb],
        reconcilerPeakRssMb: [first.reconcilerPeakRssMb, last.reconcilerPeakRssMb],
        queueDocsPerSec: [first.queueDocsPerSec, last.queueDocsPerSec],
      },
      tagger,
      adapterRead: adapter,
      bySize: results,
    };
    if (asJson) say(JSON.stringify(summary));
  } finally {
    await privateRedis?.stop();
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
