/** Whole-day arithmetic on UTC day numbers (days since 1970-01-01): fast, no time zones. */

export interface PartialDate {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(n: number): number {
  // 1970-01-01 (day 0) was a Thursday (ISO 4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDay(n: number): string {
  const { year, month, day } = fromDayNumber(n);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** ISO 8601 week: the week (Monday–Sunday) belongs to the year of its Thursday. */
export function formatIsoWeek(n: number): string {
  const thursday = n - isoWeekday(n) + 4;
  const weekYear = fromDayNumber(thursday).year;
  const week = Math.floor((thursday - dayNumber(weekYear, 1, 1)) / 7) + 1;
  return `${pad(weekYear, 4)}-W${pad(week)}`;
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
  return date.year !== undefined && date.month !== undefined && date.day !== undefined ? dayNumber(date.year, date.month, date.day) : undefined;
}
