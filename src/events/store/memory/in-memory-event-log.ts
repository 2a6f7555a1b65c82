/**
 * In-memory EventLog: the same semantics as the file and Redis adapters (same append rule,
 * same envelope JSON), nothing persisted. For unit tests of projections and handlers.
 * Events are kept as their JSON line and parsed on every read, so callers get fresh objects
 * exactly like from a real store (mutating a read event cannot change the log).
 */
import {
  parseRecordedEvent,
  prepareNewEvents,
  recordedEventJson,
  normalizeExpectedVersion,
  untilMillis,
} from '../envelope.js';
import { ConcurrencyError, LogClosedError } from '../errors.js';
import type { AppendOptions, AppendResult, EventLog, ReadOptions, RecordedEvent, Subscription } from '../event-log.js';
import { decideAppend } from '../append-decision.js';
import { AppendSignal, startPollingSubscription } from './in-process-subscription.js';

const DEFAULT_PAGE = 1000;

export interface InMemoryEventLogOptions {
  /** Clock used to stamp `at` (tests can freeze time). Default: `new Date().toISOString()`. */
  readonly now?: () => string;
  /** Where subscription handler errors go (the subscription stops). Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

export function createInMemoryEventLog(options: InMemoryEventLogOptions = {}): EventLog {
  const now = options.now ?? (() => new Date().toISOString());
  const onError = options.onError ?? ((error: unknown) => console.error('event log subscription stopped:', error));
  const lines: string[] = []; // lines[position - 1]
  const ats: number[] = []; // epoch ms of each event, for `until`
  const ids = new Map<string, number>();
  const streams = new Map<string, number[]>(); // stream -> positions
  const signal = new AppendSignal();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new LogClosedError('in-memory event log');
  };
  const eventAt = (position: number): RecordedEvent =>
    parseRecordedEvent(lines[position - 1] as string, `position ${position}`);

  const log: EventLog = {
    async append(stream, events, appendOptions: AppendOptions = {}): Promise<AppendResult> {
      assertOpen();
      const expected = normalizeExpectedVersion(appendOptions.expectedVersion);
      const prepared = prepareNewEvents(stream, events, now());
      const decision = decideAppend(
        {
          positionOf: (id) => ids.get(id),
          versionOf: (s) => streams.get(s)?.length ?? 0,
          head: lines.length,
        },
        stream,
        prepared,
        expected,
      );
      if (decision.kind === 'conflict') throw new ConcurrencyError(stream, expected, decision.actualVersion);
      if (decision.kind === 'noop')
        return { nextVersion: decision.nextVersion, globalPosition: decision.globalPosition, appended: 0 };
      const streamJson = JSON.stringify(stream);
      let positions = streams.get(stream);
      if (!positions) {
        positions = [];
        streams.set(stream, positions);
      }
      let position = decision.firstPosition;
      let version = decision.firstVersion;
      for (const event of decision.fresh) {
        lines.push(recordedEventJson(position, streamJson, version, event.suffix));
        ats.push(Date.parse(event.at));
        ids.set(event.id, position);
        positions.push(position);
        position += 1;
        version += 1;
      }
      signal.notify();
      return { nextVersion: version - 1, globalPosition: position - 1, appended: decision.fresh.length };
    },

    async read(readOptions: ReadOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      const from = Math.max(1, readOptions.from ?? 1);
      const to = Math.min(lines.length, readOptions.to ?? lines.length);
      const limit = readOptions.limit ?? DEFAULT_PAGE;
      const until = untilMillis(readOptions.until);
      const out: RecordedEvent[] = [];
      for (let p = from; p <= to && out.length < limit; p++) {
        if (until !== undefined && (ats[p - 1] as number) > until) continue;
        out.push(eventAt(p));
      }
      return out;
    },

    async readStream(stream, streamOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      const positions = streams.get(stream) ?? [];
      const start = Math.max(1, streamOptions.fromVersion ?? 1) - 1;
      const limit = streamOptions.limit ?? DEFAULT_PAGE;
      return positions.slice(start, start + limit).map(eventAt);
    },

    async streamVersion(stream): Promise<number> {
      assertOpen();
      return streams.get(stream)?.length ?? 0;
    },

    async headPosition(): Promise<number> {
      assertOpen();
      return lines.length;
    },

    async positionOf(eventId): Promise<number | undefined> {
      assertOpen();
      return ids.get(eventId);
    },

    subscribe(fromPosition, handler): Subscription {
      assertOpen();
      const subscription = startPollingSubscription({
        fromPosition,
        handler,
        readPage: (from) => (closed ? Promise.resolve([]) : log.read({ from, limit: DEFAULT_PAGE })),
        signal,
        onError,
        onStopped: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },

    async close(): Promise<void> {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      signal.notify();
    },
  };
  return log;
}
