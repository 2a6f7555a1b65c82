import type { TaggedToken } from '../language/annotate.js';
import { verbInfo } from './lexicon.js';

/**
 * The reported events of a sentence: each finite verb group (with its auxiliaries) is a predicate
 * with its subject, its object and its tense, read from part-of-speech tags. A predicate is what
 * a reader would put on a timeline: "Apple unveiled the iPod nano" happened, "Apple will cut
 * prices" is expected, "Apple had sued before" is background.
 */

/**
 * past: "unveiled", "was fired"; present: "sells", "is slated"; perfect: "has settled"; pluperfect:
 * "had undergone" (background); future: "will include", "is to meet", "plans to"; modal: "would",
 * "could", "may" (not a fact on a day).
 */
export type PredicateTense = 'past' | 'present' | 'perfect' | 'pluperfect' | 'future' | 'modal';

export interface Predicate {
  /** Index (in the sentence's tokens) of the main verb, the last verb of the group. */
  readonly head: number;
  /** Token index range [from, to) of the verb group. */
  readonly groupFrom: number;
  readonly groupTo: number;
  readonly lemma: string;
  readonly tense: PredicateTense;
  readonly passive: boolean;
  readonly negated: boolean;
  /** A copula ("was the year of …") or a bare auxiliary: a description, not an event. */
  readonly copula: boolean;
  /** Token ranges [from, to); absent when the sentence does not give one. */
  readonly subject?: { readonly from: number; readonly to: number };
  readonly object?: { readonly from: number; readonly to: number };
  /**
   * For a "he"/"she" subject, the name an earlier clause of the same sentence gave its subject
   * ("When Apple CEO Steve Jobs first introduced iPhone 4, he praised …"): nearer than any earlier sentence.
   */
  readonly antecedent?: { readonly from: number; readonly to: number };
  /** Token range of the whole clause (subject to object). */
  readonly from: number;
  readonly to: number;
}

const FUTURE_AUX = new Set(['will', 'shall', "'ll", 'wo']);
const MODAL_AUX = new Set(['would', "'d", 'could', 'might', 'may', 'must', 'should', 'can', 'ca', 'ought']);
const PAST_AUX = new Set(['was', 'were', 'did']);
const HAVE_PRESENT = new Set(['has', 'have', "'ve", "'s"]);
const BE_FORMS = new Set(['be', 'is', 'are', 'am', 'was', 'were', 'been', 'being', "'s", "'re", "'m"]);
/** "plans to", "is set to", "expects to": the next verb is what will happen. */
const FUTURE_CATENATIVES = new Set([
  'plan',
  'expect',
  'intend',
  'aim',
  'hope',
  'schedule',
  'slate',
  'set',
  'due',
  'go',
  'prepare',
  'promise',
  'threaten',
  'vow',
]);
/** Verbs that only carry the next one ("continues to sell", "tried to block"): the pair is one predicate. */
const CATENATIVES = new Set([
  ...FUTURE_CATENATIVES,
  'continue',
  'choose',
  'try',
  'seek',
  'want',
  'begin',
  'start',
  'decide',
  'agree',
  'refuse',
  'fail',
  'manage',
  'need',
  'attempt',
  'offer',
]);

const DAY_WORDS = new Set([
  'yesterday',
  'today',
  'tonight',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
const TIME_NOUNS = new Set(['year', 'quarter', 'month', 'week', 'day', 'period', 'season', 'half', 'decade', 'time']);
const CLAUSE_PUNCTUATION = new Set([',', ';', ':', '(', ')', '"', '“', '”', '—', '–', '[', ']', '.', '!', '?']);
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom', 'whose']);
/** Verbs that mean saying when a "that" clause follows. */
const SAYING_BEFORE_THAT = new Set(['share', 'indicate', 'signal']);
const COMMUNICATION_LEMMAS = new Set([
  'say',
  'tell',
  'announce',
  'state',
  'report',
  'claim',
  'argue',
  'add',
  'note',
  'explain',
  'confirm',
  'deny',
  'reveal',
  'insist',
  'warn',
  'write',
  'admit',
  'acknowledge',
  'suggest',
  'believe',
  'think',
]);

export function isCommunication(lemma: string): boolean {
  return COMMUNICATION_LEMMAS.has(lemma);
}

const OPENING = new Set(['"', '“', "'", '‘', '(', '[', ':', '—', '–']);
const retagged = new WeakMap<readonly TaggedToken[], readonly TaggedToken[]>();

/**
 * The sentence's tokens with the tagger's misreadings a headline writer would not make, at the
 * same indices (so predicates and titles index one array):
 * - a capitalised word inside the sentence read as a verb is a name ("Tim Cook was", ", Cook held");
 * - a capitalised plural opening the sentence before a preposition is a common noun ("Shares of
 *   Apple Inc. rose", "Representatives at several Apple Stores said"), and a plural;
 * - a saying verb's third person read as a plural noun before "that" is the verb ("Apple reports
 *   that", "Cisco states that", "Apple Corps claims that").
 */
export function retag(tokens: readonly TaggedToken[]): readonly TaggedToken[] {
  const known = retagged.get(tokens);
  if (known) return known;
  const out: TaggedToken[] = [];
  // (Each word sees the words before it as already reread: ", Cook held".)
  const reread = (t: TaggedToken, i: number): TaggedToken => {
    const before = out[i - 1];
    const after = tokens[i + 1];
    if (t.pos === 'VERB' && i > 0 && before && !OPENING.has(before.text) && /^\p{Lu}\p{Ll}/u.test(t.text))
      return { ...t, pos: 'PROPN' as const, lemma: t.lower };
    // "reports that Tiger, the code name …": a capitalised singular noun inside the sentence is a name.
    if (
      t.pos === 'NOUN' &&
      i > 0 &&
      before &&
      !OPENING.has(before.text) &&
      before.text !== '.' &&
      /^\p{Lu}\p{Ll}+$/u.test(t.text) &&
      t.lemma === t.lower
    )
      return { ...t, pos: 'PROPN' as const };
    // "there are sources that …": after an existential "there is/are" comes a noun (wink: the verb "sources").
    if (
      t.pos === 'VERB' &&
      before !== undefined &&
      (before.lower === 'is' || before.lower === 'are' || before.lower === 'was' || before.lower === 'were') &&
      out[i - 2]?.lower === 'there' &&
      !t.lower.endsWith('ing') &&
      !t.lower.endsWith('ed')
    )
      return { ...t, pos: 'NOUN' as const };
    // "the percentage of calls dropped": a preposition takes a noun, never a finite verb (wink: the verb "calls").
    if (
      t.pos === 'VERB' &&
      before?.pos === 'ADP' &&
      before.lower !== 'to' &&
      t.lower.endsWith('s') &&
      !t.lower.endsWith('ss') &&
      verbInfo(t.lower)?.form !== 'past'
    )
      return { ...t, pos: 'NOUN' as const };
    // "announced Monday in an internal memo that he would …": "that" after a saying verb, no verb between,
    // opens what was said (wink reads it as a relative pronoun after the noun "memo"), and so does
    // "said on Monday that sales were …", "that part of Moscow's reserves were" (wink: a determiner).
    if (
      t.lower === 'that' &&
      (t.pos === 'PRON' || t.pos === 'DET') &&
      (after?.pos === 'PRON' ||
        after?.pos === 'DET' ||
        after?.pos === 'PROPN' ||
        /^\p{Lu}\p{Ll}+$/u.test(after?.text ?? '') ||
        (after?.pos === 'NOUN' && verbBeforePunctuation(tokens, i + 2))) &&
      saysBefore(out, i)
    )
      return { ...t, pos: 'SCONJ' as const };
    // "would close the mine", "will open": after a modal a word that can be a verb is one (wink reads "close" as an adjective).
    if (
      t.pos === 'ADJ' &&
      before?.pos === 'AUX' &&
      (MODAL_AUX.has(before.lower) || FUTURE_AUX.has(before.lower)) &&
      verbInfo(t.lower)?.base === t.lower
    )
      return { ...t, pos: 'VERB' as const, lemma: t.lower };
    // "developers that had been given": "that" between a noun and its verb is a relative pronoun.
    if (
      t.lower === 'that' &&
      t.pos !== 'PRON' &&
      (before?.pos === 'NOUN' || before?.pos === 'PROPN') &&
      (after?.pos === 'AUX' || after?.pos === 'VERB')
    )
      return { ...t, pos: 'PRON' as const };
    // ", Cook held positions": a past form read as an adjective between a name and its object is the verb.
    if (
      t.pos === 'ADJ' &&
      before?.pos === 'PROPN' &&
      (after?.pos === 'NOUN' || after?.pos === 'DET' || after?.pos === 'PROPN' || after?.pos === 'NUM') &&
      verbInfo(t.lower)?.form === 'past'
    )
      return { ...t, pos: 'VERB' as const, lemma: verbInfo(t.lower)!.base };
    // "the recently announced iPhone 4", "its newly released phone": a participle after a determiner describes a noun.
    const determiner = before?.pos === 'ADV' ? out[i - 2] : before;
    if (
      t.pos === 'VERB' &&
      looksPastForm(t) &&
      determiner !== undefined &&
      (determiner.pos === 'DET' || POSSESSIVES.has(determiner.lower)) &&
      (after?.pos === 'NOUN' || after?.pos === 'PROPN' || after?.pos === 'ADJ')
    )
      return { ...t, pos: 'ADJ' as const };
    if (t.pos === 'PROPN' && i === 0 && after?.pos === 'ADP' && /[^su]s$/.test(t.lower))
      return { ...t, pos: 'NOUN' as const, lemma: t.lower.slice(0, -1) };
    // "according to figures released …": after "to" a verb is bare, so an -s form there is a plural noun.
    if (t.pos === 'VERB' && before?.lower === 'to' && /[^su]s$/.test(t.lower))
      return { ...t, pos: 'NOUN' as const, lemma: t.lower.slice(0, -1) };
    if (
      t.pos === 'NOUN' &&
      after?.lower === 'that' &&
      (before?.pos === 'PROPN' || before?.pos === 'NOUN') &&
      t.lower.endsWith('s') &&
      COMMUNICATION_LEMMAS.has(t.lemma) &&
      t.lower !== t.lemma
    )
      return { ...t, pos: 'VERB' as const };
    return t;
  };
  for (let i = 0; i < tokens.length; i++) out.push(reread(tokens[i]!, i));
  retagged.set(tokens, out);
  return out;
}

const POSSESSIVES = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);

/** A verb or auxiliary comes at `from` or within the next ten words, before any punctuation ("part of Moscow's gold … were"). */
function verbBeforePunctuation(tokens: readonly TaggedToken[], from: number): boolean {
  for (let k = from; k < tokens.length && k < from + 10; k++) {
    const t = tokens[k]!;
    if (isVerbal(t)) return true;
    if (t.pos === 'PUNCT' || t.pos === 'SCONJ' || t.pos === 'PRON') return false;
  }
  return false;
}

/** A saying verb comes before `at` in its clause, with no other verb between (at most ten words back). */
function saysBefore(tokens: readonly TaggedToken[], at: number): boolean {
  for (let k = at - 1; k >= 0 && k >= at - 10; k--) {
    const t = tokens[k]!;
    if (t.pos === 'VERB') return COMMUNICATION_LEMMAS.has(t.lemma);
    if (t.pos === 'AUX' || t.text === ';' || t.text === '.') return false;
  }
  return false;
}
const BE_HAVE_FINITE = new Set(['was', 'were', 'is', 'are', 'has', 'have', 'had']);

/**
 * The sentence's verb comes after `from` ("… was renewed"), before any "and", comma or other verb
 * that would start a clause of its own ("returned in 1996 and was named CEO" is two clauses).
 */
function verbFollows(tokens: readonly TaggedToken[], from: number): boolean {
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.pos === 'CCONJ' || t.pos === 'PUNCT' || t.pos === 'SCONJ' || t.pos === 'PRON') return false;
    if (t.pos === 'AUX') return BE_HAVE_FINITE.has(t.lower) && tokens[k + 1]?.pos === 'VERB';
    if (t.pos === 'VERB') return false;
  }
  return false;
}

function isVerbal(t: TaggedToken | undefined): boolean {
  return t !== undefined && (t.pos === 'VERB' || t.pos === 'AUX');
}

/** "-ed", "-en" or an irregular form whose lemma differs: a past tense or a participle. */
function looksPastForm(t: TaggedToken): boolean {
  if (t.lower.endsWith('ing')) return false;
  if (t.lower.endsWith('ed') || t.lower.endsWith('en')) return true;
  return (
    t.lemma !== t.lower &&
    !(t.lower.endsWith('s') && t.lower.startsWith(t.lemma.slice(0, Math.max(1, t.lemma.length - 1))))
  );
}

function isNominal(t: TaggedToken | undefined): boolean {
  return t !== undefined && (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON' || t.pos === 'NUM');
}

/** Tokens of the sentence that belong to a date expression or an anchor. */
export type Blocked = (token: TaggedToken) => boolean;

/** Tokens that can stand inside a subject noun phrase (`before`: the token before it). */
function inNounPhrase(t: TaggedToken, before: TaggedToken | undefined): boolean {
  // "talks between the union and the port authority", "dockworkers at the port of Rotterdam": a
  // preposition or "and" after a noun keeps the phrase going.
  if (
    (t.pos === 'ADP' || t.pos === 'CCONJ') &&
    before !== undefined &&
    (before.pos === 'NOUN' || before.pos === 'PROPN') &&
    t.lower !== 'than'
  )
    return true;
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'DET') return true;
  // "the Mac OS X operating system": an -ing word after a name, determiner or adjective modifies the noun.
  if (
    t.pos === 'VERB' &&
    t.lower.endsWith('ing') &&
    before !== undefined &&
    (before.pos === 'PROPN' || before.pos === 'DET' || before.pos === 'ADJ')
  )
    return true;
  // "the recently announced iPhone": an adverb between a determiner and an adjective.
  if (t.pos === 'ADV' && before !== undefined && (before.pos === 'DET' || POSSESSIVES.has(before.lower))) return true;
  if (t.pos === 'PART' && (t.lower === "'s" || t.lower === '’s')) return true;
  if (t.pos === 'PUNCT' && (t.text === "'" || t.text === '’' || t.text === '-' || t.text === '&' || t.text === '.'))
    return true;
  return false;
}

const QUANTIFIERS = new Set(['several', 'many', 'some', 'few', 'most', 'all', 'both', 'each', 'every']);

function startsPhrase(t: TaggedToken): boolean {
  return (t.pos === 'DET' && t.lower !== "'s") || QUANTIFIERS.has(t.lower);
}

/** The noun phrase ending at token `end - 1` ([from, to)), when it is one. */
function nounPhraseEndingAt(
  tokens: readonly TaggedToken[],
  end: number,
  floor: number,
  blocked: Blocked,
): { from: number; to: number } | undefined {
  if (
    end <= floor ||
    !isNominal(tokens[end - 1]) ||
    blocked(tokens[end - 1]!) ||
    (tokens[end - 1]!.pos === 'PRON' && RELATIVE_PRONOUNS.has(tokens[end - 1]!.lower))
  )
    return undefined;
  if (tokens[end - 1]!.pos === 'PRON') return { from: end - 1, to: end };
  let from = end - 1;
  // ("At the event several developers": a determiner after a noun starts a phrase of its own.)
  while (
    from > floor &&
    inNounPhrase(tokens[from - 1]!, tokens[from - 2]) &&
    (!blocked(tokens[from - 1]!) || describesNoun(tokens, from - 1)) &&
    end - from < 12 &&
    !(startsPhrase(tokens[from]!) && (tokens[from - 1]!.pos === 'NOUN' || tokens[from - 1]!.pos === 'PROPN'))
  )
    from--;
  // "of" and punctuation only inside: never at the edge.
  while (
    from < end - 1 &&
    (tokens[from]!.pos === 'ADP' || tokens[from]!.pos === 'PUNCT' || tokens[from]!.pos === 'PART')
  )
    from++;
  // "During the first quarter of the financial year Apple Inc. sold": after a preposition, a time
  // noun ends that preposition's phrase (its comma left out) and the name after it is the subject
  // (where "before national security adviser Jake Sullivan" keeps the title with the name).
  if (tokens[from - 1]?.pos === 'ADP' && tokens[end - 1]!.pos === 'PROPN') {
    let name = end - 1;
    while (name > from && (tokens[name - 1]!.pos === 'PROPN' || tokens[name - 1]!.text === '.')) name--;
    if (name > from && tokens[name - 1]!.pos === 'NOUN' && TIME_NOUNS.has(tokens[name - 1]!.lemma)) from = name;
  }
  return { from, to: end };
}

/** "the recently announced iPhone": a date adverb between a determiner and an adjective describes the noun. */
function describesNoun(tokens: readonly TaggedToken[], i: number): boolean {
  const before = tokens[i - 1];
  return (
    tokens[i]!.pos === 'ADV' &&
    tokens[i + 1]?.pos === 'ADJ' &&
    before !== undefined &&
    (before.pos === 'DET' || POSSESSIVES.has(before.lower))
  );
}

/** A name as a headline gives it: capitalised words only ("Liu Pengui", "Lewis W. Teperman", "Bank of America"). */
function isName(tokens: readonly TaggedToken[], from: number, to: number): boolean {
  if (to <= from || to - from > 6 || tokens[from]!.pos !== 'PROPN' || tokens[to - 1]!.pos !== 'PROPN') return false;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (!(t.pos === 'PROPN' || t.text === '.' || t.text === '-' || t.text === '&' || (t.lower === 'of' && k > from)))
      return false;
  }
  return true;
}

function isFiniteVerb(t: TaggedToken): boolean {
  return isVerbal(t) && !/(ing|ed)$/.test(t.lower);
}

/**
 * Where the subject of the verb group starting at `g` is, looking left within the clause (`floor`),
 * or for an apposition or a relative clause between commas, within the sentence's clause (`reach`).
 */
function subjectBefore(
  tokens: readonly TaggedToken[],
  g: number,
  floor: number,
  blocked: Blocked,
  reach = floor,
): { from: number; to: number } | undefined {
  let i = g;
  // "Apple today unveiled", "Russia on Monday denied": the date words stand between subject and verb.
  while (
    i > floor &&
    (tokens[i - 1]!.pos === 'ADV' ||
      tokens[i - 1]!.pos === 'PART' ||
      blocked(tokens[i - 1]!) ||
      (tokens[i - 1]!.pos === 'ADP' && i < g && blocked(tokens[i]!)))
  )
    i--;
  const before = tokens[i - 1];
  if (!before || i <= floor) return undefined;
  if (before.pos === 'PRON' && RELATIVE_PRONOUNS.has(before.lower)) {
    // "those who had purchased", "the store, which sells": the phrase the relative pronoun stands for.
    let j = i - 1;
    if (tokens[j - 1]?.text === ',') j--;
    return nounPhraseEndingAt(tokens, j, floor, blocked);
  }
  if (before.text === ',') return appositionSubject(tokens, i - 1, Math.min(floor, reach), blocked);
  if (before.pos === 'PUNCT' && (before.text === ')' || before.text === ']')) {
    let j = i - 2;
    while (j > floor && tokens[j]!.text !== '(' && tokens[j]!.text !== '[') j--;
    return nounPhraseEndingAt(tokens, j, floor, blocked);
  }
  const np = nounPhraseEndingAt(tokens, i, floor, blocked);
  // "The new hardware, revealed at the company's conference drew attention": a participle phrase
  // after the subject, its closing comma left out; the subject is before the participle. (A pronoun
  // is a whole subject: in "…, D.C., said he was" the verb before it is the previous clause's.)
  if (np && tokens[np.from]!.pos !== 'PRON') {
    for (let k = np.from - 1; k > reach && tokens[k]!.text !== ','; k--) {
      const t = tokens[k]!;
      if (t.pos === 'VERB' && looksPastForm(t) && tokens[k - 1]?.text === ',')
        return nounPhraseEndingAt(tokens, k - 1, reach, blocked) ?? np;
      // "The sanctions campaign to punish Russia for the invasion has pushed": the infinitive
      // describes the noun before it, which is the subject.
      if (
        t.pos === 'VERB' &&
        tokens[k - 1]?.lower === 'to' &&
        (tokens[k - 2]?.pos === 'NOUN' || tokens[k - 2]?.pos === 'PROPN')
      )
        return nounPhraseEndingAt(tokens, k - 1, reach, blocked) ?? np;
      if (isFiniteVerb(t) || t.pos === 'AUX') break;
    }
  }
  return np;
}

/**
 * "Steve Jobs, the Apple Chief Executive Officer, announced", "The Vice President … of the company,
 * Mark Chandler, explained", "Liu Pengui, a spokesman for the Chinese embassy in Washington, D.C.,
 * said", "The official, who spoke on condition of anonymity, did not provide": the phrases between
 * commas before the verb (`comma`) are one subject; a headline names it by the first of them that
 * is a name, else by the phrase before the last comma. A phrase with a finite verb ends the chain
 * unless it is a relative clause.
 */
function appositionSubject(
  tokens: readonly TaggedToken[],
  comma: number,
  floor: number,
  blocked: Blocked,
): { from: number; to: number } | undefined {
  const segments: { from: number; to: number }[] = [];
  let end = comma;
  let opensClause = false;
  for (let n = 0; n < 5; n++) {
    let j = end - 1;
    let finite = false;
    while (j >= floor && tokens[j]!.text !== ',' && end - j < 24) {
      if (isFiniteVerb(tokens[j]!)) finite = true;
      j--;
    }
    const from = j + 1;
    const relative =
      tokens[from]?.pos === 'PRON' && RELATIVE_PRONOUNS.has(tokens[from]!.lower) && tokens[from]!.lower !== 'that';
    if ((finite && !relative) || from >= end) break;
    segments.push({ from, to: end });
    if (j < floor || tokens[j]?.text !== ',') {
      opensClause = true;
      break;
    }
    end = j;
  }
  // The apposition itself is the segment just before the verb; the subject comes before it.
  if (segments.length < 2 && !opensClause) return undefined;
  for (let k = segments.length - 1; k >= 0; k--) {
    const seg = segments[k]!;
    if (isName(tokens, seg.from, seg.to) && !blocked(tokens[seg.from]!)) return seg;
  }
  const first = segments[0];
  if (!first || segments.length < 2) return undefined;
  return nounPhraseEndingAt(tokens, first.from - 1, floor, blocked);
}

/** "…,” said Jobs": a reporting verb followed by its subject. */
function subjectAfter(tokens: readonly TaggedToken[], groupTo: number): { from: number; to: number } | undefined {
  let to = groupTo;
  while (
    to < tokens.length &&
    (tokens[to]!.pos === 'PROPN' || (tokens[to]!.pos === 'NOUN' && to > groupTo) || tokens[to]!.text === '.') &&
    to - groupTo < 8
  )
    to++;
  while (to > groupTo && tokens[to - 1]!.pos !== 'PROPN' && tokens[to - 1]!.pos !== 'NOUN') to--;
  return to > groupTo && tokens[groupTo]!.pos === 'PROPN' ? { from: groupTo, to } : undefined;
}

/** The object or complement after the verb group, up to the clause's end. */
function objectAfter(
  tokens: readonly TaggedToken[],
  groupTo: number,
  limit: number,
): { from: number; to: number } | undefined {
  let from = groupTo;
  // "said that Apple …", "announced Monday that …": the complement's words carry the news.
  if (tokens[from]?.lower === 'that' && tokens[from]!.pos !== 'DET') from++;
  else {
    // "said yesterday that …", "announced on Monday that …": the date words before "that" are not what was said.
    for (let k = from; k < Math.min(limit, from + 4); k++) {
      const t = tokens[k]!;
      if (t.lower === 'that' && t.pos === 'SCONJ') {
        from = k + 1;
        break;
      }
      if (
        t.pos !== 'ADV' &&
        !DAY_WORDS.has(t.lower) &&
        !(t.lower === 'on' && DAY_WORDS.has(tokens[k + 1]?.lower ?? ''))
      )
        break;
    }
  }
  let to = from;
  while (to < limit && to - from < 14) {
    const t = tokens[to]!;
    // 'called it "the hottest thing going in radio"': a quotation inside the object is part of it.
    if (
      to > from &&
      (t.text === '“' || t.text === '"') &&
      tokens[to - 1]!.text !== ',' &&
      tokens[to - 1]!.text !== ':'
    ) {
      let close = to + 1;
      while (close < limit && close - to <= 12 && tokens[close]!.text !== '”' && tokens[close]!.text !== '"') close++;
      if (close < limit && close - to <= 12 && close > to + 1) {
        to = close + 1;
        return { from, to };
      }
    }
    if (t.pos === 'PUNCT' && CLAUSE_PUNCTUATION.has(t.text)) break;
    if (t.pos === 'SCONJ' && to > from) break;
    // "obtained a prototype and published details": the second verb is a predicate of its own.
    if (t.pos === 'CCONJ' && (isVerbal(tokens[to + 1]) || (tokens[to + 1]?.pos === 'ADV' && isVerbal(tokens[to + 2]))))
      break;
    // "was fired from the company and he founded NeXT": a pronoun and its verb start a clause of their own.
    if (t.pos === 'CCONJ' && tokens[to + 1]?.pos === 'PRON' && isVerbal(tokens[to + 2])) break;
    // ("said that those who had bought a case …": a relative clause on a bare pronoun is the object itself.)
    if (
      t.pos === 'PRON' &&
      RELATIVE_PRONOUNS.has(t.lower) &&
      to > from &&
      t.lower !== 'that' &&
      !(to === from + 1 && (tokens[from]!.pos === 'PRON' || tokens[from]!.pos === 'DET'))
    )
      break;
    to++;
  }
  while (to > from && !objectEdgeOk(tokens[to - 1]!)) to--;
  return to > from ? { from, to } : undefined;
}

/** A word that needs another after it: a phrase never ends on it ("to the", "and", "has"). */
export function needsWordAfter(t: TaggedToken): boolean {
  return (
    t.pos === 'ADP' ||
    t.pos === 'DET' ||
    t.pos === 'CCONJ' ||
    t.pos === 'SCONJ' ||
    t.pos === 'PART' ||
    t.pos === 'AUX' ||
    t.pos === 'PUNCT'
  );
}

function objectEdgeOk(t: TaggedToken): boolean {
  return !(needsWordAfter(t) || (t.pos === 'PRON' && RELATIVE_PRONOUNS.has(t.lower)) || t.pos === 'ADV');
}

interface Group {
  readonly from: number;
  readonly to: number;
  readonly head: number;
}

/** Verb groups: auxiliaries, negation and adverbs up to a main verb ("has not yet mentioned"), or a lone auxiliary. */
function verbGroups(tokens: readonly TaggedToken[]): Group[] {
  const groups: Group[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!isVerbal(t)) {
      i++;
      continue;
    }
    let j = i;
    let head = -1;
    while (j < tokens.length) {
      const u = tokens[j]!;
      if (u.pos === 'AUX') {
        if (head >= 0) break;
        j++;
        continue;
      }
      if (u.pos === 'VERB') {
        head = j;
        j++;
        // "plans to release", "continues to sell": the group runs on through the infinitive.
        if (CATENATIVES.has(u.lemma) && tokens[j]?.lower === 'to' && tokens[j + 1]?.pos === 'VERB') {
          j++;
          continue;
        }
        break;
      }
      if (
        (u.pos === 'PART' && (u.lower === 'not' || u.lower === "n't")) ||
        (u.pos === 'ADV' && j + 1 < tokens.length && isVerbal(tokens[j + 1]))
      ) {
        j++;
        continue;
      }
      if (u.pos === 'PART' && u.lower === 'to' && tokens[j + 1]?.pos === 'VERB' && j > i) {
        // "is to meet": be + to + verb.
        j++;
        continue;
      }
      break;
    }
    if (head < 0) {
      // A lone auxiliary ("It is thin", "iPhone 4 has two cameras"): the last auxiliary is the verb.
      let last = i;
      for (let k = i; k < j; k++) if (tokens[k]!.pos === 'AUX') last = k;
      head = last;
    }
    groups.push({ from: i, to: Math.max(j, head + 1), head });
    i = Math.max(j, head + 1);
  }
  return groups;
}

function tenseOf(
  tokens: readonly TaggedToken[],
  g: Group,
): { tense: PredicateTense; passive: boolean; finite: boolean; copula: boolean; reducedRelative?: true } {
  const words = tokens.slice(g.from, g.to);
  const head = tokens[g.head]!;
  const first = words[0]!;
  const before = tokens[g.from - 1];
  // "to release", "releasing", "released in 2003 (after a comma)": not a clause of its own.
  if (before?.lower === 'to' && first.pos === 'VERB')
    return { tense: 'present', passive: false, finite: false, copula: false };
  if (first.pos === 'VERB' && first.lower.endsWith('ing'))
    return { tense: 'present', passive: false, finite: false, copula: false };
  // "the suit, filed in September 2003, claims": a participle after a comma, followed by its complement.
  const after = tokens[g.to];
  // (Not a saying verb: "Lewis W. Teperman, a doctor at New York University, said, "…"".)
  if (
    first.pos === 'VERB' &&
    g.head === g.from &&
    before?.text === ',' &&
    looksPastForm(first) &&
    (after?.pos === 'ADP' || after?.text === ',') &&
    !(COMMUNICATION_LEMMAS.has(first.lemma) && after?.text === ',') &&
    // ("Ada Lind, the founder, died on Monday": with no verb after it, it is the sentence's own.)
    tokens.slice(g.to).some((t) => t.pos === 'VERB' || t.pos === 'AUX')
  ) {
    return { tense: 'past', passive: true, finite: false, copula: false };
  }
  // "The treaty signed in 1998 was renewed in 2020": a bare participle after its noun, whose verb comes later.
  if (
    first.pos === 'VERB' &&
    g.head === g.from &&
    after?.pos === 'ADP' &&
    looksPastForm(first) &&
    verbFollows(tokens, g.to)
  )
    return { tense: 'past', passive: true, finite: false, copula: false, reducedRelative: true };
  const copula = head.pos === 'AUX';
  const auxes = words.filter((w) => w.pos === 'AUX').map((w) => w.lower);
  const passive = head.pos === 'VERB' && looksPastForm(head) && auxes.some((a) => BE_FORMS.has(a) && a !== 'being');
  const catenative = words.some((w) => w.pos === 'VERB' && FUTURE_CATENATIVES.has(w.lemma) && w !== head);
  const isTo = words.some((w) => w.lower === 'to') && auxes.some((a) => BE_FORMS.has(a));
  let tense: PredicateTense;
  if (
    auxes.some((a) => FUTURE_AUX.has(a)) ||
    isTo ||
    catenative ||
    (auxes.some((a) => a === 'is' || a === 'are' || a === "'s" || a === "'re") && head.lower === 'going')
  )
    tense = 'future';
  else if (auxes.some((a) => MODAL_AUX.has(a))) tense = 'modal';
  else if (auxes.includes('had') && (head.pos === 'VERB' || auxes.includes('been'))) tense = 'pluperfect';
  else if (
    auxes.some((a) => HAVE_PRESENT.has(a)) &&
    (auxes.includes('been') ||
      (head.pos === 'VERB' && looksPastForm(head) && !auxes.some((a) => a === 'is' || a === 'was')))
  )
    tense = 'perfect';
  else if (auxes.some((a) => PAST_AUX.has(a))) tense = 'past';
  else if (auxes.length > 0) tense = copula && first.lower === 'had' ? 'past' : 'present';
  else tense = looksPastForm(words.find((w) => w.pos === 'VERB') ?? head) ? 'past' : 'present';
  return { tense, passive, finite: true, copula };
}

/** Boundaries between clauses: clause punctuation and conjunctions that start a new clause. */
function clauseFloor(tokens: readonly TaggedToken[], g: number, previousGroupEnd: number): number {
  let i = g;
  while (i > previousGroupEnd) {
    const t = tokens[i - 1]!;
    if (t.pos === 'PUNCT' && (t.text === ';' || t.text === ':' || t.text === '“' || t.text === '"' || t.text === '('))
      break;
    if (t.pos === 'SCONJ' || t.pos === 'CCONJ') break;
    i--;
  }
  return i;
}

/** Whether a clause boundary (punctuation, a conjunction, "that", a relative pronoun) lies in [from, to). */
function hasBoundary(tokens: readonly TaggedToken[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (
      (t.pos === 'PUNCT' && CLAUSE_PUNCTUATION.has(t.text)) ||
      t.pos === 'CCONJ' ||
      t.pos === 'SCONJ' ||
      (t.pos === 'PRON' && RELATIVE_PRONOUNS.has(t.lower))
    )
      return true;
  }
  return false;
}

const PERSONAL = new Set(['he', 'she']);

/** For a "he"/"she" subject, the nearest earlier subject of the sentence that is a name. */
function nameBefore(
  tokens: readonly TaggedToken[],
  subject: { from: number; to: number },
  out: readonly Predicate[],
): { from: number; to: number } | undefined {
  if (subject.to - subject.from !== 1 || !PERSONAL.has(tokens[subject.from]!.lower)) return undefined;
  for (let k = out.length - 1; k >= 0; k--) {
    const q = out[k]!;
    if (q.antecedent) return q.antecedent;
    if (q.subject && q.subject.to <= subject.from && tokens[q.subject.to - 1]!.pos === 'PROPN') return q.subject;
  }
  return undefined;
}

/**
 * The subject a relative clause without commas ("developers that had been given …") hangs on, when
 * that subject opens the clause: no verb comes before it since `reach`.
 */
function relativeAntecedent(
  tokens: readonly TaggedToken[],
  relative: Predicate,
  out: readonly Predicate[],
  reach: number,
): { from: number; to: number } | undefined {
  const s = relative.subject;
  if (!s) return undefined;
  let k = relative.groupFrom;
  while (k > 0 && (tokens[k - 1]!.pos === 'ADV' || tokens[k - 1]!.pos === 'PART')) k--;
  const pronoun = tokens[k - 1];
  if (!pronoun || pronoun.pos !== 'PRON' || !RELATIVE_PRONOUNS.has(pronoun.lower) || s.to !== k - 1) return undefined;
  if (s.from < reach || out.some((q) => q !== relative && q.groupTo <= s.from && q.groupFrom >= reach))
    return undefined;
  return s;
}

/**
 * "an agreement reached between the two companies in 1991", "the Pixar studio bought by Disney":
 * a past participle right after a noun is a reduced relative clause, a passive happening of its own
 * whose subject is that noun. The predicate at token `at` of `tagged` (the sentence's tokens), if
 * it reads so.
 */
export function participlePredicate(
  tagged: readonly TaggedToken[],
  at: number,
  blocked: Blocked = () => false,
): Predicate | undefined {
  const tokens = retag(tagged);
  const t = tokens[at];
  const before = tokens[at - 1];
  if (!t || !before || t.pos !== 'VERB' || !looksPastForm(t) || (t.lower.endsWith('en') && t.lemma === t.lower))
    return undefined;
  // ("Jobs, born in San Francisco on February 24, 1955, has built": also between commas after a name.)
  const end = before.text === ',' && tokens[at - 2]?.pos === 'PROPN' ? at - 1 : at;
  const last = tokens[end - 1]!;
  if (last.pos !== 'NOUN' && last.pos !== 'PROPN') return undefined;
  const subject = nounPhraseEndingAt(tokens, end, 0, blocked);
  if (!subject) return undefined;
  // The participle's phrase ends where the sentence's verb starts ("signed in 1998 | was renewed").
  let limit = at + 1;
  while (limit < tokens.length && tokens[limit]!.pos !== 'AUX' && tokens[limit]!.pos !== 'VERB') limit++;
  const object = objectAfter(tokens, at + 1, limit);
  return {
    head: at,
    groupFrom: at,
    groupTo: at + 1,
    lemma: t.lemma,
    tense: 'past',
    passive: true,
    negated: false,
    copula: false,
    subject,
    ...(object ? { object } : {}),
    from: subject.from,
    to: object ? object.to : at + 1,
  };
}

/** The predicates of one sentence's tokens, in text order; at most `max` (the first ones). */
export function findPredicates(tagged: readonly TaggedToken[], max = 12, blocked: Blocked = () => false): Predicate[] {
  const tokens = retag(tagged);
  const out: Predicate[] = [];
  let previousEnd = 0;
  let previousSubject: { from: number; to: number } | undefined;
  let pendingTense: PredicateTense | undefined;
  let previousGroup: Group | undefined;
  // "The treaty signed in 1998 was renewed": the participle's noun is the next verb's subject.
  let reduced: { group: Group; floor: number } | undefined;
  for (const g of verbGroups(tokens)) {
    if (out.length >= max) break;
    const lastGroup = previousGroup;
    previousGroup = g;
    const reading = tenseOf(tokens, g);
    const { tense, finite, copula } = reading;
    let { passive } = reading;
    const floor = clauseFloor(tokens, g.from, previousEnd);
    const nextGroupStart = tokens.length;
    if (!finite) {
      if (reading.reducedRelative) reduced = { group: g, floor: previousEnd };
      // ("the Mac OS X operating system was released": a modifier inside the subject ends no clause.)
      const only = tokens[g.from]!;
      if (!(
        g.to - g.from === 1 &&
        only.lower.endsWith('ing') &&
        tokens[g.to]?.pos === 'NOUN' &&
        inNounPhrase(only, tokens[g.from - 1])
      ))
        previousEnd = g.to;
      continue;
    }
    // "will on average be reduced": a lone modal lends its tense to the verb group after it.
    const headToken = tokens[g.head]!;
    if (headToken.pos === 'AUX' && (FUTURE_AUX.has(headToken.lower) || MODAL_AUX.has(headToken.lower))) {
      pendingTense = FUTURE_AUX.has(headToken.lower) ? 'future' : 'modal';
      continue;
    }
    const tenseHere = pendingTense && g.from - previousEnd <= 4 ? pendingTense : tense;
    pendingTense = undefined;
    // "violates an agreement reached in 1991", "have the case heard by": a bare participle right
    // after the previous verb's object belongs to that object, not to a clause of its own.
    const previous = out[out.length - 1];
    const previousVerb = lastGroup ? tokens[lastGroup.head]! : undefined;
    const reach = clauseFloor(tokens, g.from, 0);
    // "several developers that had been given early access to the SDK demonstrated their
    // applications": after a relative clause on the clause's subject, the next verb is the subject's own.
    const antecedent =
      previous && lastGroup && previous.groupFrom === lastGroup.from
        ? relativeAntecedent(tokens, previous, out, reach)
        : undefined;
    // ("leaving the strike set for Wednesday", "saw prices fall": also a bare verb after a verb's object.)
    if (
      !antecedent &&
      lastGroup &&
      previousVerb &&
      g.head === g.from &&
      headToken.pos === 'VERB' &&
      !isCommunication(previousVerb.lemma) &&
      lastGroup.to < g.from &&
      !hasBoundary(tokens, lastGroup.to, g.from)
    ) {
      previousEnd = g.to;
      continue;
    }
    if (antecedent && previous?.object && previous.object.to > g.from) {
      // The relative clause ends where the main verb starts.
      let cut = g.from;
      while (cut > previous.object.from && !objectEdgeOk(tokens[cut - 1]!)) cut--;
      const { object: _old, ...rest } = previous;
      out[out.length - 1] =
        cut > previous.object.from
          ? { ...rest, object: { from: previous.object.from, to: cut }, to: cut }
          : { ...rest, to: previous.groupTo };
    }
    let subject = antecedent ?? subjectBefore(tokens, g.from, Math.max(0, previousEnd), blocked, reach);
    const joinedBy = tokens[floor - 1];
    // "He fought cancer in 2004 and took six months off": the second verb shares the first's subject.
    if (!subject && joinedBy?.pos === 'CCONJ' && floor === g.from) {
      // ("Apple confirmed that Papermaster had left, but did not say …": after a comma the second verb
      // joins the saying whose content the verb before was, not that content.)
      const holder =
        tokens[floor - 2]?.text === ',' && previous
          ? out.findLast(
              (q) =>
                q !== previous &&
                q.subject !== undefined &&
                isCommunication(q.lemma) &&
                q.groupTo <= previous.from &&
                tokens.slice(q.groupTo, previous.from).some((t) => t.lower === 'that'),
            )
          : undefined;
      subject = holder?.subject ?? previousSubject;
      // "is made by Apple and marketed alongside …": the second participle is passive too.
      if (previous?.passive && g.head === g.from && looksPastForm(headToken)) passive = true;
    }
    if (
      !subject &&
      (tokens[g.from - 1]?.text === ',' || tokens[g.from - 1]?.text === '”' || tokens[g.from - 1]?.text === '"')
    )
      subject = subjectAfter(tokens, g.to);
    if (!subject && reduced && lastGroup === reduced.group)
      subject = nounPhraseEndingAt(tokens, reduced.group.from, reduced.floor, blocked);
    reduced = undefined;
    // "according to figures released April 3 by NPD", "demand enjoyed by Apple's iPod": a bare participle
    // after a noun that a preposition governs, or before an agent's "by", is a reduced passive.
    if (
      !passive &&
      g.head === g.from &&
      subject &&
      subject.to === g.from &&
      looksPastForm(headToken) &&
      (tokens[subject.from - 1]?.pos === 'ADP' ||
        (tokens[g.to]?.lower === 'by' && (tokens[g.to + 1]?.pos === 'DET' || tokens[g.to + 1]?.pos === 'PROPN')))
    )
      passive = true;
    const object = objectAfter(tokens, subject && subject.from >= g.to ? subject.to : g.to, nextGroupStart);
    const head = headToken;
    // "price cuts", "video chats": a bare present verb with nothing after it is a noun the tagger misread.
    if (!object && tenseHere === 'present' && g.from === g.head && head.pos === 'VERB') {
      previousEnd = g.to;
      continue;
    }
    const negated = tokens.slice(g.from, g.to).some((w) => w.lower === 'not' || w.lower === "n't");
    // "shared that some reserves are in yuan", "indicated that …": saying, not sharing.
    const lemma = SAYING_BEFORE_THAT.has(head.lemma) && tokens[g.to]?.lower === 'that' ? 'say' : head.lemma;
    const from = subject && subject.from < g.from ? subject.from : g.from;
    const to = object ? object.to : g.to;
    const named = subject ? nameBefore(tokens, subject, out) : undefined;
    out.push({
      head: g.head,
      groupFrom: g.from,
      groupTo: g.to,
      lemma,
      tense: tenseHere,
      passive,
      negated,
      copula,
      ...(subject ? { subject } : {}),
      ...(object ? { object } : {}),
      ...(named ? { antecedent: named } : {}),
      from,
      to,
    });
    previousEnd = g.to;
    if (subject) previousSubject = subject;
  }
  return out;
}
