import { z } from 'zod';

/**
 * The shared vocabulary of the pipeline, the log and the projections. Each shape is a zod
 * schema because each crosses a boundary: the pipeline's output is stored in the log and read back.
 */

/** How fine a date value is: 2022-03-14T11:50 (time) … 195 (decade) … 19 (century). */
export const Granularity = z.enum([
  'time',
  'day',
  'week',
  'month',
  'season',
  'quarter',
  'half',
  'year',
  'decade',
  'century',
  'unknown',
]);
export type Granularity = z.infer<typeof Granularity>;

/** explicit: the text states the date; inferred: computed (relative, anchored, document date inferred); approximate: coarse or hedged. */
export const Certainty = z.enum(['explicit', 'inferred', 'approximate']);
export type Certainty = z.infer<typeof Certainty>;

/** A TIMEX3-style value: 2022-03-14, 2022-03, 2022, 2022-W11, 195 (the 1950s), XXXX-02-24, 2022-03-14T11:50. */
export const DateValue = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[0-9X]{2,4}/, 'a TIMEX3 date value starts with a year, decade or century (digits or X)');

export const DatedValue = z.object({
  value: DateValue,
  granularity: Granularity,
  certainty: Certainty,
});
export type DatedValue = z.infer<typeof DatedValue>;

export const DocumentDateMethod = z.enum([
  /** Supplied with the document (manifest, --published, publishedAt). */
  'provided',
  /** Read from the text (a dateline, an explicit "March 13, 2022"). */
  'text',
  /** Weekday and anchored references cross-checked against dated facts. */
  'anchors',
  /** Learned from other documents of the same story. */
  'cross-document',
  /** Nothing to go on: the day or year stays unknown. */
  'unknown',
]);
export type DocumentDateMethod = z.infer<typeof DocumentDateMethod>;

export const DocumentDate = z.object({
  /** YYYY-MM-DD, or with X's for what is unknown (XXXX-03-13), or null when nothing is known. */
  value: z
    .string()
    .regex(/^[0-9X]{4}-[0-9X]{2}-[0-9X]{2}$/)
    .nullable(),
  inferred: z.boolean(),
  method: DocumentDateMethod,
  /** 0..1; 1 for provided dates. */
  confidence: z.number().min(0).max(1),
  /** Why, in a sentence a user can read. */
  note: z.string().max(500).optional(),
});
export type DocumentDate = z.infer<typeof DocumentDate>;

export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Span = z.infer<typeof Span>;

export const TimexRecord = Span.extend({
  type: z.enum(['DATE', 'TIME', 'DURATION', 'SET']),
  value: z.string(),
});
export type TimexRecord = z.infer<typeof TimexRecord>;

/** How an event's date was reached. */
export const DateResolution = z.enum(['explicit', 'document-relative', 'event-anchored']);
export type DateResolution = z.infer<typeof DateResolution>;

/**
 * The shape of a document-relative date, independent of the document date (mirrors the tagger's
 * RelativeReference), kept so reconciliation can re-resolve an event when the document's date is revised.
 */
export const RelativeDescriptor = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('weekday'),
    weekday: z.number().int().min(1).max(7),
    direction: z.enum(['past', 'future', 'nearest']),
  }),
  z.object({
    kind: z.literal('month-day'),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31).optional(),
  }),
  z.object({
    kind: z.literal('offset'),
    unit: z.enum(['day', 'week', 'month', 'quarter', 'year']),
    amount: z.number(),
  }),
]);
export type RelativeDescriptor = z.infer<typeof RelativeDescriptor>;

/** How an event-anchored date hangs on its anchor: the anchor's date plus offsetDays (± toleranceDays). */
export const AnchorLink = z.object({
  /** Normalised content keywords naming the anchor event ("invad" for "the invasion", "the war", "troops entered"). */
  keywords: z.array(z.string()),
  offsetDays: z.number().int(),
  toleranceDays: z.number().int().nonnegative(),
});
export type AnchorLink = z.infer<typeof AnchorLink>;

/**
 * Which rule dated an event: a date expression attached to it; an anchor ("a day before the
 * meeting"); a dated clause of the same sentence; the recent day the report tells of
 * ("yesterday … he said"); else the report's day from the verb's tense (simple past: on or
 * shortly before it; present perfect: up to it; present: on it).
 */
export const DateRule = z.enum([
  'date-expression',
  'anchor',
  'same-sentence',
  'narrative',
  'report-past',
  'report-perfect',
  'report-present',
]);
export type DateRule = z.infer<typeof DateRule>;

/** One dated event found in one document. Offsets index the document's original text. */
export const ExtractedEvent = z.object({
  /** Deterministic: `${documentId}:${extractorVersion}:e${ordinal}` (`…:r1-1a2b3c4d:e${ordinal}` after a metadata revision). */
  eventId: z.string().min(1),
  ordinal: z.number().int().nonnegative(),
  /** A short headline: "Sullivan tells CNN …". */
  title: z.string().min(1).max(300),
  /** People and organisations acting in the event, normalised names. */
  actors: z.array(z.string()),
  /** The actors that are people (the rest are organisations and places): reconciliation merges spelling variants of people only. */
  persons: z.array(z.string()).optional(),
  date: DatedValue,
  resolution: DateResolution,
  /** For event-anchored dates: which event the date hangs on ("the invasion"). */
  anchor: z.string().optional(),
  /** The evidence sentence (or clause). */
  quote: Span,
  /** The temporal expression that dates it. */
  timex: TimexRecord,
  /** Document-relative dates: the expression's shape, to re-resolve against a revised document date. */
  relative: RelativeDescriptor.optional(),
  /** Event-anchored dates: what the date hangs on, to resolve across documents. */
  anchorLink: AnchorLink.optional(),
  /** Normalised content keywords (verbs, nouns, places; no actors) used to match events across documents. */
  keywords: z.array(z.string()).optional(),
  /** How the date was reached (absent on events written before rules were recorded: a date expression or an anchor). */
  dateRule: DateRule.optional(),
  /** The lemma of the main verb ("unveil"), when the event is a clause with one. */
  predicate: z.string().max(60).optional(),
  /** The report speaking of itself ("News reports emerged on Monday"): it dates the report, and is no entry of the timeline. */
  aboutTheReport: z.literal(true).optional(),
  /** Told in the report's lede (its first sentence that reports anything): what the report is about. */
  lede: z.literal(true).optional(),
});
export type ExtractedEvent = z.infer<typeof ExtractedEvent>;

/** What the pure pipeline learns from one document. */
export const DocumentAnalysis = z.object({
  documentId: z.string().min(1),
  extractorVersion: z.string().min(1),
  title: z.string(),
  documentDate: DocumentDate,
  events: z.array(ExtractedEvent),
  /**
   * Anchored facts that bound the document date or an event's date: "more than two weeks into its
   * invasion" (eventOrdinal set) or "since the start of the war more than two weeks ago" (the document itself).
   * The anchor's date plus [minDays, maxDays] must contain the subject's date.
   */
  anchorBounds: z
    .array(
      z.object({
        anchor: z.array(z.string()),
        eventOrdinal: z.number().int().nonnegative().optional(),
        minDays: z.number().int(),
        maxDays: z.number().int(),
      }),
    )
    .optional(),
  /** Character ranges of the original text recognised as page clutter and ignored. */
  clutter: z.array(z.object({ start: z.number().int(), end: z.number().int(), kind: z.string() })),
});
export type DocumentAnalysis = z.infer<typeof DocumentAnalysis>;

/** One line of the unified timeline, as decided by reconciliation across documents. */
export const ReconciledEntry = z.object({
  /** Deterministic and stable while members join: the smallest member eventId, prefixed. */
  entryId: z.string().min(1),
  date: DatedValue,
  title: z.string().min(1).max(300),
  /** Member events, sorted. */
  eventIds: z.array(z.string()).min(1),
  /** Actors across members, name variants merged under the most reported spelling. */
  actors: z.array(z.string()).optional(),
  /** How the entry's date was reached, e.g. from which documents; absent when every member states it. */
  note: z.string().max(500).optional(),
});
export type ReconciledEntry = z.infer<typeof ReconciledEntry>;

export const ReconciledTimeline = z.object({
  /** The document dates after cross-document inference (only documents whose date is known better than their own analysis says need to differ). */
  documentDates: z.record(z.string(), DocumentDate),
  entries: z.array(ReconciledEntry),
});
export type ReconciledTimeline = z.infer<typeof ReconciledTimeline>;

/** What a document is when it enters the pipeline. */
export const DocumentInput = z.object({
  documentId: z.string().min(1),
  text: z.string(),
  title: z.string().optional(),
  source: z.string(),
  /** YYYY-MM-DD or a full ISO 8601 instant; only the calendar day is used. */
  publishedAt: z.string().optional(),
  /** A year the user knows the story belongs to (`--year`). */
  yearHint: z.number().int().min(1000).max(2999).optional(),
  /**
   * Set when the document's metadata was corrected: revision number and metadata hash, which the
   * analysis's event ids carry (`…:x1:r1-1a2b3c4d:e0`).
   */
  revisionTag: z
    .string()
    .regex(/^r\d+-[0-9a-f]{8}$/)
    .optional(),
});
export type DocumentInput = z.infer<typeof DocumentInput>;
