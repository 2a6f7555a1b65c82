// Overlap resolution and the two refinements that need the whole set: a clock time joins the day
// next to it ("10 p.m. Wednesday"), and anaphoric periods take their value from the nearest
// antecedent ("the third quarter … a year earlier" is the third quarter of the year before).

import { addDays, addMonths, daysInMonth, diffDays, formatYmd, formatWeek, pad, type Ymd } from '../calendar/index.js';
import type { Candidate } from './candidate.js';

/** The longest reading wins; on equal spans the more specific rule (priority) does. */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
  );
  // One flag per character marks what kept spans cover: a candidate is checked and marked in the
  // length of its own span, so the whole pass is linear in the text. (Keeping the spans in a sorted
  // array and inserting with splice was quadratic in the number of tags: 8 s on a 6 MB text.)
  let textEnd = 0;
  for (const c of candidates) textEnd = Math.max(textEnd, c.end);
  const covered = new Uint8Array(textEnd);
  const kept: Candidate[] = [];
  for (const c of ranked) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (covered[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// "from Monday to Wednesday", "between Tuesday and Thursday", "Monday through Friday".
const WEEKDAY_RANGE_GLUE = /^\s*(?:to|through|thru|until|till|and|-|\u2013)\s*$/i;
const RANGE_OPENER = /\b(?:from|between)\s+$/i;
const MONTH_RANGE_GLUE = /^\s*(?:-|\u2013|to|through|thru|until|till)\s*$/i;

/**
 * The second weekday (or month) of a range lies in the days after the first, which each one read alone can miss
 * ("talks were held from Monday to Wednesday" on a Tuesday: last Monday and the Wednesday after it, not
 * the Wednesday before). A reported range ending after the document date is last week's.
 */
export function joinWeekdayRange(text: string, ref: Ymd | undefined, sorted: Candidate[]): Candidate[] {
  if (!ref) return sorted;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    const ra = a.relative;
    const rb = b.relative;
    if (ra?.kind === 'month-day' && rb?.kind === 'month-day' && a.type === 'DATE' && b.type === 'DATE') {
      // "February–May", "Dec. 28-Jan. 3": the end is the first such date on or after the start.
      const year = Number(a.value.slice(0, 4));
      const glue = text.slice(a.end, b.start);
      if (!Number.isInteger(year) || !MONTH_RANGE_GLUE.test(glue)) continue;
      const after = rb.month > ra.month || (rb.month === ra.month && (rb.day ?? 0) >= (ra.day ?? 0));
      const y = after ? year : year + 1;
      const value = `${pad(y, 4)}-${pad(rb.month)}${rb.day === undefined ? '' : `-${pad(rb.day)}`}`;
      sorted[i + 1] = rb.day === undefined ? { ...b, value } : { ...b, value, day: { y, m: rb.month, d: rb.day } };
      i++;
      continue;
    }
    if (ra?.kind !== 'weekday' || rb?.kind !== 'weekday' || a.type !== 'DATE' || b.type !== 'DATE') continue;
    if (typeof a.day !== 'object' || !WEEKDAY_RANGE_GLUE.test(text.slice(a.end, b.start))) continue;
    const glue = text.slice(a.end, b.start).trim().toLowerCase();
    if ((glue === 'and' || glue === 'to') && !RANGE_OPENER.test(text.slice(Math.max(0, a.start - 9), a.start)))
      continue;
    let first = a.day;
    let second = addDays(first, (rb.weekday - ra.weekday + 7) % 7 || 7);
    if (ra.direction === 'past' && diffDays(second, ref) > 0) {
      first = addDays(first, -7);
      second = addDays(second, -7);
    }
    sorted[i] = { ...a, value: formatYmd(first), day: first };
    sorted[i + 1] = { ...b, value: formatYmd(second), day: second };
    i++;
  }
  return sorted;
}

// Between a clock time and its day: nothing, a comma, "on", or a zone label already outside the spans.
const CLOCK_DAY_GLUE = /^(?:\s*,?\s*(?:on\s+)?)$/i;
const DAY_CLOCK_GLUE = /^(?:\s*,?\s*(?:at\s+)?)$/i;
// "6 a.m. local time on Sunday", "noon GMT on Friday": two expressions, the clock on that day.
const CLOCK_ZONE_DAY_GLUE = /^\s+(?:local\s+time|[Ll]ocal|[A-Z]{2,4}(?:\s+time)?)\s*,?\s+on\s+$/;

const DAY_PART_VALUE = /^(\d{4}-\d\d-\d\d|XXXX-(?:XX-XX|WXX-\d))T(MO|AF|EV|NI)$/;

export function joinClockAndDay(text: string, sorted: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    if (a && b) {
      const glue = text.slice(a.end, b.start);
      const clockFirst = a.clock && b.day && CLOCK_DAY_GLUE.test(glue);
      const dayFirst = a.day && b.clock && DAY_CLOCK_GLUE.test(glue);
      if (clockFirst || dayFirst) {
        const clock = (clockFirst ? a.clock : b.clock)!;
        const day = clockFirst ? b : a;
        const dayValue = day.value.slice(0, 10);
        const time = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute ?? 0).padStart(2, '0')}`;
        const { day: _day, clock: _clock, ...rest } = day;
        out.push({ ...rest, start: a.start, end: b.end, type: 'TIME', value: `${dayValue}T${time}` });
        i++;
        continue;
      }
    }
    // "10:30 Saturday night", "7 Sunday morning": a clock before a day's part is on that day, and in the
    // part's half of the day when the clock says no a.m. / p.m.
    const part = b && b.type === 'TIME' ? DAY_PART_VALUE.exec(b.value) : null;
    if (a?.clock && b && part && CLOCK_DAY_GLUE.test(text.slice(a.end, b.start))) {
      const code = part[2] ?? '';
      const said = /[ap]\.?\s?m\b|noon|midnight/i.test(text.slice(a.start, a.end));
      const hour = !said && a.clock.hour < 12 && code !== 'MO' ? a.clock.hour + 12 : a.clock.hour;
      const time = `${String(hour).padStart(2, '0')}:${String(a.clock.minute ?? 0).padStart(2, '0')}`;
      const { clock: _clock, ...rest } = b;
      out.push({ ...rest, start: a.start, end: b.end, type: 'TIME', value: `${part[1] ?? ''}T${time}` });
      i++;
      continue;
    }
    if (
      a?.clock &&
      b?.day &&
      /^\d{4}-\d\d-\d\d/.test(b.value) &&
      /T/.test(a.value) &&
      CLOCK_ZONE_DAY_GLUE.test(text.slice(a.end, b.start))
    ) {
      const { clock: _clock, ...clockRest } = a;
      out.push({ ...clockRest, value: `${b.value.slice(0, 10)}${a.value.slice(a.value.indexOf('T'))}` });
      continue;
    }
    if (a) out.push(a);
  }
  return out;
}

// "the morning of May 3", "on the night of Oct. 7": a part of the day before its date.
const PART_OF_DATE = /\b(?:the\s+)?(morning|afternoon|evening|night)\s+of\s+$/i;
const PART_CODE: Readonly<Record<string, string>> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };

/** A day named with "the <part of day> of" before it is that part of that day, a TIME. */
export function joinPartOfDay(text: string, sorted: Candidate[]): Candidate[] {
  let previousEnd = 0;
  return sorted.map((c) => {
    const start = previousEnd;
    previousEnd = c.end;
    if (c.type !== 'DATE' || !c.day || !/^(?:\d{4}|XXXX)-\d\d-\d\d$/.test(c.value)) return c;
    const before = text.slice(Math.max(start, c.start - 24), c.start);
    const m = PART_OF_DATE.exec(before);
    const code = m ? PART_CODE[(m[1] ?? '').toLowerCase()] : undefined;
    if (!m || !code) return c;
    const { day: _day, ...rest } = c;
    return { ...rest, start: c.start - before.length + m.index, type: 'TIME', value: `${c.value}T${code}` };
  });
}

// TimeML keeps an approximation in the span of the point it qualifies (mod="APPROX"): "around 7:15
// p.m.", "around Nov. 1", "sometime next year". "about" is as often the preposition ("worried about
// the future"), so it only counts before a number or a clock word ("about 7 p.m.", "about noon").
const APPROXIMATORS = new Set(['around', 'approximately', 'roughly', 'circa', 'sometime']);
const CLOCK_OR_NUMBER = /^(?:\d|noon\b|midnight\b)/i;

/** The start of the word that ends right before `at` (across spaces), or -1 when none does after `floor`. */
function wordBefore(text: string, at: number, floor: number): number {
  let end = at;
  while (
    end > floor &&
    (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 9)
  )
    end--;
  if (end === at) return -1;
  let start = end;
  while (start > floor && end - start < 14) {
    const code = text.charCodeAt(start - 1) | 32;
    if (code < 97 || code > 122) break;
    start--;
  }
  return start < end && (start === 0 || !/[A-Za-z]/.test(text.charAt(start - 1))) ? start : -1;
}

/** Extends a date or time over the approximation word in front of it; the value stays. */
export function joinApproximation(text: string, sorted: Candidate[]): Candidate[] {
  let previousEnd = 0;
  return sorted.map((c) => {
    const start = previousEnd;
    previousEnd = c.end;
    if ((c.type !== 'DATE' && c.type !== 'TIME') || !/^(?:\d|XXXX)/.test(c.value)) return c;
    const at = wordBefore(text, c.start, start);
    if (at < 0) return c;
    const word = text.slice(at, text.slice(at, c.start).search(/\s/) + at).toLowerCase();
    if (!APPROXIMATORS.has(word) && !(word === 'about' && CLOCK_OR_NUMBER.test(text.slice(c.start, c.start + 9))))
      return c;
    return { ...c, start: at };
  });
}

// A modifier that picks a part of any period, composed with whatever date follows it: "the end of
// the third quarter", "the rest of March", "the latter part of next year", "the first week of 2025", "the start of Ramadan's last
// week". One rule for every base instead of an edge alternation in each base's pattern.
const EDGE_OF =
  /\b(?:the\s+)?(?:very\s+)?(?:(?:end|beginning|start|middle|rest|remainder|close|turn|(?:early|earlier|later|latter)\s+part)\s+of|(?:first|last|final|second|third|fourth)\s+(?:week|weeks|few\s+days|days|months)\s+of|(?:early|small|wee)\s+hours\s+of|(first|last|final)\s+day\s+of)\s+$/i;
const MONTH_OR_YEAR = /^(\d{4})(?:-(\d\d))?$/;

/** "the first day of April" is April 1, "the last day of 2012" December 31: the day itself. */
function edgeDay(edge: string, value: string): string | undefined {
  const m = MONTH_OR_YEAR.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const first = edge.toLowerCase() === 'first';
  const month = m[2] ? Number(m[2]) : first ? 1 : 12;
  const day = first ? 1 : daysInMonth(y, month);
  return `${m[1]}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Extends a date over the part-of-period modifier in front of it; the value stays the period's. */
export function joinEdgeModifier(text: string, sorted: Candidate[]): Candidate[] {
  let previousEnd = 0;
  return sorted.map((c) => {
    const start = previousEnd;
    previousEnd = c.end;
    if (c.type !== 'DATE' || !/^(?:\d|XXXX)/.test(c.value)) return c;
    const before = text.slice(Math.max(start, c.start - 40), c.start);
    const m = EDGE_OF.exec(before);
    if (!m) return c;
    const joined = c.start - before.length + m.index;
    if (m[1]) {
      const day = edgeDay(m[1], c.value);
      return day ? { ...c, start: joined, value: day } : c;
    }
    return { ...c, start: joined };
  });
}

const QUARTER = /^(\d{4})-(Q\d|H\d)$/;
const YEAR = /^(\d{4})$/;
// An antecedent is picked up within the last few paragraphs: an earnings story keeps its reported
// quarter that long ("crude prices higher than a year ago" three paragraphs after "third-quarter
// profit"), as a story keeps the year it named ("the following year").
const QUARTER_WINDOW = 1500;
const YEAR_WINDOW = 1500;
const MAX_WINDOW = Math.max(QUARTER_WINDOW, YEAR_WINDOW);

const DAY_VALUE = /^(\d{4})-(\d\d)-(\d\d)/;
const MONTH_VALUE = /^\d{4}-\d\d(?!-W)/;

/**
 * "the next day", "later that day", "the previous week", "that month": counted from the last day
 * (or month) the story named within the window; with none, the value counted from the document
 * date stays.
 */
function storyDay(c: Candidate, antecedents: readonly Candidate[]): Candidate {
  const { anaphor: _anaphor, storyShift, ...rest } = c;
  if (!storyShift) return rest;
  const wanted = storyShift.unit === 'month' ? MONTH_VALUE : DAY_VALUE;
  let named: Candidate | undefined;
  for (let j = antecedents.length - 1; j >= 0 && c.start - antecedents[j]!.end <= YEAR_WINDOW; j--) {
    if (wanted.test(antecedents[j]!.value)) {
      named = antecedents[j];
      break;
    }
  }
  if (!named) return rest;
  const years = storyShift.years ?? 0;
  if (storyShift.unit === 'month')
    return {
      ...rest,
      value: `${String(Number(named.value.slice(0, 4)) + years).padStart(4, '0')}${named.value.slice(4, 7)}`,
    };
  const d = DAY_VALUE.exec(named.value)!;
  const from = addMonths({ y: Number(d[1]), m: Number(d[2]), d: Number(d[3]) }, 12 * years);
  const day = addDays(from, storyShift.unit === 'week' ? 7 * storyShift.amount : storyShift.amount);
  if (storyShift.unit === 'week') return { ...rest, value: formatWeek(day) };
  return { ...rest, value: `${formatYmd(day)}${rest.value.slice(10)}`, ...(rest.type === 'DATE' ? { day } : {}) };
}

/**
 * Only expressions that name their period themselves are antecedents: chaining through resolved
 * anaphors would shift "a year earlier … a year ago" by two years.
 */
export function resolveAnaphora(sorted: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const antecedents: Candidate[] = [];
  for (const c of sorted) {
    if (!c.anaphor) {
      out.push(c);
      // Month-counted stretches ("the nine months") are antecedents too: after them "a year earlier"
      // means the same months a year before, which TIMEX3 writes as the year.
      if (
        (c.type === 'DATE' && /^\d{4}/.test(c.value)) ||
        (c.type === 'TIME' && DAY_VALUE.test(c.value)) ||
        (c.type === 'DURATION' && /^P\d+M$/.test(c.value))
      )
        antecedents.push(c);
      continue;
    }
    if (c.anaphor === 'story-day') {
      out.push(storyDay(c, antecedents));
      continue;
    }
    if (c.anaphor === 'month-before' || c.anaphor === 'month-after') {
      // "The following month": the month after the last month the story named.
      const step = c.anaphor === 'month-after' ? 1 : -1;
      let prev: Candidate | undefined;
      for (let j = antecedents.length - 1; j >= 0 && c.start - antecedents[j]!.end <= YEAR_WINDOW; j--) {
        if (/^\d{4}-\d\d(?:-\d\d)?$/.test(antecedents[j]!.value)) {
          prev = antecedents[j];
          break;
        }
      }
      const { anaphor: _a, ...rest } = c;
      if (!prev) {
        out.push(rest);
        continue;
      }
      const index = Number(prev.value.slice(0, 4)) * 12 + Number(prev.value.slice(5, 7)) - 1 + step;
      out.push({
        ...rest,
        value: `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`,
      });
      continue;
    }
    const yearEarlier = c.anaphor === 'quarter-year-before' || c.anaphor === 'period-year-before';
    const wantsQuarter = QUARTER.test(c.value) || yearEarlier;
    const shift = c.anaphor === 'year-before' || yearEarlier ? -1 : c.anaphor === 'year-after' ? 1 : 0;
    let resolved: string | undefined;
    let stretch: Candidate | undefined;
    for (let j = antecedents.length - 1; j >= 0; j--) {
      const prev = antecedents[j]!;
      const distance = c.start - prev.end;
      // Antecedents come in text order: past both windows, none further back can serve.
      if (distance > MAX_WINDOW) break;
      if (prev.type === 'DURATION') {
        // "the nine months ... the year-earlier period": the same stretch, a year before.
        if (distance <= QUARTER_WINDOW && yearEarlier) {
          stretch = prev;
          break;
        }
        continue;
      }
      const q = QUARTER.exec(prev.value);
      if (q) {
        if (distance > QUARTER_WINDOW) continue;
        if (wantsQuarter) {
          resolved = `${Number(q[1]) + shift}-${q[2]}`;
          break;
        }
        continue;
      }
      const y = /^(\d{4})(?:$|-\d\d)/.exec(prev.value);
      if (y && !wantsQuarter && YEAR.test(c.value) && distance <= YEAR_WINDOW) {
        resolved = String(Number(y[1]) + shift);
        break;
      }
    }
    const { anaphor: _anaphor, ...rest } = c;
    if (stretch && c.anaphor === 'period-year-before')
      out.push({ ...rest, type: 'DURATION', value: stretch.value, resolution: 'explicit' });
    else out.push(resolved ? { ...rest, value: resolved } : rest);
  }
  return out;
}
