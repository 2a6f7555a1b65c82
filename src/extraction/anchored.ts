import type { AnchorLink } from '../model/timeline-model.js';
import { COMMUNICATION_VERBS, isEventWord, keywordsOf } from './lexicon.js';
import { numberWord } from './relative.js';

/**
 * Expressions dated by another event rather than by the calendar: "on the day Russian troops
 * entered Ukraine", "two weeks into the war", "a day before Sullivan is set to meet Yang",
 * "since the start of the war more than two weeks ago". The tagger does not see these.
 */

export type AnchoredExpression =
  /** "on the day X": the surrounding clause happened on X's date. */
  | {
      readonly kind: 'same-day';
      readonly start: number;
      readonly end: number;
      readonly link: AnchorLink;
      readonly anchorText: string;
    }
  /** "N weeks into the war": the surrounding clause happened N weeks after the war began. */
  | {
      readonly kind: 'into';
      readonly start: number;
      readonly end: number;
      readonly link: AnchorLink;
      readonly anchorText: string;
      readonly minDays: number;
      readonly maxDays: number;
    }
  /** "a day before X": X happened offsetDays after the surrounding clause (X's clause is the anchored event). */
  | {
      readonly kind: 'before-after';
      readonly start: number;
      readonly end: number;
      readonly offsetDays: number;
      readonly anchoredClauseStart: number;
      readonly anchoredClauseEnd: number;
    }
  /** "since the start of the war more than two weeks ago": the document date is that far after the anchor. */
  | {
      readonly kind: 'ago';
      readonly start: number;
      readonly end: number;
      readonly anchor: string[];
      readonly minDays: number;
      readonly maxDays: number;
    };

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

/** Words that name a happening: the keywords an anchor is matched on. */
const NOT_EVENT_WORDS = new Set(['set', 'plan', 'schedule', 'scheduled', 'be', 'have', 'do', 'is', 'its', 'the']);

export function anchorKeywords(text: string): string[] {
  const all = keywordsOf(text).filter((k) => !NOT_EVENT_WORDS.has(k));
  // Naming the war or the invasion is enough: troops, Russia and Ukraine add nothing to match on.
  if (all.includes('invade')) return ['invade'];
  // What happened (the verbs and event nouns) identifies the anchor; the rest varies between reports.
  const happenings = all.filter((k) => isEventWord(k) && !COMMUNICATION_VERBS.has(k));
  return happenings.length ? happenings.slice(0, 2) : all.slice(0, 3);
}

/** How loose "more than two weeks", "just two weeks", "two weeks" are, in days. */
function range(qualifier: string | undefined, days: number, unitDays: number): { min: number; max: number } {
  const q = (qualifier ?? '').toLowerCase().trim();
  if (/more than|over|nearly over/.test(q)) return { min: days + 1, max: days + unitDays };
  if (/nearly|almost|less than|under/.test(q)) return { min: days - unitDays + 1, max: days };
  return { min: days - Math.floor(unitDays / 2), max: days + Math.floor(unitDays / 2) };
}

// Every guard below needs one of these; one scan settles most sentences instead of six.
const ANY_CUE = / (?:day[ ,]|into |before |after |ago)/;

export function findAnchoredExpressions(sentence: string, offset: number): AnchoredExpression[] {
  const found: AnchoredExpression[] = [];
  if (!ANY_CUE.test(sentence)) return found;
  // Cheap guards: most sentences have none of these words.
  const hasDay =
    (sentence.includes(' day ') || sentence.includes(' day,')) &&
    /\b(?:on|since) the (?:very )?(?:same )?day\b/i.test(sentence);
  const hasInto = sentence.includes(' into ');
  const hasBeforeAfter =
    (sentence.includes(' before ') || sentence.includes(' after ')) &&
    /\b(?:day|week)s? (?:before|after) /i.test(sentence);
  const hasAgo = sentence.includes(' ago');
  if (!hasDay && !hasInto && !hasBeforeAfter && !hasAgo) return found;
  let m: RegExpExecArray | null;
  const sameDay = /\b(?:on|since) the (?:very )?(?:same )?day (?:that |when )?([^,;.]{3,160})/gi;
  while (hasDay && (m = sameDay.exec(sentence)) !== null) {
    const anchorText = m[1] ?? '';
    found.push({
      kind: 'same-day',
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      anchorText,
      link: { keywords: anchorKeywords(anchorText), offsetDays: 0, toleranceDays: 0 },
    });
  }
  const into =
    /\b((?:just|only|more than|over|about|nearly|almost|less than|barely)\s+)?(\w+)\s+(day|week|month|year)s?\s+into\s+(?:the|its|their|his|her|this|a)\s+((?:[\w-]+\s+){0,2}?(?:war|invasion|conflict|offensive|campaign|crisis|siege|pandemic|outbreak|strike|protests?|shutdown|occupation))/gi;
  while (hasInto && (m = into.exec(sentence)) !== null) {
    const n = numberWord(m[2] ?? '');
    const unitDays = UNIT_DAYS[(m[3] ?? '').toLowerCase()] ?? 1;
    if (n === undefined) continue;
    const r = range(m[1], n * unitDays, unitDays);
    const anchorText = m[4] ?? '';
    found.push({
      kind: 'into',
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      anchorText,
      minDays: r.min,
      maxDays: r.max,
      link: {
        keywords: anchorKeywords(anchorText),
        offsetDays: Math.round((r.min + r.max) / 2),
        toleranceDays: Math.ceil((r.max - r.min) / 2),
      },
    });
  }
  const beforeAfter =
    /\b(a|one|two|three|four|five|six|seven|\d+|the)\s+(day|week)s?\s+(before|after)\s+(?!that\b|this\b|it\b)([^,;.]{3,200})/gi;
  while (hasBeforeAfter && (m = beforeAfter.exec(sentence)) !== null) {
    const n = m[1]?.toLowerCase() === 'the' ? 1 : numberWord(m[1] ?? '');
    if (n === undefined) continue;
    const days = n * (UNIT_DAYS[(m[2] ?? '').toLowerCase()] ?? 1);
    const clauseStart = offset + m.index + m[0].length - (m[4] ?? '').length;
    found.push({
      kind: 'before-after',
      start: offset + m.index,
      end: clauseStart,
      offsetDays: (m[3] ?? '').toLowerCase() === 'before' ? days : -days,
      anchoredClauseStart: clauseStart,
      anchoredClauseEnd: offset + m.index + m[0].length,
    });
  }
  const ago =
    /\b(?:since|after|from) the (?:start|beginning|outbreak|launch) of (?:the|its|their) ([\w -]{2,40}?)\s+((?:just|only|more than|over|about|nearly|almost|less than)\s+)?(\w+)\s+(day|week|month|year)s?\s+ago\b/gi;
  while (hasAgo && (m = ago.exec(sentence)) !== null) {
    const n = numberWord(m[3] ?? '');
    const unitDays = UNIT_DAYS[(m[4] ?? '').toLowerCase()] ?? 1;
    if (n === undefined) continue;
    const r = range(m[2], n * unitDays, unitDays);
    found.push({
      kind: 'ago',
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      anchor: anchorKeywords(m[1] ?? ''),
      minDays: r.min,
      maxDays: r.max,
    });
  }
  return found;
}
