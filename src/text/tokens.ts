/** Word tokens with offsets: words (with inner apostrophes, hyphens, periods of "U.S.") and punctuation marks. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly isWord: boolean;
}

/** Latin, Greek and Cyrillic letters and digits: what words are made of. */
function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x370 && c <= 0x4ff)
  );
}

function isLetter(c: number): boolean {
  return isWordChar(c) && !(c >= 48 && c <= 57);
}

/** JavaScript's \s (and what `trim` strips). */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Tokens as the pattern
 *   /(?:L\.){2,}|W+(?:[’'\-.]W+)*|[^\sW]/g   (L: the letters, W: letters and digits)
 * finds them, read by hand: this runs on every dated sentence and every run of capitalised words,
 * and the pattern spent most of its time building match arrays.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  tokenizeRange(text, 0, text.length, offset, tokens);
  return tokens;
}

/**
 * The tokens of text[from, to), as `tokenize(text.slice(from, to), offset + from)` gives them
 * (nothing past `to` is looked at), appended to `out`: no substring, no array of its own.
 */
export function tokenizeRange(text: string, from: number, to: number, offset: number, out: Token[]): void {
  const n = to;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    let word = false;
    if (isWordChar(c)) {
      word = true;
      // "U.S.", "D.C.": letters each followed by a period, at least two of them.
      let j = i;
      while (j + 1 < n && isLetter(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 46) j += 2;
      if (j - i >= 4) end = j;
      else {
        end = i + 1;
        while (end < n && isWordChar(text.charCodeAt(end))) end++;
        // Inner apostrophes, hyphens and periods, each followed by more of the word.
        for (;;) {
          const sep = end < n ? text.charCodeAt(end) : -1;
          if (
            (sep === 0x2019 || sep === 39 || sep === 45 || sep === 46) &&
            end + 1 < n &&
            isWordChar(text.charCodeAt(end + 1))
          ) {
            end += 2;
            while (end < n && isWordChar(text.charCodeAt(end))) end++;
          } else break;
        }
      }
    }
    out.push({ text: text.slice(i, end), start: offset + i, end: offset + end, isWord: word });
    i = end;
  }
}

export function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}
