// The news grammar that plain chrono does not cover: relative expressions resolved with tense,
// durations, quarters and fiscal periods, decades and centuries, seasons, parts of the day, sets
// and the PRESENT_REF / PAST_REF / FUTURE_REF references. Each rule is one precompiled pattern
// whose whole match is the span a reader would mark.

import {
  addDays,
  addMonths,
  daysInMonth,
  diffDays,
  formatYm,
  formatYmd,
  weekdayOf,
  pad,
  quarterOf,
  weekdayFrom,
  type Ymd,
} from '../calendar/index.js';
import type { Candidate, RuleContext } from './candidate.js';
import {
  MONTH_NAME,
  NUMBER,
  SEASONS,
  UNIT_WORD,
  WEEKDAY_NAME,
  WEEKDAYS,
  DEIXIS,
  deixisOf,
  durationValue,
  monthNumber,
  parseNumber,
  spokenYear,
  unitOf,
} from './lexicon.js';
import { monthDayValue, offsetValue, yearForMonthDay, type OffsetUnit } from './normalize.js';
import { anchorBack, isWordStart, type Anchor } from './anchor.js';
import { isSpaceCode } from '../text/tokens.js';
import { clauseTense, copulaBefore } from './tense.js';
import { TEXT_KEYS, type TextScan } from './text-keys.js';
import type { RelativeReference } from './types.js';

export interface Rule {
  readonly name: string;
  /** Cheap gate: the rule runs only when the lower-cased text contains one of these (scanning is most of the cost). */
  readonly keys?: readonly string[];
  /**
   * Words every match contains one of, per list (lower-cased): a gate that cannot skip a match, read
   * in the same pass as the keys. For rules whose keys are common words ("day", "then", "half").
   */
  readonly requires?: readonly (readonly string[])[];
  readonly re: RegExp;
  /** Where matches can be: the rule then tries only the positions near its anchor keys (`anchor.ts`). */
  readonly anchor?: Anchor;
  build(m: RegExpExecArray, ctx: RuleContext): Built | null;
}

/**
 * A rule's reading of its match. `lead` drops that many characters from the front of the span: a
 * determiner that belongs to the noun an attributive expression modifies ("a [two-hour] meeting").
 */
export type Built = Omit<Candidate, 'start' | 'end'> & { lead?: number };

/** The determiner in front of an attributive expression ("a", "the", "its" before "two-hour meeting"). */
const leadingDeterminer = (text: string): number =>
  /^(?:an?|the|its|their|his|her|a\s+(?:flat|strong|weak))\s+/i.exec(text)?.[0].length ?? 0;

const rx = (source: string, flags = 'gi'): RegExp => new RegExp(source, flags);

/** "(the year) to June", "(the year) through March": the twelve months up to that month. */
const YEAR_TO_MONTH = new RegExp(`^\\s+(?:to|through)\\s+(?:${MONTH_NAME})\\b`);

// ---- named days ---------------------------------------------------------------------------------
interface Holiday {
  /** Its day in a given year. */
  on(year: number): Ymd;
  /** Set for days that fall on one calendar day every year. */
  fixed?: { month: number; day: number };
}

const fixedDay = (month: number, day: number): Holiday => ({
  on: (y) => ({ y, m: month, d: day }),
  fixed: { month, day },
});

/** The nth ISO weekday (1 Monday … 7 Sunday) of a month; n = -1: the last one. */
function nthWeekday(y: number, month: number, weekday: number, n: number): Ymd {
  if (n > 0) {
    const first = { y, m: month, d: 1 };
    const shift = (weekday - weekdayOf(first) + 7) % 7;
    return addDays(first, shift + 7 * (n - 1));
  }
  const last = { y, m: month, d: daysInMonth(y, month) };
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

/** Western Easter Sunday (the anonymous Gregorian computus). */
function easterSunday(y: number): Ymd {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

// Where countries differ, the US day (Labor Day, Thanksgiving, Mother's Day); "Independence Day" and
// "Labour Day" are left out, as every country has its own.
// Names, in the order the rule's alternation tries them (a longer name before its prefix).
const HOLIDAYS: ReadonlyArray<[RegExp, Holiday]> = [
  [/Christmas\s+Eve/, fixedDay(12, 24)],
  [/Christmas(?:\s+Day)?/, fixedDay(12, 25)],
  [/Boxing\s+Day/, fixedDay(12, 26)],
  [/New Year['’]s\s+Eve/, fixedDay(12, 31)],
  [/New Year['’]s(?:\s+Day)?/, fixedDay(1, 1)],
  [/Valentine['’]s\s+Day/, fixedDay(2, 14)],
  [/St\.?\s+Patrick['’]s\s+Day/, fixedDay(3, 17)],
  [/[Tt]he\s+Fourth of July|July Fourth/, fixedDay(7, 4)],
  [/Bastille\s+Day/, fixedDay(7, 14)],
  [/Halloween/, fixedDay(10, 31)],
  [/(?:Veterans|Armistice|Remembrance)\s+Day/, fixedDay(11, 11)],
  [/Good Friday/, { on: (y) => addDays(easterSunday(y), -2) }],
  [/Easter\s+Monday/, { on: (y) => addDays(easterSunday(y), 1) }],
  [/Easter(?:\s+Sunday)?(?!\s+(?:Island|Rising|[Ee]ggs?|[Bb]unny))/, { on: easterSunday }],
  [/Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day/, { on: (y) => nthWeekday(y, 1, 1, 3) }],
  [/Presidents['’]?\s+Day/, { on: (y) => nthWeekday(y, 2, 1, 3) }],
  [/Mother['’]s\s+Day/, { on: (y) => nthWeekday(y, 5, 7, 2) }],
  [/Memorial\s+Day/, { on: (y) => nthWeekday(y, 5, 1, -1) }],
  [/Father['’]s\s+Day/, { on: (y) => nthWeekday(y, 6, 7, 3) }],
  [/Labor\s+Day/, { on: (y) => nthWeekday(y, 9, 1, 1) }],
  [/Thanksgiving(?:\s+Day)?/, { on: (y) => nthWeekday(y, 11, 4, 4) }],
  // The shopping days after Thanksgiving.
  [/Black\s+Friday/, { on: (y) => addDays(nthWeekday(y, 11, 4, 4), 1) }],
  [/Cyber\s+Monday/, { on: (y) => addDays(nthWeekday(y, 11, 4, 4), 4) }],
  // The Tuesday after the first Monday of November.
  [/Election\s+Day/, { on: (y) => addDays(nthWeekday(y, 11, 1, 1), 1) }],
];
const HOLIDAY_PATTERN = HOLIDAYS.map(([name]) => name.source).join('|');
const HOLIDAY_NAMES = HOLIDAYS.map(([name, holiday]) => [new RegExp(`^(?:${name.source})$`), holiday] as const);
// A key every spelling of the name holds: one rare word, or words the pattern joins by exactly one space
// ("Good Friday", "New Year's"), so "Boxing  Day" across two spaces or a line break is still found.
const HOLIDAY_KEYS = [
  'christmas',
  'boxing',
  'new year',
  'valentine',
  'patrick',
  'fourth of july',
  'july fourth',
  'bastille',
  'halloween',
  'veterans',
  'armistice',
  'remembrance',
  'good friday',
  'easter',
  'king',
  'presidents',
  'mother',
  'memorial',
  'father',
  'labor',
  'thanksgiving',
  'black',
  'cyber',
  'election',
];

function holidayOf(name: string): Holiday | undefined {
  return HOLIDAY_NAMES.find(([re]) => re.test(name))?.[1];
}

const HOLIDAY_IN = new RegExp(HOLIDAY_PATTERN);

/** The holiday's date nearest the document date, as for a month-day ("last Christmas", tense). */
function holidayNear(holiday: Holiday, ref: Ymd, mod: string, text: string, start: number, end: number): Ymd {
  const thisYear = holiday.on(ref.y);
  const passed = formatYmd(thisYear) < formatYmd(ref);
  let year: number;
  if (mod === 'last' || mod === 'this past') year = passed ? ref.y : ref.y - 1;
  else if (mod === 'next' || mod === 'this coming') year = passed ? ref.y + 1 : ref.y;
  else if (mod === 'this') year = ref.y;
  else if (copulaBefore(text, start)) year = yearForMonthDay(thisYear.m, thisYear.d, ref, 'future', true);
  else year = yearForMonthDay(thisYear.m, thisYear.d, ref, clauseTense(text, start, end));
  return holiday.on(year);
}

/** "Christmas sales", "the Easter holidays": the holiday's month, not its day. */
function holidaySeason(
  holiday: Holiday,
  ctx: RuleContext,
  start: number,
  end: number,
): Omit<Candidate, 'start' | 'end'> {
  if (!ctx.ref) {
    const month = holiday.fixed?.month;
    return month
      ? {
          type: 'DATE',
          value: monthDayValue(undefined, month, undefined),
          resolution: 'unresolved',
          relative: { kind: 'month-day', month },
          priority: 8,
        }
      : { type: 'DATE', value: 'XXXX-XX', resolution: 'unresolved', priority: 8 };
  }
  const date = holidayNear(holiday, ctx.ref, '', ctx.text, start, end);
  return {
    type: 'DATE',
    value: formatYm(date),
    resolution: 'relative',
    relative: { kind: 'month-day', month: date.m },
    priority: 8,
  };
}

const resolution = (ctx: RuleContext): 'relative' | 'unresolved' => (ctx.ref ? 'relative' : 'unresolved');

/** A clock time on the document's day (its date unknown without one: `XXXX-XX-XXT14:30`). */
function clockOnTheDay(ctx: RuleContext, hour: number, minute: number, priority: number): Built {
  const base = ctx.ref ? formatYmd(ctx.ref) : 'XXXX-XX-XX';
  return {
    type: 'TIME',
    value: `${base}T${pad(hour)}:${pad(minute)}`,
    resolution: resolution(ctx),
    priority,
    clock: { hour, minute },
  };
}

function offsetRelative(unit: OffsetUnit, amount: number): RelativeReference | undefined {
  return unit === 'day' || unit === 'week' || unit === 'month' || unit === 'quarter' || unit === 'year'
    ? { kind: 'offset', unit, amount }
    : undefined;
}

function offset(ctx: RuleContext, unit: OffsetUnit, amount: number, priority = 5): Omit<Candidate, 'start' | 'end'> {
  const relative = offsetRelative(unit, amount);
  return {
    type: 'DATE',
    value: offsetValue(unit, amount, ctx.ref),
    resolution: resolution(ctx),
    ...(relative ? { relative } : {}),
    priority,
  };
}

function reference(ref: 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF', priority = 3): Omit<Candidate, 'start' | 'end'> {
  return { type: 'DATE', value: ref, resolution: 'relative', relative: { kind: 'reference', ref }, priority };
}

const PART_OF_DAY: Readonly<Record<string, string>> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  tonight: 'NI',
  overnight: 'NI',
};
const partOfDay = (word: string | undefined): string | undefined =>
  word ? PART_OF_DAY[word.toLowerCase().replace(/^mid-?\s*/, '')] : undefined;

function dayCandidate(
  ctx: RuleContext,
  day: Ymd | undefined,
  xValue: string,
  part: string | undefined,
  relative: RelativeReference | undefined,
  priority = 6,
): Omit<Candidate, 'start' | 'end'> {
  const base = day ? formatYmd(day) : xValue;
  return {
    type: part ? 'TIME' : 'DATE',
    value: part ? `${base}T${part}` : base,
    resolution: resolution(ctx),
    ...(relative ? { relative } : {}),
    ...(part ? {} : { day: day ?? 'unresolved' }),
    priority,
  };
}

/** After "the second half": "of" a thing that is not a year ("of the season", "of the decade", "of its term"). */
const PART_OF_SOMETHING =
  /^\s+of\s+(?:the|its|their|his|her|this|that|last|next|a|an)\s+(?!(?:(?:fiscal|calendar|current|financial)\s+)?year\b)[a-z]/i;

/** Words of a game's score near a half or quarter: the period is the game's, not the calendar's. */
const GAME_PERIOD_NEAR =
  /\b(?:scored|scoring|touchdowns?|rebounds|assists|innings?|halftime|half-time|quarterback|free\s+throws?|penalty\s+kick|trailed|(?:led|trailing|leading)\s+\d{1,3}-\d{1,3}|(?<!(?:basis|percentage)\s)points\s+(?:in|during|of)\s+the)\b/i;

/** Words of results reported for a period: "will report first-quarter earnings" looks back at the quarter. */
const QUARTER_RESULTS_NEAR =
  /\b(?:results?|earnings|profits?|loss(?:es)?|net|income|revenues?|sales|figures|numbers|report(?:s|ed|ing)?|dividends?|margins?|eps|per\s+share|growth|output|gdp|charges?|gains?|write-?(?:downs?|offs?)|provisions?)\b/i;

const PERIOD_TO_BEFORE = /\b(?:months|weeks|year|quarter|period|half)\s+(?:to|through|ended)\s+$/i;
const MONTH_DASH_BEFORE = new RegExp(`${MONTH_NAME}\\s?[-\u2013]\\s?$`);

const ORDINAL_QUARTER: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

/** The quarter a news text means by "the quarter": the last one that has ended. */
function lastCompletedQuarter(ref: Ymd): { y: number; q: number } {
  const q = quarterOf(ref) - 1;
  return q === 0 ? { y: ref.y - 1, q: 4 } : { y: ref.y, q };
}

/** A named quarter without a year: the most recent such quarter that has started by the reference date. */
function namedQuarterYear(q: number, ref: Ymd): number {
  return q <= quarterOf(ref) ? ref.y : ref.y - 1;
}

const YEAR_DIGITS = '(?:1[6-9]\\d\\d|20\\d\\d)';
// A four-digit number is a year unless it measures something: money, percent, units, ranges of numbers.
const NOT_A_YEAR_AFTER =
  '(?!\\s*(?:%|percent|per\\b|[a-z]*(?:meters|metres|feet|miles|tons?|pounds|dollars|yen|marks|shares|people|troops|soldiers|points|votes|barrels|cars|units|jobs|workers|km|kg)\\b)|,\\d|\\.\\d|\\d|-\\d{3})';
// "Flight 1990", "Section 1983", "Resolution 1973": numbers of things, not years.
const NOT_A_YEAR_BEFORE =
  '(?<![$£€#\\d.,/-]|\\d\\s|No\\.\\s|\\b(?:Flight|Section|Resolution|Room|Route|Highway|Interstate|Chapter|Article|Paragraph|Form)\\s)';

const QUARTER_ENDED = new RegExp(`^,?\\s+ended\\s+(${MONTH_NAME})\\s+(\\d{1,2})\\b`);
function clockBeforeZone(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  return i >= 3 && c >= 48 && c <= 57 ? i - 3 : -1;
}
/**
 * Where a clock range ending in the meridiem at `at` ("between 2 and 4 p.m.") can begin, or -1: only a
 * meridiem after a digit ends a clock ("am" inside "American" does not), and the range fits in 40 characters.
 */
function meridiemRangeStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
  return i >= 0 && isDigitCode(text.charCodeAt(i)) ? Math.max(0, at - 40) : -1;
}

/** Where a dotted date ("14.03.2022") holding the year at `at` begins, or -1. */
function dottedDateStart(text: string, at: number): number {
  let i = at - 1;
  for (let part = 0; part < 2; part++) {
    if (text.charCodeAt(i) !== 46 /* . */) return -1;
    i--;
    let digits = 0;
    while (digits < 2 && i >= 0 && isDigitCode(text.charCodeAt(i))) {
      i--;
      digits++;
    }
    if (!digits) return -1;
  }
  return i + 1;
}
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const SPOKEN_YEAR =
  '(?:nineteen|eighteen)\\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\\s+thousand(?:\\s+(?:and\\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?';
const yearOf = (raw: string): number | undefined => (/^\d/.test(raw) ? Number(raw) : spokenYear(raw));

// "only" and "just" are not: they weigh the amount without changing it, and annotators leave them
// out of the span ("just [a few minutes]", "only [six months]").
const MODIFIER =
  '(?:about|around|approximately|roughly|nearly|almost|some|more than|less than|fewer than|at least|at most|up to|no more than|not more than|barely|well over|upwards of)';
const SEQUENCE =
  '(?:past|last|next|first|final|previous|coming|initial|latest|following|remaining|ensuing|preceding|trailing|year-earlier|year-ago|comparable|corresponding)';

/** What comes before "a year" in a rate: an amount, possibly with the thing counted ("$1.76", "5 million passengers"). */
const RATE_BEFORE = /(?:\d|million|billion|thousand|cents|percent|%)\s*(?:\s[a-z][a-z-]*s){0,1}\s*$/i;

/** Words before "last" that make it the verb ("to last", "will last", "it could last"). */
const AMOUNT_MEASURED_IN_TIME =
  /^\s+of\s+(?:(?:base|basic|full|extra|additional|his|her|their|its|new|recorded|high-definition|hd|continuous)\s+)?(?:pay|salary|salaries|wages?|severance|compensation|video|videos|audio|footage|recordings?|playback|battery\s+life|talk\s+time|tape)\b/i;
/** Before a weekday: a deadline or a start, which lies ahead. */
const DEADLINE_BEFORE_DAY = /\b(?:by|until|till|through|thru|no\s+later\s+than|effective|starting|beginning)\s+$/i;
/** A postponement: what it is put off until lies ahead, whatever the tense of the report. */
const POSTPONED = /\b(?:adjourn|postpon|delay|defer|extend|suspend|put\s+off|pushed\s+back|push\s+back)/i;
/** A device's capacity measured in time: "150 hours can be stored", "it stores 40 hours". */
const STORED_AFTER = /^\s+(?:can|could|will|would|may|might)\s+be\s+(?:stored|recorded|saved|kept)\b/i;
const STORED_BEFORE = /\b(?:stores?|storing|holds?|holding)\s+$/i;
/** "is on Saturday", "are set for Monday", "is midnight Friday": a cheap look for "is"/"are" first, as this runs for every weekday. */
const HOLIDAY_TRADE_AFTER = /^\s+(?:sales|shopping|trading|travel|retail|spending|buying|selling)\b/;
const LAST_AS_VERB =
  /\b(?:to|will|would|could|can|may|might|should|must|did|does|do|won't|wouldn't|didn't|cannot|usually|typically)\s+$/i;

const WEEKDAY_WORDS = Object.keys(WEEKDAYS);
// MONTH_NAME, lower-cased: the full names and the abbreviations with their period.
const MONTH_KEYS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'oct.',
  'nov.',
  'dec.',
];
const UNIT_KEYS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'quarter', 'decade', 'centur'];

// Everything a duration holds before its unit word.
const DURATION_BEFORE_UNIT = `\\b(?=[\\da-z])(?:(?:each|all|any|one)\\s+of\\s+)?(?:${MODIFIER}\\s+)?(?:(the|a|an|another)\\s+)?(?:(${SEQUENCE})\\s+)?(${NUMBER})(?:\\s+or\\s+(?:so|more|two|three))?(?:\\s+(?:to|or|-)\\s+(${NUMBER}))?\\s+(?:more\\s+|additional\\s+|full\\s+|straight\\s+|consecutive\\s+|successive\\s+|trading\\s+|business\\s+|calendar\\s+|long\\s+)?`;

export const newsRules: readonly Rule[] = [
  // ---- sets: "every Monday", "each year", "on Mondays" --------------------------------------------
  {
    name: 'set-weekday',
    anchor: { keys: [...WEEKDAY_WORDS, 'weekends'], before: true },
    requires: [[...WEEKDAY_WORDS, 'weekends']],
    keys: [
      'every',
      'each',
      'weekends',
      'mondays',
      'tuesdays',
      'wednesdays',
      'thursdays',
      'fridays',
      'saturdays',
      'sundays',
    ],
    re: rx(
      `\\b(?:every|each)\\s+(?:other\\s+)?(${WEEKDAY_NAME})(?:\\s+(morning|afternoon|evening|night))?\\b|\\b(${WEEKDAY_NAME}|weekend)s\\b`,
    ),
    build(m, ctx) {
      // "on Mondays", "on weekends" (checked here, not in a lookbehind that would run at every position).
      if (m[3] && !/(?:^|[^a-z])(?:on|at)\s$/i.test(ctx.text.slice(Math.max(0, m.index - 4), m.index))) return null;
      if ((m[3] ?? '').toLowerCase() === 'weekend')
        return { type: 'SET', value: 'XXXX-WXX-WE', resolution: 'explicit', priority: 8 };
      const weekday = WEEKDAYS[(m[1] ?? m[3] ?? '').toLowerCase()] ?? 1;
      const part = partOfDay(m[2]);
      return {
        type: 'SET',
        value: `XXXX-WXX-${weekday}${part ? `T${part}` : ''}`,
        resolution: 'explicit',
        priority: 8,
      };
    },
  },
  {
    name: 'set-unit',
    anchor: { keys: ['every', 'each', 'per'] },
    keys: ['every', 'each', 'per '],
    re: rx(
      `\\b(?:every|each|per)\\s+(?:(other|${NUMBER})\\s+)?(year|month|weekend|week|day|quarter|hour|minute|morning|evening|night|summer|winter|spring|fall|${MONTH_NAME.slice(3, -1)})s?\\b`,
    ),
    build(m) {
      const word = (m[2] ?? '').toLowerCase();
      if (word === 'weekend') return { type: 'SET', value: 'XXXX-WXX-WE', resolution: 'explicit', priority: 8 };
      const every = m[1] ? (m[1].toLowerCase() === 'other' ? 2 : (parseNumber(m[1]) ?? 1)) : 1;
      const season = SEASONS[word];
      if (season) return { type: 'SET', value: `XXXX-${season}`, resolution: 'explicit', priority: 8 };
      const month = monthNumber(word);
      if (month) return { type: 'SET', value: `XXXX-${pad(month)}`, resolution: 'explicit', priority: 8 };
      const part = PART_OF_DAY[word];
      if (part) return { type: 'SET', value: `XXXX-XX-XXT${part}`, resolution: 'explicit', priority: 8 };
      const unit = unitOf(word);
      if (!unit) return null;
      return { type: 'SET', value: durationValue(every, unit), resolution: 'explicit', priority: 8 };
    },
  },
  {
    name: 'set-frequency',
    anchor: { keys: ['once', 'twice', 'thrice', 'times'], before: NUMBER },
    keys: ['once', 'twice', 'times'],
    // "twice a week", "three times a year": a frequency, TIMEX3 SET with the period as value.
    re: rx(
      `\\b(?:once|twice|thrice|(?:${NUMBER})\\s+times)\\s+(?:(?:a|an|per|every|each)\\s+(year|month|week|day|quarter|hour|minute)|(daily|weekly|monthly|quarterly|yearly|annually|hourly))\\b`,
    ),
    build(m) {
      // "twice weekly", "three times daily": the adverb names the period.
      const adverb = (m[2] ?? '').toLowerCase();
      const byAdverb: Readonly<Record<string, string>> = {
        daily: 'day',
        weekly: 'week',
        monthly: 'month',
        quarterly: 'quarter',
        yearly: 'year',
        annually: 'year',
        hourly: 'hour',
      };
      const unit = unitOf(m[1] ?? byAdverb[adverb] ?? '');
      if (!unit) return null;
      return { type: 'SET', value: durationValue(1, unit), resolution: 'explicit', priority: 8 };
    },
  },
  // ---- weekdays, with tense deciding the direction --------------------------------------------------
  {
    name: 'weekday',
    anchor: { keys: WEEKDAY_WORDS, before: true },
    requires: [WEEKDAY_WORDS],
    keys: ['day'],
    re: rx(
      `\\b(?:(?:early|late|earlier|later)\\s+)?(?:(${DEIXIS}|past|coming)\\s+)?(${WEEKDAY_NAME})(?:\\s+(morning|afternoon|evening|night))?(?:\\s+(?:of\\s+)?(last|next|this)\\s+week)?\\b(?![^\\S\\n]*,?[^\\S\\n]*(?:${MONTH_NAME}|\\d{1,2}/))`,
    ),
    build(m, ctx) {
      const weekday = WEEKDAYS[(m[2] ?? '').toLowerCase()] ?? 1;
      const said = (m[1] ?? '').toLowerCase();
      // A bare "past" / "coming" before a weekday reads as "this past" / "this coming" ("coming Monday").
      const mod = said === 'past' ? 'this past' : said === 'coming' ? 'this coming' : (deixisOf(said) ?? '');
      const part = partOfDay(m[3]);
      // "Wednesday next week", "Friday of last week": that weekday of the named ISO week.
      const week = (m[4] ?? '').toLowerCase();
      if (week && !mod) {
        const shift = week === 'next' ? 7 : week === 'last' ? -7 : 0;
        const day = ctx.ref ? addDays(ctx.ref, shift + weekday - weekdayOf(ctx.ref)) : undefined;
        return dayCandidate(ctx, day, `XXXX-WXX-${weekday}`, part, undefined, 7);
      }
      let direction: 'past' | 'future' | 'nearest';
      let strict = false;
      if (mod === 'last' || mod === 'this past') {
        direction = 'past';
        strict = true;
      } else if (mod === 'next' || mod === 'this coming') {
        direction = 'future';
        strict = true;
      } else if (mod === 'this') direction = 'nearest';
      // "The ceremony is on Saturday", "the deadline is midnight Friday": a present-tense copula with the
      // day as its predicate schedules it.
      else if (copulaBefore(ctx.text, m.index)) direction = 'future';
      else {
        const tense = clauseTense(ctx.text, m.index, m.index + m[0].length, false);
        const before = ctx.text.slice(Math.max(0, m.index - 48), m.index);
        // A deadline or a start ("has until Friday", "by Monday", "effective Monday") looks ahead unless the
        // clause reports the past; so does a postponement ("adjourned the case until Monday"), and a deadline
        // for something still to do ("gave the firm until Friday to respond").
        if (
          (DEADLINE_BEFORE_DAY.test(before) &&
            (tense !== 'past' ||
              /^\s+to\s+[a-z]/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 6)))) ||
          (/\b(?:until|till)\s+$/i.test(before) && POSTPONED.test(before))
        )
          direction = 'future';
        else direction = tense ?? 'past';
      }
      let day: Ymd | undefined;
      if (ctx.ref) {
        const from = strict ? addDays(ctx.ref, direction === 'past' ? -1 : 1) : ctx.ref;
        day = weekdayFrom(from, weekday, direction);
      }
      return dayCandidate(ctx, day, `XXXX-WXX-${weekday}`, part, { kind: 'weekday', weekday, direction }, 7);
    },
  },
  // ---- today / yesterday / tonight / this morning / last night --------------------------------------
  {
    name: 'deictic-day',
    anchor: {
      keys: ['today', 'yesterday', 'tomorrow', 'tonight', 'morning', 'afternoon', 'evening', 'night'],
      before: true,
    },
    keys: ['today', 'yesterday', 'tomorrow', 'tonight', 'morning', 'afternoon', 'evening', 'night'],
    re: rx(
      `\\b(?:(early|late|earlier|later|mid-?)\\s*)?(today|yesterday|tomorrow|tonight)(?:\\s+(morning|afternoon|evening|night))?\\b|\\b(?:(this|last|tomorrow|yesterday)\\s+|(mid-?\\s*)(?!night))(morning|afternoon|evening|night)(?:\\s+(yesterday|today|tomorrow))?\\b`,
    ),
    build(m, ctx) {
      let word = (m[2] ?? m[4] ?? m[7] ?? 'today').toLowerCase();
      let part = partOfDay(m[3] ?? m[6]);
      if (word === 'tonight') {
        word = 'today';
        part = 'NI';
      }
      if (word === 'this') word = 'today';
      if (word === 'last') {
        word = (m[6] ?? '').toLowerCase() === 'night' ? 'yesterday' : 'today';
      }
      if (m[5] && !m[7]) word = 'today';
      const amount = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
      const day = ctx.ref ? addDays(ctx.ref, amount) : undefined;
      return dayCandidate(ctx, day, 'XXXX-XX-XX', part, { kind: 'offset', unit: 'day', amount }, 6);
    },
  },
  // ---- "last week", "earlier this month", "the end of next year", "last weekend" --------------------
  {
    name: 'relative-unit',
    anchor: { keys: ['week', 'month', 'year', 'quarter', 'decade', 'century'], before: true },
    keys: ['week', 'month', 'year', 'quarter', 'decade', 'centur'],
    re: rx(
      `\\b(?:(?:(?:early|late|earlier|later|mid|the\\s+(?:end|start|beginning|middle|rest|remainder)\\s+of)[-\\s]+)?(?:(${DEIXIS}|past|the\\s+last|the\\s+current|the\\s+previous|the\\s+following|the\\s+same|the\\s+prior|that)\\s+(?:(fiscal|calendar)\\s+)?)|(?:(?:late|early|mid)[-\\s]*))(week|weekend|month|year|quarter|decade|century)\\b(?!-|\\s+of\\b)`,
    ),
    build(m, ctx) {
      const said = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
      const mod = deixisOf(said) ?? said;
      const unit = (m[3] ?? '').toLowerCase() as OffsetUnit;
      // "last fiscal year", "the current fiscal year": a fiscal year is written as the year (TimeBank's form).
      if (m[2] && unit !== 'year' && unit !== 'quarter') return null;
      // A capitalised unit in running text is a title ("ABC's \"This Week With David Brinkley\""), and
      // TimeML leaves names untagged; all-capitals headlines are still read.
      if (/^[A-Z][a-z]/.test(m[3] ?? '') && m[0] !== m[0].toUpperCase()) return null;
      if (!mod) {
        // "late year" is not English; "late week"/"mid-week" are.
        if (unit !== 'week') return null;
        return offset(ctx, 'week', 0);
      }
      if (
        mod === 'the same' ||
        mod === 'the following' ||
        mod === 'the previous' ||
        mod === 'the prior' ||
        mod === 'that'
      ) {
        // Anaphoric: the year of the nearest year named before, shifted.
        if (unit !== 'year' && unit !== 'quarter' && unit !== 'month') return null;
        if (unit === 'month' && (mod === 'the same' || mod === 'that')) return null;
        const cand = offset(ctx, unit, mod === 'the same' || mod === 'that' ? 0 : mod === 'the following' ? 1 : -1);
        if (unit === 'month') return { ...cand, anaphor: mod === 'the following' ? 'month-after' : 'month-before' };
        return {
          ...cand,
          anaphor:
            mod === 'the same' || mod === 'that'
              ? 'same-period'
              : mod === 'the following'
                ? 'year-after'
                : 'year-before',
        };
      }
      // "joined in 2005 and left the next year": after "the", in a past-tense clause, "next" is the story's
      // following year or month, as "the following year" is ("will close over the next year" stays deictic).
      if (
        mod === 'next' &&
        (unit === 'year' || unit === 'month') &&
        /\bthe\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 4), m.index)) &&
        clauseTense(ctx.text, m.index, m.index + m[0].length, false) === 'past'
      ) {
        return { ...offset(ctx, unit, 1), anaphor: unit === 'year' ? 'year-after' : 'month-after' };
      }
      // TimeBank reads "the past year" like "last year": the calendar unit before the current one, and
      // "the past decade" like "the last decade" (`198` in 1998; `200` in January 2011 in MEANTIME).
      const amount = ['last', 'this past', 'past', 'the last'].includes(mod)
        ? -1
        : mod === 'next' || mod === 'this coming'
          ? 1
          : 0;
      return offset(ctx, unit, amount);
    },
  },
  // ---- durations and "N units ago" ------------------------------------------------------------------
  {
    name: 'duration',
    anchor: { keys: UNIT_KEYS, before: DURATION_BEFORE_UNIT },
    re: rx(
      `${DURATION_BEFORE_UNIT}(${UNIT_WORD})(?:\\s+and\\s+a\\s+half)?(?:\\s+or\\s+so)?(?:\\s+(ago|earlier|from\\s+(?:now|today)|hence)|(?=\\s+(?:before|after|later|since|into)\\b))?\\b(?![-\\s]+old\\b|\\s+of\\s+age\\b|-(?:over|on|to|end)\\b)`,
    ),
    build(m, ctx) {
      const parsed = parseNumber(m[3] ?? '');
      const unit = unitOf(m[5] ?? '');
      if (parsed === undefined || !unit) return null;
      // "the 1988 quarter" names a year, not 1988 quarters.
      if (/^\d{4}$/.test(m[3] ?? '')) return null;
      // "a year and a half": the half after the unit (one before it, "three and a half", is the number's).
      const amount =
        /and\s+a\s+half/i.test(m[0]) && !/and\s+a\s+half/i.test(m[3] ?? '') && typeof parsed === 'number'
          ? parsed + 0.5
          : parsed;
      const numText = (m[3] ?? '').toLowerCase();
      // "a year" / "an hour" alone is a duration; "a" in front of a number word ("a few") is part of it.
      if ((numText === 'a' || numText === 'an') && /s$/i.test(m[5] ?? '')) return null;
      const single = numText === 'a' || numText === 'an';
      const following = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 4);
      // "a quarter of the market", "a second group": fractions and ordinals, not time.
      if ((unit === 'quarter' || unit === 'second') && single && /^\s+(?:of\b|[a-z])/.test(following)) return null;
      // "two weeks from today" counts from the document date, as "two weeks from now" does.
      const after = (m[6] ?? '').toLowerCase().replace(/\s+/g, ' ').replace('from today', 'from now');
      // "Islam will one day be …": "one day" after a subject or modal is an indefinite future.
      if (
        numText === 'one' &&
        unit === 'day' &&
        !after &&
        !m[1] &&
        !m[2] &&
        /\b(?:will|would|could|might|may|can|shall|must|he|she|they|we|i|it|to)\s+$/i.test(
          ctx.text.slice(Math.max(0, m.index - 7), m.index),
        )
      ) {
        return reference('FUTURE_REF', 5);
      }
      // "$1.76 a year", "358,000 a month": a rate, which news annotation leaves untagged.
      // So is a count of things per unit: "5 million passengers a month", "10,000 units a year".
      if (single && !after && !m[1] && !m[2] && RATE_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 40), m.index)))
        return null;
      // "six months of base pay", "75 hours of video", "ten hours of battery life": an amount of pay or of
      // recorded content measured in time, not a stretch of the story's time line.
      if (!after && AMOUNT_MEASURED_IN_TIME.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40)))
        return null;
      // "150 hours can be stored", "stores up to 40 hours": what a device holds, measured in time.
      if (
        !after &&
        (STORED_AFTER.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 30)) ||
          STORED_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 12), m.index)))
      )
        return null;
      // "two weeks ago" is a date; "three days later" / "two days before" measure a stretch (the
      // anchor is another event), so those stay durations and leave "later" outside the span.
      if (after === 'ago' || after === 'earlier' || after === 'from now' || after === 'hence') {
        const sign = after === 'ago' || after === 'earlier' ? -1 : 1;
        if (amount === 'X' || unit === 'hour' || unit === 'minute' || unit === 'second') {
          return reference(sign < 0 ? 'PAST_REF' : 'FUTURE_REF', 6);
        }
        // "a year and a half ago" is eighteen months back, a month, not the year rounded.
        if (unit === 'year' && !Number.isInteger(amount))
          return offset(ctx, 'month', Math.round(sign * amount * 12), 6);
        const n = Math.round(amount);
        if (unit === 'decade') return offset(ctx, 'year', sign * n * 10, 6);
        if (unit === 'century') return offset(ctx, 'year', sign * n * 100, 6);
        const cand = offset(ctx, unit, sign * n, 6);
        // "a year earlier" in an earnings report means the same quarter a year before.
        if (unit === 'year' && n === 1 && ctx.quarterly) return { ...cand, anaphor: 'quarter-year-before' };
        return cand;
      }
      const high = m[4] ? parseNumber(m[4]) : undefined;
      const value =
        high !== undefined && amount !== 'X' && high !== 'X' ? durationValue('X', unit) : durationValue(amount, unit);
      // "expected to last six weeks", "the talks could last two days": the verb "last", not the
      // sequence word, so it stays out of the span.
      if ((m[2] ?? '').toLowerCase() === 'last' && !m[1]) {
        const lastAt = m[0].search(/\blast\s/i);
        if (lastAt >= 0 && LAST_AS_VERB.test(ctx.text.slice(Math.max(0, m.index + lastAt - 12), m.index + lastAt))) {
          const verb = /^last\s+/i.exec(m[0].slice(lastAt))?.[0].length ?? 0;
          return { type: 'DURATION', value, resolution: 'explicit', priority: 5, lead: lastAt + verb };
        }
      }
      // "a [two day] rally", "a [five year] low": a count with a singular unit modifies the noun after
      // it, and the determiner is that noun's.
      const attributive =
        m[1] &&
        !m[2] &&
        typeof amount === 'number' &&
        amount > 1 &&
        !/s$/i.test(m[5] ?? '') &&
        /^\s+[a-z]/i.test(following);
      return {
        type: 'DURATION',
        value,
        resolution: 'explicit',
        priority: 5,
        ...(attributive ? { lead: leadingDeterminer(m[0]) } : {}),
      };
    },
  },
  {
    name: 'nth-day-of-now',
    anchor: { keys: ['day', 'week'], before: true },
    keys: ['day', 'week'],
    // "Today is the eighth day of the operation", "It's the second day of an offensive", "the strike is in
    // its third week", "is entering its second day": the count of a story's days, said in the present,
    // names the document's own day (or week).
    re: rx(
      `\\b(?:today\\s+is|it['’]s|it\\s+is|this\\s+is|now\\s+in|(?:is|are)\\s+in|(?:is|are)\\s+entering)\\s+((?:the|its|their)\\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d{1,2}(?:st|nd|rd|th))\\s+(?:(?:straight|consecutive|full)\\s+)?(day|week)\\b`,
    ),
    build(m, ctx) {
      // The span is the count itself, with its article: "[the second day]" of "It's the second day".
      const lead = m[0].search(
        /\b(?:the|its|their|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d)/i,
      );
      const possessive = /^(?:its|their)\s/i.test(m[1] ?? '');
      const at = possessive ? lead + (m[1] ?? '').length : lead;
      if ((m[2] ?? '').toLowerCase() === 'week') return { ...offset(ctx, 'week', 0, 6), lead: at };
      return {
        ...dayCandidate(ctx, ctx.ref, 'XXXX-XX-XX', undefined, { kind: 'offset', unit: 'day', amount: 0 }, 6),
        lead: at,
      };
    },
  },
  {
    name: 'fortnight',
    anchor: { keys: ['fortnight'], before: true },
    keys: ['fortnight'],
    // A fortnight is two weeks, in every shape a week takes: "within a fortnight" P2W, "the past
    // fortnight" P2W, "a fortnight ago" the week two weeks back.
    re: rx(
      `\\b(?:(the\\s+(?:past|last|next|previous|coming|following|first|final))\\s+|(a|one|two|three|four|${NUMBER})\\s+)?fortnights?\\b(\\s+ago)?(?!-|\\s+of\\b)`,
    ),
    build(m, ctx) {
      const count = m[2] ? parseNumber(m[2]) : m[1] ? 1 : undefined;
      if (count === undefined || count === 'X') return null;
      if (m[3]) return offset(ctx, 'week', -2 * Math.round(count), 6);
      return { type: 'DURATION', value: durationValue(2 * count, 'week'), resolution: 'explicit', priority: 5 };
    },
  },
  {
    name: 'day-before-yesterday',
    anchor: { keys: ['before yesterday', 'after tomorrow', 'before last', 'after next'], before: true },
    keys: ['before yesterday', 'after tomorrow', 'before last', 'after next'],
    // Two steps from the document date: "the day before yesterday", "the day after tomorrow", "the week
    // before last", "the year after next".
    re: rx(
      `\\bthe\\s+(?:(day)\\s+(?:before yesterday|after tomorrow)|(week|month|year)\\s+(?:before last|after next))\\b`,
    ),
    build(m, ctx) {
      const unit: OffsetUnit = m[1] ? 'day' : ((m[2] ?? 'week').toLowerCase() as OffsetUnit);
      const sign = /\b(?:after)\b/i.test(m[0]) ? 1 : -1;
      if (unit === 'day') {
        const day = ctx.ref ? addDays(ctx.ref, 2 * sign) : undefined;
        return dayCandidate(ctx, day, 'XXXX-XX-XX', undefined, { kind: 'offset', unit: 'day', amount: 2 * sign }, 7);
      }
      return offset(ctx, unit, 2 * sign, 7);
    },
  },
  {
    name: 'duration-compound',
    anchor: { keys: ['-year', '-month', '-week', '-day', '-hour', '-minute', '-decade', '-quarter'], before: true },
    keys: ['-year', '-month', '-week', '-day', '-hour', '-minute', '-decade', '-quarter'],
    // "a five-year plan", "the 30-day period", "8-month-old", "a two-week-long".
    re: rx(
      `\\b(?:(?:a|an|the)\\s+)?(${NUMBER})-(year|month|week|day|hour|minute|decade|quarter)(?:-long)?(?:\\s+(period|span|stretch|term|window))?\\b(?!-)`,
    ),
    build(m) {
      const amount = parseNumber(m[1] ?? '');
      const unit = unitOf(m[2] ?? '');
      if (amount === undefined || !unit) return null;
      // Without its own noun ("a three-year period") the compound is an adjective: "a [two-hour] meeting".
      const lead = m[3] ? 0 : leadingDeterminer(m[0]);
      return {
        type: 'DURATION',
        value: durationValue(amount, unit),
        resolution: 'explicit',
        priority: 4,
        ...(lead ? { lead } : {}),
      };
    },
  },
  {
    name: 'duration-long-adjective',
    anchor: { keys: ['long'], before: true },
    keys: ['long'],
    // "its decades-long dispute", "a months-long probe", "a weeklong strike": an adjective that
    // measures a stretch; a plural unit is an unknown amount (PXY), a singular one is one unit.
    re: rx(`\\b(years|months|weeks|days|hours|decades|centuries|year|month|week|day|decade)-?long\\b(?!-)`),
    build(m) {
      const word = (m[1] ?? '').toLowerCase();
      const unit = unitOf(word);
      if (!unit) return null;
      return {
        type: 'DURATION',
        value: durationValue(word.endsWith('s') ? 'X' : 1, unit),
        resolution: 'explicit',
        priority: 4,
      };
    },
  },
  {
    name: 'duration-bare',
    anchor: {
      keys: ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'decades', 'centuries'],
      before: '(?:the\\s+)?',
    },
    keys: ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'decades', 'centuries'],
    // "for years", "took months", "within days", "within minutes", "over the years": a plural unit with no
    // number is an unknown amount.
    re: rx(`\\b(?:(the)\\s+)?(years|months|weeks|days|hours|minutes|decades|centuries)\\b(?!\\s+(?:ago|of|earlier))`),
    build(m, ctx) {
      // (Checked here rather than in a lookbehind, which would run at every position of the text.)
      const before = ctx.text.slice(Math.max(0, m.index - 8), m.index);
      const unitWord = (m[2] ?? '').toLowerCase();
      const next = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 8);
      // "Hours later, the ship sank", "just days after the vote": the stretch between two events, as "three
      // days later" is, when it opens the clause or follows "just" / "only".
      if (
        !m[1] &&
        /^\s+(?:later|after|before)\b/i.test(next) &&
        /(?:^|[.!?;,]\s+|\n|\b(?:just|only|mere|barely)\s+)$/i.test(before)
      ) {
        const unit = unitOf(unitWord);
        return unit ? { type: 'DURATION', value: durationValue('X', unit), resolution: 'explicit', priority: 2 } : null;
      }
      if (/^\s+later\b/i.test(next)) return null;
      if (m[1]) {
        // "over the years", "through the decades": the stretch up to now, of unknown length.
        if (!/\b(?:over|through|across)\s+$/i.test(before)) return null;
        // "over the years 2009-2012", "the years when": named or defined years, no stretch up to now.
        if (
          /^\s+(?:when|since|before|after|that|\d)/i.test(
            ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 8),
          )
        )
          return null;
      } else if (unitWord === 'minutes') {
        // "within minutes", "took minutes"; not "in minutes released Wednesday" (a meeting's record).
        if (!/\b(?:for|within|after|took|take|takes|lasted|last|spent|spend)\s+$/i.test(before)) return null;
      } else if (!/\b(?:for|over|in|within|after|took|take|takes|lasted|last|spent|spend)\s+$/i.test(before))
        return null;
      const unit = unitOf(unitWord);
      if (!unit) return null;
      return { type: 'DURATION', value: durationValue('X', unit), resolution: 'explicit', priority: 2 };
    },
  },
  {
    name: 'duration-bare-noun',
    anchor: { keys: ['years', 'months', 'weeks', 'days', 'decades', 'centuries'] },
    keys: ['years', 'months', 'weeks', 'days', 'decades', 'centuries'],
    // A plural unit heading its own noun phrase, with no number or determiner, is a stretch of unknown
    // length (TimeML: DURATION with amount X): "follows months of talks", "the heady days of", "within
    // weeks or months". Determiners, numbers and sequence words belong to other rules; "on days when"
    // is a habitual set of days, not a stretch.
    re: rx(
      `\\b(years|months|weeks|days|decades|centuries)(?:\\s+(?:or|to)\\s+(?:years|months|weeks|days|decades))?\\b(?![-\\s]+(?:old|ago|earlier|later|before|after)\\b|\\s+of\\s+age\\b)`,
      'g',
    ),
    build(m, ctx) {
      const before = ctx.text.slice(Math.max(0, m.index - 24), m.index);
      // Determiners, sequence and quantity words, numbers: other rules' territory (or no time at all).
      if (
        /(?:\b(?:the|those|these|that|this|his|her|their|its|our|my|your|on|early|old|good|bad|past|next|last|first|final|coming|recent|few|many|several|some|number|couple|dozen|hundreds|thousands|business|trading|calendar|and|or)\s|[\d,.%$-]\s?|-)$/i.test(
          before,
        )
      )
        return null;
      // "two years", "twenty-four hours": a counted amount is the duration rule's, whatever the number word.
      if (
        /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a|an|more|additional|straight|consecutive|successive|full)\s+$/i.test(
          before,
        )
      )
        return null;
      // "hundreds of years", "a matter of months": an amount phrase, not a bare stretch.
      if (/\b(?:hundreds|thousands|dozens|scores|couple|number|matter|lot)\s+of\s+$/i.test(before)) return null;
      const unit = unitOf(m[1] ?? '');
      if (!unit) return null;
      return { type: 'DURATION', value: durationValue('X', unit), resolution: 'explicit', priority: 1 };
    },
  },
  // ---- quarters, halves, fiscal years ---------------------------------------------------------------
  {
    name: 'quarter',
    anchor: { keys: ['quarter', 'half'], before: true },
    requires: [['first', 'second', 'third', 'fourth', '1st', '2nd', '3rd', '4th', 'final', 'last']],
    keys: ['quarter', 'half'],
    re: rx(
      `\\b(?:(?:the|a|a\\s+flat|a\\s+strong|a\\s+weak)\\s+)?(?:(comparable|corresponding|year-ago|year-earlier|prior-year|(?:last|this|next)\\s+year's)\\s+)?(?:(${YEAR_DIGITS}|fiscal\\s+${YEAR_DIGITS}|fiscal)(?:'s)?\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?:-|\\s+)(?:fiscal\\s+)?(quarter|half)(s)?(?:\\s+(?:of\\s+)?(?:(?:fiscal\\s+)?(${YEAR_DIGITS})|(this|last|next)\\s+year))?\\b`,
    ),
    build(m, ctx) {
      const half = (m[4] ?? '').toLowerCase() === 'half';
      // "the final quarter of 2012", "the last half of next year": the year's last quarter or half. Without
      // a year, "the last quarter" is the one before this (the relative-unit rule).
      const final = /^(?:final|last)$/i.test(m[3] ?? '');
      if (final && !m[6] && !m[7]) return null;
      const n = final ? (half ? 2 : 4) : (ORDINAL_QUARTER[(m[3] ?? '').toLowerCase()] ?? 1);
      if (half && n > 2) return null;
      // "the second half of the season", "the first quarter of the match": a part of something else.
      if (!m[6] && !m[7] && PART_OF_SOMETHING.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40)))
        return null;
      // "scored 30 points in the first half", "trailed 14-7 in the second quarter": a period of a game.
      if (
        !m[1] &&
        !m[2] &&
        !m[6] &&
        !m[7] &&
        GAME_PERIOD_NEAR.test(ctx.text.slice(Math.max(0, m.index - 80), m.index + m[0].length + 60))
      )
        return null;
      const explicitYear = m[2] && /\d/.test(m[2]) ? Number(m[2].replace(/\D/g, '')) : m[6] ? Number(m[6]) : undefined;
      const prefix = (m[1] ?? '').toLowerCase();
      const rel =
        prefix.startsWith('year-') || prefix === 'prior-year' || prefix.startsWith('last')
          ? 'last'
          : prefix.startsWith('next')
            ? 'next'
            : prefix.startsWith('this')
              ? 'this'
              : (m[7] ?? '').toLowerCase();
      // "the second and fourth quarters" of every year: a set.
      if (m[5] && explicitYear === undefined && !rel) {
        return { type: 'SET', value: `XXXX-${half ? 'H' : 'Q'}${n}`, resolution: 'explicit', priority: 7 };
      }
      let year: number | undefined = explicitYear;
      if (year === undefined && ctx.ref) {
        year = rel
          ? ctx.ref.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0)
          : half
            ? ctx.ref.y
            : namedQuarterYear(n, ctx.ref);
        // "deliveries should resume in the third quarter" (in May): in a clause that looks ahead, a
        // quarter still to come is this year's when it starts sooner than last year's ended; results
        // announced for a quarter just gone ("fourth-quarter results will be weak" in January) stay.
        if (!rel && !half && year < ctx.ref.y && clauseTense(ctx.text, m.index, m.index + m[0].length) === 'future') {
          const startsIn = diffDays({ y: ctx.ref.y, m: 3 * n - 2, d: 1 }, ctx.ref);
          const endedAgo = diffDays(ctx.ref, { y: ctx.ref.y - 1, m: 3 * n, d: daysInMonth(ctx.ref.y - 1, 3 * n) });
          if (startsIn < endedAgo) year = ctx.ref.y;
        } else if (
          !rel &&
          !half &&
          year === ctx.ref.y &&
          n < quarterOf(ctx.ref) &&
          clauseTense(ctx.text, m.index, m.index + m[0].length, false) === 'future' &&
          !QUARTER_RESULTS_NEAR.test(ctx.text.slice(Math.max(0, m.index - 120), m.index + m[0].length + 60))
        ) {
          // "the deal is expected to close in the first quarter" (in May): a plan cannot fall in a quarter
          // that has ended, so it is next year's; results reported for it ("will report first-quarter
          // earnings") stay in the quarter gone.
          year = ctx.ref.y + 1;
        }
        // "the second quarter ended Oct. 31" (a fiscal quarter): the year of the last such day before
        // the document date, as an ended period lies before it.
        const ended = rel
          ? null
          : QUARTER_ENDED.exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24));
        const endMonth = ended ? monthNumber(ended[1] ?? '') : undefined;
        if (endMonth !== undefined) {
          const day = Number(ended![2]);
          year = endMonth < ctx.ref.m || (endMonth === ctx.ref.m && day <= ctx.ref.d) ? ctx.ref.y : ctx.ref.y - 1;
        }
      }
      const label = `${half ? 'H' : 'Q'}${n}`;
      // "a [third-quarter] loss": the hyphenated compound is an adjective, the determiner the noun's.
      const determiner = leadingDeterminer(m[0]);
      const lead =
        determiner && !m[1] && !m[2] && !m[6] && !m[7] && m[0].charAt(determiner + (m[3] ?? '').length) === '-'
          ? determiner
          : 0;
      return {
        type: 'DATE',
        value: `${year === undefined ? 'XXXX' : pad(year, 4)}-${label}`,
        resolution: explicitYear !== undefined ? 'explicit' : resolution(ctx),
        priority: 7,
        ...(lead ? { lead } : {}),
      };
    },
  },
  {
    name: 'month-span-quarter',
    // Anchored at the first month: the walk back from "quarter" would stop at an en dash.
    anchor: { keys: MONTH_KEYS, before: '(?:the\\s+)?' },
    requires: [MONTH_KEYS],
    keys: ['quarter', 'period', 'half'],
    // "the July-September quarter", "the April–June period": a calendar quarter named by its months,
    // its year chosen as for "the third quarter".
    re: rx(
      `\\b(?:the\\s+)?(${MONTH_NAME.slice(3, -1)})\\s?[-\u2013]\\s?(${MONTH_NAME.slice(3, -1)})\\s+(?:quarter|period|half)\\b`,
    ),
    build(m, ctx) {
      const from = monthNumber(m[1] ?? '');
      const to = monthNumber(m[2] ?? '');
      if (from === undefined || to === undefined) return null;
      // "the January-June period", "the July-December half": a calendar half, named the same way.
      if ((from === 1 && to === 6) || (from === 7 && to === 12)) {
        const year = ctx.ref ? namedQuarterYear(from === 1 ? 1 : 3, ctx.ref) : undefined;
        return {
          type: 'DATE',
          value: `${year === undefined ? 'XXXX' : pad(year, 4)}-H${from === 1 ? 1 : 2}`,
          resolution: resolution(ctx),
          priority: 7,
        };
      }
      if (to !== from + 2 || (from - 1) % 3 !== 0) return null;
      const n = (from + 2) / 3;
      const year = ctx.ref ? namedQuarterYear(n, ctx.ref) : undefined;
      return {
        type: 'DATE',
        value: `${year === undefined ? 'XXXX' : pad(year, 4)}-Q${n}`,
        resolution: resolution(ctx),
        priority: 7,
      };
    },
  },
  {
    name: 'quarter-code',
    anchor: { keys: ['q1', 'q2', 'q3', 'q4'], before: true },
    keys: ['q1', 'q2', 'q3', 'q4'],
    // Business shorthand: "Q3 2021", "Q4", "2021 Q1".
    re: rx(`\\b(?:(${YEAR_DIGITS})\\s+)?Q([1-4])(?:\\s+(${YEAR_DIGITS}))?\\b`, 'g'),
    build(m, ctx) {
      const explicit = m[1] ?? m[3];
      const q = Number(m[2]);
      if (explicit) return { type: 'DATE', value: `${explicit}-Q${q}`, resolution: 'explicit', priority: 7 };
      if (!ctx.ref) return { type: 'DATE', value: `XXXX-Q${q}`, resolution: 'unresolved', priority: 7 };
      return {
        type: 'DATE',
        value: `${pad(namedQuarterYear(q, ctx.ref), 4)}-Q${q}`,
        resolution: 'relative',
        priority: 7,
      };
    },
  },
  {
    name: 'half-code',
    anchor: { keys: ['h1', 'h2'], before: true },
    keys: ['h1', 'h2'],
    // "H1 2023", "2023 H2": only with its year ("H1" alone is a visa, "H1N1" a virus).
    re: rx(`\\b(?:(${YEAR_DIGITS})\\s+H([12])|H([12])\\s+(${YEAR_DIGITS}))\\b`, 'g'),
    build(m) {
      return { type: 'DATE', value: `${m[1] ?? m[4]}-H${m[2] ?? m[3]}`, resolution: 'explicit', priority: 7 };
    },
  },
  {
    name: 'half-year',
    anchor: { keys: ['half'], before: true },
    keys: ['half'],
    re: rx(
      `\\bthe\\s+(first|second|last|latter|back|front)\\s+half\\s+of\\s+(?:(${YEAR_DIGITS})|(this|last|next)\\s+year|the\\s+year)\\b`,
    ),
    build(m, ctx) {
      const which = (m[1] ?? '').toLowerCase();
      const half = which === 'first' || which === 'front' ? 1 : 2;
      if (m[2]) return { type: 'DATE', value: `${m[2]}-H${half}`, resolution: 'explicit', priority: 8 };
      const rel = (m[3] ?? '').toLowerCase();
      const year = ctx.ref ? pad(ctx.ref.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0), 4) : 'XXXX';
      return { type: 'DATE', value: `${year}-H${half}`, resolution: resolution(ctx), priority: 8 };
    },
  },
  {
    name: 'quarter-anaphoric',
    anchor: { keys: ['quarter', 'period', 'year-'], before: true },
    keys: ['quarter', 'period', 'year-'],
    // Earnings-report anaphora: "the quarter", "the latest period", "the year-ago quarter".
    // "the comparable year-ago quarter" stacks two modifiers; "last year's quarter" is the year-ago one,
    // and so is "the same period of the previous year", one expression.
    re: rx(
      `\\b(?:(?:the|this|that)\\s+(?:(?:comparable|corresponding|same)\\s+(?=year-|prior-year))?|(last\\s+year's)\\s+)(?:(latest|most\\s+recent|recent|current|same|comparable|corresponding|year-ago|year-earlier|prior-year|previous|prior|just-ended|just-completed)\\s+)?(quarter|period)(?:\\s+(a\\s+year\\s+(?:ago|earlier)|last\\s+year|(?:of|in)\\s+(?:the\\s+)?(?:last|previous|prior)\\s+year))?\\b(?!-)(?=(?:\\s+end(?:ed|ing)\\s+(${MONTH_NAME})\\s+\\d)?)|\\byear-(?:earlier|ago)\\b(?!\\s+(?:nine|six|three|\\w+\\s+months))`,
    ),
    build(m, ctx) {
      const mod = (m[2] ?? '').toLowerCase();
      const noun = (m[3] ?? '').toLowerCase();
      const after = Boolean(m[4]) || Boolean(m[1]);
      const yearBefore =
        mod.startsWith('year-') || mod === 'prior-year' || after || m[0].toLowerCase().startsWith('year-');
      if (noun === 'period' && !ctx.quarterly) return null;
      if (noun === 'period' && !mod && !after) return null;
      if (!ctx.quarterly && !yearBefore && noun !== 'quarter') return null;
      if (!ctx.ref) return { type: 'DATE', value: 'XXXX-QX', resolution: 'unresolved', priority: 4 };
      const endMonth = m[5] ? monthNumber(m[5]) : undefined;
      if (endMonth !== undefined) {
        // "the quarter ended Sept. 30": the quarter is the one that date closes, before the document date.
        const q = Math.floor((endMonth - 1) / 3) + 1;
        const y = endMonth <= ctx.ref.m ? ctx.ref.y : ctx.ref.y - 1;
        return { type: 'DATE', value: `${pad(yearBefore ? y - 1 : y, 4)}-Q${q}`, resolution: 'relative', priority: 4 };
      }
      const last = mod === 'current' ? { y: ctx.ref.y, q: quarterOf(ctx.ref) } : lastCompletedQuarter(ctx.ref);
      const y = yearBefore ? last.y - 1 : last.y;
      // "the latest quarter" names its quarter; "the quarter" / "that period" point back to one.
      const selfNamed = /latest|recent|current|just/.test(mod);
      return {
        type: 'DATE',
        value: `${pad(y, 4)}-Q${last.q}`,
        resolution: 'relative',
        priority: 4,
        ...(selfNamed
          ? {}
          : {
              anaphor: yearBefore ? (noun === 'period' ? 'period-year-before' : 'quarter-year-before') : 'same-period',
            }),
      };
    },
  },
  {
    name: 'year-period',
    anchor: { keys: ['quarter', 'period'], before: true },
    keys: ['quarter', 'period'],
    // "the 1988 quarter", "the 1989 period": a quarter of a named year, the one the report is about.
    re: rx(`\\bthe\\s+(${YEAR_DIGITS})\\s+(quarter|period)\\b`),
    build(m, ctx) {
      if (!ctx.ref || ((m[2] ?? '').toLowerCase() === 'period' && !ctx.quarterly)) return null;
      return {
        type: 'DATE',
        value: `${m[1]}-Q${lastCompletedQuarter(ctx.ref).q}`,
        resolution: 'relative',
        priority: 7,
      };
    },
  },
  {
    name: 'the-year',
    anchor: { keys: ['year', 'weekend'], before: true },
    keys: ['the year', 'the full', 'the current', 'the fiscal', 'the calendar', 'weekend'],
    // "the year", "the full year", "the weekend": the one the document date falls in (or just before it).
    re: rx(
      `\\bthe\\s+(?:(full|current|fiscal|calendar)\\s+)?(year|weekend)\\b(?!-|'s|\\s+(?:of\\b(?!\\s*[$£€#\\d])|ago|earlier|before|after|two\\s+thousand|\\d))`,
    ),
    build(m, ctx) {
      if ((m[2] ?? '').toLowerCase() === 'weekend') {
        const tense = clauseTense(ctx.text, m.index, m.index + m[0].length, false);
        if (!ctx.ref) return { type: 'DATE', value: 'XXXX-WXX-WE', resolution: 'unresolved', priority: 4 };
        // The weekend just gone in past-tense reporting, the coming one otherwise.
        const saturday = weekdayFrom(ctx.ref, 6, tense === 'future' ? 'future' : 'past');
        return { type: 'DATE', value: offsetValue('weekend', 0, saturday), resolution: 'relative', priority: 4 };
      }
      // "the year ended Sept. 30", "the year to June" are the twelve months up to then, not the calendar year.
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      if (
        /^\s+end(?:ed|ing)\b/i.test(after) ||
        YEAR_TO_MONTH.test(after) ||
        /\bthroughout\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 11), m.index))
      ) {
        return { type: 'DURATION', value: 'P1Y', resolution: 'explicit', priority: 3 };
      }
      return offset(ctx, 'year', 0, 3);
    },
  },
  {
    // "dealers placed orders in the morning", "the blaze was contained by late afternoon": a part of the
    // story's day (the day last named, else the document's). "the night" is left alone: it is as often
    // a night of no date ("the night the plane went down").
    name: 'part-of-story-day',
    anchor: { keys: ['morning', 'afternoon', 'evening'], before: true },
    keys: ['morning', 'afternoon', 'evening'],
    re: rx(
      `\\b(?:(the)\\s+|(?:early|late|mid)(?:-|\\s+)(?:in\\s+the\\s+)?)(morning|afternoon|evening)\\b(?!-|'s|\\s+(?:of|when|that|before|after|hours|session|trading|paper|papers|edition|news|show|rush|commute|flight|prayers?)\\b)`,
    ),
    build(m, ctx) {
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      // "the morning" only after a preposition of time ("in the morning", "by the afternoon"); "the morning
      // was quiet" is a noun phrase of its own.
      if (m[1] && !/\b(?:in|during|by|until|through|throughout|into)\s+$/i.test(before)) return null;
      // "late afternoon Tuesday", "Sunday early morning": the weekday rule or the clock join reads these.
      const part = partOfDay(m[2]);
      if (!part) return null;
      return {
        type: 'TIME',
        value: `${ctx.ref ? formatYmd(ctx.ref) : 'XXXX-XX-XX'}T${part}`,
        resolution: resolution(ctx),
        priority: 3,
        anaphor: 'story-day',
        storyShift: { unit: 'day', amount: 0 },
      };
    },
  },
  {
    // Market reports: "overnight losses in New York", "Asian shares fell overnight", "Overnight, ...": the
    // night before the story's day. Not "the overnight rate", "an overnight stay", "success overnight".
    name: 'overnight',
    anchor: { keys: ['overnight'] },
    keys: ['overnight'],
    re: rx(
      `\\bovernight\\b(?=\\s+(?:losses|gains|declines|falls|drops?|rally|rallies|advances?|trading|session|moves?|sell-?off)\\b|\\s*,)`,
    ),
    build(m, ctx) {
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      const after = ctx.text.charAt(m.index + m[0].length);
      // "Overnight, ..." opening a sentence; after a market verb ("fell overnight,") the comma is the verb's.
      if (
        after !== ' ' &&
        !/(?:^|[.!?]\s+|\n)$/.test(before) &&
        !/\b(?:fell|rose|slipped|climbed|gained|dropped|jumped|slid|tumbled|surged|advanced|declined)\s+$/i.test(before)
      )
        return null;
      const night = ctx.ref ? addDays(ctx.ref, -1) : undefined;
      return {
        type: 'TIME',
        value: `${night ? formatYmd(night) : 'XXXX-XX-XX'}TNI`,
        resolution: resolution(ctx),
        priority: 3,
        anaphor: 'story-day',
        storyShift: { unit: 'day', amount: -1 },
      };
    },
  },
  {
    name: 'story-day',
    anchor: { keys: ['day', 'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year'], before: true },
    requires: [
      ['next', 'following', 'previous', 'prior', 'same', 'that', 'the day', 'the week', 'the month', 'the year'],
    ],
    keys: ['day', 'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year'],
    // A narrative counts from the day it last named: "the plane landed on March 3 ... the next day",
    // "later that day", "the previous week". Not when the phrase goes on to name its own anchor ("the
    // day before the vote", "that day's session", "the same week as").
    // "the same month last year", "the same day a year earlier": that day or month of the story, a year
    // before ("sales fell in May ... compared with the same month last year" is May of last year).
    re: rx(
      `\\b(?:(?:later|earlier)\\s+)?(the\\s+next|the\\s+following|the\\s+previous|the\\s+prior|the\\s+same|that)\\s+(day|morning|afternoon|evening|night|week|month)\\b(\\s+(?:(?:of\\s+)?(?:last|the\\s+previous|the\\s+prior)\\s+year|a\\s+year\\s+(?:ago|earlier|before))\\b)?(?!-|'s|\\s+(?:of|as|that|when|before|after|in|for)\\b)|\\bthe\\s+(day|week|month|year)\\s+(before|after)(?=\\s*[,.;:!?)]|\\s+(?:and|but|as|when)\\b)`,
    ),
    build(m, ctx) {
      const mod = (m[1] ?? '').toLowerCase().replace(/\\s+/g, ' ');
      const noun = (m[2] ?? m[4] ?? 'day').toLowerCase();
      const amount = m[5]
        ? m[5].toLowerCase() === 'after'
          ? 1
          : -1
        : mod === 'the next' || mod === 'the following'
          ? 1
          : mod === 'the previous' || mod === 'the prior'
            ? -1
            : 0;
      if (m[3]) {
        // Only "the same" day or month takes a year back; "the next day last year" is no phrase.
        if (mod !== 'the same' || (noun !== 'day' && noun !== 'month')) return null;
        const unit = noun;
        const fallback = ctx.ref ? addMonths(ctx.ref, -12) : undefined;
        const value =
          unit === 'day' ? (fallback ? formatYmd(fallback) : 'XXXX-XX-XX') : offsetValue('month', 0, fallback);
        return {
          type: 'DATE',
          value,
          resolution: resolution(ctx),
          priority: 5,
          anaphor: 'story-day',
          storyShift: { unit, amount: 0, years: -1 },
        };
      }
      // "the year before", "the month after" (closing a clause): the story's year or month, shifted, as
      // "the previous year" and "the following month" are.
      if (m[5] && (noun === 'year' || noun === 'month')) {
        const unit = noun;
        return {
          ...offset(ctx, unit, amount),
          anaphor:
            unit === 'year' ? (amount > 0 ? 'year-after' : 'year-before') : amount > 0 ? 'month-after' : 'month-before',
        };
      }
      // "that month" (no shift) is read elsewhere as the month named before; "the following month" too.
      if (noun === 'month' && amount !== 0) return null;
      const part = partOfDay(noun);
      // A bare "that day" is as often a day of no date ("redemptions that day", "that day has come");
      // "later that day", "earlier that week" and "that night", "that morning" are the story's day.
      if (mod === 'that' && !part && !/^(?:later|earlier)\s/i.test(m[0])) return null;
      // "that evening gown", "that morning paper": a compound noun, no time.
      if (
        mod === 'that' &&
        /^\s+(?:gowns?|dress(?:es)?|wear|edition|papers?|newspapers?|show)\b/i.test(
          ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12),
        )
      )
        return null;
      const unit = noun === 'week' ? 'week' : noun === 'month' ? 'month' : 'day';
      const fallback = ctx.ref
        ? unit === 'day'
          ? addDays(ctx.ref, amount)
          : unit === 'week'
            ? addDays(ctx.ref, 7 * amount)
            : ctx.ref
        : undefined;
      const value =
        unit === 'day'
          ? `${fallback ? formatYmd(fallback) : 'XXXX-XX-XX'}${part ? `T${part}` : ''}`
          : offsetValue(unit, 0, fallback);
      return {
        type: part ? 'TIME' : 'DATE',
        value,
        resolution: resolution(ctx),
        priority: 4,
        anaphor: 'story-day',
        storyShift: { unit, amount },
      };
    },
  },
  {
    name: 'the-day',
    anchor: { keys: ['day', 'week'], before: true },
    keys: ['the day', 'the week'],
    // "later in the day", "for the week", "up 2% on the day." (market reports): the current day or week, like "the year" for
    // the current year. Only after these prepositions: elsewhere "the day" is anaphoric ("the day
    // Russian troops entered Ukraine", "the day before the plunge") and left to the reader.
    re: rx(`\\bthe\\s+(day|week)\\b(?!-|'s|\\s+(?:before|after|of|that|when|ahead|earlier|later|ended|ending|to|\\d))`),
    build(m, ctx) {
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      // Market reports: "closed up 1.2% on the day." (closing the clause) and "ended the week higher"
      // are the session's day or week; "on the day he was sworn in" names its own day.
      const market =
        (/\bon\s+$/i.test(before) &&
          /^\s*[,.;]/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 2))) ||
        /\b(?:ended|ending|ends|finished|finishing|finishes)\s+$/i.test(before);
      if (!market && !/\b(?:(?:earlier|later|early|late)\s+in|for|during)\s+$/i.test(before)) return null;
      return offset(ctx, (m[1] ?? '').toLowerCase() as OffsetUnit, 0, 3);
    },
  },
  {
    name: 'period-edge',
    anchor: { keys: ['end', 'start', 'beginning', 'middle', 'rest', 'remainder', 'close'], before: true },
    keys: ['end of', 'start of', 'beginning of', 'middle of', 'rest of', 'remainder of', 'close of'],
    // "by the end of the month", "the end of the decade": the edge of the current unit; the span keeps
    // "the end of", as TIMEX3 does.
    re: rx(
      `\\bthe\\s+(?:end|start|beginning|middle|rest|remainder|close)\\s+of\\s+the\\s+(day|week|month|year|quarter|decade|century)\\b(?!-|'s|\\s+(?:ago|earlier|before|after|\\d))`,
    ),
    build(m, ctx) {
      const unit = (m[1] ?? '').toLowerCase() as OffsetUnit;
      // "by the end of the day" is the document's day; "at the end of the day" is as often "in the end".
      if (unit === 'day' && !/\b(?:by|until|till|before)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 8), m.index)))
        return null;
      return offset(ctx, unit, 0, 4);
    },
  },
  {
    name: 'year-end',
    // (The lookbehind runs only where the key scan found "year".)
    anchor: { keys: ['year'] },
    keys: ['year-end', "year's end", 'year end'],
    // "by year-end", "by year's end", "around year end": the close of the current year.
    re: rx(`(?<=\\b(?:by|at|around|before|until|near|since|after)\\s+)year(?:-|\\s|'s\\s)end\\b`),
    build(_m, ctx) {
      return {
        type: 'DATE',
        value: ctx.ref ? `${pad(ctx.ref.y, 4)}-12` : 'XXXX-12',
        resolution: resolution(ctx),
        priority: 5,
      };
    },
  },
  {
    name: 'fiscal-year',
    anchor: { keys: ['fiscal', 'calendar', 'financial', 'model', 'tax', 'fy'], before: true },
    keys: ['fiscal', 'calendar', 'financial', 'model', 'tax', 'fy'],
    re: rx(
      `\\b(?:(?:fiscal|calendar|financial|model|tax)(?:\\s+year)?\\s+(${YEAR_DIGITS}|'\\d\\d)|FY\\s?(${YEAR_DIGITS}|\\d\\d)|the\\s+(${YEAR_DIGITS})\\s+(?:fiscal|financial|tax|calendar|model)\\s+year)\\b`,
    ),
    build(m) {
      const raw = m[1] ?? (m[2] && m[2].length === 2 ? `'${m[2]}` : m[2]) ?? m[3] ?? '';
      // Two-digit fiscal years ("FY99", "fiscal '98") are read in the century that keeps them nearest 2000.
      const short = Number(raw.slice(1));
      const year = raw.startsWith("'") ? (short >= 50 ? 1900 + short : 2000 + short) : Number(raw);
      return { type: 'DATE', value: pad(year, 4), resolution: 'explicit', priority: 7 };
    },
  },
  // ---- decades, centuries, years --------------------------------------------------------------------
  {
    name: 'decade',
    // "ties" is in "parties" and "authorities"; a decade itself names one of these.
    requires: [
      ['0s', "0's", 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'],
    ],
    keys: ['0s', "0's", 'ties'],
    // "the 1990s", "the mid-1950s", "the mid – 1950s" (translation damage), "the '80s", "the 1960s and '70s",
    // "the nineties".
    re: rx(
      `(?:\\b|(?<!\\w)(?='\\d0s))(?:the\\s+)?(?:(?:early|mid|late|last\\s+half\\s+of\\s+the|first\\s+half\\s+of\\s+the)\\s*[-\u2013\u2014]?\\s*)?(?:(1[6-9]\\d|20\\d)0'?s|'(\\d)0s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|([2-9])0's)\\b`,
    ),
    build(m, ctx) {
      // "the 60's" (a style of the 1990s press): only after "the" or another decade ("the 60's and 70's"), not a
      // reading of temperatures or
      // prices ("highs in the 80's", "in the low 90's").
      if (
        m[4] &&
        ((!/^the\s/i.test(m[0]) &&
          !/\d0'?s\s+(?:and|or|to|through)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 14), m.index))) ||
          /\b(?:low|high|mid|upper|lower)\s*-?\s*\d0's$/i.test(m[0]) ||
          /\b(?:temperatures?|degrees|highs?|lows?|readings?|price[sd]?|traded|trading|scores?)\b/i.test(
            ctx.text.slice(Math.max(0, m.index - 40), m.index),
          ))
      )
        return null;
      // "in their early twenties", "a man in his seventies": an age, not a decade of the calendar.
      if (
        !m[1] &&
        /\bin\s+(?:his|her|their|my|our|your|its)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 12), m.index))
      )
        return null;
      const words = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
      // "the '00s", "the '10s" are this century's once they have begun; other "'70s" the last century's.
      const short = Number(m[2]);
      const shortDecade = short <= 1 && ctx.ref && ctx.ref.y >= 2000 + short * 10 ? 200 + short : 190 + short;
      const decade = m[1]
        ? Number(m[1])
        : m[2]
          ? shortDecade
          : m[4]
            ? 190 + Number(m[4])
            : 192 + words.indexOf((m[3] ?? '').toLowerCase());
      // TempEval-3 TIMEX3 form: a decade is its first three digits ("199"), a century its first two ("19");
      // "199X" would mean one unknown year of the decade.
      return { type: 'DATE', value: `${decade}`, resolution: 'explicit', priority: 7 };
    },
  },
  {
    name: 'century',
    anchor: { keys: ['century'], before: true },
    keys: ['century'],
    re: rx(
      `\\b(?:the\\s+)?(?:(?:early|mid|late)[-\\s]*)?(\\d{1,2})(?:st|nd|rd|th)[-\\s]+century\\b|\\b(?:the\\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[-\\s]+century\\b`,
    ),
    build(m) {
      const ordinals = [
        'first',
        'second',
        'third',
        'fourth',
        'fifth',
        'sixth',
        'seventh',
        'eighth',
        'ninth',
        'tenth',
        'eleventh',
        'twelfth',
        'thirteenth',
        'fourteenth',
        'fifteenth',
        'sixteenth',
        'seventeenth',
        'eighteenth',
        'nineteenth',
        'twentieth',
        'twenty-first',
      ];
      const n = m[1] ? Number(m[1]) : ordinals.indexOf((m[2] ?? '').toLowerCase()) + 1;
      if (n < 1 || n > 21) return null;
      return { type: 'DATE', value: pad(n - 1, 2), resolution: 'explicit', priority: 7 };
    },
  },
  {
    name: 'holiday-season',
    anchor: { keys: [...HOLIDAY_KEYS, 'holiday'], before: true },
    keys: [...HOLIDAY_KEYS, 'holiday'],
    // A holiday's season is not the day: "the Christmas shopping season", "the Christmas and New Year
    // sales period" are the holiday's month (a timeline dates the sales there); "the holiday season",
    // with no holiday named, a DURATION of X days.
    re: rx(
      `\\b(?:the\\s+)?(?:${HOLIDAY_PATTERN}|holiday)(?:\\s+and\\s+(?:New\\s+Year(?:['’]s)?|${HOLIDAY_PATTERN}))?\\s+(?:(?:sales|shopping|trading|travel|retail|spending|buying|selling)\\s+)?(?:season|period|holidays|rush)\\b`,
      'g',
    ),
    build(m, ctx) {
      const name = HOLIDAY_IN.exec(m[0]);
      const holiday = name ? holidayOf(name[0]) : undefined;
      if (!holiday) return { type: 'DURATION', value: 'PXD', resolution: 'explicit', priority: 8 };
      return holidaySeason(holiday, ctx, m.index, m.index + m[0].length);
    },
  },
  {
    name: 'holiday',
    anchor: { keys: HOLIDAY_KEYS, before: true },
    keys: HOLIDAY_KEYS,
    // Named days: "Christmas", "New Year's Eve", "Thanksgiving", "Easter Sunday", "Labor Day 2023",
    // "last Christmas". Case matters: "Easter" is no "eastern", a "thanksgiving service" no holiday.
    re: rx(`\\b(?:(${DEIXIS})\\s+)?(${HOLIDAY_PATTERN})(?:,?\\s+(${YEAR_DIGITS}))?\\b(?!['’]s\\s+(?:Eve|Day))`, 'g'),
    build(m, ctx) {
      const holiday = holidayOf(m[2] ?? '');
      if (!holiday) return null;
      // "Christmas sales", "Thanksgiving travel": the holiday's season, as in "the Christmas season".
      if (
        !m[1] &&
        !m[3] &&
        HOLIDAY_TRADE_AFTER.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12))
      ) {
        return holidaySeason(holiday, ctx, m.index, m.index + m[0].length);
      }
      const named = m[3] ? yearOf(m[3]) : undefined;
      if (named !== undefined)
        return { type: 'DATE', value: formatYmd(holiday.on(named)), resolution: 'explicit', priority: 7 };
      if (!ctx.ref) {
        return holiday.fixed
          ? {
              type: 'DATE',
              value: monthDayValue(undefined, holiday.fixed.month, holiday.fixed.day),
              resolution: 'unresolved',
              relative: { kind: 'month-day', ...holiday.fixed },
              priority: 6,
            }
          : null;
      }
      const date = holidayNear(holiday, ctx.ref, deixisOf(m[1] ?? '') ?? '', ctx.text, m.index, m.index + m[0].length);
      return {
        type: 'DATE',
        value: formatYmd(date),
        resolution: 'relative',
        day: date,
        ...(holiday.fixed ? { relative: { kind: 'month-day' as const, ...holiday.fixed } } : {}),
        priority: 6,
      };
    },
  },
  {
    name: 'season',
    anchor: { keys: ['spring', 'summer', 'fall', 'autumn', 'winter'], before: true },
    keys: ['spring', 'summer', 'fall', 'autumn', 'winter'],
    re: rx(
      `\\b(?:(?:the\\s+)?(?:early|late|mid)[-\\s]*)?(?:(${DEIXIS}|the)\\s+)?(?:(?:early|late|mid)[-\\s]*)?(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?(${YEAR_DIGITS}|${SPOKEN_YEAR}))?\\b`,
    ),
    build(m, ctx) {
      const mod = deixisOf(m[1] ?? '') ?? (m[1] ?? '').toLowerCase();
      const season = SEASONS[(m[2] ?? '').toLowerCase()] ?? 'SU';
      const named = m[3] ? yearOf(m[3]) : undefined;
      if (named !== undefined)
        return { type: 'DATE', value: `${pad(named, 4)}-${season}`, resolution: 'explicit', priority: 7 };
      // Without a determiner "fall" and "spring" are mostly verbs or nouns of their own ("a fall in
      // prices"), unless a preposition of time introduces them ("by fall", "in spring"); "autumn" is
      // always the season. A capitalised season is a name ("Winter Olympics") unless a preposition
      // introduces it ("in Summer").
      const word = (m[2] ?? '').toLowerCase();
      if (
        !mod &&
        (word === 'fall' || word === 'spring') &&
        (!/\b(?:in|during|by|until|since|through)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 8), m.index)) ||
          /^\s+of\b/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 4)))
      )
        return null;
      if (
        !mod &&
        !/\b(?:in|during|by|until|since|through|over|before|after|all|early|late|mid)[-\s]+$/i.test(
          ctx.text.slice(Math.max(0, m.index - 8), m.index),
        )
      )
        return null;
      if (!ctx.ref) return { type: 'DATE', value: `XXXX-${season}`, resolution: 'unresolved', priority: 5 };
      const order = ['WI', 'SP', 'SU', 'FA'];
      const current = ctx.ref.m === 12 ? 4 : Math.floor(ctx.ref.m / 3); // 0 WI(Jan-Feb),1 SP,2 SU,3 FA,4 WI(Dec)
      const idx = order.indexOf(season);
      const currentIdx = current % 4;
      let year = ctx.ref.y + (current === 4 && season === 'WI' ? 1 : 0);
      // "last spring" is the previous year's; "this past spring" the most recent one.
      if (mod === 'last') year = ctx.ref.y - 1;
      else if (mod === 'this past') year = idx < currentIdx ? ctx.ref.y : ctx.ref.y - 1;
      else if (mod === 'next' || mod === 'this coming') year = idx > currentIdx ? ctx.ref.y : ctx.ref.y + 1;
      return { type: 'DATE', value: `${pad(year, 4)}-${season}`, resolution: 'relative', priority: 5 };
    },
  },
  {
    name: 'month',
    anchor: { keys: MONTH_KEYS, before: true },
    requires: [MONTH_KEYS],
    // Month names, with a year or a relative year; "May" and "March" only where they cannot be verbs.
    re: rx(
      `\\b(?:(?:early|mid|late|the\\s+(?:end|start|beginning|middle|first\\s+half|second\\s+half)\\s+of)[-\\s]+)?(?:(${DEIXIS})\\s+)?(${MONTH_NAME})(?!\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!,?\\s*\\d{3}))(?:,?\\s+(?:of\\s+)?(${YEAR_DIGITS}|${SPOKEN_YEAR}|(?:last|this|next)\\s+year)\\b)?`,
      'g',
    ),
    build(m, ctx) {
      const month = monthNumber(m[2] ?? '');
      if (!month) return null;
      const mod = deixisOf(m[1] ?? '') ?? '';
      const yearText = (m[3] ?? '').toLowerCase();
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      // "the end of March", "mid-May": a modifier inside the match already says it is the month.
      const modified = !m[0].startsWith(m[2] ?? '');
      if (
        (m[2] === 'May' || m[2] === 'March') &&
        !yearText &&
        !mod &&
        !modified &&
        !/\b(?:in|since|until|till|by|from|through|of|to|early|late|mid|and|or|between|before|after|during|last|this|next)[-\s]+$/i.test(
          before,
        ) &&
        // "January-March": the end of a range of months.
        !MONTH_DASH_BEFORE.test(before)
      ) {
        return null;
      }
      const namedYear = yearText && !/year$/.test(yearText) ? yearOf(yearText) : undefined;
      if (namedYear !== undefined)
        return { type: 'DATE', value: monthDayValue(namedYear, month, undefined), resolution: 'explicit', priority: 6 };
      if (!ctx.ref) {
        return {
          type: 'DATE',
          value: monthDayValue(undefined, month, undefined),
          resolution: 'unresolved',
          relative: { kind: 'month-day', month },
          priority: 6,
        };
      }
      let year: number;
      if (yearText) year = ctx.ref.y + (yearText.startsWith('last') ? -1 : yearText.startsWith('next') ? 1 : 0);
      else if (mod === 'last' || mod === 'this past') year = month < ctx.ref.m ? ctx.ref.y : ctx.ref.y - 1;
      else if (mod === 'next' || mod === 'this coming') year = month > ctx.ref.m ? ctx.ref.y : ctx.ref.y + 1;
      else if (mod === 'this') year = ctx.ref.y;
      else if (
        PERIOD_TO_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 24), m.index)) &&
        clauseTense(ctx.text, m.index, m.index + m[0].length, false) !== 'future'
      ) {
        // "revenue rose in the 12 months to June", "this year through August": a reported period has ended,
        // so its last month is this one or one before it.
        year = month <= ctx.ref.m ? ctx.ref.y : ctx.ref.y - 1;
      } else {
        // "The vote is in November": a present copula with the date as its predicate schedules it.
        const copula = copulaBefore(ctx.text, m.index);
        const tense = copula ? 'future' : clauseTense(ctx.text, m.index, m.index + m[0].length);
        const strong =
          copula || (tense === 'future' && clauseTense(ctx.text, m.index, m.index + m[0].length, false) === 'future');
        year = yearForMonthDay(month, undefined, ctx.ref, tense, strong);
      }
      return {
        type: 'DATE',
        value: monthDayValue(year, month, undefined),
        resolution: 'relative',
        relative: { kind: 'month-day', month },
        priority: 6,
      };
    },
  },
  {
    // "Aug 2012", "Sept 2019": an abbreviated month without its period is a month when a year follows
    // (alone, "Mar" or "Jan" is too often a name, so the month rule asks for the period).
    name: 'month-abbreviation-year',
    anchor: { keys: ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
    re: rx(`\\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\s+(${YEAR_DIGITS})\\b${NOT_A_YEAR_AFTER}`, 'g'),
    build(m) {
      const month = monthNumber(m[1] ?? '');
      if (!month) return null;
      return {
        type: 'DATE',
        value: monthDayValue(Number(m[2]), month, undefined),
        resolution: 'explicit',
        priority: 6,
      };
    },
  },
  {
    name: 'year',
    anchor: { keys: ['16', '17', '18', '19', '20'], before: true, keyStartsWord: true },
    // The word boundary goes before the lookbehind: both test one position, and the boundary fails
    // fast almost everywhere, where a leading lookbehind would run at every character.
    re: rx(
      `\\b${NOT_A_YEAR_BEFORE}(?:(?:early|mid|late|the\\s+(?:end|start|beginning|middle|rest|first\\s+half|second\\s+half)\\s+of)[-\\s]+)?(?:the\\s+year\\s+)?(${YEAR_DIGITS})\\b${NOT_A_YEAR_AFTER}`,
    ),
    build(m) {
      return { type: 'DATE', value: m[1] ?? '', resolution: 'explicit', priority: 3 };
    },
  },
  // "2025-2030", "1999–2000": a range of years is two expressions in TIMEX3, one per end (the year rule
  // leaves both alone, as a number next to a dash is usually no year).
  {
    name: 'year-range-start',
    anchor: { keys: ['16', '17', '18', '19', '20'], keyStartsWord: true },
    re: rx(`\\b${NOT_A_YEAR_BEFORE}(${YEAR_DIGITS})(?=\\s?[-\u2013]\\s?${YEAR_DIGITS}\\b${NOT_A_YEAR_AFTER})`),
    build(m, ctx) {
      const second = Number(/\d{4}/.exec(ctx.text.slice(m.index + 4, m.index + 12))?.[0]);
      return Number(m[1]) < second ? { type: 'DATE', value: m[1] ?? '', resolution: 'explicit', priority: 3 } : null;
    },
  },
  {
    name: 'year-range-end',
    anchor: { keys: ['16', '17', '18', '19', '20'], keyStartsWord: true },
    re: rx(
      `\\b(?<=(?<![$£€#\\d.,/-])(?:1[6-9]\\d\\d|20\\d\\d)\\s?[-\u2013]\\s?)(${YEAR_DIGITS})\\b${NOT_A_YEAR_AFTER}`,
    ),
    build(m, ctx) {
      const first = Number(/\d{4}/.exec(ctx.text.slice(Math.max(0, m.index - 7), m.index))?.[0]);
      return first < Number(m[1]) ? { type: 'DATE', value: m[1] ?? '', resolution: 'explicit', priority: 3 } : null;
    },
  },
  {
    // "the 1990-91 recession", "the 2013/14 season": the short end of a range is a year of its own, in
    // the first year's century (the year rule reads the first).
    name: 'year-range-short-end',
    anchor: { keys: ['16', '17', '18', '19', '20'], keyStartsWord: true },
    re: rx(`\\b${NOT_A_YEAR_BEFORE}(${YEAR_DIGITS})[-\u2013/](\\d\\d)\\b(?![-/.,]?\\d|\\s*(?:%|percent))`),
    build(m) {
      const first = Number(m[1]);
      const end = Math.floor(first / 100) * 100 + Number(m[2]);
      if (end <= first || end - first > 20) return null;
      return { type: 'DATE', value: String(end), resolution: 'explicit', priority: 3, lead: (m[1] ?? '').length + 1 };
    },
  },
  {
    // "14.03.2022": a dotted date is the European day-month-year (US copy writes slashes), read
    // month-first only when the first number cannot be a month's day order ("03.14.2022").
    name: 'dotted-date',
    anchor: { keys: ['16', '17', '18', '19', '20'], keyStartsWord: true, back: dottedDateStart },
    re: rx(`\\b(\\d{1,2})\\.(\\d{1,2})\\.(${YEAR_DIGITS})\\b(?![.,]?\\d)`),
    build(m, ctx) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const [day, month] = b <= 12 ? [a, b] : [b, a];
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[3]), month)) return null;
      // A version or section number ("version 2.1.2020", "v1.2.2019") is no date.
      if (/\b(?:version|release|v|section|no)\.?\s*$/i.test(ctx.text.slice(Math.max(0, m.index - 9), m.index)))
        return null;
      return { type: 'DATE', value: `${m[3]}-${pad(month)}-${pad(day)}`, resolution: 'explicit', priority: 6 };
    },
  },
  {
    name: 'spoken-year',
    anchor: { keys: ['nineteen', 'eighteen', 'thousand'], before: true },
    keys: ['nineteen', 'eighteen', 'thousand'],
    re: rx(
      `\\b(?:the\\s+year\\s+)?(?:nineteen|eighteen)\\s+(?:hundred|(?:oh\\s+)?(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\\b|\\bthe\\s+year\\s+two\\s+thousand(?:\\s+(?:and\\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?\\b`,
    ),
    build(m) {
      const year = spokenYear(m[0].replace(/^the\s+year\s+/i, ''));
      if (year === undefined) return null;
      return { type: 'DATE', value: String(year), resolution: 'explicit', priority: 4 };
    },
  },
  // ---- clock times chrono does not read -----------------------------------------------------------
  {
    name: 'military-time',
    // The zone follows four digits, perhaps after spaces: the match starts at the first of them.
    anchor: {
      keys: ['gmt', 'utc', 'z', 'est', 'edt', 'cet', 'cest', 'bst', 'local', 'hours', 'hrs'],
      back: clockBeforeZone,
    },
    keys: ['gmt', 'utc', 'est', 'edt', 'cet', 'bst', ' z', 'local', 'hours', 'hrs'],
    // "(1050 GMT)": wire copy gives a second clock in 24-hour form with a zone; "0600 local time", "at
    // 1400 hours" are military clocks too.
    re: rx(`\\b([01]\\d|2[0-3])([0-5]\\d)\\s*(?:GMT|UTC|Z|EST|EDT|CET|CEST|BST|local\\s+time|(hours|hrs))\\b`, 'g'),
    build(m, ctx) {
      // "1500 hours of community service" is an amount: "hours" makes a clock only after "at", "by", ...
      if (
        m[3] &&
        !/\b(?:at|by|until|till|from|before|after|since|to)\s+$/i.test(
          ctx.text.slice(Math.max(0, m.index - 7), m.index),
        )
      )
        return null;
      const hour = Number(m[1]);
      const minute = Number(m[2]);
      return clockOnTheDay(ctx, hour, minute, 6);
    },
  },
  {
    // "between 2 and 4 p.m.", "from 9 to 11:30 a.m.", "2-4 p.m.": the first clock of a range shares the
    // second's meridiem (chrono reads only the second); "11 to 2 p.m." starts in the morning.
    name: 'clock-range-start',
    anchor: { keys: ['am', 'pm', 'a.m', 'p.m'], back: meridiemRangeStart },
    re: rx(
      `\\b(?:(between|from)\\s+)?(\\d{1,2})(?::([0-5]\\d))?(?=(?:\\s+(?:and|to|until|till)\\s+|\\s?[-\u2013]\\s?)(\\d{1,2})(?::[0-5]\\d)?\\s*([ap])\\.?\\s?m\\b)`,
    ),
    build(m, ctx) {
      // Without "between" / "from" only a dash makes the range ("2-4 p.m."); "won 3 and 4 p.m." is no phrase.
      if (!m[1] && !/^\d{1,2}(?::\d\d)?\s?[-\u2013]/.test(ctx.text.slice(m.index, m.index + 8))) return null;
      const h1 = Number(m[2]);
      const h2 = Number(m[4]);
      if (h1 < 1 || h1 > 12 || h2 < 1 || h2 > 12) return null;
      const end = (m[5] ?? '').toLowerCase() === 'p' ? (h2 % 12) + 12 : h2 % 12;
      // The latest reading of the first hour before the second: "9 to 11 a.m." 09, "11 to 2 p.m." 11.
      const hour = (h1 % 12) + 12 < end ? (h1 % 12) + 12 : h1 % 12;
      const minute = m[3] ? Number(m[3]) : 0;
      return { ...clockOnTheDay(ctx, hour, minute, 5), lead: m[1] ? m[0].indexOf(m[2] ?? '') : 0 };
    },
  },
  {
    name: 'noon',
    anchor: { keys: ['noon', 'midnight', 'midday'] },
    keys: ['noon', 'midnight', 'midday'],
    // "noon", "midday", "midnight" (a "midday meal" is no time).
    re: rx(`\\b(noon|midday|midnight)\\b(?![-\\s]+(?:meal|meals|sun|heat)\\b)`),
    build(m, ctx) {
      const hour = (m[1] ?? '').toLowerCase() === 'midnight' ? 24 : 12;
      return clockOnTheDay(ctx, hour, 0, 3);
    },
  },
  // ---- vague spans: "recent weeks", "the coming months", "the weeks ahead" -----------------------------
  {
    name: 'vague-span',
    anchor: { keys: ['recent', 'coming', 'ahead'], before: true },
    keys: ['recent', 'coming', 'ahead'],
    // "recent months" is PAST_REF and "(the) coming weeks" FUTURE_REF: a vague stretch next to the
    // document date. "the days ahead" stays a DURATION with amount X (PXD), like "the past few years".
    re: rx(
      `\\b(?:(?:the\\s+)?(?:most\\s+)?recent|(?:the\\s+)?(?:upcoming|coming))\\s+(minutes|hours|days|weeks|months|years|decades)\\b|\\bthe\\s+(hours|days|weeks|months|years|decades)\\s+ahead\\b`,
    ),
    build(m) {
      const unit = unitOf(m[1] ?? m[2] ?? '');
      if (!unit) return null;
      // "recent years", "in coming weeks": a vague past or future, as TempEval-3's best system reads
      // them (both development files score the same either way, type F1 better as references).
      if (m[1] !== undefined) return reference(/recent/i.test(m[0]) ? 'PAST_REF' : 'FUTURE_REF', 4);
      return { type: 'DURATION', value: durationValue('X', unit), resolution: 'explicit', priority: 4 };
    },
  },
  {
    name: 'vague-sequence-span',
    anchor: { keys: ['hours', 'days', 'weeks', 'months', 'years', 'decades'], before: true },
    keys: ['first', 'last', 'final', 'next', 'past', 'remaining', 'early', 'initial', 'closing'],
    // "the first hours of the war", "the last months of his life", "the past years": a sequence word
    // with a plural unit and no number is a stretch of unknown length, DURATION with amount X (TimeML).
    re: rx(
      `\\bthe\\s+(?:(?:first|last|final|next|past|remaining|early|initial|closing)\\s+)(hours|days|weeks|months|years|decades)\\b(?!\\s+(?:ago|earlier|later)\\b|\\s+of\\s+(?:${WEEKDAY_NAME}|${MONTH_NAME}|(?:yesterday|today|tomorrow)\\b))`,
    ),
    build(m) {
      const unit = unitOf(m[1] ?? '');
      if (!unit) return null;
      return { type: 'DURATION', value: durationValue('X', unit), resolution: 'explicit', priority: 3 };
    },
  },
  {
    name: 'vague-duration',
    anchor: { keys: ['while', 'period', 'time', 'stretch'], before: true },
    keys: ['while', 'period', 'time', 'stretch'],
    // "for a while", "a fairly lengthy period", "for some time": a stretch whose length the text does
    // not give, DURATION PXX (TimeML writes the unknown unit as X too).
    re: rx(
      `\\b(?:quite\\s+)?a\\s+(?:(?:very|fairly|rather|relatively|quite)\\s+)?(?:(?:long|short|brief|lengthy|extended|considerable|protracted)\\s+)?while(?:\\s+ago)?\\b|\\ba\\s+(?:(?:very|fairly|rather|relatively|quite)\\s+)?(?:long|short|brief|lengthy|extended|considerable|protracted)\\s+(?:period|time|stretch)(?:\\s+of\\s+time)?(?:\\s+ago)?\\b|\\bsome\\s+time\\b`,
    ),
    build(m, ctx) {
      if (
        /^some/i.test(m[0]) &&
        !/\b(?:for|after|in|within|takes?|took|taken|taking)\s+$/i.test(
          ctx.text.slice(Math.max(0, m.index - 8), m.index),
        )
      )
        return null;
      // "a long time ago" is a past reference; "a while ago" likewise.
      if (/\sago$/i.test(m[0])) return reference('PAST_REF', 4);
      return { type: 'DURATION', value: 'PXX', resolution: 'explicit', priority: 3 };
    },
  },
  // ---- PRESENT_REF / PAST_REF / FUTURE_REF ------------------------------------------------------------
  {
    name: 'present-ref',
    anchor: { keys: ['now', 'current', 'these', 'present', 'moment', 'time'], before: true },
    keys: ['now', 'current', 'these days', 'present', 'moment'],
    re: rx(
      `\\b(?:now|currently|current|nowadays|these\\s+days|at\\s+present|presently|at\\s+the\\s+moment|this\\s+time)\\b(?!\\s+and\\s+then)`,
    ),
    build(m, ctx) {
      if (/^this\s+time$/i.test(m[0])) return null;
      // "Now, he says, ...": a sentence-initial "Now" set off by a comma is a discourse marker.
      if (
        m[0] === 'Now' &&
        ctx.text.charCodeAt(m.index + 3) === 44 /* , */ &&
        /(?:^|[.!?]["')]?\s+|\n\s*["(]?|\s["(])$/.test(ctx.text.slice(Math.max(0, m.index - 4), m.index))
      )
        return null;
      return reference('PRESENT_REF');
    },
  },
  {
    name: 'past-ref',
    anchor: { keys: ['recent', 'past', 'lately', 'current'], before: true },
    requires: [['recent', 'past', 'lately', 'current']],
    keys: ['recent', 'past', 'lately', 'then'],
    // "formerly an Apple executive" and "its most recent model" name a former role and the latest
    // item, not a time; "most recently" (an adverb) still is one.
    re: rx(
      `\\b(?:(?:more|most|until|till|as|only|very)\\s+)?recently\\b|(?<!\\bmost\\s)\\brecent(?:\\s+(?:times|history))?\\b(?!\\s+(?:days|weeks|months|years|decades)\\b)|\\bthe\\s+(?:recent\\s+|distant\\s+|not-so-distant\\s+)?past\\b(?!\\s+(?:${NUMBER}\\s+)?${UNIT_WORD}|\\s+(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|several|few|couple|dozen)\\s+[a-z])|\\blately\\b|\\bthen[-\\s]current\\b|(?<!\\bthe\\s)\\bpast\\s+(?:days|weeks|months|years|decades)\\b`,
    ),
    build() {
      return reference('PAST_REF');
    },
  },
  {
    name: 'future-ref',
    anchor: { keys: ['future', 'term', 'later', 'soon'], before: true },
    requires: [['future', 'term', 'later', 'soon']],
    keys: ['future', 'term', 'coming', 'ahead', 'later date', 'soon'],
    // "the long-term value" is an adjective, "the future of our peoples" a topic: neither is a time.
    re: rx(
      `\\b(?:the\\s+(?:near\\s+|distant\\s+|foreseeable\\s+|immediate\\s+|not-too-distant\\s+)?future(?!\\s+of\\b)|the\\s+(?:near|short|long|medium)[-\\s]term(?!\\s+[a-z]+(?:s|ing|ment|ness|ion|y|e)\\b(?<!\\b(?:is|was|as|and|or|but|the|this|that|it|we|they|he|she)))|a\\s+later\\s+date|as\\s+soon\\s+as\\s+possible|(?<!\\bas\\s)soon(?!\\s+(?:as|after|afterward|afterwards|thereafter)\\b))\\b`,
    ),
    build() {
      return reference('FUTURE_REF');
    },
  },
];

const keyIds = (words: readonly string[], positions = false): number[] => TEXT_KEYS.ids(words, positions);
const RULE_KEY_INDICES: readonly (readonly number[] | undefined)[] = newsRules.map((r) =>
  r.keys ? keyIds(r.keys) : undefined,
);
const RULE_REQUIRED_INDICES: readonly (readonly number[])[][] = newsRules.map((r) =>
  (r.requires ?? []).map((g) => keyIds(g)),
);
/** Per rule with an anchor, the ids of its anchor keys. */
const ANCHOR_IDS: readonly (readonly number[] | undefined)[] = newsRules.map((r) =>
  r.anchor ? keyIds(r.anchor.keys, true) : undefined,
);
const ANCHOR_BACK: readonly (((text: string, at: number) => number) | undefined)[] = newsRules.map((r) =>
  r.anchor ? anchorBack(r.anchor, r.re.source) : undefined,
);
/** The same patterns, matching only where they are asked to (for the anchored scan). */
const STICKY: readonly (RegExp | undefined)[] = newsRules.map((r) =>
  r.anchor ? new RegExp(r.re.source, `${r.re.flags.replace('g', '')}y`) : undefined,
);

function push(rule: Rule, m: RegExpExecArray, ctx: RuleContext, out: Candidate[]): void {
  // Every build returns a fresh object: it becomes the candidate (a copy per match cost more than the match).
  const built = rule.build(m, ctx);
  if (!built) return;
  if (built.lead !== undefined) {
    const { lead, ...rest } = built;
    out.push({ ...rest, start: m.index + lead, end: m.index + m[0].length });
    return;
  }
  const c = built as Candidate;
  c.start = m.index;
  c.end = m.index + m[0].length;
  out.push(c);
}

/** The whole-text scan: every match, left to right, each search starting where the last match ended. */
function scanAll(rule: Rule, ctx: RuleContext, out: Candidate[]): void {
  rule.re.lastIndex = 0;
  for (let m = rule.re.exec(ctx.text); m; m = rule.re.exec(ctx.text)) {
    if (m[0].length === 0) {
      rule.re.lastIndex++;
      continue;
    }
    push(rule, m, ctx, out);
  }
}

/**
 * The same matches as `scanAll`, trying only the positions from which a match can reach an anchor key.
 */
function scanAnchored(r: number, ctx: RuleContext, starts: TextScan['starts'], out: Candidate[]): void {
  const rule = newsRules[r]!;
  const back = ANCHOR_BACK[r]!;
  const sticky = STICKY[r]!;
  const text = ctx.text;
  // Candidate regions [from, to], by start: an insertion sort, as they come nearly in order (one key
  // list after the other), with a full sort if that turns out to be far from true.
  let regions: number[] = [];
  let shifts = 0;
  for (const id of ANCHOR_IDS[r]!) {
    const list = starts[id];
    if (!list) continue;
    for (let h = 0; h < list.length; h++) {
      const at = list[h]!;
      const from = back(text, at);
      if (from < 0) continue;
      let i = regions.length;
      regions.push(from, at);
      if (shifts > 256) continue;
      while (i > 0 && regions[i - 2]! > from) {
        regions[i] = regions[i - 2]!;
        regions[i + 1] = regions[i - 1]!;
        i -= 2;
        shifts++;
      }
      regions[i] = from;
      regions[i + 1] = at;
    }
  }
  if (shifts > 256) {
    const order = Array.from({ length: regions.length / 2 }, (_, i) => i);
    order.sort((a, b) => regions[2 * a]! - regions[2 * b]!);
    regions = order.flatMap((i) => [regions[2 * i]!, regions[2 * i + 1]!]);
  }
  // Every position before `cursor` has been tried or lies inside a match already taken.
  let cursor = 0;
  for (let i = 0; i < regions.length; i += 2) {
    const to = regions[i + 1]!;
    for (let p = Math.max(regions[i]!, cursor); p <= to; p++) {
      if (!isWordStart(text, p)) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(text);
      if (!m || m[0].length === 0) continue;
      push(rule, m, ctx, out);
      p = m.index + m[0].length - 1;
      cursor = p + 1;
    }
    if (cursor <= to) cursor = to + 1;
  }
}

/**
 * Runs every rule over the text. Overlaps are left to the merge step. `scan` is the text's key scan
 * (`TEXT_KEYS`); `wholeText` scans every rule over the whole text, which the anchored scan must agree
 * with (for tests).
 */
export function applyRules(
  ctx: RuleContext,
  scan: TextScan = TEXT_KEYS.scan(ctx.text),
  wholeText = false,
): Candidate[] {
  const out: Candidate[] = [];
  const { present, starts } = scan;
  const anchored = scan.anchored && !wholeText;
  for (let r = 0; r < newsRules.length; r++) {
    const rule = newsRules[r]!;
    const keys = RULE_KEY_INDICES[r];
    if (keys && !keys.some((k) => present[k] === 1)) continue;
    if (!RULE_REQUIRED_INDICES[r]!.every((group) => group.some((k) => present[k] === 1))) continue;
    if (anchored && rule.anchor) scanAnchored(r, ctx, starts, out);
    else scanAll(rule, ctx, out);
  }
  return out;
}
