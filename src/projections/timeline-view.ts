import { z } from 'zod';
import { Certainty, DateRule, DocumentDateMethod, Granularity } from '../model/timeline-model.js';

/**
 * The public timeline JSON (`timeline show --json`, `GET /timeline`). Stable contract: fields are
 * only ever added. No wall-clock time: the same log prefix gives the same bytes.
 */
export const TimelineSource = z.object({
  documentId: z.string(),
  eventId: z.string(),
  /** The evidence sentence, as written in the document. */
  quote: z.string(),
  /** Offsets of the quote in the document's original text. */
  start: z.number().int(),
  end: z.number().int(),
  /** The temporal expression inside the quote that dates the event, with offsets in the original text. */
  dateText: z.string(),
  dateStart: z.number().int(),
  dateEnd: z.number().int(),
  /** This source's own reading of the date (it may be coarser than the entry's). */
  date: z.string(),
  resolution: z.enum(['explicit', 'document-relative', 'event-anchored']),
  /**
   * Which rule dated this source (absent in logs written before rules were recorded): its date
   * expression, an anchor, a dated clause of its sentence, the day the report tells of, or the
   * report's own day by the verb's tense. `dateText` is then the verb.
   */
  dateRule: DateRule.optional(),
  /** The source is its report's lede (the first sentence that reports anything): what the report is about. */
  lede: z.literal(true).optional(),
});
export type TimelineSource = z.infer<typeof TimelineSource>;

export const TimelineEntry = z.object({
  id: z.string(),
  date: z.string(),
  granularity: Granularity,
  title: z.string(),
  certainty: Certainty,
  sources: z.array(TimelineSource).min(1),
  /**
   * People and organisations named in the entry, spelling variants merged under the most reported
   * spelling. Added after the first version of the contract, hence optional for older exports.
   */
  actors: z.array(z.string()).optional(),
  /** The actors that are people (the rest are organisations and places). Optional like `actors`. */
  persons: z.array(z.string()).optional(),
  /**
   * Importance in the whole timeline, 1 = most important (see `compareImportance`): more distinct
   * source documents, then a report's lede (what the report is about), then an explicitly stated date,
   * then more named actors, then date and id.
   * Computed from the entries alone, so a replay gives the same ranks. Filters keep the ranks of the
   * whole timeline. Views built by this version always carry it; optional for older exports.
   */
  rank: z.number().int().positive().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelineDocument = z.object({
  id: z.string(),
  /** File name or URL. */
  source: z.string(),
  title: z.string(),
  /** YYYY-MM-DD (X's where unknown, e.g. XXXX-03-13), or null when nothing is known. */
  publishedAt: z.string().nullable(),
  publishedAtInferred: z.boolean(),
  dateMethod: DocumentDateMethod,
  dateConfidence: z.number(),
  dateNote: z.string().optional(),
  state: z.enum(['received', 'processed', 'failed']),
  failure: z.object({ code: z.string(), reason: z.string() }).optional(),
});
export type TimelineDocument = z.infer<typeof TimelineDocument>;

/** Which stretch of the timeline a paged view holds (timeline-page.ts); absent when not paged. */
export const TimelinePageInfo = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  limit: z.number().int().positive(),
  /** Entries of the whole timeline within from–to (this page holds some of them). */
  total: z.number().int().nonnegative(),
  /** The next page: ask again with these `from` and `after` (and the same `to` and `limit`); null on the last page. */
  next: z.object({ from: z.string().nullable(), after: z.string() }).nullable(),
});
export type TimelinePageInfo = z.infer<typeof TimelinePageInfo>;

export const TimelineView = z.object({
  /** The log position this view reflects. */
  position: z.number().int().nonnegative(),
  documents: z.array(TimelineDocument),
  /** Sorted by date (unknown years last), then title, then id. Each carries its importance `rank`. */
  entries: z.array(TimelineEntry),
  /** Things a reader must know, e.g. that some years are unknown and were not invented. */
  notes: z.array(z.string()),
  /**
   * Present on a paged view (`from`, `to`, `limit` or `after` given): `documents` then lists only
   * the documents its entries cite, and each entry keeps its `rank` in the whole timeline.
   */
  page: TimelinePageInfo.optional().meta({
    description:
      'On a paged view only: the page asked for, how many entries lie within from–to, and where the next page starts (null on the last page).',
  }),
});
export type TimelineView = z.infer<typeof TimelineView>;
