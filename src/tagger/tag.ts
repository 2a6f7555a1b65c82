import * as chrono from 'chrono-node';
import type { TagOptions, Timex } from './types.js';

/**
 * Baseline: plain chrono-node with the reference date. Replaced by the news-grade tagger
 * (issue 3); the signature stays.
 */
export function tagTemporalExpressions(text: string, options: TagOptions = {}): Timex[] {
  const reference = options.referenceDate ? new Date(`${options.referenceDate}T12:00:00Z`) : new Date(0);
  return chrono.parse(text, reference).map((result): Timex => {
    const year = result.start.get('year');
    const month = result.start.get('month');
    const day = result.start.get('day');
    const pad = (n: number | null, width = 2): string => String(n ?? 0).padStart(width, '0');
    const certainDay = result.start.isCertain('day');
    const value = certainDay || result.start.isCertain('weekday') ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : `${pad(year, 4)}-${pad(month)}`;
    return {
      start: result.index,
      end: result.index + result.text.length,
      text: result.text,
      type: 'DATE',
      value,
      resolution: result.start.isCertain('year') ? 'explicit' : options.referenceDate ? 'relative' : 'unresolved',
    };
  });
}
