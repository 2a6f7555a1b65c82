import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The page's files live in `src/web/static` and are served from there both when running from
 * source (vitest) and from `dist/` (tsc copies no assets): we walk up to the package root.
 */
export function resolveStaticDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const candidate = join(dir, 'src', 'web', 'static');
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`The timeline page's files (src/web/static/index.html) were not found above ${from}.`);
    dir = parent;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticAsset {
  readonly contentType: string;
  read(): Promise<Buffer>;
}

/**
 * A fixed map of file name to asset, listed once at start-up: a request can only name a file that
 * is in it, so there is no path to traverse.
 */
export function listStaticAssets(dir: string = resolveStaticDir()): ReadonlyMap<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const name of readdirSync(dir)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    const path = join(dir, name);
    assets.set(name, { contentType, read: () => readFile(path) });
  }
  return assets;
}
