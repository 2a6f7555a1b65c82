import type { TaggedToken } from '../language/annotate.js';
import { thirdPerson } from './lexicon.js';
import { isCommunication, needsWordAfter, retag, type Predicate } from './predicates.js';

/**
 * A predicate as an editor would title it: the subject by its whole name as the text gives it,
 * the verb in headline present tense ("unveils"; "to lower" for what is expected; "introduced by"
 * for a passive), then the object, without the date words (the timeline shows the date).
 */

export interface TitleContext {
  /** The sentence's text and where it starts in the document. */
  readonly text: string;
  readonly offset: number;
  /** Document offsets of date expressions, left out of titles. */
  readonly skip: readonly { readonly start: number; readonly end: number }[];
  /** Document offsets of the people the sentence names. */
  readonly persons?: readonly { readonly start: number; readonly end: number }[];
  /** What "he", "she", "it" and "they" stand for here, if known. */
  readonly pronoun: (lower: string) => string | undefined;
}

export interface Title {
  readonly title: string;
  /** The subject's name as used in the title (resolved for pronouns). */
  readonly subject: string;
  /** Whether anything follows the verb once date words are left out. */
  readonly hasObject: boolean;
  /** The subject and the verb alone ("Jobs announces"), for a saying titled with what it said. */
  readonly lead: string;
}

const LEADING_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);
const DATE_PREPOSITIONS = new Set(['on', 'in', 'at', 'since', 'during', 'by', 'until', 'from', 'of', 'as']);
const MAX_OBJECT_WORDS = 9;
const MAX_SUBJECT_WORDS = 6;
const NO_SPACE_BEFORE = new Set([',', '.', "'s", '’s', "'", '’', ')', '%', "n't", ':', ';']);

function joinTokens(tokens: readonly TaggedToken[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const glued =
      i > 0 &&
      (NO_SPACE_BEFORE.has(t.lower) ||
        t.text === '-' ||
        tokens[i - 1]!.text === '-' ||
        tokens[i - 1]!.text === '(' ||
        tokens[i - 1]!.text === '$' ||
        tokens[i - 1]!.text === '£' ||
        tokens[i - 1]!.text === '€');
    // Keep the text's own spacing where tokens touched ("Wal-Mart", "U.S.").
    const touching = i > 0 && tokens[i - 1]!.end === t.start;
    out += i === 0 ? t.text : glued || touching ? t.text : ` ${t.text}`;
  }
  return out;
}

/** Capitalised for the start of a title, but names like "iPhone" and "eBay" keep their spelling. */
function capitalise(s: string): string {
  if (!s || /^\p{Ll}\p{Lu}/u.test(s)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function inSkip(t: TaggedToken, ctx: TitleContext): boolean {
  for (const r of ctx.skip) if (t.start < r.end && r.start < t.end) return true;
  return false;
}

/** The object's tokens without the date expressions and the prepositions that introduce them. */
function objectTokens(tokens: readonly TaggedToken[], from: number, to: number, ctx: TitleContext): TaggedToken[] {
  const out: TaggedToken[] = [];
  const existential = tokens[from - 2]?.lower === 'there' && tokens[from - 1]?.pos === 'AUX';
  for (let i = from; i < to && out.length < MAX_OBJECT_WORDS + 4; i++) {
    const t = tokens[i]!;
    // The object ends where a clause about it or a second verb of the subject starts: "bought Pixar,
    // which was acquired by …", "a deal in which episodes …", "fought cancer and took six months off".
    // ("there are witnesses who saw the crash": after an existential "there is" the clause is the point.)
    if (out.length > 0 && i > from && ((opensRelative(tokens, i) && !existential) || opensCoordinatedVerb(tokens, i)))
      break;
    if (inSkip(t, ctx)) {
      while (out.length && DATE_PREPOSITIONS.has(out[out.length - 1]!.lower)) out.pop();
      continue;
    }
    out.push(t);
  }
  // A word the cut would split stays whole ("Wal-Mart", "U.S.-based").
  let cut = Math.min(out.length, MAX_OBJECT_WORDS);
  while (
    cut < out.length &&
    (out[cut]!.start === out[cut - 1]!.end ||
      out[cut - 1]!.text === '-' ||
      // and a name ("the World Wide Developers Conference", "the iPad 2"), up to three words more
      ((out[cut]!.pos === 'PROPN' || out[cut]!.pos === 'NUM') &&
        isNameWord(out[cut - 1]!) &&
        cut < MAX_OBJECT_WORDS + 3) ||
      // and a compound noun ("application software"), up to two words more
      (out[cut]!.pos === 'NOUN' && out[cut - 1]!.pos === 'NOUN' && cut < MAX_OBJECT_WORDS + 2))
  )
    cut++;
  // A short quotation the cut falls into is kept whole (up to four words more).
  const opening = out.slice(0, cut).findLastIndex((w) => w.text === '“' || w.text === '"');
  if (opening >= 0 && !out.slice(opening + 1, cut).some((w) => w.text === '”' || w.text === '"')) {
    const closing = out.findIndex((w, i) => i >= cut && (w.text === '”' || w.text === '"'));
    if (closing >= 0 && closing < cut + 4) cut = closing + 1;
  }
  let words = out.slice(0, cut);
  const truncated = cut < out.length;
  // Never end on a word that needs another after it ("a top", "for $"); an adjective ends a whole
  // object ("to remain anonymous") but not a cut one ("a top" of "a top priority").
  const count = (mark: string): number => words.filter((w) => w.text === mark).length;
  const quoteOpen = (): boolean => count('“') > count('”') || count('"') % 2 === 1;
  while (words.length && endsBadly(words[words.length - 1]!, truncated, words[words.length - 2], quoteOpen()))
    words = words.slice(0, -1);
  // A quotation the cut left open is closed, marked as cut.
  if (words.length && quoteOpen()) {
    const last = words[words.length - 1]!;
    const mark = count('“') > count('”') ? '…”' : '…"';
    words = [...words, { ...last, text: mark, lower: mark, lemma: mark, pos: 'PUNCT', start: last.end, end: last.end }];
  }
  return words;
}

const RELATIVE_WORDS = new Set(['which', 'who', 'whom', 'whose']);

/** "which …", "who …", "in which …", "that" read as a relative pronoun after a noun. */
function opensRelative(tokens: readonly TaggedToken[], i: number): boolean {
  const t = tokens[i]!;
  if (RELATIVE_WORDS.has(t.lower) && t.pos !== 'DET') return true;
  if (t.lower === 'that' && t.pos === 'PRON' && (tokens[i - 1]?.pos === 'NOUN' || tokens[i - 1]?.pos === 'PROPN'))
    return true;
  return t.pos === 'ADP' && RELATIVE_WORDS.has(tokens[i + 1]?.lower ?? '');
}

/** "and took …", "and soon after reassumed …": a conjunction, adverbs at most, then a verb in the past or present. */
function opensCoordinatedVerb(tokens: readonly TaggedToken[], i: number): boolean {
  if (tokens[i]!.pos !== 'CCONJ') return false;
  let k = i + 1;
  while (k < tokens.length && k <= i + 3 && (tokens[k]!.pos === 'ADV' || tokens[k]!.pos === 'ADP')) k++;
  const v = tokens[k];
  return (
    v !== undefined && v.pos === 'VERB' && (v.lower !== v.lemma || v.lower.endsWith('ed')) && !v.lower.endsWith('ing')
  );
}

/** Particles that end a whole phrasal verb's object ("took six months off", "shut the plant down"). */
const PARTICLES = new Set(['off', 'out', 'down', 'up', 'away', 'back', 'over', 'in']);

/** `inQuote`: the cut falls inside a quotation, which its closing mark shows cut ("a very clean and very…"). */
function endsBadly(t: TaggedToken, truncated: boolean, before: TaggedToken | undefined, inQuote: boolean): boolean {
  if (t.text === '”' || (t.text === '"' && !truncated)) return false;
  if (!truncated && PARTICLES.has(t.lower)) return false;
  return (
    needsWordAfter(t) ||
    t.pos === 'SYM' ||
    (t.pos === 'ADJ' && truncated && t.lower !== 'public') ||
    // ("sold in the 6" of "in the 6 weeks since"): a cut number had its noun after it.
    (t.pos === 'NUM' && truncated && !isNameWord(before ?? t)) ||
    // ("was slightly" of "was slightly greater"): a cut adverb had its word after it.
    (t.pos === 'ADV' && truncated && !inQuote) ||
    (t.pos === 'PRON' && !/^(it|them|him|her|us|me|himself|itself)$/.test(t.lower))
  );
}

function subjectText(
  tokens: readonly TaggedToken[],
  p: Predicate,
  ctx: TitleContext,
): { name: string; plural: boolean } | undefined {
  // "When Steve Jobs first introduced iPhone 4, he praised …": the name the sentence gave first.
  const s = p.antecedent ?? p.subject;
  if (!s) return undefined;
  let words = tokens.slice(s.from, s.to).filter((t) => !inSkip(t, ctx));
  if (!words.length) return undefined;
  if (words.length === 1 && words[0]!.pos === 'PRON') {
    const lower = words[0]!.lower;
    const resolved = ctx.pronoun(lower);
    if (!resolved) return undefined;
    // "They also demonstrated iOS 5" with "they" for Apple: the verb agrees with the name.
    return { name: resolved, plural: /\s(and|&)\s/.test(resolved) };
  }
  // "The co-founder and former chief executive of Apple Inc. Steve Jobs": a long description that
  // ends with the person's name is that person.
  const last = words[words.length - 1]!;
  const person = ctx.persons?.find((a) => a.end === last.end && a.start > words[0]!.start);
  if (
    person &&
    (words.length > MAX_SUBJECT_WORDS || words.some((w) => w.pos === 'ADP')) &&
    words.some((w) => w.end <= person.start && w.text === w.lower && (w.pos === 'NOUN' || w.pos === 'ADJ'))
  )
    return { name: joinTokens(words.filter((w) => w.start >= person.start)), plural: false };
  // "Dockworkers at the port of Rotterdam", "Talks between the union and …": the head before the
  // first preposition names the subject; "of" between names stays ("Bank of America").
  // "Shares of Apple Inc.", "Pre-orders of the recently announced iPhone 4": one noun of a name
  // keeps the name, without the words between ("Pre-orders of iPhone 4").
  if (words.length > 3 && words[1]!.lower === 'of' && words[0]!.pos === 'NOUN') {
    let name = 2;
    while (name < words.length && words[name]!.pos !== 'PROPN') name++;
    let end = name;
    while (end < words.length && (words[end]!.pos === 'PROPN' || words[end]!.pos === 'NUM')) end++;
    // ("the Falcon 9 phone": the name's own head noun may follow it)
    while (end < words.length && words[end]!.pos === 'NOUN') end++;
    const between = words.slice(2, name);
    if (
      name < words.length &&
      end === words.length &&
      between.every((w) => w.pos === 'DET' || (w.pos === 'ADJ' && w.text === w.lower))
    )
      words = [words[0]!, words[1]!, ...words.slice(name)];
  }
  for (let k = 1; k < words.length - 1; k++) {
    const w = words[k]!;
    const keepsName = w.lower === 'of' && (words[k - 1]!.pos === 'PROPN' || k === 1) && words[k + 1]!.pos === 'PROPN';
    if ((w.pos === 'ADP' && !keepsName) || (w.pos === 'CCONJ' && words.slice(0, k).some((x) => x.pos === 'ADP'))) {
      if (words.slice(0, k).some((x) => x.pos === 'NOUN' || x.pos === 'PROPN')) words = words.slice(0, k);
      break;
    }
  }
  while (words.length > 1 && LEADING_DETERMINERS.has(words[0]!.lower)) words = words.slice(1);
  // A long subject loses its plain adjectives first ("Apple Computer's iTunes downloadable music service").
  if (words.length > MAX_SUBJECT_WORDS) {
    const plain = words.filter((w, i) => i === words.length - 1 || !(w.pos === 'ADJ' && w.text === w.lower));
    if (plain.length >= 2) words = plain;
  }
  // Then it keeps its end, where the head noun is, and a name there whole: the name's start when it
  // fits, else none of it ("Computer's iTunes service" is no one's name).
  if (words.length > MAX_SUBJECT_WORDS) {
    let start = words.length - MAX_SUBJECT_WORDS;
    if (isNameWord(words[start]!) && isNameWord(words[start - 1]!)) {
      let first = start;
      while (first > 0 && isNameWord(words[first - 1]!)) first--;
      if (words.length - first <= MAX_SUBJECT_WORDS + 2) start = first;
      else while (start < words.length - 1 && (isNameWord(words[start]!) || words[start]!.lower === "'s")) start++;
    }
    words = words.slice(start);
    while (
      words.length > 1 &&
      (words[0]!.pos === 'ADP' ||
        words[0]!.pos === 'PART' ||
        words[0]!.pos === 'PUNCT' ||
        words[0]!.pos === 'DET' ||
        words[0]!.pos === 'CCONJ')
    )
      words = words.slice(1);
  }
  // "company CEO Steve Jobs", "Employee Phil Schiller": common nouns before a person's name and
  // title add nothing a headline keeps ("CEO Steve Jobs", "Phil Schiller").
  const named = ctx.persons?.find((a) => a.end === words[words.length - 1]!.end);
  if (named && words.length > 1) {
    let lead = 0;
    while (lead < words.length - 1 && words[lead]!.pos === 'NOUN' && words[lead]!.end <= named.start) lead++;
    if (lead > 0 && words.slice(lead).every((w) => w.pos === 'PROPN')) words = words.slice(lead);
  }
  const head = words[words.length - 1]!;
  if (head.pos !== 'NOUN' && head.pos !== 'PROPN' && head.pos !== 'NUM' && head.pos !== 'PRON') return undefined;
  // "Shares of Apple Inc." agree with "Shares"; "Steve Jobs and Steve Wozniak" are two, "CEO and
  // co-founder Steve Jobs" one person with two roles.
  const agreeing = words[1]?.lower === 'of' ? words[0]! : head;
  const plural =
    words.some(
      (w, i) =>
        w.pos === 'CCONJ' &&
        !(words[i + 1] && words[i + 1]!.text === words[i + 1]!.lower && words.slice(i + 2).some(isNameWord)),
    ) ||
    (agreeing.pos === 'NOUN' && agreeing.lower.endsWith('s') && agreeing.lemma !== agreeing.lower) ||
    (words.length === 1 && PLURAL_NOUNS.has(agreeing.lower));
  return { name: capitalise(joinTokens(words)), plural };
}

/** Plurals without an -s ("Police say", "People flee"). */
const PLURAL_NOUNS = new Set(['police', 'people', 'children', 'men', 'women', 'cattle', 'personnel']);

function isNameWord(t: TaggedToken): boolean {
  // ("iPod", "eBay": a capital inside a word names something too.)
  return t.pos === 'PROPN' || /^\p{Lu}/u.test(t.text) || /^\p{Ll}+\p{Lu}/u.test(t.text);
}

/** Modals whose meaning a headline keeps ("would" reads as "to", see verbText). */
const KEPT_MODALS = new Set(['could', 'might', 'may', 'must', 'should', 'can', 'ca']);

function verbText(tokens: readonly TaggedToken[], p: Predicate, plural: boolean): string {
  const head = tokens[p.head]!;
  // The predicate's lemma ("say" for "shared that"), not always the word's own.
  const lemma = p.lemma;
  // "will be released", "announced that it would be released": headlines say "to be released".
  const ahead = p.tense === 'future' || tokens.slice(p.groupFrom, p.groupTo).some((t) => t.lower === 'would');
  // "could face fines", "should try again": a possibility or a duty is no fact; the modal stays.
  const modal =
    p.tense === 'modal' ? tokens.slice(p.groupFrom, p.groupTo).find((t) => KEPT_MODALS.has(t.lower)) : undefined;
  if (modal) {
    const words = tokens.slice(p.groupFrom, p.groupTo).filter((t) => t.pos === 'VERB');
    const last = words[words.length - 1];
    const verb = p.passive ? `be ${head.lower}` : p.copula && lemma === 'be' ? 'be' : last ? last.lemma : lemma;
    return `${modal.lower === 'ca' ? 'can' : modal.lower} ${p.negated ? 'not ' : ''}${verb}`;
  }
  if (p.passive) return `${ahead ? 'to be ' : ''}${p.negated ? 'not ' : ''}${head.lower}`;
  // ("said the company would close the mine": a reported future, titled as one.)
  if (p.tense === 'future' || (p.tense === 'modal' && ahead && !p.copula)) {
    const words = tokens.slice(p.groupFrom, p.groupTo).filter((t) => t.pos === 'VERB');
    const last = words[words.length - 1];
    return `${p.negated ? 'not ' : ''}to ${last ? last.lemma : lemma}`;
  }
  if (p.copula) {
    const be = lemma === 'be';
    const form = be ? (plural ? 'are' : 'is') : plural ? lemma : thirdPerson(lemma);
    return p.negated ? `${form} not` : form;
  }
  if (p.negated) return `${plural ? 'do' : 'does'} not ${lemma}`;
  // "plans to release": the catenative keeps its infinitive.
  const verbs = tokens.slice(p.groupFrom, p.groupTo).filter((t) => t.pos === 'VERB');
  const first = verbs[0];
  if (first && verbs.length > 1) {
    const rest = tokens
      .slice(first === head ? p.head + 1 : tokens.indexOf(first) + 1, p.groupTo)
      .map((t) => t.lower)
      .join(' ');
    return `${plural ? first.lemma : thirdPerson(first.lemma)} ${rest}`.trim();
  }
  return plural ? lemma : thirdPerson(lemma);
}

/** Adverbs that only link a clause to the story; a headline leaves them out. */
const LINKING_ADVERBS = new Set(['also', 'then', 'too', 'however', 'meanwhile', 'still', 'thus', 'instead', 'though']);

/**
 * "rose sharply", "were held abroad", "should try again": with no object, the adverbs right after the
 * verb say how or where it happened (a date among them is left out, a linking "also" too).
 */
function mannerAfter(tokens: readonly TaggedToken[], p: Predicate, ctx: TitleContext): TaggedToken[] {
  const out: TaggedToken[] = [];
  // (A saying's "said again" still says nothing: what it said is looked for elsewhere.)
  if (isCommunication(p.lemma)) return out;
  for (let i = p.groupTo; i < tokens.length && out.length < 2; i++) {
    const t = tokens[i]!;
    // ("was forced out", "stepped down.": a particle that ends the clause belongs to its verb.)
    if (PARTICLES.has(t.lower) && (tokens[i + 1] === undefined || tokens[i + 1]!.pos === 'PUNCT')) {
      out.push(t);
      break;
    }
    if (t.pos !== 'ADV' || inSkip(t, ctx)) break;
    if (!LINKING_ADVERBS.has(t.lower)) out.push(t);
  }
  return out;
}

/** The headline of a predicate, or undefined when the sentence gives it no subject to name. */
export function titleOf(tagged: readonly TaggedToken[], p: Predicate, ctx: TitleContext): Title | undefined {
  // Read the words as the predicates were read ("Tim Cook" a name, "Shares of" a plural noun).
  const tokens = retag(tagged);
  const subject = subjectText(tokens, p, ctx);
  if (!subject) return undefined;
  const verb = verbText(tokens, p, subject.plural);
  let objectWords = p.object ? objectTokens(tokens, p.object.from, p.object.to, ctx) : mannerAfter(tokens, p, ctx);
  // ('said that “they continue …”': a headline drops the "that" before what was said.)
  if (objectWords.length > 1 && objectWords[0]!.lower === 'that' && isCommunication(p.lemma))
    objectWords = objectWords.slice(1);
  // A passive's agent comes back in ("introduced by Steve Jobs"); the rest of a long object is cut.
  const object = joinTokens(objectWords);
  const title = [subject.name, verb, object].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  return {
    title: title.length > 140 ? `${title.slice(0, 137).replace(/\s+\S*$/, '')}…` : title,
    subject: subject.name,
    hasObject: objectWords.length > 0,
    lead: `${subject.name} ${verb}`.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * What a saying said, as the text words it from `from` (after its "that") to the reported clause's
 * object: "he would be on medical leave for …", "half of the reserves are held in gold", "those who
 * bought a case will receive a refund". The text's own words keep what a headline form would lose
 * (a subject's "of …", a pronoun after its speaker's name, a modal). Undefined when a parenthesis or
 * a long subject stands before the verb ("the release, which is scheduled for …, will include"):
 * the clause's headline says it better.
 */
export function statedClauseText(
  tokens: readonly TaggedToken[],
  from: number,
  q: Predicate,
  ctx: TitleContext,
): string | undefined {
  const before = tokens.slice(from, q.groupFrom).filter((t) => !inSkip(t, ctx));
  if (before.length > MAX_STATED_SUBJECT_WORDS || before.some((t) => t.pos === 'PUNCT')) return undefined;
  // ("will still be", "had never been": the adverbs inside the verb stay, they carry meaning.)
  const verbs = tokens.slice(q.groupFrom, q.groupTo).filter((t) => !inSkip(t, ctx));
  const object = q.object ? objectTokens(tokens, q.object.from, q.object.to, ctx) : [];
  if (!before.length || !object.length) return undefined;
  return joinTokens([...before, ...verbs, ...object]);
}

const MAX_STATED_SUBJECT_WORDS = 12;

/**
 * Whom a saying was told ("told CNN on Sunday that …" → "CNN"): the names and nouns its object
 * opens with, before any adjunct ("in a statement", "at a news conference") or date.
 */
export function recipientText(tokens: readonly TaggedToken[], from: number, to: number, ctx: TitleContext): string {
  const out: TaggedToken[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (inSkip(t, ctx) || !(t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON' || t.pos === 'DET')) break;
    out.push(t);
  }
  while (out.length && out[out.length - 1]!.pos === 'DET') out.pop();
  // ("Russia's demand": a possessor is not whom it was told.)
  if (tokens[from + out.length]?.pos === 'PART') return '';
  return joinTokens(out);
}
