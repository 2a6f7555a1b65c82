/**
 * File projection store, in `<dir>`:
 *   `<name>.snapshot`               line 1: the header (position, chunk count, checkpoints kept);
 *                                   then one state chunk per line (chunks are JSON: no raw newline)
 *   `<name>.checkpoint.<id>`        an as-of checkpoint: its header line, then its chunk lines
 *
 * Atomic replace: each file is written to a unique temp file in the same directory, fsync'd, then
 * rename()d into place (rename is atomic within a filesystem), and the directory is fsync'd so the
 * rename itself survives a crash. Checkpoint files are written before the snapshot that lists
 * them and removed only after a snapshot that no longer lists them is in place, so a reader (or a
 * crash) sees the old snapshot with its checkpoints or the new one with its own, never a mix. A
 * crash leaves at most a stray `*.tmp` or an unlisted checkpoint, which `load` ignores and the next
 * `save` removes. Files are written and read a chunk at a time: never one string of the whole state.
 * The one-value `<name>.json` of earlier versions is not read (the state is folded from the log
 * instead: a snapshot is only a cache) and goes at the next save.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isProcessAlive } from '../../events/store/file/lock-file.js';
import type { ProjectionSnapshot, ProjectionStore, StoredCheckpoint } from '../projection-store.js';
import {
  checkpointHeaderOf,
  CheckpointHeader,
  checkSnapshot,
  CorruptSnapshotError,
  decodeHeader,
  headerOf,
  SnapshotHeader,
} from './snapshot-codec.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new RangeError(`projection name "${name}" must match ${NAME} (it becomes a file name)`);
  return name;
}

const snapshotFile = (name: string): string => `${checkName(name)}.snapshot`;
const checkpointFile = (name: string, id: string): string => `${checkName(name)}.checkpoint.${id}`;
const legacyFile = (name: string): string => `${checkName(name)}.json`;

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename durable. Not supported everywhere (e.g. Windows): best effort.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* ignore */
  }
}

/** Writes a header line and the chunks, one line each, to `target` through a synced temp file. */
async function writeLines(dir: string, target: string, header: string, chunks: readonly string[]): Promise<void> {
  const temp = join(dir, `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.write(`${header}\n`);
      for (const chunk of chunks) {
        if (chunk.includes('\n'))
          throw new RangeError('a state chunk must not contain a raw newline (chunks are JSON)');
        await handle.write(`${chunk}\n`);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, target));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The header line and the chunk lines of a file; undefined when it does not exist. */
async function readLines(path: string): Promise<{ header: string; chunks: string[] } | undefined> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let header: string | undefined;
  const chunks: string[] = [];
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (header === undefined) header = line;
    else if (line.length > 0) chunks.push(line);
  }
  return { header: header ?? '', chunks };
}

/** The checkpoint file was removed by a concurrent save between reading the snapshot and it. */
class CheckpointGone extends Error {}

export function createFileProjectionStore(dir: string): ProjectionStore {
  let ready: Promise<unknown> | undefined;
  const ensureDir = (): Promise<unknown> => (ready ??= mkdir(dir, { recursive: true }));

  async function loadCheckpoint(name: string, expected: CheckpointHeader): Promise<StoredCheckpoint> {
    const file = await readLines(join(dir, checkpointFile(name, expected.id)));
    if (!file) throw new CheckpointGone();
    const header = decodeHeader(CheckpointHeader, name, file.header);
    if (
      header.id !== expected.id ||
      header.position !== expected.position ||
      file.chunks.length !== header.chunks ||
      header.chunks !== expected.chunks
    ) {
      throw new CorruptSnapshotError(name, `checkpoint ${expected.id} does not match its header`);
    }
    return { id: header.id, position: header.position, at: header.at, chunks: file.chunks };
  }

  async function loadOnce(name: string): Promise<ProjectionSnapshot | undefined> {
    const file = await readLines(join(dir, snapshotFile(name)));
    if (!file) return undefined;
    const header = decodeHeader(SnapshotHeader, name, file.header);
    if (file.chunks.length !== header.chunks)
      throw new CorruptSnapshotError(name, `${file.chunks.length} of ${header.chunks} state chunks`);
    const checkpoints: StoredCheckpoint[] = [];
    for (const expected of header.checkpoints) checkpoints.push(await loadCheckpoint(name, expected));
    return { position: header.position, chunks: file.chunks, checkpoints };
  }

  return {
    async load(name): Promise<ProjectionSnapshot | undefined> {
      // A save that replaced the snapshot while it was read may have removed a checkpoint it
      // listed: read again (the new snapshot lists only files that exist).
      for (let attempt = 0; ; attempt++) {
        try {
          return await loadOnce(name);
        } catch (error) {
          if (!(error instanceof CheckpointGone)) throw error;
          if (attempt >= 4) throw new CorruptSnapshotError(name, 'a checkpoint it lists is missing');
        }
      }
    },

    async save(name, snapshot): Promise<boolean> {
      checkSnapshot(name, snapshot);
      const target = snapshotFile(name);
      await ensureDir();
      // Checkpoints first (immutable by id: one already on disk is complete, it was renamed into place).
      for (const checkpoint of snapshot.checkpoints) {
        const file = checkpointFile(name, checkpoint.id);
        if (await exists(join(dir, file))) continue;
        await writeLines(dir, file, JSON.stringify(checkpointHeaderOf(checkpoint)), checkpoint.chunks);
      }
      if (snapshot.checkpoints.length > 0) await fsyncDir(dir);
      await writeLines(dir, target, JSON.stringify(headerOf(snapshot)), snapshot.chunks);
      await fsyncDir(dir);
      await removeLeftovers(
        dir,
        name,
        new Set(snapshot.checkpoints.map((checkpoint) => checkpointFile(name, checkpoint.id))),
      );
      return true;
    },

    async clear(name): Promise<void> {
      await rm(join(dir, snapshotFile(name)), { force: true });
      await rm(join(dir, legacyFile(name)), { force: true });
      await fsyncDir(dir);
      await removeLeftovers(dir, name, new Set());
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * What no published snapshot of this projection refers to: checkpoints it no longer keeps, the
 * one-value snapshot of earlier versions, and temp files of crashed saves (of dead processes).
 */
async function removeLeftovers(dir: string, name: string, keep: ReadonlySet<string>): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  const checkpointPrefix = `${name}.checkpoint.`;
  const temp = /\.(\d+)\.[0-9a-f]+\.tmp$/;
  await Promise.all(
    entries.map(async (entry) => {
      if (
        entry === legacyFile(name) ||
        (entry.startsWith(checkpointPrefix) && !entry.endsWith('.tmp') && !keep.has(entry))
      ) {
        await rm(join(dir, entry), { force: true });
        return;
      }
      const match = temp.exec(entry);
      if (!match || !(entry.startsWith(`${name}.snapshot.`) || entry.startsWith(checkpointPrefix))) return;
      const pid = Number(match[1]);
      if (pid === process.pid || isProcessAlive(pid)) return; // may be a save in progress
      await rm(join(dir, entry), { force: true });
    }),
  );
}
