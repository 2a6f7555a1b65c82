/**
 * `timeline export` / `timeline import`: moves a log between backends as JSON Lines, one
 * RecordedEvent per line (the file adapter's own format, so an export of a file log is a valid
 * file log and vice versa).
 *
 * Import keeps stream, id, type, schemaVersion, data and the original `at`; positions and stream
 * versions are re-assigned by the target (they match the source when the target starts empty).
 * It appends with expectedVersion 'any' and relies on id idempotency: importing the same file
 * twice (or resuming an interrupted import) appends nothing twice.
 */
import { CorruptEventError } from './errors.js';
import { readAll, type EventLog, type NewEvent } from './event-log.js';
import { parseRecordedEvent, serializeRecordedEvent } from './envelope.js';

/** Writes every event of `log` as one JSON line (without the trailing newline) to `write`. */
export async function exportLog(
  log: EventLog,
  write: (line: string) => void | Promise<void>,
  options: { from?: number; to?: number; pageSize?: number } = {},
): Promise<{ exported: number }> {
  let exported = 0;
  for await (const event of readAll(log, options)) {
    await write(serializeRecordedEvent(event));
    exported += 1;
  }
  return { exported };
}

export interface ImportResult {
  /** Events read from the input. */
  readonly read: number;
  /** Events new to the target log. */
  readonly appended: number;
  /** Events already in the target (same id): not appended again. */
  readonly skipped: number;
}

export interface ImportOptions {
  /** Largest append batch (consecutive events of one stream go together). Default 500. */
  readonly batchSize?: number;
  /** Appends in flight at once. Default 8. Order is kept: every adapter applies appends in call order. */
  readonly concurrency?: number;
  /** Progress callback, called after each settled batch. */
  readonly onProgress?: (progress: ImportResult) => void;
  /** Name of the input for error messages. Default "input". */
  readonly source?: string;
}

/**
 * Imports JSON lines (blank lines ignored). Each line is validated first; a bad line fails the
 * import with a `CorruptEventError` naming its line number (the events before it are imported,
 * and re-running after fixing the file skips them).
 */
export async function importLog(
  log: EventLog,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 500;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const source = options.source ?? 'input';
  let read = 0;
  let appended = 0;
  let batch: NewEvent[] = [];
  let batchStream: string | undefined;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const settle = async (): Promise<void> => {
    // Wait for every in-flight append so no promise floats, then rethrow the first failure.
    await Promise.allSettled(inFlight);
    if (failure !== undefined) throw failure;
  };

  const flush = async (): Promise<void> => {
    if (batch.length === 0 || batchStream === undefined) return;
    const stream = batchStream;
    const events = batch;
    batch = [];
    batchStream = undefined;
    const task = log
      .append(stream, events, { expectedVersion: 'any' })
      .then((result) => {
        appended += result.appended;
        options.onProgress?.({ read, appended, skipped: read - appended });
      })
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure !== undefined) await settle();
  };

  try {
    let lineNo = 0;
    for await (const raw of lines) {
      lineNo += 1;
      const line = raw.trim();
      if (line.length === 0) continue;
      let event;
      try {
        event = parseRecordedEvent(line, `line ${lineNo} of ${source}`);
      } catch (error) {
        // Import what came before the bad line, so a re-run after the fix only adds the rest.
        await flush();
        await settle();
        throw new CorruptEventError(`cannot import: ${(error as Error).message}`);
      }
      read += 1;
      if (event.stream !== batchStream || batch.length >= batchSize) await flush();
      batchStream = event.stream;
      batch.push({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        at: event.at,
      });
    }
    await flush();
  } finally {
    await Promise.allSettled(inFlight);
  }
  await settle();
  return { read, appended, skipped: read - appended };
}
