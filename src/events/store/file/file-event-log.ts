/**
 * The embedded EventLog: an append-only JSON Lines file, one RecordedEvent per line
 * (`{"position","stream","streamVersion","id","type","schemaVersion","at","data"}`).
 *
 * Guarantees and how:
 * - One writer: `<path>.lock` (O_EXCL pid file, see lock-file.ts). A second opener, in this or
 *   another process, gets `LogLockedError`; a lock left by a dead pid is taken over with a warning.
 * - Atomic, serialized appends: every append goes through one in-process queue; the version
 *   check, the duplicate-id check and the line building happen against the in-memory indexes
 *   in queue order, so there is no check-then-write race.
 * - Durability (`fsync`):
 *   'batched' (default) = group commit: all appends queued while the previous write was in
 *   flight (or in the same tick) are written with ONE write() and ONE fdatasync(), and each
 *   caller's promise resolves only after that fdatasync;
 *   'always' = one write + fdatasync per append call; 'never' = write only (tests, benches).
 * - Crash recovery on open: the file is scanned once to rebuild the indexes (id → position,
 *   stream → positions, position → byte offset, position → `at`). An unterminated last line
 *   (a torn write) is cut off with a warning; those events were never acknowledged. Any other
 *   malformed line is a `CorruptEventError` naming the line: the log is never silently repaired.
 * - A failed write is rolled back (ftruncate to the previous size) and reported as a retryable
 *   `StorageError`; if the rollback or an fdatasync fails, the log refuses further appends
 *   (non-retryable `StorageError`): reopen it, which re-runs recovery.
 *
 * Reads go to the file by byte offset (events are not kept in memory: ~40 bytes of index per event).
 * `subscribe` is in-process: it is woken by this process's appends (the only possible writer).
 *
 * `readOnly`: no lock, no repair, no appends (`LogReadOnlyError`): the log as its complete lines
 * stand at open, for reading while another process holds it (`timeline show` beside `timeline serve`).
 * An unterminated last line is that writer's append in progress, and is left out.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  normalizeExpectedVersion,
  parseRecordedEvent,
  prepareNewEvents,
  recordedEventJson,
  untilMillis,
  type PreparedEvent,
} from '../envelope.js';
import { ConcurrencyError, CorruptEventError, LogClosedError, LogReadOnlyError, StorageError } from '../errors.js';
import type { AppendOptions, AppendResult, EventLog, ReadOptions, RecordedEvent, Subscription } from '../event-log.js';
import { decideAppend, type AppendIndex } from '../append-decision.js';
import { AppendSignal, startPollingSubscription } from '../memory/in-process-subscription.js';
import { acquireLock } from './lock-file.js';

export type FsyncMode = 'always' | 'batched' | 'never';

export interface FileEventLogOptions {
  readonly path: string;
  /** Recovery and lock takeover warnings. Default: console.error. */
  readonly onWarning?: (message: string) => void;
  /** Subscription handler errors (the subscription stops). Default: console.error. */
  readonly onError?: (error: unknown) => void;
  /** Default 'batched' (group commit). */
  readonly fsync?: FsyncMode;
  /** Clock for `at`. Default: `new Date().toISOString()`. */
  readonly now?: () => string;
  /** Observability: called after each durable group commit (one write + one fdatasync). */
  readonly onCommit?: (commit: { readonly appends: number; readonly events: number; readonly bytes: number }) => void;
  /** Read what is there without taking the lock; appends fail (see above). The file must exist. */
  readonly readOnly?: boolean;
}

const DEFAULT_PAGE = 1000;
const SCAN_CHUNK = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

interface PendingAppend {
  readonly stream: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** The committed (fsync'd) state. Position p is at index p - 1. */
class FileIndex {
  readonly offsets: number[] = [];
  readonly ats: number[] = [];
  readonly ids = new Map<string, number>();
  readonly streams = new Map<string, number[]>();
  size = 0;

  get head(): number {
    return this.offsets.length;
  }

  add(position: number, stream: string, id: string, atMs: number, byteLength: number): void {
    this.offsets.push(this.size);
    this.size += byteLength;
    this.ats.push(atMs);
    this.ids.set(id, position);
    let positions = this.streams.get(stream);
    if (!positions) {
      positions = [];
      this.streams.set(stream, positions);
    }
    positions.push(position);
  }

  versionOf(stream: string): number {
    return this.streams.get(stream)?.length ?? 0;
  }
}

export async function openFileEventLog(options: FileEventLogOptions): Promise<EventLog> {
  const { path } = options;
  const onWarning = options.onWarning ?? ((message: string) => console.error(`warning: ${message}`));
  const onError = options.onError ?? ((error: unknown) => console.error('event log subscription stopped:', error));
  const fsyncMode: FsyncMode = options.fsync ?? 'batched';
  const now = options.now ?? (() => new Date().toISOString());

  const readOnly = options.readOnly ?? false;
  if (!readOnly) await mkdir(dirname(path), { recursive: true });
  const lock = readOnly
    ? { release: async (): Promise<void> => {} }
    : await acquireLock(path, `${path}.lock`, onWarning);
  let handle: FileHandle | undefined;
  const index = new FileIndex();
  try {
    handle = await open(path, readOnly ? 'r' : 'a+');
    await recover(handle, path, index, onWarning, readOnly);
  } catch (error) {
    await handle?.close().catch(() => {});
    await lock.release();
    throw error;
  }
  const file: FileHandle = handle;

  const signal = new AppendSignal();
  const subscriptions = new Set<Subscription>();
  let pending: PendingAppend[] = [];
  let flushScheduled = false;
  let flushing = false;
  let broken: StorageError | undefined;
  /** Set by the first close(): every later call returns it, so none returns before the lock is released. */
  let closing: Promise<void> | undefined;
  let idleWaiters: Array<() => void> = [];

  const assertOpen = (): void => {
    if (closing) throw new LogClosedError(`event log ${path}`);
  };

  const schedule = (): void => {
    if (flushScheduled || flushing || pending.length === 0) return;
    flushScheduled = true;
    // setImmediate, not a microtask: lets every append issued in this tick join the batch.
    setImmediate(() => {
      flushScheduled = false;
      void flush();
    });
  };

  const notifyIdle = (): void => {
    if (flushing || flushScheduled || pending.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  /** Writes one batch: decide every append in order, one write, one fdatasync, then commit. */
  const flush = async (): Promise<void> => {
    if (flushing || pending.length === 0) return notifyIdle();
    flushing = true;
    const batch = fsyncMode === 'always' ? pending.splice(0, 1) : pending.splice(0);
    try {
      await writeBatch(batch);
    } catch (error) {
      // Not expected (writeBatch settles every item itself), but never leave a caller hanging.
      for (const item of batch) item.reject(error);
    } finally {
      flushing = false;
      schedule();
      notifyIdle();
    }
  };

  const writeBatch = async (batch: PendingAppend[]): Promise<void> => {
    if (broken) {
      for (const item of batch) item.reject(broken);
      return;
    }
    // Overlay over the committed index: later appends of the batch see earlier ones.
    const overlayIds = new Map<string, number>();
    const overlayVersions = new Map<string, number>();
    let head = index.head;
    const view: AppendIndex = {
      positionOf: (id) => overlayIds.get(id) ?? index.ids.get(id),
      versionOf: (stream) => overlayVersions.get(stream) ?? index.versionOf(stream),
      get head() {
        return head;
      },
    };
    const outcomes: Array<{ ok: AppendResult } | { error: unknown }> = [];
    const lines: string[] = [];
    const added: Array<{ position: number; stream: string; id: string; atMs: number; bytes: number }> = [];
    for (const item of batch) {
      const decision = decideAppend(view, item.stream, item.events, item.expected);
      if (decision.kind === 'conflict') {
        outcomes.push({ error: new ConcurrencyError(item.stream, item.expected, decision.actualVersion) });
        continue;
      }
      if (decision.kind === 'noop') {
        outcomes.push({
          ok: { nextVersion: decision.nextVersion, globalPosition: decision.globalPosition, appended: 0 },
        });
        continue;
      }
      const streamJson = JSON.stringify(item.stream);
      let position = decision.firstPosition;
      let version = decision.firstVersion;
      for (const event of decision.fresh) {
        const line = `${recordedEventJson(position, streamJson, version, event.suffix)}\n`;
        lines.push(line);
        added.push({
          position,
          stream: item.stream,
          id: event.id,
          atMs: Date.parse(event.at),
          bytes: Buffer.byteLength(line),
        });
        overlayIds.set(event.id, position);
        position += 1;
        version += 1;
      }
      overlayVersions.set(item.stream, version - 1);
      head = position - 1;
      outcomes.push({
        ok: { nextVersion: version - 1, globalPosition: position - 1, appended: decision.fresh.length },
      });
    }

    if (lines.length > 0) {
      const sizeBefore = index.size;
      try {
        await writeFully(file, Buffer.from(lines.join(''), 'utf8'));
      } catch (error) {
        try {
          await file.truncate(sizeBefore);
          const failure = new StorageError(
            `event log ${path}: write failed, nothing appended: ${(error as Error).message}`,
            true,
            { cause: error },
          );
          for (const item of batch) item.reject(failure);
        } catch {
          broken = new StorageError(
            `event log ${path}: write failed and could not be rolled back; reopen the log: ${(error as Error).message}`,
            false,
            { cause: error },
          );
          for (const item of batch) item.reject(broken);
        }
        return;
      }
      if (fsyncMode !== 'never') {
        try {
          await file.datasync();
        } catch (error) {
          // After a failed fsync the page cache cannot be trusted (cf. PostgreSQL's "fsyncgate").
          broken = new StorageError(
            `event log ${path}: fsync failed; reopen the log: ${(error as Error).message}`,
            false,
            { cause: error },
          );
          for (const item of batch) item.reject(broken);
          return;
        }
      }
      let bytes = 0;
      for (const a of added) {
        index.add(a.position, a.stream, a.id, a.atMs, a.bytes);
        bytes += a.bytes;
      }
      signal.notify();
      options.onCommit?.({ appends: batch.length, events: added.length, bytes });
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome && 'ok' in outcome) item.resolve(outcome.ok);
      else item.reject(outcome?.error);
    });
  };

  /** Reads committed positions (ascending), one pread per contiguous run. */
  const readPositions = async (positions: readonly number[]): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    let i = 0;
    while (i < positions.length) {
      const first = positions[i] as number;
      let last = first;
      while (i + 1 < positions.length && positions[i + 1] === last + 1) {
        i += 1;
        last += 1;
      }
      i += 1;
      const start = index.offsets[first - 1] as number;
      const end = last < index.head ? (index.offsets[last] as number) : index.size;
      const buffer = Buffer.allocUnsafe(end - start);
      await readFully(file, buffer, start);
      const text = buffer.toString('utf8');
      let lineStart = 0;
      for (let p = first; p <= last; p++) {
        const lineEnd = text.indexOf('\n', lineStart);
        const event = parseRecordedEvent(text.slice(lineStart, lineEnd), `position ${p} of ${path}`);
        if (event.position !== p) {
          throw new CorruptEventError(
            `corrupt event at position ${p} of ${path}: the line says position ${event.position}`,
          );
        }
        out.push(event);
        lineStart = lineEnd + 1;
      }
    }
    return out;
  };

  const log: EventLog = {
    async append(stream, events, appendOptions: AppendOptions = {}): Promise<AppendResult> {
      assertOpen();
      if (readOnly) throw new LogReadOnlyError(path);
      if (broken) throw broken;
      const expected = normalizeExpectedVersion(appendOptions.expectedVersion);
      const prepared = prepareNewEvents(stream, events, now());
      return new Promise<AppendResult>((resolve, reject) => {
        pending.push({ stream, events: prepared, expected, resolve, reject });
        schedule();
      });
    },

    async read(readOptions: ReadOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      const head = index.head;
      const from = Math.max(1, readOptions.from ?? 1);
      const to = Math.min(head, readOptions.to ?? head);
      const limit = readOptions.limit ?? DEFAULT_PAGE;
      const until = untilMillis(readOptions.until);
      if (from > to || limit <= 0) return [];
      if (until === undefined) {
        const last = Math.min(to, from + limit - 1);
        return readPositions(Array.from({ length: last - from + 1 }, (_, k) => from + k));
      }
      const positions: number[] = [];
      for (let p = from; p <= to && positions.length < limit; p++) {
        if ((index.ats[p - 1] as number) <= until) positions.push(p);
      }
      return readPositions(positions);
    },

    async readStream(stream, streamOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      const positions = index.streams.get(stream) ?? [];
      const start = Math.max(1, streamOptions.fromVersion ?? 1) - 1;
      return readPositions(positions.slice(start, start + (streamOptions.limit ?? DEFAULT_PAGE)));
    },

    async streamVersion(stream): Promise<number> {
      assertOpen();
      return index.versionOf(stream);
    },

    async headPosition(): Promise<number> {
      assertOpen();
      return index.head;
    },

    async positionOf(eventId): Promise<number | undefined> {
      assertOpen();
      return index.ids.get(eventId);
    },

    subscribe(fromPosition, handler): Subscription {
      assertOpen();
      const subscription = startPollingSubscription({
        fromPosition,
        handler,
        readPage: (from) => (closing ? Promise.resolve([]) : log.read({ from, limit: DEFAULT_PAGE })),
        signal,
        onError,
        onStopped: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },

    close(): Promise<void> {
      closing ??= (async () => {
        try {
          // Let queued appends finish (their callers are waiting), then stop readers.
          await new Promise<void>((resolve) => {
            idleWaiters.push(resolve);
            notifyIdle();
          });
          signal.notify();
          await Promise.all([...subscriptions].map((s) => s.close()));
          await file.close();
        } finally {
          // Whatever failed above, the next process must be able to open the log.
          await lock.release();
        }
      })();
      return closing;
    },
  };
  return log;
}

async function writeFully(file: FileHandle, buffer: Buffer): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const { bytesWritten } = await file.write(buffer, written, buffer.length - written);
    written += bytesWritten;
  }
}

async function readFully(file: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await file.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new CorruptEventError(`unexpected end of the event log file at byte ${position + done}`);
    done += bytesRead;
  }
}

/**
 * Scans the whole file once, validates every line (positions consecutive from 1, stream
 * versions consecutive, ids unique) and fills `index`. Cuts an unterminated last line.
 */
async function recover(
  file: FileHandle,
  path: string,
  index: FileIndex,
  onWarning: (message: string) => void,
  readOnly: boolean,
): Promise<void> {
  const { size } = await file.stat();
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0; // file offset of carry[0]
  let lineNo = 0;
  const chunk = Buffer.allocUnsafe(SCAN_CHUNK);
  let readAt = 0;
  while (readAt < size) {
    const { bytesRead } = await file.read(chunk, 0, Math.min(SCAN_CHUNK, size - readAt), readAt);
    if (bytesRead === 0) break;
    readAt += bytesRead;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let start = 0;
    for (;;) {
      const nl = data.indexOf(NEWLINE, start);
      if (nl === -1) break;
      lineNo += 1;
      const where = `line ${lineNo} of ${path}`;
      const event = parseRecordedEvent(data.toString('utf8', start, nl), where);
      const expectedPosition = index.head + 1;
      if (event.position !== expectedPosition) {
        throw new CorruptEventError(
          `corrupt event at ${where}: position ${event.position}, expected ${expectedPosition}`,
        );
      }
      const expectedVersion = index.versionOf(event.stream) + 1;
      if (event.streamVersion !== expectedVersion) {
        throw new CorruptEventError(
          `corrupt event at ${where}: stream "${event.stream}" version ${event.streamVersion}, expected ${expectedVersion}`,
        );
      }
      if (index.ids.has(event.id)) {
        throw new CorruptEventError(
          `corrupt event at ${where}: id "${event.id}" already at position ${index.ids.get(event.id)}`,
        );
      }
      const atMs = Date.parse(event.at);
      if (Number.isNaN(atMs)) throw new CorruptEventError(`corrupt event at ${where}: "at" is not an ISO 8601 instant`);
      index.add(event.position, event.stream, event.id, atMs, nl + 1 - start);
      start = nl + 1;
    }
    offset += start;
    // Copy: `chunk` is reused by the next read.
    carry = Buffer.from(data.subarray(start));
  }
  if (index.size !== offset) throw new Error(`internal: scanned ${offset} bytes, indexed ${index.size}`);
  // Read-only: the holder's append in progress, not ours to cut.
  if (carry.length > 0 && !readOnly) {
    await file.truncate(offset);
    await file.datasync();
    onWarning(
      `event log ${path}: the last line (line ${lineNo + 1}, ${carry.length} bytes at byte ${offset}) was incomplete ` +
        '(a write torn by a crash) and has been cut; it had not been acknowledged',
    );
  }
}
