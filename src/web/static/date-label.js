// How a reader sees a TIMEX3 date value: "14 March 2022", "Week 11, 2022", "1950s".
// Mirrors src/http/date-label.ts (used by the TimelineJS export); test/web keeps the two equal.

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
const SEASONS = { SP: 'Spring', SU: 'Summer', FA: 'Autumn', AU: 'Autumn', WI: 'Winter' };

function monthName(month) {
  return month === undefined ? undefined : MONTHS[Number(month) - 1];
}

function yearOrUnknown(year) {
  return year === undefined || year === 'XXXX' ? '(year unknown)' : year;
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** @param {string} value @param {string} granularity @returns {string} */
export function describeDate(value, granularity) {
  let m;
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

/** The year a date value belongs to, or undefined when it is unknown (XXXX-03-13). */
export function yearOf(value) {
  const m = /^(\d{4})/.exec(value);
  if (m) return Number(m[1]);
  const decade = /^(\d{3})(?:X|$)/.exec(value);
  if (decade) return Number(decade[1]) * 10;
  const century = /^(\d{2})(?:XX|$)/.exec(value);
  return century ? Number(century[1]) * 100 : undefined;
}

const SEASON_START = { SP: 2, SU: 5, FA: 8, AU: 8, WI: 11 };

/**
 * The span of days a value covers, [start, end) in UTC milliseconds; `assumedYear` stands in for an
 * unknown year so that XXXX-03-13 can be compared with 2022-03-13.
 */
export function intervalOf(value, assumedYear) {
  const utc = (y, m, d) => Date.UTC(y, m, d);
  const year = (text) => (text === 'XXXX' ? assumedYear : Number(text));
  let m;
  if ((m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value))) {
    const y = year(m[1]);
    if (y === undefined) return undefined;
    if (m[4] !== undefined) {
      const start = Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
      return { start, end: start + 60_000 };
    }
    return { start: utc(y, Number(m[2]) - 1, Number(m[3])), end: utc(y, Number(m[2]) - 1, Number(m[3]) + 1) };
  }
  if ((m = /^(\d{4}|XXXX)-(\d{2})$/.exec(value))) {
    const y = year(m[1]);
    return y === undefined ? undefined : { start: utc(y, Number(m[2]) - 1, 1), end: utc(y, Number(m[2]), 1) };
  }
  if ((m = /^(\d{4})-W(\d{2})/.exec(value))) {
    const y = Number(m[1]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const mondayOfWeek1 = Date.UTC(y, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
    const start = mondayOfWeek1 + (Number(m[2]) - 1) * 7 * 86_400_000;
    return { start, end: start + 7 * 86_400_000 };
  }
  const months = (y, first, count) =>
    y === undefined ? undefined : { start: utc(y, first, 1), end: utc(y, first + count, 1) };
  if ((m = /^(\d{4}|XXXX)-Q([1-4])$/.exec(value))) return months(year(m[1]), (Number(m[2]) - 1) * 3, 3);
  if ((m = /^(\d{4}|XXXX)-H([12])$/.exec(value))) return months(year(m[1]), m[2] === '1' ? 0 : 6, 6);
  if ((m = /^(\d{4}|XXXX)-(SP|SU|FA|AU|WI)$/.exec(value))) return months(year(m[1]), SEASON_START[m[2]], 3);
  if ((m = /^(\d{4})$/.exec(value))) return months(Number(m[1]), 0, 12);
  if ((m = /^(\d{3})X?$/.exec(value))) return months(Number(m[1]) * 10, 0, 120);
  if ((m = /^(\d{2})(?:XX)?$/.exec(value))) return months(Number(m[1]) * 100, 0, 1200);
  return undefined;
}

/**
 * How one document's reading of the date relates to the entry's date:
 * 'agrees' (the same value), 'compatible' (coarser or finer, but overlapping), 'disagrees'.
 */
export function agreementOf(sourceDate, entryDate) {
  if (sourceDate === entryDate) return 'agrees';
  const assumed = yearOf(entryDate) ?? yearOf(sourceDate) ?? 2000;
  const a = intervalOf(sourceDate, assumed);
  const b = intervalOf(entryDate, assumed);
  if (!a || !b) return 'disagrees';
  return a.start < b.end && b.start < a.end ? 'compatible' : 'disagrees';
}
