// Calendar arithmetic on plain year/month/day triples. Everything goes through Date.UTC so the
// result never depends on the machine's time zone (the tagger must be deterministic).

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const DAY_MS = 86_400_000;

export function parseYmd(iso: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return { y, m: mo, d };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toMs(date: Ymd): number {
  return Date.UTC(date.y, date.m - 1, date.d);
}

function fromMs(ms: number): Ymd {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(date: Ymd, n: number): Ymd {
  return fromMs(toMs(date) + n * DAY_MS);
}

export function diffDays(a: Ymd, b: Ymd): number {
  return Math.round((toMs(a) - toMs(b)) / DAY_MS);
}

/** Month arithmetic on the month only (day kept, clamped): what "last month" needs. */
export function addMonths(date: Ymd, n: number): Ymd {
  const index = date.y * 12 + (date.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: Ymd): number {
  const w = new Date(toMs(date)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week: the week belongs to the year that holds its Thursday. */
export function isoWeek(date: Ymd): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  return { year: thursday.y, week: Math.floor(diffDays(thursday, jan1) / 7) + 1 };
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDay(date: Ymd): string {
  return `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}`;
}

export function formatMonth(date: Ymd): string {
  return `${pad(date.y, 4)}-${pad(date.m)}`;
}

export function formatWeek(date: Ymd): string {
  const { year, week } = isoWeek(date);
  return `${pad(year, 4)}-W${pad(week)}`;
}

export const quarterOf = (date: Ymd): number => Math.floor((date.m - 1) / 3) + 1;

/** The most recent day with ISO weekday `weekday` on or before (past) / on or after (future) `date`. */
export function weekdayFrom(date: Ymd, weekday: number, direction: 'past' | 'future' | 'nearest'): Ymd {
  const delta = weekday - isoWeekday(date);
  if (direction === 'past') return addDays(date, delta > 0 ? delta - 7 : delta);
  if (direction === 'future') return addDays(date, delta < 0 ? delta + 7 : delta);
  // Nearest: the same ISO week, which is how "this Monday" reads.
  return addDays(date, delta);
}
