import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DocumentJobPayload } from '../../src/documents/document-job.js';

const CORPUS = resolve(import.meta.dirname, '../fixtures/timebank.jsonl');

/** `count` distinct news documents (the development corpus texts, with their dates), for load and fault tests. */
export function corpusDocuments(count: number): DocumentJobPayload[] {
  const lines = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim());
  const documents: DocumentJobPayload[] = [];
  for (let i = 0; documents.length < count; i++) {
    const record = JSON.parse(lines[i % lines.length] ?? '{}') as { id: string; dct: string; text: string };
    const copy = Math.floor(i / lines.length);
    // A copy marker keeps repeated texts distinct documents (ids are content hashes).
    const text = copy === 0 ? record.text : `${record.text}\n\n(copy ${copy})`;
    documents.push({ text, source: `${record.id}${copy ? `#${copy}` : ''}`, publishedAt: record.dct });
  }
  return documents;
}
