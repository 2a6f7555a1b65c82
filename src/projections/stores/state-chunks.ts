/**
 * A projection's state in pieces, so that no step of saving or loading it needs one string as
 * large as the state: a string holds about 512 M characters (V8), and a state past that made the
 * old one-value snapshot throw "Invalid string length" at every save (issue #17, item 2).
 *
 * Each chunk is the JSON text of an array of records, at most `maxChunkChars` long unless a single
 * record is longer (one document or entry, bounded by the analysis budget):
 *   ["v", key, value]          a top-level property that is neither an object nor an array
 *   ["o", key]                 a top-level object starts (empty)
 *   ["e", key, field, value]   one property of that object
 *   ["a", key]                 a top-level array starts (empty)
 *   ["i", key, item]           one item of that array
 * Records keep the state's key order, so decoding and then `JSON.stringify` gives the bytes the
 * whole state would have given (the replay tests compare them).
 */

/** About 1 M characters: a Redis value, a file line and a parse that never block for long. */
export const DEFAULT_CHUNK_CHARS = 1024 * 1024;

/** One record, or the state as a whole, is past what a string may hold. */
export class SnapshotTooLargeError extends Error {
  readonly code = 'SNAPSHOT_TOO_LARGE';
  readonly retryable = false;
  constructor(detail: string) {
    super(`the projection state cannot be stored: ${detail}`);
    this.name = 'SnapshotTooLargeError';
  }
}

export const isSnapshotTooLargeError = (error: unknown): error is SnapshotTooLargeError =>
  error instanceof SnapshotTooLargeError;

/** A record could not be read back: the chunks are not what `encodeStateChunks` wrote. */
export class MalformedChunkError extends Error {
  constructor(detail: string) {
    super(`malformed state chunk: ${detail}`);
    this.name = 'MalformedChunkError';
  }
}

type JsonObject = { [key: string]: unknown };

/** An own property even for "__proto__" (a plain assignment would set the prototype instead). */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringifyRecord(record: readonly unknown[]): string {
  try {
    return JSON.stringify(record);
  } catch (error) {
    if (error instanceof RangeError)
      throw new SnapshotTooLargeError(`one of its records is past what a string holds (${error.message})`);
    throw error;
  }
}

/**
 * The state (a JSON object) as chunks. `maxTotalChars` stops the encoding early (a snapshot past it
 * is not stored), so a huge state costs no more than the limit to find out.
 */
export function encodeStateChunks(
  state: object,
  options: { maxChunkChars?: number; maxTotalChars?: number } = {},
): string[] {
  const maxChunk = Math.max(16, options.maxChunkChars ?? DEFAULT_CHUNK_CHARS);
  const maxTotal = options.maxTotalChars ?? Number.POSITIVE_INFINITY;
  const chunks: string[] = [];
  let parts: string[] = [];
  let length = 0;
  let total = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    chunks.push(`[${parts.join(',')}]`);
    parts = [];
    length = 0;
  };
  const add = (record: readonly unknown[]): void => {
    const text = stringifyRecord(record);
    total += text.length + 1;
    if (total > maxTotal) throw new SnapshotTooLargeError(`it is past the snapshot limit of ${maxTotal} characters`);
    if (length > 0 && length + text.length + 1 > maxChunk) flush();
    parts.push(text);
    length += text.length + 1;
  };
  for (const [key, value] of Object.entries(state)) {
    if (isPlainObject(value)) {
      add(['o', key]);
      for (const [field, item] of Object.entries(value)) if (item !== undefined) add(['e', key, field, item]);
    } else if (Array.isArray(value)) {
      add(['a', key]);
      for (const item of value) add(['i', key, item]);
    } else if (value !== undefined) {
      add(['v', key, value]);
    }
  }
  flush();
  return chunks;
}

/** The state the chunks were encoded from (a fresh object). */
export function decodeStateChunks(chunks: Iterable<string>): JsonObject {
  const state: JsonObject = {};
  for (const chunk of chunks) {
    const records: unknown = JSON.parse(chunk);
    if (!Array.isArray(records)) throw new MalformedChunkError('not an array of records');
    for (const record of records as unknown[]) {
      if (!Array.isArray(record) || typeof record[1] !== 'string')
        throw new MalformedChunkError('a record is not [kind, key, …]');
      const [kind, key] = record as [unknown, string];
      switch (kind) {
        case 'v':
          setOwn(state, key, record[2]);
          break;
        case 'o':
          setOwn(state, key, {});
          break;
        case 'a':
          setOwn(state, key, []);
          break;
        case 'e': {
          const target = state[key];
          if (!isPlainObject(target) || typeof record[2] !== 'string')
            throw new MalformedChunkError(`a property of "${key}" before its object`);
          setOwn(target, record[2], record[3]);
          break;
        }
        case 'i': {
          const target = state[key];
          if (!Array.isArray(target)) throw new MalformedChunkError(`an item of "${key}" before its array`);
          target.push(record[2]);
          break;
        }
        default:
          throw new MalformedChunkError(`unknown record kind ${JSON.stringify(kind)}`);
      }
    }
  }
  return state;
}

export const totalChars = (chunks: readonly string[]): number => chunks.reduce((sum, chunk) => sum + chunk.length, 0);
