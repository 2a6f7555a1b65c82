import { parseYmd } from '../calendar/index.js';
import type { RuleContext } from './candidate.js';
import { chronoCandidates } from './chrono-layer.js';
import {
  joinApproximation,
  joinClockAndDay,
  joinEdgeModifier,
  joinPartOfDay,
  resolveAnaphora,
  joinWeekdayRange,
  resolveOverlaps,
} from './merge.js';
import { applyRules } from './rules.js';
import { TEXT_KEYS, type TextScan } from './text-keys.js';
import type { TagOptions, Timex } from './types.js';

const QUARTERLY = /\bquarter(?:s|ly)?\b|\bfiscal\b/i;
const QUARTERLY_KEYS = TEXT_KEYS.ids(['quarter', 'fiscal']);

/** The text talks about fiscal quarters (the key scan says when it cannot). */
const isQuarterly = (text: string, scan: TextScan): boolean =>
  QUARTERLY_KEYS.some((id) => scan.present[id] === 1) && QUARTERLY.test(text);

/**
 * Tags temporal expressions in news text, TIMEX3 style. Pure and deterministic: the reference
 * (document) date is the only notion of "now"; without it relative values keep X's and carry a
 * `relative` description so a caller can resolve them later.
 */
export function tagTemporalExpressions(text: string, options: TagOptions = {}): Timex[] {
  let ref = undefined;
  if (options.referenceDate !== undefined) {
    ref = parseYmd(options.referenceDate);
    if (!ref) throw new Error(`invalid reference date "${options.referenceDate}": expected YYYY-MM-DD`);
  }
  const scan = TEXT_KEYS.scan(text);
  const ctx: RuleContext = { text, ref, quarterly: isQuarterly(text, scan) };
  const candidates = chronoCandidates(ctx, scan).concat(applyRules(ctx, scan));
  const merged = resolveAnaphora(
    joinApproximation(
      text,
      joinEdgeModifier(
        text,
        joinPartOfDay(text, joinClockAndDay(text, joinWeekdayRange(text, ref, resolveOverlaps(candidates)))),
      ),
    ),
  );
  return merged.map((c): Timex => {
    const { start, end, type, value, resolution, relative } = c;
    const spanText = text.slice(start, end);
    return relative
      ? { start, end, text: spanText, type, value, resolution, relative }
      : { start, end, text: spanText, type, value, resolution };
  });
}
