/**
 * `node dist/bench/as-of-checkpoints.js [--docs 1000,10000,30000]`: what the stored as-of checkpoints
 * cost and give (issue #17), on an in-memory log of synthetic documents (5 dated events each, quotes
 * of ~220 characters: about 470 characters of state an event). Per size, one JSON line: the bare fold
 * of the log, the same fold by the projection runner taking its checkpoints, the save of snapshot and
 * checkpoints to a file store, the open of a fresh runner from it, and an as-of view at 50 % and 90 %
 * of the log (ms and events replayed). Figures only, one run each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventLog } from '../events/store/event-log.js';
import { createInMemoryEventLog } from '../events/store/memory/in-memory-event-log.js';
import { foldLog, ProjectionRunner } from '../projections/projection-runner.js';
import { createFileProjectionStore } from '../projections/stores/file-projection-store.js';
import { timelineProjection, type TimelineState } from '../projections/timeline-fold.js';
import { appendSyntheticDocuments } from './synthetic-log.js';

const args = process.argv.slice(2);
const sizes = (args.includes('--docs') ? (args[args.indexOf('--docs') + 1] ?? '') : '1000,10000,30000')
  .split(',')
  .map(Number);

async function syntheticLog(documents: number): Promise<EventLog> {
  const log = createInMemoryEventLog();
  await appendSyntheticDocuments(log, documents, {
    perDocument: 5,
    quotePadding: ` ${'Some words of the quote. '.repeat(8)}`,
    idDigits: 0,
  });
  return log;
}

async function timed<T>(step: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await step();
  return [result, Math.round(performance.now() - started)];
}

for (const documents of sizes) {
  const log = await syntheticLog(documents);
  const head = await log.headPosition();
  const dir = mkdtempSync(join(tmpdir(), 'bench-as-of-'));
  try {
    const [, foldMs] = await timed(() => foldLog(timelineProjection, log));
    const runner = new ProjectionRunner<TimelineState>(timelineProjection, log, createFileProjectionStore(dir));
    const [, catchUpMs] = await timed(() => runner.catchUp());
    const [, saveMs] = await timed(() => runner.save());
    const reader = new ProjectionRunner<TimelineState>(timelineProjection, log, createFileProjectionStore(dir));
    const [, openMs] = await timed(() => reader.catchUp());
    const [half, asOfHalfMs] = await timed(() => reader.foldAsOf({ toPosition: Math.floor(head / 2) }));
    const [late, asOfLateMs] = await timed(() => reader.foldAsOf({ toPosition: Math.floor(head * 0.9) }));
    const stats = runner.checkpointStats;
    process.stdout.write(
      `${JSON.stringify({
        documents,
        events: head,
        stateMB: Math.round(runner.serialize().length / 1e5) / 10,
        foldMs,
        catchUpWithCheckpointsMs: catchUpMs,
        checkpoints: stats.count,
        checkpointMB: Math.round(stats.bytes / 1e5) / 10,
        lastCheckpoint: stats.positions.at(-1) ?? 0,
        saveMs,
        openMs,
        asOfHalfMs,
        asOfHalfReplayed: half.replayed,
        asOfLateMs,
        asOfLateReplayed: late.replayed,
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
