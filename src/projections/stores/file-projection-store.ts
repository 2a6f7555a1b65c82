/**
 * File projection store: `<dir>/<name>.json` holds `{"position","state"}`.
 *
 * Atomic replace: the snapshot is written to a unique temp file in the same directory,
 * fsync'd, then rename()d over the old one (rename is atomic within a filesystem), and the
 * directory is fsync'd so the rename itself survives a crash. A reader (or a crash) therefore
 * sees the old snapshot or the new one, never a mix; a crash leaves at most a stray `*.tmp`,
 * which `load` ignores and the next `save` of that projection removes.
 */
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isProcessAlive } from '../../events/store/file/lock-file.js';
import type { ProjectionSnapshot, ProjectionStore } from '../projection-store.js';
import { checkSnapshot, decodeSnapshot, encodeSnapshot } from './snapshot-codec.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function fileName(name: string): string {
  if (!NAME.test(name) || name.includes('..')) {
    throw new RangeError(`projection name "${name}" must match ${NAME} (it becomes a file name)`);
  }
  return `${name}.json`;
}

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

export function createFileProjectionStore(dir: string): ProjectionStore {
  let ready: Promise<unknown> | undefined;
  const ensureDir = (): Promise<unknown> => (ready ??= mkdir(dir, { recursive: true }));

  return {
    async load(name): Promise<ProjectionSnapshot | undefined> {
      let text: string;
      try {
        text = await readFile(join(dir, fileName(name)), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return decodeSnapshot(name, text);
    },

    async save(name, snapshot): Promise<void> {
      checkSnapshot(name, snapshot);
      const target = fileName(name);
      await ensureDir();
      const temp = join(dir, `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temp, 'w');
        try {
          await handle.writeFile(encodeSnapshot(snapshot), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, join(dir, target));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await fsyncDir(dir);
      await removeStrayTemps(dir, target);
    },

    async clear(name): Promise<void> {
      await rm(join(dir, fileName(name)), { force: true });
      await fsyncDir(dir);
    },
  };
}

/** Temp files of earlier crashed saves (from dead processes) of this projection. */
async function removeStrayTemps(dir: string, target: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  const mine = new RegExp(`^${target.replace(/[.]/g, '\\.')}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  await Promise.all(
    entries.map(async (entry) => {
      const match = mine.exec(entry);
      if (!match) return;
      const pid = Number(match[1]);
      if (pid === process.pid || isProcessAlive(pid)) return; // may be a save in progress
      await rm(join(dir, entry), { force: true });
    }),
  );
}
