import { z } from 'zod';
import { LONE_SURROGATE } from '../documents/document-job.js';
import type { DocumentStatus, SubmitDocumentRequest, SystemStatus } from '../app/timeline-service.js';
import { EntityName } from '../projections/entity-filter.js';
import { TimelinePageRequest } from '../projections/timeline-page.js';
import { DEFAULT_TOP_ENTRIES } from '../projections/timeline-ranking.js';

/**
 * The HTTP contract, once: handlers validate with these schemas and `/openapi.json` is generated
 * from them, so the documentation cannot drift from what the server accepts.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Regexes accept 2022-02-30; the calendar does not. */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function hasRealDay(match: RegExpExecArray | null): boolean {
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isCalendarDate(value: string): boolean {
  return hasRealDay(CALENDAR_DATE.exec(value));
}

export function isInstant(value: string): boolean {
  return hasRealDay(INSTANT.exec(value));
}

/** C0 controls other than tab, newline, carriage return and form feed: never in a news text. */
// eslint-disable-next-line no-control-regex
const BINARY_CHARACTERS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

export const DocumentText = z
  .string({ error: 'text is required and must be a string' })
  .refine((text) => text.trim().length > 0, { message: 'text must not be empty' })
  .refine((text) => !LONE_SURROGATE.test(text), {
    message: 'text contains a lone UTF-16 surrogate (such as \\ud800): send valid Unicode text',
  })
  .refine((text) => !BINARY_CHARACTERS.test(text), {
    message: 'text contains NUL or other control characters: send the plain text of the document, not binary data',
  })
  .meta({ description: 'The document text, plain UTF-8 (no NUL or control characters).' });

const PublishedAt = z
  .string()
  .refine((value) => isCalendarDate(value) || isInstant(value), {
    message: 'publishedAt must be a real calendar day (YYYY-MM-DD) or an ISO 8601 instant (2022-03-14T09:30:00Z)',
  })
  .meta({
    description: 'Publication day (YYYY-MM-DD) or an ISO 8601 instant; only the calendar day is used.',
    examples: ['2022-03-14'],
  });

const YearHint = z
  .number({ error: 'yearHint must be a number' })
  .int('yearHint must be a whole year')
  .min(1000, 'yearHint must be between 1000 and 2999')
  .max(2999, 'yearHint must be between 1000 and 2999')
  .meta({ description: 'A year the story is known to belong to, used when the text gives none.' });

const DocumentMetadataShape = {
  title: z.string().max(500, 'title must be at most 500 characters').optional(),
  source: z
    .string()
    .max(2000, 'source must be at most 2000 characters')
    .optional()
    .meta({ description: 'File name or URL.' }),
  publishedAt: PublishedAt.optional(),
  yearHint: YearHint.optional(),
};

/** In a JSON body, null states "none": a resubmission removes what a former one gave (left out: kept). */
const ClearableMetadataShape = {
  ...DocumentMetadataShape,
  title: DocumentMetadataShape.title.unwrap().nullable().optional(),
  publishedAt: PublishedAt.nullable().optional(),
  yearHint: YearHint.nullable().optional(),
};

/** At most 10 names, each at most 64 characters: an error about 100,000 unknown keys stays short. */
export function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 10).map((key) => (key.length > 64 ? `${key.slice(0, 64)}…` : key));
  return keys.length > shown.length ? `${shown.join(', ')} and ${keys.length - shown.length} more` : shown.join(', ');
}

export const SubmitDocumentBody = z.strictObject(
  { text: DocumentText, ...ClearableMetadataShape },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${listKeys(issue.keys)}; accepted fields are text, title, source, publishedAt, yearHint`
        : 'the body must be a JSON object such as {"text": "..."}',
  },
);

/** With a text/plain body the metadata travels in the query string. */
export const SubmitDocumentQuery = z.strictObject({
  ...DocumentMetadataShape,
  yearHint: z
    .string()
    .regex(/^\d{4}$/, 'yearHint must be a four-digit year')
    .transform(Number)
    .pipe(YearHint)
    .optional(),
});

export const SubmitDocumentResponse = z.object({
  documentId: z.string(),
  jobId: z.string(),
  accepted: z.boolean().meta({
    description:
      'false when the same text was already submitted with the same metadata: nothing new is queued. A resubmission stating other metadata is a correction and is queued.',
  }),
  statusUrl: z.string(),
});

/** The longest document id the API takes; the router is told too (maxParamLength), so it never answers 414 first. */
export const MAX_DOCUMENT_ID_CHARS = 200;

export const DocumentIdParams = z.object({
  id: z.string().min(1).max(MAX_DOCUMENT_ID_CHARS, `a document id is at most ${MAX_DOCUMENT_ID_CHARS} characters`),
});

export const DocumentStatusResponse = z.object({
  documentId: z.string(),
  state: z.enum(['queued', 'processing', 'processed', 'failed', 'unknown']),
  title: z.string().optional(),
  source: z.string().optional(),
  publishedAt: z.string().optional(),
  failure: z.object({ code: z.string(), reason: z.string() }).optional(),
  events: z
    .array(
      z.object({
        eventId: z.string(),
        title: z.string(),
        date: z.string(),
        quote: z.string(),
        quoteStart: z
          .number()
          .int()
          .meta({ description: 'Where the quote starts in the document text (UTF-16 offset)' }),
        quoteEnd: z.number().int(),
      }),
    )
    .readonly(),
  text: z.string().optional().meta({ description: 'The document text as received (with ?include=text)' }),
});

export const DocumentQuery = z.strictObject({
  include: z
    .enum(['text'])
    .optional()
    .meta({ description: 'text: add the document text (the quote offsets index it).' }),
});

const LOG_POSITION = /^\d{1,15}$/;

/** A log position or an instant, as the service takes it; instants are normalised to UTC. */
export const AsOf = z
  .string()
  .refine((value) => LOG_POSITION.test(value) || isInstant(value), {
    message:
      'asOf must be a log position (a non-negative integer such as 42) or an ISO 8601 instant such as 2022-03-14T12:00:00Z',
  })
  .transform((value): number | string => (LOG_POSITION.test(value) ? Number(value) : new Date(value).toISOString()))
  .meta({ description: 'The timeline as known at this log position (integer ≥ 0) or at this instant (ISO 8601).' });

export const TimelineQuery = z.strictObject({
  asOf: AsOf.optional(),
  source: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: "Keep only evidence from documents with this source (a document's file name or URL)." }),
  entity: EntityName.optional(),
  all: z
    .enum(['true', 'false'], { error: 'all must be true or false' })
    .transform((value) => value === 'true')
    .optional()
    .meta({
      description: `true (the default): every entry. false: only the ${DEFAULT_TOP_ENTRIES} most important (see \`rank\`), in date order, with a note saying how many more there are; an entity view is never cut.`,
    }),
  // Paging by date (timeline-page.ts): the same fields as `show --from/--to/--limit/--after`.
  from: TimelinePageRequest.shape.from,
  to: TimelinePageRequest.shape.to,
  limit: z
    .string()
    .regex(/^\d{1,7}$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(TimelinePageRequest.shape.limit.unwrap())
    .optional()
    .meta({ description: TimelinePageRequest.shape.limit.description ?? 'At most this many entries.' }),
  after: TimelinePageRequest.shape.after,
});

const NonNegativeIntegerText = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a non-negative integer`)
    .transform(Number);

export const EventsQuery = z.strictObject({
  from: NonNegativeIntegerText('from')
    .optional()
    .meta({ description: 'First log position to return (inclusive); default 1.' }),
  limit: NonNegativeIntegerText('limit')
    .pipe(z.number().min(1, 'limit must be at least 1').max(1000, 'limit must be at most 1000'))
    .optional()
    .meta({ description: 'At most this many events (1–1000); default 100.' }),
});

export const RecordedEventResponse = z.object({
  position: z.number().int(),
  id: z.string(),
  type: z.string(),
  schemaVersion: z.number().int(),
  at: z.string(),
  data: z.unknown(),
});

export const EventsPageResponse = z.object({
  events: z.array(RecordedEventResponse),
  next: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'The `from` of the next page, or null when this page reached the head of the log.' }),
});

export const HealthResponse = z.object({
  ok: z.boolean(),
  redis: z.enum(['up', 'down']).optional(),
  queueDepth: z.number().int(),
});

export const StatusResponse = z.object({
  documents: z.object({ received: z.number().int(), processed: z.number().int(), failed: z.number().int() }),
  queue: z.object({ waiting: z.number().int(), active: z.number().int() }),
  log: z.object({ length: z.number().int() }),
});

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Compile-time guard that the schemas above describe what the service really returns. */
type Assignable<T extends U, U> = T;
export type SchemaMatchesService = [
  Assignable<DocumentStatus, z.output<typeof DocumentStatusResponse>>,
  Assignable<SystemStatus, z.output<typeof StatusResponse>>,
  Assignable<z.output<typeof SubmitDocumentBody>, SubmitDocumentRequest>,
];
