/**
 * `node dist/bench/projection-replay.js REDIS_URL LOG_PREFIX`: a full rebuild of the timeline
 * projection from a Redis log (read, envelope check, zod validation and upcasting, fold) against
 * the raw floor (XRANGE pages + JSON.parse of each entry, nothing kept), alternated, best of three
 * each. Run as a process of its own, as `timeline replay` is: the bench's own heap (thousands of
 * documents) would otherwise slow every garbage collection of the fold and none of the raw read.
 * Prints one JSON line: {events, replayEventsPerSec, xrangeEventsPerSec}.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createRedisEventLog, redisEventLogKeys } from '../events/store/redis/redis-event-log.js';
import { foldLog } from '../projections/projection-runner.js';
import { timelineProjection } from '../projections/timeline-projection.js';
import { readStreamRaw } from './replay-bench.js';

export interface ProjectionReplayFigures {
  readonly events: number;
  readonly replayEventsPerSec: number;
  readonly xrangeEventsPerSec: number;
}

export async function measureProjectionReplay(redisUrl: string, logPrefix: string): Promise<ProjectionReplayFigures> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    const log = createRedisEventLog({ redis: connection, prefix: logPrefix });
    const keys = redisEventLogKeys(logPrefix);
    const rawRead = (): Promise<number> => readStreamRaw(connection, keys.events);
    let rawBest = Infinity;
    let replayBest = Infinity;
    let rawCount = 0;
    let position = 0;
    for (let round = 0; round < 3; round++) {
      let started = performance.now();
      rawCount = await rawRead();
      rawBest = Math.min(rawBest, performance.now() - started);
      started = performance.now();
      position = (await foldLog(timelineProjection, log)).position;
      replayBest = Math.min(replayBest, performance.now() - started);
    }
    return {
      events: position,
      replayEventsPerSec: Math.round((position / replayBest) * 1000),
      xrangeEventsPerSec: Math.round((rawCount / rawBest) * 1000),
    };
  } finally {
    connection.disconnect();
  }
}

const [redisUrl, logPrefix] = process.argv.slice(2);
if (redisUrl && logPrefix) {
  measureProjectionReplay(redisUrl, logPrefix)
    .then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`projection replay: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
