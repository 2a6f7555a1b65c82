/**
 * Replay speed of the event log adapters, against the floor of a raw Redis read.
 *
 * Fills a Redis log (fresh random prefix) with N realistic events (~500 bytes of data each),
 * then measures in the same run, alternating and keeping the best of `rounds`:
 *   (a) raw: XRANGE pages of 5000 + JSON.parse of each entry (what no adapter can beat);
 *   (b) the Redis adapter: `readAll` with pages of 5000 (envelope validation included);
 *   (c) the file adapter: the same events in a temp JSON Lines file, `readAll` likewise.
 * Target: (b) >= 0.5 x (a). Cleans up its keys and temp files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { readAll, type EventLog, type NewEvent } from '../events/store/event-log.js';
import { openFileEventLog } from '../events/store/file/file-event-log.js';
import { createRedisEventLog, redisEventLogKeys } from '../events/store/redis/redis-event-log.js';

export interface ReplayBenchResult {
  readonly events: number;
  readonly replayEventsPerSec: number;
  readonly xrangeEventsPerSec: number;
  /** replay / raw XRANGE; the target is >= 0.5. */
  readonly ratio: number;
  readonly fileReplayEventsPerSec: number;
}

const PAGE = 5000;
const APPEND_BATCH = 100;
const APPENDS_IN_FLIGHT = 8;

const WORDS = [
  'talks',
  'ceasefire',
  'minister',
  'announced',
  'summit',
  'Geneva',
  'delegation',
  'agreement',
  'border',
  'election',
  'court',
  'ruling',
  'vote',
  'parliament',
  'strike',
];

/** One document's worth of events, ~500 bytes of `data` each, shaped like the timeline's. */
function realisticEvents(doc: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, k) => {
    const n = doc * 1000 + k;
    const sentence = Array.from({ length: 28 }, (_, w) => WORDS[(n + w * 7) % WORDS.length]).join(' ');
    return {
      id: `bench:doc-${doc}:event-${k}`,
      type: k === 0 ? 'DocumentAnalyzed' : 'DateMentionTagged',
      schemaVersion: 1,
      data: {
        documentId: `doc-${doc}`,
        source: { url: `https://news.example.org/2024/03/${doc}/story-${doc}.html`, outlet: 'Example News' },
        mention: { text: `on ${1 + (n % 28)} March 2024`, start: 120 + k * 40, end: 138 + k * 40 },
        date: { kind: 'day', value: `2024-03-${String(1 + (n % 28)).padStart(2, '0')}`, granularity: 'day' },
        sentence,
        confidence: 0.5 + (n % 50) / 100,
        entities: ['UN', 'Geneva', `Person ${n % 97}`],
      },
    };
  });
}

async function fill(log: EventLog, events: number): Promise<void> {
  const docs = Math.ceil(events / APPEND_BATCH);
  let doc = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const d = doc++;
      if (d >= docs) return;
      const count = Math.min(APPEND_BATCH, events - d * APPEND_BATCH);
      await log.append(`doc-${d}`, realisticEvents(d, count), { expectedVersion: 0 });
    }
  };
  await Promise.all(Array.from({ length: APPENDS_IN_FLIGHT }, worker));
}

/**
 * The floor every log read is compared with: XRANGE pages of 5,000 and a JSON.parse of each entry,
 * nothing validated or kept. Returns how many entries it read.
 */
export async function readStreamRaw(redis: Redis, streamKey: string): Promise<number> {
  let count = 0;
  let start = '-';
  for (;;) {
    const page = await redis.xrange(streamKey, start, '+', 'COUNT', PAGE);
    for (const [, fields] of page) {
      JSON.parse(fields[1] as string);
      count += 1;
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return count;
    start = `(${last[0]}`;
  }
}

async function timeIt(run: () => Promise<number>, expected: number): Promise<number> {
  const start = process.hrtime.bigint();
  const count = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (count !== expected) throw new Error(`bench: read ${count} events, expected ${expected}`);
  return count / seconds;
}

export async function benchReplay(opts: {
  redisUrl: string;
  events: number;
  rounds?: number;
}): Promise<ReplayBenchResult> {
  const rounds = opts.rounds ?? 3;
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
  const prefix = `bench:replay:${randomBytes(6).toString('hex')}`;
  const keys = redisEventLogKeys(prefix);
  const dir = await mkdtemp(join(tmpdir(), 'timeline-bench-'));
  const log = createRedisEventLog({ redis, prefix });
  let fileLog: EventLog | undefined;
  try {
    await fill(log, opts.events);
    fileLog = await openFileEventLog({ path: join(dir, 'events.jsonl'), fsync: 'never' });
    await fill(fileLog, opts.events);

    const raw = (): Promise<number> => readStreamRaw(redis, keys.events);
    const replay = (target: EventLog) => async (): Promise<number> => {
      let count = 0;
      for await (const event of readAll(target, { pageSize: PAGE })) if (event.position > 0) count += 1;
      return count;
    };

    let best = { raw: 0, replay: 0, file: 0 };
    for (let round = 0; round < rounds; round++) {
      best = {
        raw: Math.max(best.raw, await timeIt(raw, opts.events)),
        replay: Math.max(best.replay, await timeIt(replay(log), opts.events)),
        file: Math.max(best.file, await timeIt(replay(fileLog), opts.events)),
      };
    }
    return {
      events: opts.events,
      replayEventsPerSec: Math.round(best.replay),
      xrangeEventsPerSec: Math.round(best.raw),
      ratio: Math.round((best.replay / best.raw) * 100) / 100,
      fileReplayEventsPerSec: Math.round(best.file),
    };
  } finally {
    await log.close();
    await fileLog?.close();
    await rm(dir, { recursive: true, force: true });
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', keys.pattern, 'COUNT', 1000);
      cursor = next;
      if (found.length > 0) await redis.unlink(...found);
    } while (cursor !== '0');
    await redis.quit();
  }
}
