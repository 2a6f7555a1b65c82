import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { DocumentJobPayload } from '../documents/document-job.js';

/** The benchmark texts: the five seeds, then the development corpus (run from the project root). */
export function benchTexts(root = process.cwd()): Array<{ text: string; dct: string; source: string }> {
  const texts: Array<{ text: string; dct: string; source: string }> = [];
  const manifest = JSON.parse(readFileSync(join(root, 'seeds/manifest.json'), 'utf8')) as {
    documents: Array<{ file: string; publishedAt: string }>;
  };
  for (const entry of manifest.documents)
    texts.push({
      text: readFileSync(join(root, 'seeds', entry.file), 'utf8'),
      dct: entry.publishedAt,
      source: entry.file,
    });
  const corpus = [join(root, 'test/fixtures/timebank.jsonl'), resolve(root, '../shared/corpus/timebank.jsonl')].find(
    (p) => existsSync(p),
  );
  if (corpus) {
    for (const line of readFileSync(corpus, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { id: string; dct: string; text: string };
      texts.push({ text: record.text, dct: record.dct, source: record.id });
    }
  }
  return texts;
}

/** `count` distinct documents (a copy marker makes each text unique); `series` keeps one set apart from another. */
export function benchDocuments(count: number, series = ''): DocumentJobPayload[] {
  const texts = benchTexts();
  return Array.from({ length: count }, (_, i) => {
    const base = texts[i % texts.length]!;
    const copy = Math.floor(i / texts.length);
    const marker = series || copy ? `\n\n(${series}copy ${copy})` : '';
    return { text: `${base.text}${marker}`, publishedAt: base.dct, source: `${base.source}#${series}${copy}` };
  });
}

/** CPU seconds (user + system, every thread) a process has used so far (Linux /proc; 0 elsewhere). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
  } catch {
    return 0;
  }
}

/** Deletes every key matching a SCAN pattern (a bench's own prefix), a page at a time. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}
