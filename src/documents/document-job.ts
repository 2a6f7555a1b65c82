import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { InvalidDocumentError } from './document-errors.js';

/**
 * The queue payload: what any BullMQ producer puts on the `timeline-documents` queue.
 * Validated again by the worker, because a producer may not be ours.
 */
export const DocumentJobPayload = z.object({
  text: z.string(),
  /** null: the document has none (a resubmission clears the title a former one gave). */
  title: z.string().max(1000).nullable().optional(),
  /** File name or URL the text came from. */
  source: z.string().max(2000).optional(),
  /** YYYY-MM-DD or an ISO 8601 instant; null: no known publication day (clears a former one). */
  publishedAt: z.string().max(64).nullable().optional(),
  /** A year the story belongs to, when no publication date is known; null clears a former one. */
  yearHint: z.number().int().min(1000).max(2999).nullable().optional(),
});
export type DocumentJobPayload = z.infer<typeof DocumentJobPayload>;

/** A UTF-16 surrogate without its pair: not a character, and UTF-8 would turn it into U+FFFD (two texts, one id). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** A payload that passed every check, with its identity computed. */
export interface AcceptedDocument {
  readonly documentId: string;
  readonly contentHash: string;
  readonly text: string;
  readonly title?: string;
  readonly source: string;
  /** YYYY-MM-DD. */
  readonly publishedAt?: string;
  readonly yearHint?: number;
  /** Fields the payload stated as none (null): a correction removes them. */
  readonly cleared?: readonly ClearableField[];
}

/** The metadata a resubmission may remove by stating null (a document always has a source). */
const CLEARABLE_FIELDS = ['title', 'publishedAt', 'yearHint'] as const;
export type ClearableField = (typeof CLEARABLE_FIELDS)[number];

/** The queue payload that carries an accepted document (what `acceptDocument` accepts back unchanged). */
export function jobPayloadOf(document: AcceptedDocument): DocumentJobPayload {
  const payload: DocumentJobPayload = { text: document.text, ...metadataOf(document) };
  for (const field of document.cleared ?? []) payload[field] = null;
  return payload;
}

/** The document's identity is its content: the same text submitted twice is one document. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What a submission says about a text besides the text itself; a correction changes it. */
export type DocumentMetadata = Pick<AcceptedDocument, 'title' | 'source' | 'publishedAt' | 'yearHint'>;

/** The metadata among `fields`, with only the fields that are set (as an accepted document has them). */
export function metadataOf(fields: {
  source: string;
  title?: string | undefined;
  publishedAt?: string | undefined;
  yearHint?: number | undefined;
}): DocumentMetadata {
  const { source, title, publishedAt, yearHint } = fields;
  return {
    source,
    ...(title !== undefined ? { title } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    ...(yearHint !== undefined ? { yearHint } : {}),
  };
}

function sameMetadata(a: DocumentMetadata, b: DocumentMetadata): boolean {
  return a.title === b.title && a.source === b.source && a.publishedAt === b.publishedAt && a.yearHint === b.yearHint;
}

/** What acceptDocument calls a document submitted without a source. */
export const UNNAMED_SOURCE = 'unnamed';

/**
 * The metadata after a resubmission of the same text: the fields it states replace the current ones,
 * the fields it leaves out (no title, no date, no source) are kept, the fields it states as null
 * are removed. `undefined`: nothing changes.
 */
export function correctedMetadata(
  current: DocumentMetadata,
  submitted: DocumentMetadata & Pick<AcceptedDocument, 'cleared'>,
): DocumentMetadata | undefined {
  const cleared = new Set(submitted.cleared);
  const merged = metadataOf({
    source: submitted.source !== UNNAMED_SOURCE ? submitted.source : current.source,
    title: cleared.has('title') ? undefined : (submitted.title ?? current.title),
    publishedAt: cleared.has('publishedAt') ? undefined : (submitted.publishedAt ?? current.publishedAt),
    yearHint: cleared.has('yearHint') ? undefined : (submitted.yearHint ?? current.yearHint),
  });
  return sameMetadata(merged, current) ? undefined : merged;
}

/** 8 hex digits naming one set of metadata: two different corrections never share ids or jobs. */
export function metadataHashOf(metadata: DocumentMetadata): string {
  const { title, source, publishedAt, yearHint } = metadata;
  return createHash('sha256')
    .update(JSON.stringify([title ?? null, source, publishedAt ?? null, yearHint ?? null]))
    .digest('hex')
    .slice(0, 8);
}

export function documentIdOf(text: string): string {
  return documentIdOfHash(contentHashOf(text));
}

function documentIdOfHash(contentHash: string): string {
  return `doc-${contentHash.slice(0, 16)}`;
}

/**
 * Checks a payload and normalises it. Throws InvalidDocumentError with a message that names
 * the problem; a caller shows it as is.
 */
export function acceptDocument(payload: unknown, options: { maxBytes?: number } = {}): AcceptedDocument {
  const parsed = DocumentJobPayload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'payload';
    throw new InvalidDocumentError(
      'INVALID_PAYLOAD',
      `invalid document payload: ${where}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  const { text, title, source, publishedAt, yearHint } = parsed.data;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new InvalidDocumentError('TOO_LARGE', `document is ${bytes} bytes; the limit is ${maxBytes} bytes`);
  }
  if (LONE_SURROGATE.test(text)) {
    // UTF-8 cannot hold it: hashed, it would become U+FFFD, and two different texts would get one id.
    throw new InvalidDocumentError(
      'INVALID_UTF8',
      'document holds a lone UTF-16 surrogate (such as \\ud800), which is not text',
    );
  }
  if (text.includes('\uFFFD')) {
    throw new InvalidDocumentError(
      'INVALID_UTF8',
      'document is not valid UTF-8 text (it holds replacement characters U+FFFD)',
    );
  }
  if (looksBinary(text)) {
    throw new InvalidDocumentError('BINARY', 'document looks binary (NUL or many control characters), not text');
  }
  if (text.trim().length === 0) {
    throw new InvalidDocumentError('EMPTY', 'document is empty');
  }
  const contentHash = contentHashOf(text);
  const cleared = CLEARABLE_FIELDS.filter((field) => parsed.data[field] === null);
  return {
    documentId: documentIdOfHash(contentHash),
    contentHash,
    text,
    ...(typeof title === 'string' && title.trim() ? { title: title.trim() } : {}),
    source: source?.trim() || UNNAMED_SOURCE,
    ...(typeof publishedAt === 'string' ? { publishedAt: calendarDayOf(publishedAt) } : {}),
    ...(typeof yearHint === 'number' ? { yearHint } : {}),
    ...(cleared.length ? { cleared } : {}),
  };
}

/** Decodes bytes as UTF-8, refusing invalid sequences instead of replacing them. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidDocumentError('INVALID_UTF8', `${name} is not valid UTF-8 text`);
  }
}

/** The calendar day of a YYYY-MM-DD date or ISO instant, validated for real (2022-02-30 is refused). */
export function calendarDayOf(value: string): string {
  const trimmed = value.trim();
  // The common case, a plain day, without luxon: every document of a feed carries one.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (day && Number(day[1]) >= 1000) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const utc = new Date(Date.UTC(year, month - 1, date));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date) return trimmed;
  }
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
    ? DateTime.fromISO(trimmed, { zone: 'utc' })
    : DateTime.fromISO(trimmed, { setZone: true });
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || !parsed.isValid) {
    throw new InvalidDocumentError(
      'INVALID_PUBLISHED_AT',
      `publishedAt "${value}" is not a valid date (expected YYYY-MM-DD or an ISO 8601 instant)`,
    );
  }
  return parsed.toISODate() ?? trimmed.slice(0, 10);
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}
