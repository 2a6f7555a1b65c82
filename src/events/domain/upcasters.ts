import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Pure functions that lift stored payloads written by earlier schemas to the current one.
 * Stored events are never rewritten: an old log stays valid forever.
 */

/** DocumentReceived v1 (the first release): `published` was a full instant or null, no hash, no year hint. */
const DocumentReceivedV1 = z.object({
  documentId: z.string(),
  text: z.string(),
  title: z.string().nullable(),
  source: z.string(),
  published: z.string().nullable(),
});

export function upcastDocumentReceived(schemaVersion: number, data: unknown): unknown {
  if (schemaVersion !== 1) return data;
  const v1 = DocumentReceivedV1.safeParse(data);
  if (!v1.success) return data; // let the current schema report what is wrong
  const { documentId, text, title, source, published } = v1.data;
  return {
    documentId,
    contentHash: createHash('sha256').update(text, 'utf8').digest('hex'),
    text,
    ...(title ? { title } : {}),
    source,
    ...(published ? { publishedAt: published.slice(0, 10) } : {}),
  };
}
