import { DateTime } from 'luxon';
import type { Granularity } from './timeline-model.js';

/**
 * Reading TIMEX3-style date values (2022-03-14, 2022-W11, 2022-Q1, XXXX-02-24, 2022-03-14T11:50, 195 for
 * the 1950s, 19 for the 20th century): their granularity and a total order for sorting a timeline.
 * 199X and 19XX (an unknown year of a decade or century; logs written before the tagger used TempEval-3's
 * decade form hold them for decades) read as the decade or century.
 */

const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, AU: 9, WI: 12 };

interface DateValueParts {
  readonly granularity: Granularity;
  /** undefined when the year is unknown (XXXX…). */
  readonly year?: number;
  readonly month: number;
  readonly day: number;
  readonly minutes: number;
}

export function parseDateValue(value: string): DateValueParts {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)T(\d{2}):(\d{2})/.exec(value))) {
    return parts('time', m[1], Number(m[2]) || 1, Number(m[3]) || 1, Number(m[4]) * 60 + Number(m[5]));
  }
  if ((m = /^(\d{4}|XXXX)-(\d{2})-(\d{2})$/.exec(value))) return parts('day', m[1], Number(m[2]), Number(m[3]));
  if ((m = /^(\d{4}|XXXX)-(\d{2})$/.exec(value))) return parts('month', m[1], Number(m[2]), 1);
  if ((m = /^(\d{4})-W(\d{2})/.exec(value))) {
    const start = DateTime.fromObject(
      { weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 },
      { zone: 'utc' },
    );
    return start.isValid ? parts('week', m[1], start.month, start.day, 0, start.year) : parts('week', m[1], 1, 1);
  }
  if ((m = /^(\d{4}|XXXX)-Q([1-4])$/.exec(value))) return parts('quarter', m[1], (Number(m[2]) - 1) * 3 + 1, 1);
  if ((m = /^(\d{4}|XXXX)-H([12])$/.exec(value))) return parts('half', m[1], Number(m[2]) === 1 ? 1 : 7, 1);
  if ((m = /^(\d{4}|XXXX)-(SP|SU|FA|AU|WI)$/.exec(value)))
    return parts('season', m[1], SEASON_START[m[2] ?? 'SP'] ?? 1, 1);
  if ((m = /^(\d{4})$/.exec(value))) return parts('year', m[1], 1, 1);
  if ((m = /^(\d{3})X?$/.exec(value)))
    return { granularity: 'decade', year: Number(m[1]) * 10, month: 1, day: 1, minutes: 0 };
  if ((m = /^(\d{2})(?:XX)?$/.exec(value)))
    return { granularity: 'century', year: Number(m[1]) * 100, month: 1, day: 1, minutes: 0 };
  if ((m = /^XXXX-(\d{2}|XX)-(\d{2}|XX)$/.exec(value)))
    return parts(m[2] === 'XX' ? 'month' : 'day', 'XXXX', Number(m[1]) || 1, Number(m[2]) || 1);
  return { granularity: 'unknown', month: 1, day: 1, minutes: 0 };
}

function parts(
  granularity: Granularity,
  year: string | undefined,
  month: number,
  day: number,
  minutes = 0,
  overrideYear?: number,
): DateValueParts {
  const known = year !== undefined && /^\d{4}$/.test(year);
  return { granularity, year: overrideYear ?? (known ? Number(year) : undefined), month, day, minutes };
}

export function granularityOf(value: string): Granularity {
  return parseDateValue(value).granularity;
}

/** Granularities from the coarsest: a coarser value sorts before a finer one of the same start. */
export const COARSE_FIRST: readonly Granularity[] = [
  'century',
  'decade',
  'year',
  'half',
  'quarter',
  'season',
  'month',
  'week',
  'day',
  'time',
  'unknown',
];

/**
 * Orders date values by the instant they start at; coarser values first when two start together
 * (2022-03 before 2022-03-01). Values with an unknown year sort after every known one, among
 * themselves by month and day, so a timeline without any year is still in order.
 */
export function compareDateValues(a: string, b: string): number {
  const pa = parseDateValue(a);
  const pb = parseDateValue(b);
  const unknownA = pa.year === undefined ? 1 : 0;
  const unknownB = pb.year === undefined ? 1 : 0;
  return (
    unknownA - unknownB ||
    (pa.year ?? 0) - (pb.year ?? 0) ||
    pa.month - pb.month ||
    pa.day - pb.day ||
    pa.minutes - pb.minutes ||
    COARSE_FIRST.indexOf(pa.granularity) - COARSE_FIRST.indexOf(pb.granularity) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}
