// Anchored rule scanning. A rule regex run over the whole text tries every word of it, and most of the
// tagger's time went there. Most rules cannot match without one of a few words (a duration holds a
// unit word, a relative date "week", "month", ...): the key scan already passes over the text once and
// reports where those words are, so such a rule only tries the few positions from which a match could
// reach one of them. The result is the same as the whole-text scan, match for match: a sticky copy of
// the same regex is tried, left to right, at every position a match could start from.

import { isSpaceCode } from '../text/tokens.js';

/**
 * Where the matches of a rule can be. Every match must start at a word start (the pattern opens with
 * `\b` and a letter or digit) and hold one of the keys.
 */
export interface Anchor {
  /** Lower-case literal keys: every match holds an occurrence of one of them. */
  readonly keys: readonly string[];
  /**
   * What a match can hold before its key: the regex source of that part, whose words are the vocabulary
   * the search may walk back over, or `true` for the rule's whole pattern. Without it, matches begin
   * at the key.
   */
  readonly before?: string | true;
  /** In every match the key begins a word (a year's digits): other occurrences are passed over. */
  readonly keyStartsWord?: boolean;
  /** Instead of `before`: the earliest index a match holding the key at `at` can begin, or -1. */
  readonly back?: (text: string, at: number) => number;
}

/** The regex class `\w` without the `u` flag. */
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

export const isWordStart = (text: string, p: number): boolean =>
  isWordCode(text.charCodeAt(p)) && (p === 0 || !isWordCode(text.charCodeAt(p - 1)));

/**
 * A `back` for rules whose matches reach their key over whitespace-separated words of a fixed
 * vocabulary: the letter sequences of `prefixSource` (the regex source of everything a match can hold
 * before its key; `\s` and `\d` add harmless "s" and "d") and the characters in `chars`. The word
 * holding the key can hold anything (the key may sit inside a longer word, "coming" in "upcoming", or
 * after glued words, "mid-" in "mid-January"); walking back from it, the first word that is not made
 * of the vocabulary stops the walk, and a match can start inside that word at the earliest. A larger
 * vocabulary only widens the search, never loses a match.
 */
export function wordsBefore(prefixSource: string, chars = "0-9./,'\u00bd-"): (text: string, at: number) => number {
  const vocabulary = new Set(prefixSource.toLowerCase().match(/[a-z]+/g) ?? []);
  const longest = Math.max(1, ...[...vocabulary].map((w) => w.length));
  // One character class, not an alternation under a star, which could backtrack without end.
  const allowed = new RegExp(`^[a-z${chars}]*$`);
  const letters = /[a-z]+/g;
  // Letters glued from several vocabulary words ("midweek") fit too (a linear table, not a search).
  const glued = (run: string): boolean => {
    const reached = new Uint8Array(run.length + 1);
    reached[0] = 1;
    for (let i = 0; i < run.length; i++) {
      if (!reached[i]) continue;
      for (let j = i + 1; j <= Math.min(run.length, i + longest); j++)
        if (!reached[j] && vocabulary.has(run.slice(i, j))) reached[j] = 1;
    }
    return reached[run.length] === 1;
  };
  const check = (word: string): boolean => {
    const lower = word.toLowerCase();
    if (!allowed.test(lower)) return false;
    letters.lastIndex = 0;
    for (let m = letters.exec(lower); m; m = letters.exec(lower))
      if (!vocabulary.has(m[0]) && !glued(m[0])) return false;
    return true;
  };
  // A word can only fit if its first character starts a vocabulary word or is an allowed character: a
  // test on the text itself, before any copy of the word is made.
  const firstOk = new Uint8Array(128);
  for (const w of vocabulary) {
    firstOk[w.charCodeAt(0)] = 1;
    firstOk[w.charCodeAt(0) - 32] = 1;
  }
  const allowedChar = new RegExp(`[${chars}]`);
  for (let c = 0; c < 128; c++) if (allowedChar.test(String.fromCharCode(c))) firstOk[c] = 1;
  // Beyond ASCII only the allowed characters can begin a word that fits ("½" in "2 ½").
  const firstFits = (c: number): boolean => (c < 128 ? firstOk[c] === 1 : allowedChar.test(String.fromCharCode(c)));
  // News text repeats its words: the answers are kept (a bounded cache, emptied when full).
  const known = new Map<string, boolean>();
  const fits = (word: string): boolean => {
    let answer = known.get(word);
    if (answer === undefined) {
      answer = check(word);
      if (known.size >= 4096) known.clear();
      known.set(word, answer);
    }
    return answer;
  };
  // Within one text, the walk from a word start always ends in the same place: a walk that reaches the
  // word the previous walk started from ends where that one did, so a text that repeats its words
  // ("last year last year ...") is walked about once instead of once per key.
  let memoText: string | undefined;
  let lastAt = -1;
  let lastStart = -1;
  let lastResult = -1;
  return (text: string, at: number): number => {
    if (text !== memoText) {
      memoText = text;
      lastAt = -1;
      lastStart = -1;
    }
    let start = at;
    while (start > 0 && !isSpaceCode(text.charCodeAt(start - 1))) {
      if (start === lastAt) {
        start = lastStart;
        break;
      }
      start--;
    }
    if (start === lastStart) {
      lastAt = at;
      return lastResult;
    }
    const first = start;
    let result: number;
    for (;;) {
      // `start` begins a word that a match may hold whole; the word before it decides whether one can
      // begin earlier.
      let end = start;
      while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
      if (end === 0) {
        result = 0;
        break;
      }
      let before = end;
      while (before > 0 && !isSpaceCode(text.charCodeAt(before - 1))) before--;
      const c = text.charCodeAt(before);
      if (!firstFits(c) || !fits(text.slice(before, end))) {
        result = before;
        break;
      }
      start = before;
      if (start === lastStart) {
        result = lastResult;
        break;
      }
    }
    lastAt = at;
    lastStart = first;
    lastResult = result;
    return result;
  };
}

/** The earliest index a match holding the key at `at` can begin at, or -1 when none can hold it. */
export function anchorBack(anchor: Anchor, source: string): (text: string, at: number) => number {
  if (anchor.back) return anchor.back;
  const walk = anchor.before === undefined ? undefined : wordsBefore(anchor.before === true ? source : anchor.before);
  const keyStartsWord = anchor.keyStartsWord === true;
  return (text, at) => {
    if (keyStartsWord && !isWordStart(text, at)) return -1;
    return walk ? walk(text, at) : at;
  };
}
