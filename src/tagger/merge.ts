// Overlap resolution and the two refinements that need the whole set: a clock time joins the day
// next to it ("10 p.m. Wednesday"), and anaphoric periods take their value from the nearest
// antecedent ("the third quarter … a year earlier" is the third quarter of the year before).

import type { Candidate } from './candidate.js';

/** The longest reading wins; on equal spans the more specific rule (priority) does. */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort((a, b) =>
    (b.end - b.start) - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of ranked) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// Between a clock time and its day: nothing, a comma, "on", or a zone label already outside the spans.
const CLOCK_DAY_GLUE = /^(?:\s*,?\s*(?:on\s+)?)$/i;
const DAY_CLOCK_GLUE = /^(?:\s*,?\s*(?:at\s+)?)$/i;

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
    if (a) out.push(a);
  }
  return out;
}

const QUARTER = /^(\d{4})-(Q\d|H\d)$/;
const YEAR = /^(\d{4})$/;
// A quarter is picked up within a paragraph or two; a year ("the following year") reaches further.
const QUARTER_WINDOW = 800;
const YEAR_WINDOW = 1500;

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
      if ((c.type === 'DATE' && /^\d{4}/.test(c.value)) || (c.type === 'DURATION' && /^P\d+M$/.test(c.value))) antecedents.push(c);
      continue;
    }
    if (c.anaphor === 'month-before' || c.anaphor === 'month-after') {
      // "The following month": the month after the last month the story named.
      const step = c.anaphor === 'month-after' ? 1 : -1;
      const prev = [...antecedents].reverse().find((a) => /^\d{4}-\d\d(?:-\d\d)?$/.test(a.value) && c.start - a.end <= YEAR_WINDOW);
      const { anaphor: _a, ...rest } = c;
      if (!prev) { out.push(rest); continue; }
      const index = Number(prev.value.slice(0, 4)) * 12 + Number(prev.value.slice(5, 7)) - 1 + step;
      out.push({ ...rest, value: `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}` });
      continue;
    }
    const wantsQuarter = QUARTER.test(c.value) || c.anaphor === 'quarter-year-before';
    const shift = c.anaphor === 'year-before' || c.anaphor === 'quarter-year-before' ? -1 : c.anaphor === 'year-after' ? 1 : 0;
    let resolved: string | undefined;
    for (let j = antecedents.length - 1; j >= 0; j--) {
      const prev = antecedents[j]!;
      const distance = c.start - prev.end;
      if (prev.type === 'DURATION') {
        if (distance <= QUARTER_WINDOW && c.anaphor === 'quarter-year-before') break;
        continue;
      }
      const q = QUARTER.exec(prev.value);
      if (q) {
        if (distance > QUARTER_WINDOW) continue;
        if (wantsQuarter) { resolved = `${Number(q[1]) + shift}-${q[2]}`; break; }
        continue;
      }
      const y = /^(\d{4})(?:$|-\d\d)/.exec(prev.value);
      if (y && !wantsQuarter && YEAR.test(c.value) && distance <= YEAR_WINDOW) {
        resolved = String(Number(y[1]) + shift);
        break;
      }
    }
    const { anaphor: _anaphor, ...rest } = c;
    out.push(resolved ? { ...rest, value: resolved } : rest);
  }
  return out;
}
