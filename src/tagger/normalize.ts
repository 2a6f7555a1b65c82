// From a relative reading (unit + offset, weekday + direction, month without year) to a TIMEX3
// value, with or without a reference date. Without one the value keeps X's, so a caller that
// infers the document date later can still see what the expression was.

import {
  addDays,
  addMonths,
  diffDays,
  formatYmd,
  formatYm,
  formatWeek,
  pad,
  quarterOf,
  weekdayFrom,
  type Ymd,
} from '../calendar/index.js';
import type { Tense } from './tense.js';

export type OffsetUnit = 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'half' | 'year' | 'decade' | 'century';

export function offsetValue(unit: OffsetUnit, amount: number, ref: Ymd | undefined): string {
  if (!ref) {
    switch (unit) {
      case 'day':
        return 'XXXX-XX-XX';
      case 'week':
        return 'XXXX-WXX';
      case 'weekend':
        return 'XXXX-WXX-WE';
      case 'month':
        return 'XXXX-XX';
      case 'quarter':
        return 'XXXX-QX';
      case 'half':
        return 'XXXX-HX';
      case 'year':
        return 'XXXX';
      case 'decade':
        return 'XXXX';
      case 'century':
        return 'XXXX';
    }
  }
  switch (unit) {
    case 'day':
      return formatYmd(addDays(ref, amount));
    case 'week':
      return formatWeek(addDays(ref, 7 * amount));
    case 'weekend': {
      // The weekend of a week is its Saturday and Sunday, which ISO puts in the same week.
      const saturday = weekdayFrom(addDays(ref, 7 * amount), 6, 'nearest');
      return `${formatWeek(saturday)}-WE`;
    }
    case 'month':
      return formatYm(addMonths(ref, amount));
    case 'quarter': {
      const index = ref.y * 4 + quarterOf(ref) - 1 + amount;
      return `${pad(Math.floor(index / 4), 4)}-Q${(index % 4) + 1}`;
    }
    case 'half': {
      const index = ref.y * 2 + (ref.m > 6 ? 1 : 0) + amount;
      return `${pad(Math.floor(index / 2), 4)}-H${(index % 2) + 1}`;
    }
    case 'year':
      return pad(ref.y + amount, 4);
    case 'decade':
      return pad(Math.floor(ref.y / 10) + amount, 3);
    case 'century':
      return pad(Math.floor(ref.y / 100) + amount, 2);
  }
}

/**
 * "Feb. 24" / "October" with no year: the reading nearest the document date, since news mostly talks
 * about the recent past and the near future; a clear tense moves a reading that lies more than a
 * five months on the wrong side ("said it happened in December" written in March is last December).
 */
export function yearForMonthDay(
  month: number,
  day: number | undefined,
  ref: Ymd,
  tense: Tense | undefined,
  strongFuture = false,
): number {
  const offsetDays = (y: number): number =>
    day === undefined ? (y * 12 + month - (ref.y * 12 + ref.m)) * 30.4 : diffDays({ y, m: month, d: day }, ref);
  let best = ref.y;
  for (const y of [ref.y - 1, ref.y + 1]) if (Math.abs(offsetDays(y)) < Math.abs(offsetDays(best))) best = y;
  const ahead = offsetDays(best);
  if (tense === 'past' && ahead > 60) return best - 1;
  // A future verb ("will open in January", said in March) moves a reading more than 60 days back to the next
  // year, as a past verb moves one more than 60 days ahead back; weaker cues (an infinitive, "by") only one
  // more than 150 days back.
  if (tense === 'future' && ahead < (strongFuture ? -60 : -150)) return best + 1;
  // With no tense to go by, a reading about half a year ahead is taken as the past one: news names past
  // dates far more often than dates that far ahead without a future verb ("its record high set on Aug. 6").
  if (tense === undefined && ahead > 150) return best - 1;
  return best;
}

export function monthDayValue(year: number | undefined, month: number, day: number | undefined): string {
  const y = year === undefined ? 'XXXX' : pad(year, 4);
  return day === undefined ? `${y}-${pad(month)}` : `${y}-${pad(month)}-${pad(day)}`;
}
