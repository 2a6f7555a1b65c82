// One module of UTC calendar arithmetic and formatting for the tagger and the extraction (issue 15,
// step 4). Everything goes through Date.UTC, so no result depends on the machine's time zone.
//
// Two shapes of a day, one arithmetic: a day number (whole days since 1970-01-01, what the extraction
// and the reconciliation compare and store) and a `Ymd` triple (what the tagger's rules build). The Ymd
// functions convert to day numbers and back, so both sides share one ISO week, one weekday, one format.

const DAY_MS = 86_400_000;

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// ---- day numbers -------------------------------------------------------------------------------

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(n: number): number {
  // 1970-01-01 (day 0) was a Thursday (ISO 4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week of a day number: the week (Monday–Sunday) belongs to the year of its Thursday. */
export function isoWeekOf(n: number): { year: number; week: number } {
  const thursday = n - isoWeekday(n) + 4;
  const year = fromDayNumber(thursday).year;
  return { year, week: Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1 };
}

export function formatDay(n: number): string {
  const { year, month, day } = fromDayNumber(n);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function formatIsoWeek(n: number): string {
  const { year, week } = isoWeekOf(n);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Day numbers [first, last] covered by a value of day, week, time or month granularity; undefined otherwise. */
export function daySpan(value: string): { first: number; last: number } | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(value))) {
    const n = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    return { first: n, last: n };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const week = Number(m[2]);
    if (week < 1 || week > 53) return undefined;
    const jan4 = dayNumber(Number(m[1]), 1, 4);
    const n = jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
    return { first: n, last: n + 6 };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { first: dayNumber(y, mo, 1), last: dayNumber(y, mo + 1, 1) - 1 };
  }
  return undefined;
}

/** Whether the date `outer` holds all of `inner` ("2010" holds "2010-06-07"; "2022-W10" holds "2022-03-08"). */
export function valueHolds(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (inner.startsWith(outer) && /^\d{4}(-\d{2})?$/.test(outer)) return true;
  const a = daySpan(outer);
  const b = daySpan(inner);
  return a !== undefined && b !== undefined && a.first <= b.first && b.last <= a.last;
}

// ---- partial dates (YYYY-MM-DD with X's) ----------------------------------------------------------

export interface PartialDate {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
}

/** Parses YYYY-MM-DD with X's into what is known. */
export function parsePartialDay(value: string | null | undefined): PartialDate {
  if (!value) return {};
  const m = /^([0-9X]{4})-([0-9X]{2})-([0-9X]{2})/.exec(value);
  if (!m) return {};
  const num = (s: string | undefined): number | undefined => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  const year = num(m[1]);
  const month = num(m[2]);
  const day = num(m[3]);
  // Assigned rather than spread from conditional literals, which cost more than the parse.
  const date: { year?: number; month?: number; day?: number } = {};
  if (year !== undefined) date.year = year;
  if (month !== undefined) date.month = month;
  if (day !== undefined) date.day = day;
  return date;
}

export function formatPartial(date: PartialDate): string {
  return `${date.year !== undefined ? pad(date.year, 4) : 'XXXX'}-${date.month !== undefined ? pad(date.month) : 'XX'}-${date.day !== undefined ? pad(date.day) : 'XX'}`;
}

export function fullDayNumber(date: PartialDate): number | undefined {
  return date.year !== undefined && date.month !== undefined && date.day !== undefined
    ? dayNumber(date.year, date.month, date.day)
    : undefined;
}

// ---- year/month/day triples (the tagger) ------------------------------------------------------------

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export const dayOf = (date: Ymd): number => dayNumber(date.y, date.m, date.d);

export function ymdOf(n: number): Ymd {
  const { year, month, day } = fromDayNumber(n);
  return { y: year, m: month, d: day };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real calendar day written YYYY-MM-DD ("2022-02-30" is refused). */
export function parseYmd(iso: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return { y, m: mo, d };
}

export const addDays = (date: Ymd, n: number): Ymd => ymdOf(dayOf(date) + n);

export const diffDays = (a: Ymd, b: Ymd): number => dayOf(a) - dayOf(b);

/** Month arithmetic on the month only (day kept, clamped): what "last month" needs. */
export function addMonths(date: Ymd, n: number): Ymd {
  const index = date.y * 12 + (date.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** ISO weekday of a triple: 1 = Monday … 7 = Sunday. */
export const weekdayOf = (date: Ymd): number => isoWeekday(dayOf(date));

/** ISO 8601 week of a triple. */
export const isoWeek = (date: Ymd): { year: number; week: number } => isoWeekOf(dayOf(date));

export const formatYmd = (date: Ymd): string => `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}`;

export const formatYm = (date: Ymd): string => `${pad(date.y, 4)}-${pad(date.m)}`;

export const formatWeek = (date: Ymd): string => formatIsoWeek(dayOf(date));

export const quarterOf = (date: Ymd): number => Math.floor((date.m - 1) / 3) + 1;

/** The most recent day with ISO weekday `weekday` on or before (past) / on or after (future) `date`. */
/**
 * Days from a day of ISO weekday `from` to the named weekday: the one before ("past"), after
 * ("future"), or the nearer of the two, the earlier on a tie ("nearest").
 */
export function weekdayOffset(from: number, weekday: number, direction: 'past' | 'future' | 'nearest'): number {
  const back = (from - weekday + 7) % 7;
  const ahead = (weekday - from + 7) % 7;
  if (direction === 'past') return -back;
  if (direction === 'future') return ahead;
  return back <= ahead ? -back : ahead;
}

export function weekdayFrom(date: Ymd, weekday: number, direction: 'past' | 'future' | 'nearest'): Ymd {
  const delta = weekday - weekdayOf(date);
  if (direction === 'past') return addDays(date, delta > 0 ? delta - 7 : delta);
  if (direction === 'future') return addDays(date, delta < 0 ? delta + 7 : delta);
  // Nearest: the same ISO week, which is how "this Monday" reads.
  return addDays(date, delta);
}
