import type { Granularity, RelativeDescriptor } from '../model/timeline-model.js';
import {
  dayNumber,
  formatDay,
  formatIsoWeek,
  fromDayNumber,
  fullDayNumber,
  isoWeekday,
  weekdayOffset,
  type PartialDate,
} from './calendar.js';

/**
 * Document-relative dates: reading their shape from a timex (the tagger's `relative`, or a fallback
 * read from the words when the tagger gave none) and resolving that shape against a document date
 * that may be only partly known.
 */

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  several: 3,
  few: 3,
};

export function numberWord(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower);
  return NUMBER_WORDS[lower];
}

/** Plans stated just before a date: "the strike set for Wednesday", "a vote scheduled for Monday". */
const FUTURE_CUE =
  /\b(set|scheduled|planned|slated|due|expected|poised)\s+(for|on|to)\s*$|\b(will|to)\s+\w+\s+(\w+\s+)?(on|this|next)?\s*$/i;

export function windowLooksFuture(textBeforeTimex: string): boolean {
  return FUTURE_CUE.test(textBeforeTimex.slice(-40));
}

export type Tense = 'past' | 'future' | undefined;

/**
 * The tagger's descriptor when it gave one, otherwise one read from the expression's words, so a
 * plain tagger (no descriptors) still yields re-resolvable dates. `tense` is the tense of the verb
 * the expression dates ("said on Sunday" → past, "will walk out on Wednesday" → future): for a
 * weekday it decides the direction over the tagger's narrower view.
 */
const LAST = /\blast\b/;
const NEXT = /\bnext\b/;
const EVERY = /\b(every|each)\b/;
const YESTERDAY = /\byesterday\b/;
const TOMORROW = /\btomorrow\b/;
const TODAY = /\b(today|tonight)\b/;
const UNIT_OFFSET = /\b(last|this|next|past|coming)\s+(week|month|year|quarter)\b/;
const UNITS_AGO = /\b(\w+)\s+(day|week|month|year)s?\s+ago\b/;
const MONTH_DAY =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?\b(?!,?\s*\d{4})/;
const YEAR = /\b\d{4}\b/;

function explicitDirectionOf(lower: string): 'past' | 'future' | undefined {
  return LAST.test(lower) ? 'past' : NEXT.test(lower) ? 'future' : undefined;
}

export function describeRelative(
  timexText: string,
  given: RelativeDescriptor | undefined,
  tense: Tense,
): RelativeDescriptor | undefined {
  const lower = timexText.toLowerCase();
  if (given) {
    if (given.kind === 'weekday')
      return { ...given, direction: explicitDirectionOf(lower) ?? tense ?? given.direction };
    return given;
  }
  let weekdayIndex = -1;
  for (let w = 0; w < WEEKDAYS.length; w++) {
    if (lower.includes(WEEKDAYS[w]!)) {
      weekdayIndex = w;
      break;
    }
  }
  if (weekdayIndex >= 0 && !EVERY.test(lower)) {
    return { kind: 'weekday', weekday: weekdayIndex + 1, direction: explicitDirectionOf(lower) ?? tense ?? 'past' };
  }
  if (YESTERDAY.test(lower)) return { kind: 'offset', unit: 'day', amount: -1 };
  if (TOMORROW.test(lower)) return { kind: 'offset', unit: 'day', amount: 1 };
  if (TODAY.test(lower)) return { kind: 'offset', unit: 'day', amount: 0 };
  let m = UNIT_OFFSET.exec(lower);
  if (m) {
    const amount = m[1] === 'last' || m[1] === 'past' ? -1 : m[1] === 'next' || m[1] === 'coming' ? 1 : 0;
    return { kind: 'offset', unit: m[2] as 'week' | 'month' | 'year' | 'quarter', amount };
  }
  m = UNITS_AGO.exec(lower);
  if (m) {
    const n = numberWord(m[1] ?? '');
    if (n !== undefined) return { kind: 'offset', unit: m[2] as 'day' | 'week' | 'month' | 'year', amount: -n };
  }
  m = MONTH_DAY.exec(lower);
  if (m && !YEAR.test(lower)) {
    const month = MONTHS[m[1] ?? ''] ?? 1;
    const day = m[2] ? Number(m[2]) : undefined;
    return day !== undefined && day >= 1 && day <= 31
      ? { kind: 'month-day', month, day }
      : { kind: 'month-day', month };
  }
  return undefined;
}

export interface ResolvedDate {
  readonly value: string;
  readonly granularity: Granularity;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * US newsrooms start the week on Sunday: "last week" written on Sunday 2022-03-13 is Mar 6–12 and
 * "this week" is Mar 13–19. ISO weeks start on Monday, so a Sunday counts with the following ISO week.
 */
function newsroomWeekDay(n: number): number {
  return isoWeekday(n) === 7 ? n + 1 : n;
}

export function resolveRelative(descriptor: RelativeDescriptor, documentDate: PartialDate): ResolvedDate {
  const d = fullDayNumber(documentDate);
  const yearText = documentDate.year !== undefined ? pad(documentDate.year, 4) : 'XXXX';
  switch (descriptor.kind) {
    case 'weekday': {
      if (d === undefined) return { value: `${yearText}-WXX-${descriptor.weekday}`, granularity: 'unknown' };
      return {
        value: formatDay(d + weekdayOffset(isoWeekday(d), descriptor.weekday, descriptor.direction)),
        granularity: 'day',
      };
    }
    case 'month-day': {
      let year = documentDate.year;
      // "Dec. 20" in a January report is last December.
      if (year !== undefined && documentDate.month !== undefined && descriptor.month - documentDate.month > 6)
        year -= 1;
      const y = year !== undefined ? pad(year, 4) : 'XXXX';
      return descriptor.day !== undefined
        ? { value: `${y}-${pad(descriptor.month)}-${pad(descriptor.day)}`, granularity: 'day' }
        : { value: `${y}-${pad(descriptor.month)}`, granularity: 'month' };
    }
    case 'offset': {
      const amount = Math.round(descriptor.amount);
      if (d === undefined) {
        if (descriptor.unit === 'year' && documentDate.year !== undefined)
          return { value: pad(documentDate.year + amount, 4), granularity: 'year' };
        return { value: 'XXXX-XX-XX', granularity: 'unknown' };
      }
      const { year, month } = fromDayNumber(d);
      switch (descriptor.unit) {
        case 'day':
          return { value: formatDay(d + amount), granularity: 'day' };
        case 'week':
          return { value: formatIsoWeek(newsroomWeekDay(d) + 7 * amount), granularity: 'week' };
        case 'month': {
          const first = fromDayNumber(dayNumber(year, month + amount, 1));
          return { value: `${pad(first.year, 4)}-${pad(first.month)}`, granularity: 'month' };
        }
        case 'quarter': {
          const q = Math.floor((month - 1) / 3) + amount;
          const y = year + Math.floor(q / 4);
          return { value: `${pad(y, 4)}-Q${(((q % 4) + 4) % 4) + 1}`, granularity: 'quarter' };
        }
        case 'year':
          return { value: pad(year + amount, 4), granularity: 'year' };
      }
    }
  }
}
