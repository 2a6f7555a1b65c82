import type { Granularity } from '../model/timeline-model.js';

/**
 * How a reader sees a date value: "14 March 2022", "Week 11, 2022", "1950s". The page has the
 * same function in `src/web/static/date-label.js` (plain browser JS); a test keeps them equal.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const SEASONS: Record<string, string> = { SP: 'Spring', SU: 'Summer', FA: 'Autumn', AU: 'Autumn', WI: 'Winter' };

function monthName(month: string | undefined): string | undefined {
  return month === undefined ? undefined : MONTHS[Number(month) - 1];
}

function yearOrUnknown(year: string | undefined): string {
  return year === undefined || year === 'XXXX' ? '(year unknown)' : year;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

export function describeDate(value: string, granularity: Granularity): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value))) {
    return `${Number(m[3])} ${monthName(m[2]) ?? '?'} ${yearOrUnknown(m[1])}, ${m[4]}:${m[5]}`;
  }
  if ((m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})$/.exec(value)))
    return `${Number(m[3])} ${monthName(m[2]) ?? '?'} ${yearOrUnknown(m[1])}`;
  if ((m = /^(\d{4}|XXXX)-(\d{2})$/.exec(value))) return `${monthName(m[2]) ?? '?'} ${yearOrUnknown(m[1])}`;
  if ((m = /^(\d{4}|XXXX)-W(\d{2})/.exec(value))) return `Week ${Number(m[2])}, ${yearOrUnknown(m[1])}`;
  if ((m = /^(\d{4}|XXXX)-Q([1-4])$/.exec(value))) return `Q${m[2]} ${yearOrUnknown(m[1])}`;
  if ((m = /^(\d{4}|XXXX)-H([12])$/.exec(value)))
    return `${m[2] === '1' ? 'First' : 'Second'} half of ${yearOrUnknown(m[1])}`;
  if ((m = /^(\d{4}|XXXX)-(SP|SU|FA|AU|WI)$/.exec(value)))
    return `${SEASONS[m[2] ?? ''] ?? m[2]} ${yearOrUnknown(m[1])}`;
  if ((m = /^(\d{4})$/.exec(value))) return m[1] ?? value;
  if ((m = /^(\d{3})X?$/.exec(value))) return `${m[1]}0s`;
  if ((m = /^(\d{2})(?:XX)?$/.exec(value))) return `${ordinal(Number(m[1]) + 1)} century`;
  if ((m = /^XXXX-XX-(\d{2})$/.exec(value))) return `Day ${Number(m[1])} of an unknown month`;
  return granularity === 'unknown' ? `Unknown date (${value})` : value;
}
