import type { RelativeReference, TimexResolution, TimexType } from './types.js';
import type { Ymd } from '../calendar/index.js';

/** A proposed expression before overlap resolution. */
export interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  value: string;
  resolution: TimexResolution;
  relative?: RelativeReference;
  /** Clock time with no date of its own: may merge with an adjacent day ("10 p.m. Wednesday"). */
  clock?: { hour: number; minute: number | undefined };
  /** Day-level date: the partner a clock time can merge with. */
  day?: Ymd | 'unresolved';
  /** Value waits for an antecedent earlier in the text ("a year earlier" after "the third quarter"). */
  anaphor?:
    | 'year-before'
    | 'quarter-year-before'
    | 'period-year-before'
    | 'same-period'
    | 'year-after'
    | 'month-before'
    | 'month-after'
    /** "the next day", "that day", "the previous week", "later that month": from the last day the story named. */
    | 'story-day';
  /** For a `story-day` anaphor: the unit it counts in and how many of them from the named day. */
  storyShift?: { unit: 'day' | 'week' | 'month'; amount: number; years?: number };
  /** Breaks ties between overlapping candidates of equal length; higher wins. */
  priority: number;
}

export interface RuleContext {
  readonly text: string;
  readonly ref: Ymd | undefined;
  /** The text talks about fiscal quarters: "the period", "a year ago" then mean quarters. */
  readonly quarterly: boolean;
}
