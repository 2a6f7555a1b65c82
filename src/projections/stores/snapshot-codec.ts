/**
 * The stored form of a projection snapshot, shared by the file and Redis stores: a header (JSON,
 * one line or one value) naming the position, how many state chunks follow and the checkpoints it
 * keeps; the chunks themselves are stored apart (file lines, Redis keys), never joined.
 */
import { z } from 'zod';
import type { ProjectionSnapshot, StoredCheckpoint } from '../projection-store.js';

/** A stored snapshot could not be read back (not JSON, wrong shape, chunks missing). Not retryable: clear and rebuild. */
export class CorruptSnapshotError extends Error {
  readonly code = 'CORRUPT_SNAPSHOT';
  readonly retryable = false;
  constructor(
    readonly projection: string,
    detail: string,
  ) {
    super(`the stored snapshot of projection "${projection}" is corrupt (${detail}); clear it to rebuild from the log`);
    this.name = 'CorruptSnapshotError';
  }
}

export const isCorruptSnapshotError = (error: unknown): error is CorruptSnapshotError =>
  error instanceof CorruptSnapshotError;

/** Checkpoint ids become file and key names. */
export const CHECKPOINT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const INSTANT = z.string().max(64);

export const CheckpointHeader = z.strictObject({
  id: z.string().regex(CHECKPOINT_ID),
  position: z.number().int().nonnegative(),
  at: INSTANT,
  chunks: z.number().int().nonnegative(),
});
export type CheckpointHeader = z.infer<typeof CheckpointHeader>;

export const SnapshotHeader = z.strictObject({
  format: z.literal(2),
  position: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
  checkpoints: z.array(CheckpointHeader).max(10_000),
});
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

export function checkSnapshot(name: string, snapshot: ProjectionSnapshot): void {
  if (!Number.isInteger(snapshot.position) || snapshot.position < 0) {
    throw new RangeError(`projection "${name}": position must be an integer >= 0 (got ${snapshot.position})`);
  }
  for (const chunk of snapshot.chunks)
    if (typeof chunk !== 'string') throw new TypeError(`projection "${name}": chunks must be strings`);
  for (const checkpoint of snapshot.checkpoints) {
    if (!CHECKPOINT_ID.test(checkpoint.id))
      throw new RangeError(`projection "${name}": checkpoint id "${checkpoint.id}" must match ${CHECKPOINT_ID}`);
    if (!Number.isInteger(checkpoint.position) || checkpoint.position < 0)
      throw new RangeError(`projection "${name}": checkpoint position must be an integer >= 0`);
  }
}

export function headerOf(snapshot: ProjectionSnapshot): SnapshotHeader {
  return {
    format: 2,
    position: snapshot.position,
    chunks: snapshot.chunks.length,
    checkpoints: snapshot.checkpoints.map(checkpointHeaderOf),
  };
}

export function checkpointHeaderOf(checkpoint: StoredCheckpoint): CheckpointHeader {
  return { id: checkpoint.id, position: checkpoint.position, at: checkpoint.at, chunks: checkpoint.chunks.length };
}

export function decodeHeader<S extends z.ZodType>(schema: S, name: string, text: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CorruptSnapshotError(name, `header not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CorruptSnapshotError(name, `header: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`);
  return parsed.data;
}
