/** TIMEX3 types, as in TimeML / TempEval-3. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** How a temporal expression got its value. */
export type TimexResolution =
  /** The text names the date itself ("Feb. 24, 2022", "1998"). */
  | 'explicit'
  /** Computed from the reference (document) date: "Sunday", "last week", "Feb. 24" without a year. */
  | 'relative'
  /** No reference date was given and the text alone does not fix it: the value keeps X's ("XXXX-02-24"). */
  | 'unresolved';

export interface Timex {
  /** JavaScript string indices into the tagged text; `text === input.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly type: TimexType;
  /** TIMEX3 value: 2022-03-14, 2022-03, 2022, 2022-Q1, 2022-W11, 195 (the 1950s), 19 (the 20th century), P2W, PT3H, PAST_REF, XXXX-WXX-1, 2022-03-14T11:50 … */
  readonly value: string;
  readonly resolution: TimexResolution;
  /**
   * What a caller needs to re-resolve or cross-check the expression against a different reference
   * date (document-date inference does this). Present on relative and unresolved expressions.
   */
  readonly relative?: RelativeReference;
}

/** The shape of a relative expression, independent of any reference date. */
export type RelativeReference =
  /** "Sunday", "on Monday": ISO weekday 1 (Monday) … 7 (Sunday), looking back (past tense) or ahead. */
  | { readonly kind: 'weekday'; readonly weekday: number; readonly direction: 'past' | 'future' | 'nearest' }
  /** "Feb. 24", "March": month (1–12) and optional day, year missing. */
  | { readonly kind: 'month-day'; readonly month: number; readonly day?: number }
  /** "yesterday" (-1 day), "last week" (-1 week), "next month", "two weeks ago", "this year" (0). */
  | { readonly kind: 'offset'; readonly unit: 'day' | 'week' | 'month' | 'quarter' | 'year'; readonly amount: number }
  /** "now", "recently", "in the future": PRESENT_REF / PAST_REF / FUTURE_REF. */
  | { readonly kind: 'reference'; readonly ref: 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF' };

export interface TagOptions {
  /** The document (reference) date, `YYYY-MM-DD`. Without it relative values keep X's. */
  readonly referenceDate?: string;
}
