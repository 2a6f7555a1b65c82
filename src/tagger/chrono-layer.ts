// chrono-node reads what it is good at: calendar dates with month names ("Feb. 24", "Aug. 2, 1990",
// "24 February 2022"), ISO and slash dates, clock times ("11:50 a.m.", "5 p.m. EST"). Relative words,
// weekdays and "ago" phrases are left to our rules, because chrono resolves them without tense
// (it reads "Sunday" as the coming Sunday) and cannot say PAST_REF or P2W.

import * as chrono from 'chrono-node';
import { diffDays, formatYmd, pad, type Ymd } from '../calendar/index.js';
import type { Candidate, RuleContext } from './candidate.js';
import { monthDayValue, yearForMonthDay } from './normalize.js';
import { isSpaceCode } from '../text/tokens.js';
import { clauseTense, copulaBefore } from './tense.js';
import { TEXT_KEYS, type TextScan } from './text-keys.js';

const DROPPED_PARSERS = new Set([
  'ENWeekdayParser',
  'ENTimeUnitAgoFormatParser',
  'ENTimeUnitLaterFormatParser',
  'ENTimeUnitWithinFormatParser',
]);

// A real clock reading: "11:50", "10 p.m.", "5pm", "noon". "$1.35 a share" and "at 1" are not.
const CLOCK_TEXT = /\d:\d\d|\d\s*(?:[ap]\.m\.|[ap]m\b)|noon|midnight|o'clock/i;

/** Drops chrono readings that news text rarely means: fractions ("12 3/4", "1/2") read as dates. */
const newsRefiner: chrono.Refiner = {
  refine: (_context, results) => results.filter((r) => !(r.text.includes('/') && !/\d{4}/.test(r.text))),
};

const newsChrono: chrono.Chrono = (() => {
  const instance = chrono.strict.clone();
  instance.parsers = instance.parsers.filter((p) => !DROPPED_PARSERS.has(p.constructor.name));
  instance.refiners.push(newsRefiner);
  return instance;
})();

/** A fixed instant when there is no reference date: only the components chrono is certain of are used. */
const NEUTRAL_REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

// Everything chrono is asked to read contains one of these; it only sees the text around them,
// which keeps the tagger's cost near a single plain chrono pass.
// (The month names as a trie and the digit alternatives under one \d: the same matches, found faster.)
const CHRONO_TRIGGER =
  /(?:J(?:an|u[nl])|Feb|Ma[ry]|A(?:pr|ug)|Sep|Oct|Nov|Dec)[a-z]*\b|\d(?::\d\d|\s*[ap]\.?m\b|\d{3}-\d\d-\d\d)|\d{1,2}\/\d{1,2}\/\d{2,4}|noon|midnight/gi;
const TRIGGER_AT = new RegExp(CHRONO_TRIGGER.source, 'iy');
const WINDOW_BEFORE = 40;
const WINDOW_AFTER = 60;

// Where a trigger can start, found by the shared key scan (`text-keys.ts`) instead of a pass of the
// pattern over the whole text: at a month prefix, "noon" or "midnight" itself; a digit before ":",
// before "am"/"pm" (and any spaces), four places before the first "-" of an ISO date, one or two
// places before the first "/" of a slash date.
const AT_KEY = TEXT_KEYS.ids(
  ['jan', 'jun', 'jul', 'feb', 'mar', 'may', 'apr', 'aug', 'sep', 'oct', 'nov', 'dec', 'noon', 'midnight'],
  true,
);
const COLON = TEXT_KEYS.ids([':'], true);
const MERIDIEM = TEXT_KEYS.ids(['am', 'pm', 'a.m', 'p.m'], true);
const DASH = TEXT_KEYS.ids(['-'], true);
const SLASH = TEXT_KEYS.ids(['/'], true);

const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Positions, in order, where a trigger may start. */
function triggerStarts(text: string, starts: TextScan['starts']): number[] {
  const out: number[] = [];
  const add = (ids: readonly number[], shift: (at: number) => void): void => {
    for (const id of ids) for (const at of starts[id] ?? []) shift(at);
  };
  add(AT_KEY, (at) => out.push(at));
  // Derived starts must hold a digit: a letter there starts a month name, which is a key of its own.
  const digit = (i: number): void => {
    if (i >= 0 && isDigitAt(text, i)) out.push(i);
  };
  add(COLON, (at) => digit(at - 1));
  add(MERIDIEM, (at) => {
    let i = at - 1;
    while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
    digit(i);
  });
  add(DASH, (at) => digit(at - 4));
  add(SLASH, (at) => {
    digit(at - 1);
    digit(at - 2);
  });
  return out.sort((a, b) => a - b);
}

/** The trigger matches, left to right, as a global scan of CHRONO_TRIGGER finds them. */
export function chronoTriggers(text: string, scan: TextScan, visit: (index: number, length: number) => void): void {
  if (!scan.anchored) {
    CHRONO_TRIGGER.lastIndex = 0;
    for (let m = CHRONO_TRIGGER.exec(text); m; m = CHRONO_TRIGGER.exec(text)) visit(m.index, m[0].length);
    return;
  }
  let cursor = 0;
  for (const p of triggerStarts(text, scan.starts)) {
    if (p < cursor) continue;
    TRIGGER_AT.lastIndex = p;
    const m = TRIGGER_AT.exec(text);
    if (!m) continue;
    visit(p, m[0].length);
    cursor = p + m[0].length;
  }
}

export function chronoWindows(text: string, scan: TextScan): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  chronoTriggers(text, scan, (index, length) => {
    let from = Math.max(0, index - WINDOW_BEFORE);
    let to = Math.min(text.length, index + length + WINDOW_AFTER);
    // Cut at whitespace so no word is split.
    while (from > 0 && !/\s/.test(text[from - 1] ?? '')) from--;
    while (to < text.length && !/\s/.test(text[to] ?? '')) to++;
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  });
  return windows;
}

export function chronoCandidates(ctx: RuleContext, scan: TextScan = TEXT_KEYS.scan(ctx.text)): Candidate[] {
  const refDate = ctx.ref ? new Date(Date.UTC(ctx.ref.y, ctx.ref.m - 1, ctx.ref.d, 12)) : NEUTRAL_REFERENCE;
  const out: Candidate[] = [];
  for (const [from, to] of chronoWindows(ctx.text, scan)) {
    // "May 30-June 2": chrono reads "30-June" as a day-month; an en dash (same length, so the offsets hold)
    // makes it the range it is.
    let window = ctx.text.slice(from, to);
    if (window.includes('-')) window = window.replace(DAY_DASH_MONTH, '\u2013');
    for (const r of newsChrono.parse(window, { instant: refDate, timezone: 0 })) {
      const range = r.end ? RANGE_SPLIT.exec(r.text) : null;
      if (r.end && range) {
        // "from Aug. 26 to Oct. 20" is two expressions in TIMEX3, one per end point.
        const head = range[1] ?? '';
        const headLead = LEADING_PREPOSITION.exec(head)?.[0].length ?? 0;
        convert(ctx, r.start, r.index + from + headLead, head.slice(headLead), out);
        convert(ctx, r.end, r.index + from + r.text.length - (range[3] ?? '').length, range[3] ?? '', out);
      } else {
        // TIMEX3 leaves the preposition out: "at 10:50 a.m." is tagged "10:50 a.m.".
        const lead = LEADING_PREPOSITION.exec(r.text)?.[0].length ?? 0;
        // "Monday, March 14" is one date: the weekday only confirms the day.
        const weekday =
          WEEKDAY_BEFORE.exec(ctx.text.slice(Math.max(0, from + r.index - 12), from + r.index))?.[0].length ?? 0;
        const text =
          weekday && lead === 0
            ? ctx.text.slice(from + r.index - weekday, from + r.index) + r.text
            : r.text.slice(lead);
        convert(ctx, r.start, r.index + from + (weekday && lead === 0 ? -weekday : lead), text, out);
      }
    }
  }
  return out;
}

const DAY_DASH_MONTH = /(?<=\d)-(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)/g;

// TIMEX3 leaves prepositions out of the span, also those that open a range ("from 9 a.m. to 5 p.m.").
const LEADING_PREPOSITION = /^(?:at|on|by|from|between|since|until|till)\s+/i;
// Abbreviated ("Thurs., May 16") only with its period and comma: "The Sun" is a newspaper. Not across a line
// break: a headline ending in a weekday stands above the dateline ("... on Tuesday\nMay 14, 2024").
const WEEKDAY_BEFORE =
  /\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?|(?:Mon|Tues?|Wed|Thu|Thurs?|Fri|Sat|Sun)\.,)[^\S\n]+$/;
const RANGE_SPLIT = /^(.*?\d.*?)(\s*(?:-|\u2013|\u2014|to|through|until|till|and)\s*)(\S.*)$/i;

function convert(ctx: RuleContext, c: chrono.ParsedComponents, start: number, raw: string, out: Candidate[]): void {
  // chrono keeps the space before a parenthesis in its text ("NEW YORK, March 5 (Reuters)").
  const text = raw.trimEnd();
  const hasDay = c.isCertain('day') && c.isCertain('month');
  const hasMonth = c.isCertain('month');
  const hasYear = c.isCertain('year');
  let hasClock = c.isCertain('hour');
  let end = start + text.length;
  if (hasClock && !CLOCK_TEXT.test(text)) {
    if (!hasMonth) return;
    // "Jan. 1, 1990 at 1": keep the date, drop the stray number chrono read as an hour.
    hasClock = false;
    end = start + text.replace(/[\s,]*(?:at|by|@)?\s*\d{1,2}(?:\.\d+)?\s*$/i, '').length;
  }
  let dateValue: string | undefined;
  let day: Ymd | undefined;
  let resolution: Candidate['resolution'] = 'explicit';
  let relative: Candidate['relative'];
  if (hasMonth) {
    const month = c.get('month') ?? 1;
    const dom = hasDay ? (c.get('day') ?? 1) : undefined;
    let year: number | undefined = hasYear ? (c.get('year') ?? undefined) : undefined;
    if (year === undefined) {
      relative = dom === undefined ? { kind: 'month-day', month } : { kind: 'month-day', month, day: dom };
      if (ctx.ref) {
        // "the quarter ended Sept. 30": a period that has ended lies before the document date.
        const ended = /\bended\s+$/i.test(ctx.text.slice(Math.max(0, start - 8), start));
        // "The hearing is Nov. 5": a present copula with the date as its predicate schedules it.
        const copula = !ended && copulaBefore(ctx.text, start);
        const tense = ended ? 'past' : copula ? 'future' : clauseTense(ctx.text, start, end);
        const strong = copula || (tense === 'future' && clauseTense(ctx.text, start, end, false) === 'future');
        year = yearForMonthDay(month, dom, ctx.ref, tense, strong);
        if (ended && dom !== undefined && diffDays({ y: year, m: month, d: dom }, ctx.ref) > 0) year -= 1;
        resolution = 'relative';
      } else {
        resolution = 'unresolved';
      }
    }
    dateValue = monthDayValue(year, month, dom);
    if (year !== undefined && dom !== undefined) day = { y: year, m: month, d: dom };
  }
  if (hasClock) {
    const hour = c.get('hour') ?? 0;
    const minute = c.isCertain('minute') ? (c.get('minute') ?? 0) : undefined;
    const base = dateValue && hasDay ? dateValue : ctx.ref ? formatYmd(ctx.ref) : 'XXXX-XX-XX';
    if (!hasDay) resolution = ctx.ref ? 'relative' : 'unresolved';
    out.push({
      start,
      end,
      type: 'TIME',
      value: `${base}T${pad(hour)}:${pad(minute ?? 0)}`,
      resolution,
      ...(relative ? { relative } : {}),
      ...(hasDay ? {} : { clock: { hour, minute } }),
      priority: 5,
    });
    return;
  }
  if (!dateValue) return;
  out.push({
    start,
    end,
    type: 'DATE',
    value: dateValue,
    resolution,
    ...(relative ? { relative } : {}),
    ...(hasDay ? { day: day ?? 'unresolved' } : {}),
    priority: 6,
  });
}
