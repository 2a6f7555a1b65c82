/**
 * The stored shape of an event (the envelope), shared by every adapter:
 * - `RecordedEventSchema`: the zod schema of a `RecordedEvent` as read back from storage;
 * - `parseRecordedEvent`: JSON text → validated `RecordedEvent`, fast path first (replay speed
 *   counts), zod only to explain a failure;
 * - `prepareNewEvents` / `recordedEventJson`: the one serializer, so that the file lines, the
 *   Redis stream entries and `timeline export` are byte-for-byte the same format:
 *   `{"position","stream","streamVersion","id","type","schemaVersion","at","data"}` in that order.
 */
import { z } from 'zod';
import { CorruptEventError, InvalidEventError } from './errors.js';
import type { NewEvent, RecordedEvent } from './event-log.js';

const positiveInt = z.number().int().min(1);

export const RecordedEventSchema = z.object({
  position: positiveInt,
  stream: z.string().min(1),
  streamVersion: positiveInt,
  id: z.string().min(1),
  type: z.string().min(1),
  schemaVersion: positiveInt,
  at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 instant'),
  data: z.unknown().refine((d) => d !== undefined, 'missing'),
});

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Cheap structural check of a parsed envelope (no allocation). `at` is only checked to be a
 * non-empty string here: it was validated when appended, and parsing dates costs replay time.
 */
function looksRecorded(v: unknown): v is RecordedEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    isPositiveInt(e.position) &&
    isNonEmptyString(e.stream) &&
    isPositiveInt(e.streamVersion) &&
    isNonEmptyString(e.id) &&
    isNonEmptyString(e.type) &&
    isPositiveInt(e.schemaVersion) &&
    isNonEmptyString(e.at) &&
    e.data !== undefined
  );
}

/**
 * Validates an already parsed value. `where` names the place for the error message
 * (e.g. `position 12`, `line 7 of log.jsonl`).
 */
export function validateRecordedEvent(value: unknown, where: string): RecordedEvent {
  if (looksRecorded(value)) return value;
  const result = RecordedEventSchema.safeParse(value);
  if (result.success) return result.data as RecordedEvent;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new CorruptEventError(`corrupt event at ${where}: ${issues}`);
}

/** JSON text → validated RecordedEvent; throws `CorruptEventError` naming `where`. */
export function parseRecordedEvent(json: string, where: string): RecordedEvent {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new CorruptEventError(`corrupt event at ${where}: not JSON (${(error as Error).message})`);
  }
  return validateRecordedEvent(value, where);
}

/** A `NewEvent` checked and pre-serialized: everything of its line except position/stream/version. */
export interface PreparedEvent {
  readonly id: string;
  readonly at: string;
  /** `,"id":…,"type":…,"schemaVersion":…,"at":…,"data":…}`: the end of the envelope's JSON. */
  readonly suffix: string;
}

/**
 * Checks the arguments of `append` and serializes each event once (`data` is stringified here
 * and never again). Throws `InvalidEventError` for anything a log could not store faithfully.
 */
export function prepareNewEvents(stream: string, events: readonly NewEvent[], now: string): PreparedEvent[] {
  if (!isNonEmptyString(stream)) throw new InvalidEventError('stream name must be a non-empty string');
  if (!Array.isArray(events)) throw new InvalidEventError('events must be an array');
  return events.map((event, index) => {
    const where = `event #${index} of stream "${stream}"`;
    if (typeof event !== 'object' || event === null) throw new InvalidEventError(`${where} is not an object`);
    if (!isNonEmptyString(event.id)) throw new InvalidEventError(`${where}: id must be a non-empty string`);
    if (!isNonEmptyString(event.type)) throw new InvalidEventError(`${where}: type must be a non-empty string`);
    if (!isPositiveInt(event.schemaVersion)) {
      throw new InvalidEventError(`${where}: schemaVersion must be an integer >= 1`);
    }
    let at = now;
    if (event.at !== undefined) {
      if (!isNonEmptyString(event.at) || Number.isNaN(Date.parse(event.at))) {
        throw new InvalidEventError(`${where}: at must be an ISO 8601 instant`);
      }
      at = event.at;
    }
    let data: string | undefined;
    try {
      data = JSON.stringify(event.data);
    } catch (error) {
      throw new InvalidEventError(`${where}: data is not JSON-serializable (${(error as Error).message})`);
    }
    if (data === undefined) throw new InvalidEventError(`${where}: data must be a JSON value (got undefined)`);
    const suffix =
      `,"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)}` +
      `,"schemaVersion":${event.schemaVersion},"at":${JSON.stringify(at)},"data":${data}}`;
    return { id: event.id, at, suffix };
  });
}

/** The full envelope JSON (no newline). `streamJson` is `JSON.stringify(stream)`. */
export function recordedEventJson(position: number, streamJson: string, streamVersion: number, suffix: string): string {
  return `{"position":${position},"stream":${streamJson},"streamVersion":${streamVersion}${suffix}`;
}

/** Serializes a RecordedEvent with the canonical key order (used by export). */
export function serializeRecordedEvent(e: RecordedEvent): string {
  return (
    `{"position":${e.position},"stream":${JSON.stringify(e.stream)},"streamVersion":${e.streamVersion}` +
    `,"id":${JSON.stringify(e.id)},"type":${JSON.stringify(e.type)},"schemaVersion":${e.schemaVersion}` +
    `,"at":${JSON.stringify(e.at)},"data":${JSON.stringify(e.data)}}`
  );
}

/** Validates `expectedVersion`; returns -1 for 'any'. */
export function normalizeExpectedVersion(expected: number | 'any' | undefined): number {
  if (expected === undefined || expected === 'any') return -1;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) {
    throw new InvalidEventError(`expectedVersion must be 'any' or an integer >= 0 (got ${String(expected)})`);
  }
  return expected;
}

/** Checks a `read`'s `until` and returns it as epoch milliseconds (undefined: no filter). */
export function untilMillis(until: string | undefined): number | undefined {
  if (until === undefined) return undefined;
  const ms = Date.parse(until);
  if (Number.isNaN(ms)) throw new InvalidEventError(`until must be an ISO 8601 instant (got ${until})`);
  return ms;
}
