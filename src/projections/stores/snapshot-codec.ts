/**
 * The stored form of a projection snapshot, shared by the file and Redis stores:
 * `{"position":N,"state":"<the state's JSON text>"}` in one value, so state and checkpoint are
 * always written (and read) together.
 */
import type { ProjectionSnapshot } from '../projection-store.js';

/** A stored snapshot could not be read back (not JSON, wrong shape). Not retryable: clear and rebuild. */
export class CorruptSnapshotError extends Error {
  readonly code = 'CORRUPT_SNAPSHOT';
  readonly retryable = false;
  constructor(readonly projection: string, detail: string) {
    super(`the stored snapshot of projection "${projection}" is corrupt (${detail}); clear it to rebuild from the log`);
    this.name = 'CorruptSnapshotError';
  }
}

export const isCorruptSnapshotError = (error: unknown): error is CorruptSnapshotError => error instanceof CorruptSnapshotError;

export function checkSnapshot(name: string, snapshot: ProjectionSnapshot): void {
  if (!Number.isInteger(snapshot.position) || snapshot.position < 0) {
    throw new RangeError(`projection "${name}": position must be an integer >= 0 (got ${snapshot.position})`);
  }
  if (typeof snapshot.state !== 'string') throw new TypeError(`projection "${name}": state must be a string (JSON text)`);
}

export function encodeSnapshot(snapshot: ProjectionSnapshot): string {
  return JSON.stringify({ position: snapshot.position, state: snapshot.state });
}

export function decodeSnapshot(name: string, text: string): ProjectionSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorruptSnapshotError(name, `not JSON: ${(error as Error).message}`);
  }
  const v = value as { position?: unknown; state?: unknown } | null;
  if (typeof v !== 'object' || v === null || !Number.isInteger(v.position) || (v.position as number) < 0 || typeof v.state !== 'string') {
    throw new CorruptSnapshotError(name, 'expected {"position": integer >= 0, "state": string}');
  }
  return { position: v.position as number, state: v.state };
}
