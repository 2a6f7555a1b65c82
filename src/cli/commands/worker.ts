import { pino } from 'pino';
import { startRedisWorkers } from '../../workers/bullmq/redis-workers.js';
import { CliError, EXIT } from '../exit-codes.js';
import { untilStopSignal } from '../stop-signals.js';
import type { GlobalOptions } from './with-service.js';

/** `timeline worker`: BullMQ workers until SIGTERM/SIGINT, then a graceful close within a timeout. */
export async function runWorker(
  options: GlobalOptions & {
    concurrency: number;
    shutdownTimeoutMs: number;
    forceTimeoutMs: number;
    lockDurationMs: number;
    analysisThreads: number;
    roles: ReadonlyArray<'documents' | 'reconcile'>;
    verbose: boolean;
  },
): Promise<number> {
  if (!options.redis) {
    throw new CliError(
      '`timeline worker` needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379) or REDIS_CLUSTER_NODES (e.g. 10.0.0.1:7000,10.0.0.2:7000); without Redis, `timeline run` and `timeline ingest` process documents in-process',
      EXIT.USAGE,
    );
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? (options.verbose ? 'info' : 'warn') }, pino.destination(2));
  const workers = await startRedisWorkers({
    ...options.redis,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDurationMs: options.lockDurationMs,
    roles: options.roles,
    analysisThreads: options.analysisThreads,
    ...(options.maxDocumentBytes ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
    onWorkerError: (queue, error) => logger.warn({ queue, error: error.message }, 'worker error (retrying)'),
    onJobDone: (line) => (line.outcome === 'failed' ? logger.warn(line, 'job failed') : logger.info(line, 'job done')),
  });
  logger.info({ concurrency: options.concurrency, prefix: options.prefix }, 'workers started');
  process.stderr.write(
    `timeline: workers running (${options.roles.join(' + ')}, concurrency ${options.concurrency}); SIGTERM or Ctrl-C to stop\n`,
  );
  const say = (line: string): void => void process.stderr.write(`timeline: ${line}\n`);
  const signal = await untilStopSignal({ forceMs: options.forceTimeoutMs, say });
  say(`${signal}: finishing running jobs (at most ${options.shutdownTimeoutMs} ms)`);
  try {
    await workers.close(options.shutdownTimeoutMs, options.forceTimeoutMs);
  } catch (error) {
    say(
      `workers closed, not cleanly: ${error instanceof AggregateError ? [error.message, ...error.errors.map(String)].join('; ') : String(error)}`,
    );
    return EXIT.RUNTIME;
  }
  say('workers closed');
  return EXIT.OK;
}
