import type { DocumentDate, RelativeDescriptor } from '../model/timeline-model.js';
import {
  dayNumber,
  daySpan,
  formatDay,
  formatPartial,
  fromDayNumber,
  isoWeekday,
  type PartialDate,
} from './calendar.js';
import type { AnchorBoundDraft, DraftEvent } from './events.js';
import { resolveRelative } from './relative.js';

/**
 * The document date when no publication date is supplied: from a year hint or explicit years in the
 * text, narrowed to a day by weekday references cross-checked against anchored facts
 * ("Sunday" + "more than two weeks into its invasion" + "Feb. 24"). Never today's date: what is not
 * known keeps X's.
 */

export function providedDocumentDate(publishedAt: string): DocumentDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt.trim());
  if (!m) return undefined;
  return { value: `${m[1]}-${m[2]}-${m[3]}`, inferred: false, method: 'provided', confidence: 1 };
}

/** A day-level value of a resolved relative expression, or undefined when it is not a single day. */
export function relativeDay(descriptor: RelativeDescriptor, documentDay: number): number | undefined {
  // Fast paths (this runs in tight loops): weekdays and day offsets are plain arithmetic.
  if (descriptor.kind === 'weekday') {
    const w = isoWeekday(documentDay);
    const back = (w - descriptor.weekday + 7) % 7;
    const ahead = (descriptor.weekday - w + 7) % 7;
    return descriptor.direction === 'past'
      ? documentDay - back
      : descriptor.direction === 'future'
        ? documentDay + ahead
        : back <= ahead
          ? documentDay - back
          : documentDay + ahead;
  }
  if (descriptor.kind === 'offset' && descriptor.unit === 'day') return documentDay + Math.round(descriptor.amount);
  const { year, month, day } = fromDayNumber(documentDay);
  const resolved = resolveRelative(descriptor, { year, month, day });
  if (resolved.granularity !== 'day') return undefined;
  return daySpan(resolved.value)?.first;
}

export interface DayProblem {
  /** Relative expressions of the document: each pulls the document date towards the day it names (reports are about recent days). */
  readonly relatives: readonly RelativeDescriptor[];
  /** Hard constraints on the document day. */
  readonly constraints: readonly ((documentDay: number) => boolean)[];
  readonly window: { readonly first: number; readonly last: number };
}

/** The document day satisfying every constraint whose relative expressions lie closest to it; ties go to the earliest. */
export function solveDocumentDay(problem: DayProblem): { day: number; unique: boolean } | undefined {
  let best: number | undefined;
  let bestCost = Infinity;
  let ties = 0;
  for (let d = problem.window.first; d <= problem.window.last; d++) {
    if (!problem.constraints.every((c) => c(d))) continue;
    let cost = 0;
    for (const r of problem.relatives) {
      if (r.kind !== 'weekday' && !(r.kind === 'offset' && r.unit === 'day')) continue;
      const day = relativeDay(r, d);
      if (day !== undefined) cost += Math.abs(day - d);
    }
    if (cost < bestCost) {
      best = d;
      bestCost = cost;
      ties = 0;
    } else if (cost === bestCost) ties++;
  }
  return best === undefined ? undefined : { day: best, unique: ties === 0 };
}

/** The explicit or month-day date of an anchor ("invade") within the drafts, given a year. */
export function anchorDayInDrafts(
  drafts: readonly DraftEvent[],
  anchor: readonly string[],
  year: number | undefined,
): number | undefined {
  if (!anchor.length) return undefined;
  for (const d of drafts) {
    if (!anchor.every((k) => d.keywords.includes(k))) continue;
    const day = absoluteDay(d, year);
    if (day !== undefined) return day;
  }
  return undefined;
}

function absoluteDay(d: DraftEvent, year: number | undefined): number | undefined {
  if (d.source.kind === 'explicit' && d.source.granularity === 'day') return daySpan(d.source.value)?.first;
  if (
    d.source.kind === 'relative' &&
    d.source.descriptor.kind === 'month-day' &&
    d.source.descriptor.day !== undefined &&
    year !== undefined
  ) {
    return dayNumber(year, d.source.descriptor.month, d.source.descriptor.day);
  }
  return undefined;
}

function mostCommonYear(drafts: readonly DraftEvent[]): number | undefined {
  const counts = new Map<number, number>();
  for (const d of drafts) {
    if (d.source.kind !== 'explicit') continue;
    const y = /^(\d{4})/.exec(d.source.value)?.[1];
    if (y) counts.set(Number(y), (counts.get(Number(y)) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [y, c] of [...counts].sort((a, b) => b[0] - a[0])) {
    if (c > bestCount) {
      best = y;
      bestCount = c;
    }
  }
  return best;
}

export function inferDocumentDate(
  drafts: readonly DraftEvent[],
  bounds: readonly AnchorBoundDraft[],
  yearHint: number | undefined,
): DocumentDate {
  const textYear = mostCommonYear(drafts);
  const year = yearHint ?? textYear;
  const yearSource = yearHint !== undefined ? 'the year hint' : 'the years the text states';
  const relatives = drafts.flatMap((d) => (d.source.kind === 'relative' ? [d.source.descriptor] : []));
  // Anchored facts: fix a window for the document day.
  const constraints: ((day: number) => boolean)[] = [];
  let first = Infinity;
  let last = -Infinity;
  const usedAnchors: string[] = [];
  for (const b of bounds) {
    const anchorDay = anchorDayInDrafts(drafts, b.anchor, year ?? 2001);
    if (anchorDay === undefined) continue;
    usedAnchors.push(b.anchor.join(' '));
    const subject = b.draftIndex !== undefined ? drafts[b.draftIndex] : undefined;
    if (subject?.source.kind === 'relative') {
      const descriptor = subject.source.descriptor;
      constraints.push((day) => {
        const at = relativeDay(descriptor, day);
        return at === undefined || (at >= anchorDay + b.minDays && at <= anchorDay + b.maxDays);
      });
      first = Math.min(first, anchorDay + b.minDays);
      last = Math.max(last, anchorDay + b.maxDays + 7);
    } else if (b.draftIndex === undefined) {
      constraints.push((day) => day >= anchorDay + b.minDays && day <= anchorDay + b.maxDays);
      first = Math.min(first, anchorDay + b.minDays);
      last = Math.max(last, anchorDay + b.maxDays);
    }
  }
  if (Number.isFinite(first) && year !== undefined) {
    const solved = solveDocumentDay({ relatives, constraints, window: { first, last } });
    if (solved) {
      return {
        value: formatDay(solved.day),
        inferred: true,
        method: 'anchors',
        confidence: solved.unique ? 0.75 : 0.5,
        note: `Year from ${yearSource}; day from weekday references checked against anchored facts (${usedAnchors.join(', ')}).`,
      };
    }
  }
  if (Number.isFinite(first) && year === undefined) {
    // Without a year weekdays cannot be placed, but the anchored window may still name the month.
    const a = fromDayNumber(first);
    const b = fromDayNumber(last);
    if (a.month === b.month) {
      return {
        value: formatPartial({ month: a.month }),
        inferred: true,
        method: 'anchors',
        confidence: 0.4,
        note: 'Month from anchored facts; the year and day are unknown (no year in the text and no hint).',
      };
    }
  }
  const partial: PartialDate = year !== undefined ? { year } : {};
  return {
    value: formatPartial(partial),
    inferred: true,
    method: yearHint === undefined && textYear !== undefined ? 'text' : 'unknown',
    confidence: year !== undefined ? 0.5 : 0,
    note:
      year !== undefined
        ? `Year from ${yearSource}; the day is unknown from this document alone.`
        : 'No date in the text and no hint: the year and day are unknown.',
  };
}
