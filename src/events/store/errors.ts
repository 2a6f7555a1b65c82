/**
 * Typed errors of the event log. Each has a stable `code` and says whether retrying the same
 * call can succeed, so the queue layer can choose between a backoff retry and failing the job.
 */
export abstract class EventLogError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
}

/** The stream was not at the version the caller expected: re-read, decide again, retry. */
export class ConcurrencyError extends EventLogError {
  readonly code = 'CONCURRENCY';
  readonly retryable = true;
  constructor(
    readonly stream: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream "${stream}" is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** Another process holds the file log's lock. */
export class LogLockedError extends EventLogError {
  readonly code = 'LOG_LOCKED';
  readonly retryable = false;
  constructor(
    readonly path: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `the event log ${path} is in use by another process${holderPid ? ` (pid ${holderPid})` : ''}; ` +
        'stop it first, or use a separate --data-dir',
    );
    this.name = 'LogLockedError';
  }
}

/** The log was opened read-only (another process holds it) and cannot take appends. */
export class LogReadOnlyError extends EventLogError {
  readonly code = 'LOG_READ_ONLY';
  readonly retryable = false;
  constructor(readonly path: string) {
    super(`the event log ${path} is open read-only (another process holds it): nothing can be appended here`);
    this.name = 'LogReadOnlyError';
  }
}

/** A stored event (or a line of an import file) is not a valid event. */
export class CorruptEventError extends EventLogError {
  readonly code = 'CORRUPT_EVENT';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'CorruptEventError';
  }
}

/** An event was handed to `append` in a shape the log cannot store. */
export class InvalidEventError extends EventLogError {
  readonly code = 'INVALID_EVENT';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** The log (or store) was used after `close()`. */
export class LogClosedError extends EventLogError {
  readonly code = 'LOG_CLOSED';
  readonly retryable = false;
  constructor(readonly what: string) {
    super(`${what} is closed`);
    this.name = 'LogClosedError';
  }
}

/**
 * Writing to the storage failed (disk full, I/O error, lost connection). `retryable` says
 * whether the same call may succeed later; when the failed write could not be rolled back
 * the log refuses further appends (`retryable: false`) until it is reopened.
 */
export class StorageError extends EventLogError {
  readonly code = 'STORAGE';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export const isEventLogError = (error: unknown): error is EventLogError => error instanceof EventLogError;
export const isConcurrencyError = (error: unknown): error is ConcurrencyError => error instanceof ConcurrencyError;
export const isLogLockedError = (error: unknown): error is LogLockedError => error instanceof LogLockedError;
export const isLogReadOnlyError = (error: unknown): error is LogReadOnlyError => error instanceof LogReadOnlyError;
export const isCorruptEventError = (error: unknown): error is CorruptEventError => error instanceof CorruptEventError;
export const isInvalidEventError = (error: unknown): error is InvalidEventError => error instanceof InvalidEventError;
export const isLogClosedError = (error: unknown): error is LogClosedError => error instanceof LogClosedError;
export const isStorageError = (error: unknown): error is StorageError => error instanceof StorageError;
