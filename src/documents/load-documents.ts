import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { decodeUtf8, type DocumentJobPayload } from './document-job.js';
import { InvalidDocumentError } from './document-errors.js';

/** A directory's manifest.json: per-file metadata for the documents beside it. */
export const Manifest = z.object({
  documents: z.array(
    z.object({
      file: z.string().min(1),
      publishedAt: z.string().optional(),
      title: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
});
export type Manifest = z.infer<typeof Manifest>;

const DOCUMENT_EXTENSIONS = /\.(txt|text|md)$/i;

export interface LoadedDocument {
  readonly path: string;
  readonly payload: DocumentJobPayload;
}

export interface LoadFailure {
  readonly path: string;
  readonly reason: string;
}

export interface LoadOptions {
  /** Applied to every document that has no publishedAt of its own. */
  readonly publishedAt?: string;
  readonly yearHint?: number;
  /** Overrides the source name (default: the file name, or the manifest's `source`). */
  readonly source?: string;
  /** Files larger than this are refused before they are read. */
  readonly maxBytes?: number;
}

/**
 * Expands files and directories (their .txt/.md files, sorted by name) into job payloads, with
 * metadata from a directory's manifest.json. A file that cannot be read is reported, not fatal.
 */
export async function loadDocuments(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<{ documents: LoadedDocument[]; failures: LoadFailure[] }> {
  const documents: LoadedDocument[] = [];
  const failures: LoadFailure[] = [];
  const manifests = new Map<string, Map<string, Manifest['documents'][number]>>();

  const manifestFor = async (directory: string): Promise<Map<string, Manifest['documents'][number]>> => {
    const cached = manifests.get(directory);
    if (cached) return cached;
    const entries = new Map<string, Manifest['documents'][number]>();
    manifests.set(directory, entries);
    let raw: string;
    try {
      raw = await readFile(join(directory, 'manifest.json'), 'utf8');
    } catch {
      return entries;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      failures.push({ path: join(directory, 'manifest.json'), reason: `not JSON: ${(error as Error).message}` });
      return entries;
    }
    const manifest = Manifest.safeParse(parsed);
    if (!manifest.success) {
      failures.push({
        path: join(directory, 'manifest.json'),
        reason: `not a manifest: ${manifest.error.issues[0]?.path.join('.')}: ${manifest.error.issues[0]?.message}`,
      });
      return entries;
    }
    for (const entry of manifest.data.documents) entries.set(entry.file, entry);
    return entries;
  };

  const addFile = async (path: string): Promise<void> => {
    try {
      const size = (await stat(path)).size;
      if (options.maxBytes !== undefined && size > options.maxBytes) {
        throw new InvalidDocumentError(
          'TOO_LARGE',
          `document is ${size} bytes; the limit is ${options.maxBytes} bytes`,
        );
      }
      const bytes = await readFile(path);
      const text = decodeUtf8(bytes, basename(path));
      const meta = (await manifestFor(dirname(path))).get(basename(path));
      const publishedAt = meta?.publishedAt ?? options.publishedAt;
      const title = meta?.title;
      documents.push({
        path,
        payload: {
          text,
          source: options.source ?? meta?.source ?? basename(path),
          ...(title ? { title } : {}),
          ...(publishedAt ? { publishedAt } : {}),
          ...(options.yearHint ? { yearHint: options.yearHint } : {}),
        },
      });
    } catch (error) {
      const reason =
        error instanceof InvalidDocumentError
          ? error.message
          : (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file'
            : (error as Error).message;
      failures.push({ path, reason });
    }
  };

  for (const input of paths) {
    const path = resolve(input);
    let info;
    try {
      info = await stat(path);
    } catch {
      failures.push({ path: input, reason: 'no such file or directory' });
      continue;
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => DOCUMENT_EXTENSIONS.test(name)).sort();
      if (names.length === 0) failures.push({ path: input, reason: 'directory holds no .txt or .md documents' });
      for (const name of names) await addFile(join(path, name));
    } else {
      await addFile(path);
    }
  }
  return { documents, failures };
}
