/**
 * An exclusive, advisory, cross-process lock: a file created with O_EXCL ('wx') that holds the
 * owner's pid and hostname (`<pid> <hostname>`). Node has no flock(), and a pid file has the advantage of saying who holds it.
 *
 * - Free: `wx` creates it atomically; at most one opener succeeds.
 * - Held by a live process (including another open of the same log in this process):
 *   `LogLockedError` with the holder's pid.
 * - Held by a dead pid on this host (a crash, kill -9, a container restart, or our own pid
 *   recycled, e.g. pid 1 in a container): taken over with a warning.
 * - Held by another host (a shared volume): its pid cannot be checked, so `LogLockedError`, with
 *   a warning saying which file to delete if that host is gone.
 *   The takeover renames the stale file away (only one contender's rename can succeed) and
 *   checks that what it moved is the stale content it judged, so two processes taking over
 *   the same stale lock at once cannot both win.
 */
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { LogLockedError } from '../errors.js';

/** Locks held by this process (a pid check alone cannot tell "us" from "a previous us"). */
const heldHere = new Set<string>();

/** How long an empty/garbled lock file counts as "being written right now" rather than stale. */
const FRESH_GARBLED_MS = 10_000;

export interface HeldLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * @param logPath the log the lock protects (for the error message)
 * @param lockPath the lock file
 */
export async function acquireLock(
  logPath: string,
  lockPath: string,
  onWarning: (message: string) => void,
): Promise<HeldLock> {
  const key = resolve(lockPath);
  if (heldHere.has(key)) throw new LogLockedError(logPath, process.pid);
  const host = hostname();
  const mine = `${process.pid} ${host}\n`;

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(mine);
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldHere.add(key);
      return {
        path: lockPath,
        async release(): Promise<void> {
          heldHere.delete(key);
          // Only remove it if it is still ours (never delete a lock somebody else took over).
          if ((await readOrUndefined(lockPath)) === mine) await unlink(lockPath).catch(() => {});
        },
      };
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }

    const content = await readOrUndefined(lockPath);
    if (content === undefined) continue; // released meanwhile: try again
    // "<pid> <hostname>\n" (older or hand-made locks: "<pid>\n").
    const parsed = /^(\d+)(?: (\S+))?\n?$/.exec(content);
    const pid = parsed ? Number.parseInt(parsed[1] as string, 10) : undefined;
    const holderHost = parsed?.[2];
    if (pid !== undefined && holderHost !== undefined && holderHost !== host) {
      // Another machine or container sharing the directory: its pid cannot be checked from here.
      onWarning(
        `event log ${logPath} is locked by pid ${pid} on host "${holderHost}"; if nothing runs there any more, ` +
          `delete ${lockPath}`,
      );
      throw new LogLockedError(logPath, pid);
    }
    if (pid !== undefined && pid !== process.pid && isProcessAlive(pid)) throw new LogLockedError(logPath, pid);
    if (pid === undefined) {
      // Empty or garbled: maybe its creator is between open('wx') and write. Only old ones are stale.
      const age = Date.now() - (await stat(lockPath).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
      if (age < FRESH_GARBLED_MS) throw new LogLockedError(logPath, undefined);
    }

    // Stale: move it away, then make sure we moved the file we judged stale.
    const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(lockPath, aside);
    } catch (error) {
      if (errno(error) === 'ENOENT') continue;
      throw error;
    }
    const moved = await readOrUndefined(aside);
    if (moved !== content) {
      // Somebody else took it over between our read and our rename: put theirs back.
      await link(aside, lockPath).catch(() => {});
      await unlink(aside).catch(() => {});
      throw new LogLockedError(logPath, moved ? Number.parseInt(moved, 10) || undefined : undefined);
    }
    await unlink(aside).catch(() => {});
    onWarning(
      `event log ${logPath}: took over a stale lock (${lockPath}) left by ` +
        (pid === undefined ? 'an unknown process' : `pid ${pid}, which is no longer running`),
    );
  }
  throw new LogLockedError(logPath, undefined);
}
