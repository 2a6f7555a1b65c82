import type { TextBlock } from './clean.js';
import { isSpaceCode } from './tokens.js';

/**
 * Sentence boundaries that survive news abbreviations ("U.S.", "Feb.", "a.m.", "D.C.", "Gen."),
 * initials ("William J. Burns"), closing quotes after the period and em dashes (never a boundary).
 */

export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
  readonly block: TextBlock;
}

const ABBREVIATIONS = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'adm',
  'cmdr',
  'sen',
  'rep',
  'gov',
  'pres',
  'amb',
  'sec',
  'gov',
  'atty',
  'supt',
  'rev',
  'hon',
  'st',
  'ave',
  'blvd',
  'mt',
  'ft',
  'no',
  'nos',
  'vs',
  'etc',
  'inc',
  'corp',
  'ltd',
  'co',
  'jr',
  'sr',
  'est',
  'approx',
  'dept',
  'univ',
]);

/** "U.S.", "D.C.", "a.m.", "U.N.": letters separated by periods. */
const DOTTED_ACRONYM = /(?:^|[^\p{L}.])((?:\p{L}\.){2,})$/u;

/** The word before a final period. */
const WORD_BEFORE_PERIOD = /(\p{L}+)\.$/u;

function isAbbreviationBefore(text: string, periodIndex: number): boolean {
  const head = text.slice(Math.max(0, periodIndex - 24), periodIndex + 1);
  if (DOTTED_ACRONYM.test(head)) return true;
  const word = WORD_BEFORE_PERIOD.exec(head)?.[1];
  if (!word) return false;
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // A single capital is an initial ("J. Burns").
  return word.length === 1 && word === word.toUpperCase();
}

/** A boundary candidate: terminal punctuation, optional closing quotes/brackets, then space and a sentence start. */
const BOUNDARY = /[.!?]+[”"’')\]]*(?=\s+[“"‘'(\[]?[\p{Lu}\d])/gu;

export function splitSentences(text: string, blocks: readonly TextBlock[]): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const block of blocks) {
    const body = text.slice(block.start, block.end);
    let sentenceStart = 0;
    BOUNDARY.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = BOUNDARY.exec(body)) !== null) {
      const punct = m[0];
      const periodOnly = punct.startsWith('.') && !punct.startsWith('..');
      if (periodOnly && isAbbreviationBefore(body, m.index)) {
        // "U.S." ends a sentence only when what follows clearly starts one; keep it joined.
        continue;
      }
      const end = m.index + punct.length;
      pushTrimmed(sentences, body, block, sentenceStart, end);
      sentenceStart = end;
    }
    pushTrimmed(sentences, body, block, sentenceStart, body.length);
  }
  return sentences;
}

function pushTrimmed(out: SentenceSpan[], body: string, block: TextBlock, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(body.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(body.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: block.start + s, end: block.start + e, block });
}
