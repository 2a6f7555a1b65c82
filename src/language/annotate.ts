import winkNLP, { type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * Part-of-speech tags and lemmas from wink-nlp (its English "lite web" model: universal POS tags,
 * about a million characters a second). The rest of the analysis reads words through this one
 * module, so the library could be swapped without touching extraction.
 */

/** Universal POS tags as the model gives them. */
export type PosTag =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB'
  | 'X'
  | 'SPACE';

export interface TaggedToken {
  readonly text: string;
  /** Lower case, for lexicon lookups. */
  readonly lower: string;
  readonly lemma: string;
  readonly pos: PosTag;
  /** Offsets into the annotated text. */
  readonly start: number;
  readonly end: number;
}

const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

/**
 * Wink keeps a token's own spelling, so each token is found in the text at or after the previous
 * one's end; a token it spelled otherwise (none seen so far) is skipped rather than misplaced.
 */
const LOOKAHEAD = 64;

/** Tags every token of `text`; offsets index `text` itself. Linear in the text. */
export function tagText(text: string): TaggedToken[] {
  if (!text) return [];
  const tokens = nlp.readDoc(text).tokens();
  const words = tokens.out() as string[];
  const tags = tokens.out(its.pos) as string[];
  // (wink's typings give `its.lemma` a signature its own `out` does not accept.)
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const out: TaggedToken[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const at = text.indexOf(word, cursor);
    if (at < 0 || at - cursor > LOOKAHEAD) continue;
    cursor = at + word.length;
    const lower = word.toLowerCase();
    out.push({
      text: word,
      lower,
      lemma: (lemmas[i] ?? lower).toLowerCase(),
      pos: (tags[i] ?? 'X') as PosTag,
      start: at,
      end: cursor,
    });
  }
  return out;
}

/** The index of the first token starting at or after `offset` (`tokens.length` if none), by halving: `tokens` are in text order. */
export function firstTokenAtOrAfter(tokens: readonly TaggedToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens lying within [start, end): `tokens` are in text order. */
export function tokensWithin(tokens: readonly TaggedToken[], start: number, end: number): TaggedToken[] {
  const lo = firstTokenAtOrAfter(tokens, start);
  const out: TaggedToken[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.end <= end; i++) out.push(tokens[i]!);
  return out;
}
