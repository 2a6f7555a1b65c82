import { z } from 'zod';
import { parseDateValue } from '../model/date-value.js';
import type { TimelineEntry } from './timeline-view.js';

/**
 * Paging the timeline by date (`GET /timeline?from=&to=&limit=&after=`, `timeline show --from
 * --to --limit --after`), so that no answer needs the whole timeline in one string (issue #17) and
 * so that a reader can load a story's dates as they scroll (issue #16, which will load only the
 * stories of the page from the store; the request and the answer stay these).
 *
 * A page holds the entries that start on or after the first day of `from` and before the day
 * after the last day of `to`, in the timeline's order (by date, unknown years last), at most
 * `limit` of them, starting after the entry `after` (the cursor the previous page gave). Bounds by
 * start day are monotone in that order, so each page is one contiguous stretch of the timeline.
 */

export const MAX_PAGE_ENTRIES = 1000;
export const DEFAULT_PAGE_ENTRIES = 200;

const DATE_BOUND = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** 2022, 2022-03 or 2022-03-14, a real month and day. */
export function isDateBound(value: string): boolean {
  const m = DATE_BOUND.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const date = new Date(Date.UTC(Number(m[1]), month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DateBound = (name: string) =>
  z
    .string()
    .regex(DATE_BOUND, `${name} must be a year (2022), a month (2022-03) or a day (2022-03-14)`)
    // One message per mistake: the shape above, else the calendar.
    .refine((value) => !DATE_BOUND.test(value) || isDateBound(value), {
      message: `${name} must be a real month and day`,
    });

/** The page a reader asks for. Validated at each boundary (HTTP query, CLI flags) with this schema. */
export const TimelinePageRequest = z
  .strictObject({
    from: DateBound('from')
      .optional()
      .meta({ description: 'First day of the page: entries that start on or after it (2022, 2022-03 or 2022-03-14).' }),
    to: DateBound('to').optional().meta({
      description:
        'Last day of the page: entries that start on or before its last day (2022 is to the end of 2022). Entries of unknown year (they come last) are left out.',
    }),
    limit: z
      .number()
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(MAX_PAGE_ENTRIES, `limit must be at most ${MAX_PAGE_ENTRIES}`)
      .optional()
      .meta({ description: `At most this many entries (1–${MAX_PAGE_ENTRIES}; default ${DEFAULT_PAGE_ENTRIES}).` }),
    after: z.string().min(1).max(400, 'after must be at most 400 characters').optional().meta({
      description: 'Continue after this entry: the `page.next.after` of the previous page (with its `page.next.from`).',
    }),
  })
  .refine((page) => page.from === undefined || page.to === undefined || startOf(page.from) <= startOf(page.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type TimelinePageRequest = z.infer<typeof TimelinePageRequest>;

/** True when the request asks for a page (any of its fields). */
export const isPaged = (page: TimelinePageRequest | undefined): page is TimelinePageRequest =>
  page !== undefined &&
  (page.from !== undefined || page.to !== undefined || page.limit !== undefined || page.after !== undefined);

/** A sortable day number: unknown years after every known one. */
function dayKey(unknownYear: boolean, year: number, month: number, day: number): number {
  return (unknownYear ? 1e9 : 0) + year * 10_000 + month * 100 + day;
}

function startOf(bound: string): number {
  const m = DATE_BOUND.exec(bound);
  return dayKey(
    false,
    Number(m?.[1]),
    m?.[2] === undefined ? 1 : Number(m[2]),
    m?.[3] === undefined ? 1 : Number(m[3]),
  );
}

/** The first day after the period `bound` names (2022-03 → 2022-04-01). */
function endOf(bound: string): number {
  const m = DATE_BOUND.exec(bound);
  const year = Number(m?.[1]);
  const next =
    m?.[3] !== undefined
      ? new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]) + 1))
      : m?.[2] !== undefined
        ? new Date(Date.UTC(year, Number(m[2]), 1))
        : new Date(Date.UTC(year + 1, 0, 1));
  return dayKey(false, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

function entryStart(date: string): { key: number; day: string | undefined } {
  const parts = parseDateValue(date);
  const known = parts.year !== undefined;
  const day = known
    ? `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`
    : undefined;
  return { key: dayKey(!known, parts.year ?? 0, parts.month, parts.day), day };
}

export interface PageSelection<E> {
  /** The entries of the page, in the timeline's order. */
  readonly entries: E[];
  /** Entries of the whole timeline within from–to. */
  readonly total: number;
  /** Entries within from–to after the cursor and past the page (0: this is the last page). */
  readonly remaining: number;
}

/**
 * The stretch of `entries` (in timeline order) the page asks for, at most `limit` long; `fits`
 * may end it sooner (a size budget). A cursor no longer in the timeline (a reconciliation merged
 * it away) starts the page at `from` again: entries may repeat, none is skipped.
 */
export function selectPage<E extends Pick<TimelineEntry, 'id' | 'date'>>(
  entries: readonly E[],
  page: TimelinePageRequest,
  fits: (entry: E) => boolean = () => true,
): PageSelection<E> {
  const from = page.from === undefined ? Number.NEGATIVE_INFINITY : startOf(page.from);
  const to = page.to === undefined ? Number.POSITIVE_INFINITY : endOf(page.to);
  const inRange = entries.filter((entry) => {
    const { key } = entryStart(entry.date);
    return key >= from && key < to;
  });
  const cursor = page.after === undefined ? -1 : inRange.findIndex((entry) => entry.id === page.after);
  const limit = page.limit ?? DEFAULT_PAGE_ENTRIES;
  const selected: E[] = [];
  let next = cursor + 1;
  for (; next < inRange.length && selected.length < limit; next++) {
    const entry = inRange[next]!;
    // The first entry is taken even when it alone is past the budget: a page always moves on.
    if (!fits(entry) && selected.length > 0) break;
    selected.push(entry);
  }
  return { entries: selected, total: inRange.length, remaining: inRange.length - next };
}

/** Where the page after `last` starts: its start day (or the page's own `from` for an unknown year) and its id. */
export function nextCursor(
  last: Pick<TimelineEntry, 'id' | 'date'>,
  page: TimelinePageRequest,
): { from: string | null; after: string } {
  const { day } = entryStart(last.date);
  return { from: day ?? page.from ?? null, after: last.id };
}
