/**
 * The append rule of every adapter: the in-process ones (memory, file) call it, the Redis Lua
 * script (`redis/append-script.ts`) implements the same rule; keep them in step.
 *
 * 1. Events whose id is already in the log (or earlier in the same batch) are skipped.
 * 2. If every event of a non-empty batch is skipped, the call is an idempotent retry: it succeeds
 *    without writing, whatever `expectedVersion` says (the retried job had the right version the
 *    first time), and reports the stream's current version and the highest existing position.
 * 3. Otherwise `expectedVersion` (unless 'any') must equal the stream's current version, or the
 *    call fails with ConcurrencyError and writes nothing.
 * 4. The new events get consecutive positions and stream versions.
 */
import type { PreparedEvent } from './envelope.js';

export interface AppendIndex {
  positionOf(id: string): number | undefined;
  versionOf(stream: string): number;
  readonly head: number;
}

export type AppendDecision =
  | { readonly kind: 'conflict'; readonly actualVersion: number }
  | { readonly kind: 'noop'; readonly nextVersion: number; readonly globalPosition: number }
  | {
      readonly kind: 'write';
      readonly fresh: readonly PreparedEvent[];
      readonly firstPosition: number;
      readonly firstVersion: number;
    };

/** `expected` is -1 for 'any'. */
export function decideAppend(
  index: AppendIndex,
  stream: string,
  events: readonly PreparedEvent[],
  expected: number,
): AppendDecision {
  const current = index.versionOf(stream);
  const fresh: PreparedEvent[] = [];
  const inBatch = new Set<string>();
  let existingMax = 0;
  for (const event of events) {
    const existing = index.positionOf(event.id);
    if (existing !== undefined) {
      if (existing > existingMax) existingMax = existing;
    } else if (!inBatch.has(event.id)) {
      inBatch.add(event.id);
      fresh.push(event);
    }
  }
  if (events.length > 0 && fresh.length === 0) {
    return { kind: 'noop', nextVersion: current, globalPosition: existingMax };
  }
  if (expected >= 0 && expected !== current) return { kind: 'conflict', actualVersion: current };
  if (fresh.length === 0) return { kind: 'noop', nextVersion: current, globalPosition: index.head };
  return { kind: 'write', fresh, firstPosition: index.head + 1, firstVersion: current + 1 };
}
