#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import { isInvalidDocumentError } from '../documents/document-errors.js';
import { isEventLogError } from '../events/store/errors.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../documents/document-job.js';
import { EXIT, CliError } from './exit-codes.js';
import type { GlobalOptions } from './commands/with-service.js';
import { runIngest, runRun } from './commands/ingest.js';
import { runLog, runReplay, runShow, runStatus } from './commands/read.js';
import { runWorker } from './commands/worker.js';
import { runServe } from './commands/serve.js';
import { runExport, runImport } from './commands/transfer.js';
import { tagDocumentJson, tagJsonlLine } from '../tagger/tag-jsonl.js';
import { EntityName } from '../projections/entity-filter.js';
import { DEFAULT_PAGE_ENTRIES, TimelinePageRequest } from '../projections/timeline-page.js';
import { DEFAULT_TOP_ENTRIES } from '../projections/timeline-ranking.js';
import {
  describeRedisTarget,
  isInvalidClusterNodesError,
  isRedisUnreachableError,
  redisTargetFromEnv,
  type RedisTarget,
} from '../workers/bullmq/redis-connection.js';
import { FORCE_AFTER_GRACE_MS } from '../workers/bullmq/redis-workers.js';

const program = new Command();

const positiveInt =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0`);
    return n;
  };
const year = (value: string): number => {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('must be a four-digit year, e.g. 2022');
  return Number(value);
};
/** The same rule as `GET /timeline?entity=`: 1–200 characters naming something. */
const entityName = (value: string): string => {
  const parsed = EntityName.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
};
const atLeastOne =
  (name: string) =>
  (value: string): number => {
    const n = positiveInt(name)(value);
    if (n < 1) throw new InvalidArgumentError(`${name} must be at least 1`);
    return n;
  };

/** The rules of `GET /timeline?from=&to=&limit=&after=` (timeline-page.ts). */
const pageField =
  (name: 'from' | 'to' | 'after') =>
  (value: string): string => {
    const parsed = TimelinePageRequest.shape[name].safeParse(value);
    if (!parsed.success || parsed.data === undefined)
      throw new InvalidArgumentError(
        parsed.error?.issues.map((issue) => issue.message).join('; ') ?? `--${name} is empty`,
      );
    return parsed.data;
  };
const pageLimit = (value: string): number => {
  const parsed = TimelinePageRequest.shape.limit.safeParse(positiveInt('--limit')(value));
  if (!parsed.success || parsed.data === undefined)
    throw new InvalidArgumentError(parsed.error?.issues.map((issue) => issue.message).join('; ') ?? '--limit is empty');
  return parsed.data;
};

/** How `show` and `run` choose the entries of the table (the JSON keeps every one unless --entity). */
interface ReadingFlags {
  all?: boolean;
  entity?: string;
  top: number;
}
const readingOptions = (opts: ReadingFlags) => ({
  all: Boolean(opts.all),
  top: opts.top,
  ...(opts.entity !== undefined ? { entity: opts.entity } : {}),
});
const ALL_HELP = `list every entry in the table (default: the ${DEFAULT_TOP_ENTRIES} most important, in date order)`;
const ENTITY_HELP =
  'only the entries naming this company or person (whole words, case-insensitive; "Steve Jobs" also matches "Jobs"); --json too';
const TOP_HELP = 'how many entries the table shows without --all';

/** A log position (digits) or an ISO 8601 instant. */
const positionOrTime = (value: string): number | string => {
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)))
    return new Date(value).toISOString();
  throw new InvalidArgumentError('must be a log position (e.g. 42) or an ISO 8601 time (e.g. 2022-03-14T18:00:00Z)');
};

program
  .name('timeline')
  .description(
    'Turns news documents into one dated, sourced timeline.\nEngine: REDIS_CLUSTER_NODES (host:port,…) set → BullMQ workers + Redis log on a Redis Cluster; else REDIS_URL set → the same on one Redis; neither → embedded (in-process queue, file log under --data-dir).',
  )
  .option('--data-dir <dir>', 'embedded data directory (log and projections)', '.timeline')
  .option(
    '--prefix <prefix>',
    'Redis key prefix (with REDIS_URL or REDIS_CLUSTER_NODES)',
    process.env.TIMELINE_PREFIX ?? 'timeline',
  )
  .option(
    '--max-document-bytes <n>',
    'largest document accepted (env TIMELINE_MAX_DOCUMENT_BYTES)',
    positiveInt('--max-document-bytes'),
    Number(process.env.TIMELINE_MAX_DOCUMENT_BYTES ?? DEFAULT_MAX_DOCUMENT_BYTES),
  )
  .showHelpAfterError()
  // Usage errors exit with 2 (documented), not commander's default 1, which means "some documents failed".
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? EXIT.OK : EXIT.USAGE);
  });

const globals = (): GlobalOptions => {
  const opts = program.opts<{ dataDir: string; prefix: string; maxDocumentBytes: number }>();
  return {
    dataDir: opts.dataDir,
    prefix: opts.prefix,
    maxDocumentBytes: opts.maxDocumentBytes,
    ...(redisTarget ? { redis: redisTarget } : {}),
  };
};

/** REDIS_CLUSTER_NODES or REDIS_URL, read once; a malformed node list is a usage error (exit 2). */
const redisTarget: RedisTarget | undefined = (() => {
  try {
    return redisTargetFromEnv(process.env);
  } catch (error) {
    if (!isInvalidClusterNodesError(error)) throw error;
    process.stderr.write(`timeline: ${error.message}\n`);
    process.exit(EXIT.USAGE);
  }
})();

program
  .command('run')
  .description('embedded: ingest files/directories, process them in-process, print the timeline')
  .argument(
    '<paths...>',
    'files or directories (a manifest.json in a directory gives per-file publishedAt, title, source)',
  )
  .option('--json', 'print the timeline JSON')
  .option('--year <YYYY>', 'the year the story belongs to, for documents without a date', year)
  .option('--published <date>', 'publication date for documents without one (YYYY-MM-DD or ISO instant)')
  .option('--all', ALL_HELP)
  .option('--entity <name>', ENTITY_HELP, entityName)
  .option('--top <n>', TOP_HELP, atLeastOne('--top'), DEFAULT_TOP_ENTRIES)
  .action(async (paths: string[], opts: ReadingFlags & { json?: boolean; year?: number; published?: string }) => {
    const { dataDir, maxDocumentBytes } = globals();
    process.exitCode = await runRun(paths, {
      dataDir,
      maxDocumentBytes,
      json: Boolean(opts.json),
      yearHint: opts.year,
      publishedAt: opts.published,
      ...readingOptions(opts),
    });
  });

program
  .command('ingest')
  .description(
    'queue documents: onto BullMQ with REDIS_URL or REDIS_CLUSTER_NODES, else processed in-process (embedded)',
  )
  .argument('<paths...>', 'files or directories')
  .option('--published <date>', 'publication date (YYYY-MM-DD or ISO instant) for documents without one')
  .option('--year <YYYY>', 'the year the story belongs to', year)
  .option('--source <name>', 'source name (default: the file name)')
  .action(async (paths: string[], opts: { published?: string; year?: number; source?: string }) => {
    process.exitCode = await runIngest(paths, {
      ...globals(),
      publishedAt: opts.published,
      yearHint: opts.year,
      source: opts.source,
    });
  });

program
  .command('worker')
  .description(
    'run BullMQ workers (needs REDIS_URL or REDIS_CLUSTER_NODES) until SIGTERM/SIGINT, then close gracefully',
  )
  .option('--concurrency <n>', 'documents processed at once', positiveInt('--concurrency'), 2)
  .option(
    '--shutdown-timeout <ms>',
    'how long running jobs may take to finish on shutdown',
    positiveInt('--shutdown-timeout'),
    10_000,
  )
  .option(
    '--force-timeout <ms>',
    `past it after SIGTERM/SIGINT the process exits, whatever is still pending (default: the shutdown timeout + ${FORCE_AFTER_GRACE_MS})`,
    positiveInt('--force-timeout'),
  )
  .option(
    '--lock-duration <ms>',
    "job lock time: a crashed worker's jobs are retried after it",
    positiveInt('--lock-duration'),
    30_000,
  )
  .option('--threads <n>', 'worker threads for the text analysis (0: on the main thread)', positiveInt('--threads'), 1)
  .option(
    '--role <role>',
    'documents (memory flat in the number of documents), reconcile (holds the timeline), or all',
    'all',
  )
  .option('--verbose', 'log one line per job (default: only failures)')
  .action(
    async (opts: {
      concurrency: number;
      shutdownTimeout: number;
      forceTimeout?: number;
      lockDuration: number;
      threads: number;
      role: string;
      verbose?: boolean;
    }) => {
      if (!['all', 'documents', 'reconcile'].includes(opts.role))
        throw new CliError('--role must be all, documents or reconcile', EXIT.USAGE);
      process.exitCode = await runWorker({
        ...globals(),
        analysisThreads: opts.threads,
        roles: opts.role === 'all' ? ['documents', 'reconcile'] : [opts.role as 'documents' | 'reconcile'],
        concurrency: Math.max(1, opts.concurrency),
        shutdownTimeoutMs: opts.shutdownTimeout,
        forceTimeoutMs: Math.max(
          opts.forceTimeout ?? opts.shutdownTimeout + FORCE_AFTER_GRACE_MS,
          opts.shutdownTimeout,
        ),
        lockDurationMs: Math.max(1000, opts.lockDuration),
        verbose: Boolean(opts.verbose),
      });
    },
  );

program
  .command('show')
  .description('print the timeline')
  .option('--json', 'print the timeline JSON')
  .option('--as-of <position|time>', 'the timeline as it was known at a log position or time', positionOrTime)
  .option('--all', ALL_HELP)
  .option('--entity <name>', ENTITY_HELP, entityName)
  .option('--top <n>', TOP_HELP, atLeastOne('--top'), DEFAULT_TOP_ENTRIES)
  .option(
    '--from <date>',
    'a page of the timeline: entries from this year, month or day (2022, 2022-03, 2022-03-14)',
    pageField('from'),
  )
  .option('--to <date>', 'a page of the timeline: entries up to the end of this year, month or day', pageField('to'))
  .option(
    '--limit <n>',
    `a page of the timeline: at most this many entries (default ${DEFAULT_PAGE_ENTRIES} when paging)`,
    pageLimit,
  )
  .option(
    '--after <entry-id>',
    'a page of the timeline: continue after this entry (the next page the last one names)',
    pageField('after'),
  )
  .action(
    async (
      opts: ReadingFlags & {
        json?: boolean;
        asOf?: number | string;
        from?: string;
        to?: string;
        limit?: number;
        after?: string;
      },
    ) => {
      const page = { from: opts.from, to: opts.to, limit: opts.limit, after: opts.after };
      process.exitCode = await runShow({
        ...globals(),
        json: Boolean(opts.json),
        asOf: opts.asOf,
        page,
        ...readingOptions(opts),
      });
    },
  );

program
  .command('log')
  .description('print the event log')
  .option('--json', 'one event a line: {"position","id","type","schemaVersion","at","data"}')
  .option('--from <position>', 'first position', positiveInt('--from'), 1)
  .option('--limit <n>', 'at most this many events', positiveInt('--limit'))
  .action(async (opts: { json?: boolean; from: number; limit?: number }) => {
    process.exitCode = await runLog({ ...globals(), json: Boolean(opts.json), from: opts.from, limit: opts.limit });
  });

program
  .command('replay')
  .description('rebuild the projections from the log (optionally only up to a position or time)')
  .option('--to <position|time>', 'stop at this log position or time', positionOrTime)
  .action(async (opts: { to?: number | string }) => {
    process.exitCode = await runReplay({ ...globals(), to: opts.to });
  });

program
  .command('status')
  .description('documents received/processed/failed, queue depth, log length')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    process.exitCode = await runStatus({ ...globals(), json: Boolean(opts.json) });
  });

program
  .command('serve')
  .description('HTTP API and timeline page')
  .option('--port <n>', 'port', positiveInt('--port'), 8080)
  .option('--host <host>', 'interface to bind (default loopback only)', '127.0.0.1')
  .action(async (opts: { port: number; host: string }) => {
    process.exitCode = await runServe({ ...globals(), port: opts.port, host: opts.host });
  });

program
  .command('export')
  .description('write the whole log as JSON Lines to stdout')
  .action(async () => {
    process.exitCode = await runExport(globals());
  });

program
  .command('import')
  .description('append a JSON Lines export to this log (idempotent: importing twice adds nothing)')
  .argument('<file>', 'a file written by `timeline export` (- for stdin)')
  .action(async (file: string) => {
    process.exitCode = await runImport(file, globals());
  });

program
  .command('tag')
  .description('tag temporal expressions (TIMEX3)')
  .option('--jsonl', 'read {"id","dct","text"} lines on stdin, write {"id","timexes"} lines')
  .option('--dct <YYYY-MM-DD>', 'document creation date for one text')
  .argument('[file]', 'a text file (default stdin) when not --jsonl')
  .action(async (file: string | undefined, opts: { jsonl?: boolean; dct?: string }) => {
    if (opts.jsonl) {
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let lineNumber = 0;
      for await (const line of lines) {
        lineNumber++;
        if (!line.trim()) continue;
        try {
          process.stdout.write(`${tagJsonlLine(line)}\n`);
        } catch (error) {
          throw new CliError(`stdin line ${lineNumber}: ${(error as Error).message}`, EXIT.USAGE);
        }
      }
      return;
    }
    const text = file && file !== '-' ? await readFile(file, 'utf8') : await readStdin();
    process.stdout.write(`${JSON.stringify(tagDocumentJson(text, opts.dct), null, 2)}\n`);
  });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`timeline: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (isInvalidDocumentError(error)) {
    process.stderr.write(`timeline: ${error.message}\n`);
    process.exitCode = EXIT.SOME_DOCUMENTS_FAILED;
  } else if (isRedisUnreachableError(error)) {
    process.stderr.write(
      `timeline: cannot reach ${redisTarget ? describeRedisTarget(redisTarget) : 'Redis (no REDIS_URL)'}: ${error.message}\n`,
    );
    process.exitCode = EXIT.RUNTIME;
  } else if (isEventLogError(error)) {
    process.stderr.write(`timeline: ${error.message}\n`);
    process.exitCode = EXIT.RUNTIME;
  } else {
    process.stderr.write(`timeline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.RUNTIME;
  }
});
