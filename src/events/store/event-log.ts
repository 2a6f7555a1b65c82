/**
 * The one event-log interface of the core. Backends are adapters beside it
 * (`file/` for the embedded default, `redis/` for the scale-out store); nothing outside
 * `src/events/store` knows which one it talks to.
 *
 * Positions and versions are plain integers:
 * - a global position numbers every event of the log from 1 (0 = "before the first event");
 * - a stream version is the number of events in that stream (0 = the stream does not exist yet).
 */

/** An event as the caller hands it to `append`. `id` must be deterministic (see `eventId`). */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /** Only for imports: the original append time. Otherwise the adapter stamps the current time. */
  readonly at?: string;
}

/** An event as stored: what `read` returns, before domain validation and upcasting. */
export interface RecordedEvent {
  readonly position: number;
  readonly stream: string;
  /** The stream's version after this event (its 1-based index in the stream). */
  readonly streamVersion: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** When it was appended (ISO 8601, UTC). Used by "as of TIME" reads; never part of a projection. */
  readonly at: string;
  readonly data: unknown;
}

/**
 * `number`: the stream must be exactly at that version (STREAM_DOES_NOT_EXIST: must not exist yet).
 * `'any'`: no check.
 */
export type ExpectedVersion = number | 'any';

/** The expected version of a stream that must not exist yet (a stream's version counts its events). */
export const STREAM_DOES_NOT_EXIST = 0;

export interface AppendOptions {
  readonly expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextVersion: number;
  /**
   * The global position of the last event of this call: of the newly written one, or, when every
   * event was already in the log (an idempotent retry), of the existing one.
   */
  readonly globalPosition: number;
  /** How many events were new; the others had ids already in the log and were skipped. */
  readonly appended: number;
}

export interface ReadOptions {
  /** First global position to return (inclusive). Default 1. */
  readonly from?: number;
  /** Last global position to return (inclusive). Default: the head. */
  readonly to?: number;
  /** Only events appended at or before this instant (ISO 8601). */
  readonly until?: string;
  /** At most this many events. Default: an adapter-chosen page size (at least 1000). */
  readonly limit?: number;
}

export interface Subscription {
  /** Resolves once the subscription has stopped and its handler will not be called again. */
  close(): Promise<void>;
}

export interface EventLog {
  /**
   * Appends `events` to `stream` as one atomic step: the version check, the duplicate-id check
   * and the writes happen together. Events whose id is already in the log are skipped (and count
   * toward nothing), so a retried job appends nothing twice. Throws `ConcurrencyError` when
   * `expectedVersion` does not match, before writing anything.
   */
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  /** A page of the whole log in position order. An empty array means nothing is left in range. */
  read(options?: ReadOptions): Promise<RecordedEvent[]>;

  /** A page of one stream in version order; `fromVersion` is 1-based and inclusive. */
  readStream(stream: string, options?: { fromVersion?: number; limit?: number }): Promise<RecordedEvent[]>;

  /** The stream's current version (0 when it does not exist). */
  streamVersion(stream: string): Promise<number>;

  /** The global position of the last event (0 for an empty log). */
  headPosition(): Promise<number>;

  /** The position an event id was stored at, or undefined. */
  positionOf(eventId: string): Promise<number | undefined>;

  /**
   * Calls `handler` for every event after `fromPosition`, first those already stored (catch-up),
   * then new ones as they arrive, in position order, one at a time.
   */
  subscribe(fromPosition: number, handler: (event: RecordedEvent) => Promise<void> | void): Subscription;

  close(): Promise<void>;
}

/**
 * Reads the log from `from` to `to` page by page (to keep memory flat on long logs), fetching
 * the next page while the caller works on the current one. Pages, not events: a fold then runs
 * synchronously through each page instead of awaiting once per event.
 */
export async function* readPages(
  log: EventLog,
  options: { from?: number; to?: number; until?: string; pageSize?: number } = {},
): AsyncGenerator<RecordedEvent[]> {
  const pageSize = options.pageSize ?? 1000;
  const pageFrom = (from: number): Promise<RecordedEvent[]> =>
    log.read({ from, to: options.to, until: options.until, limit: pageSize });
  let pending = pageFrom(options.from ?? 1);
  for (;;) {
    const page = await pending;
    const last = page[page.length - 1];
    if (!last) return;
    const more = page.length >= pageSize;
    if (more) pending = pageFrom(last.position + 1);
    yield page;
    if (!more) return;
  }
}

/** `readPages`, one event at a time. */
export async function* readAll(
  log: EventLog,
  options: { from?: number; to?: number; until?: string; pageSize?: number } = {},
): AsyncGenerator<RecordedEvent> {
  for await (const page of readPages(log, options)) yield* page;
}
