import { parseYmd } from './calendar.js';
import type { RuleContext } from './candidate.js';
import { chronoCandidates } from './chrono-layer.js';
import { joinClockAndDay, resolveAnaphora, resolveOverlaps } from './merge.js';
import { applyRules } from './rules.js';
import type { TagOptions, Timex } from './types.js';

const QUARTERLY = /\bquarter(?:s|ly)?\b|\bfiscal\b/i;

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
  const ctx: RuleContext = { text, ref, quarterly: QUARTERLY.test(text) };
  const candidates = [...chronoCandidates(ctx), ...applyRules(ctx)];
  const merged = resolveAnaphora(joinClockAndDay(text, resolveOverlaps(candidates)));
  return merged.map((c): Timex => ({
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    type: c.type,
    value: c.value,
    resolution: c.resolution,
    ...(c.relative ? { relative: c.relative } : {}),
  }));
}
