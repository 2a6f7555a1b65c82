import type { Token } from '../text/tokens.js';
import { shortName, type Actor } from './actors.js';
import { headlineVerb, thirdPerson, baseForm, verbInfo, isFiniteVerbLower } from './lexicon.js';

/**
 * Attaching a temporal expression to the clause it dates and turning that clause into a headline:
 * subject (an actor, by surname) + present-tense verb + a short object.
 */

export interface Clause {
  /** Token index range [from, to) of the clause in the sentence's tokens. */
  readonly from: number;
  readonly to: number;
  readonly verbIndex: number | undefined;
  /** A nominal event ("the Russian invasion of Ukraine on February 24"): tokens [from, to) are its noun phrase. */
  readonly nominal: boolean;
}

const SEGMENT_WORDS = new Set(['while', 'whereas', 'because', 'although', 'though', 'but', 'when', 'whether']);
const EVENT_NOUNS = new Set([
  'invasion',
  'war',
  'attack',
  'attacks',
  'meeting',
  'talks',
  'summit',
  'election',
  'elections',
  'visit',
  'call',
  'speech',
  'testimony',
  'hearing',
  'vote',
  'strike',
  'strikes',
  'ceasefire',
  'agreement',
  'deal',
  'announcement',
  'crash',
  'explosion',
  'protest',
  'protests',
  'referendum',
  'conference',
  'trial',
  'ruling',
  'verdict',
  'shooting',
  'bombing',
  'offensive',
  'incursion',
  'massacre',
  'raid',
]);

const CLAUSE_PUNCTUATION = new Set([';', ':', '“', '”', '"', '—', '–', '(', ')', '[', ']']);

/**
 * What the clause finder needs of a sentence's tokens, worked out once per sentence: the tokens
 * lower-cased, which are clause verbs, where the first comma is. Every clause of a sentence is
 * attached in a row, so one cached sentence (by identity of its token array) serves them all.
 * (Word tokens are made of letters and digits none of which lower-case into ASCII, so comparing
 * `lower[i]` with lower-case words is what the case-insensitive patterns on `text` did.)
 */
interface SentenceTokens {
  readonly tokens: readonly Token[];
  readonly lower: readonly string[];
  readonly flags: Uint8Array;
  /** Index of the first "," token, -1 when none. */
  readonly firstComma: number;
}

let cached: SentenceTokens | undefined;

function sentenceTokens(tokens: readonly Token[]): SentenceTokens {
  if (cached !== undefined && cached.tokens === tokens) return cached;
  const n = tokens.length;
  const lower: string[] = new Array<string>(n);
  let firstComma = -1;
  for (let i = 0; i < n; i++) {
    const text = tokens[i]!.text;
    lower[i] = text.toLowerCase();
    if (firstComma < 0 && text === ',') firstComma = i;
  }
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!tokens[i]!.isWord || !isFiniteVerbLower(lower[i]!, i > 0 ? lower[i - 1] : undefined)) continue;
    // "is set to meet", "plans to travel": the verb after "to" carries the meaning.
    if (i + 2 < n && lower[i + 1] === 'to' && isFiniteVerbLower(lower[i + 2]!, 'to') && CATENATIVES.has(lower[i]!))
      continue;
    flags[i] = 1;
  }
  cached = { tokens, lower, flags, firstComma };
  return cached;
}

function isBoundaryToken(s: SentenceTokens, i: number): boolean {
  const t = s.tokens[i];
  if (!t) return true;
  // Punctuation tokens are single characters: a set lookup, not a pattern.
  if (!t.isWord) return t.text.length === 1 && CLAUSE_PUNCTUATION.has(t.text);
  const lower = s.lower[i]!;
  if (SEGMENT_WORDS.has(lower)) return true;
  if (lower === 'as') {
    const prev = s.lower[i - 1];
    const next = s.lower[i + 1];
    return !(
      prev === 'such' ||
      prev === 'as' ||
      prev === 'so' ||
      next === 'well' ||
      next === 'far' ||
      next === 'much' ||
      next === 'many' ||
      next === 'part'
    );
  }
  return false;
}

/** The start of the segment around token index i, bounded by clause-level punctuation and subordinators. */
function segmentFrom(s: SentenceTokens, i: number): number {
  let from = i;
  while (from > 0 && !isBoundaryToken(s, from - 1)) from--;
  return from;
}

/** The end (exclusive) of the segment around token index i. */
function segmentTo(s: SentenceTokens, i: number): number {
  let to = i + 1;
  while (to < s.tokens.length && !isBoundaryToken(s, to)) to++;
  return to;
}

/** "is set to meet", "plans to travel": verbs that only carry the next one. */
const CATENATIVES = new Set([
  'set',
  'plan',
  'plans',
  'planned',
  'planning',
  'schedule',
  'scheduled',
  'expect',
  'expects',
  'expected',
  'due',
  'going',
  'intend',
  'intends',
  'intended',
  'hope',
  'hopes',
  'hoped',
  'want',
  'wants',
  'wanted',
  'tries',
  'tried',
  'seek',
  'seeks',
  'sought',
  'aim',
  'aims',
  'aimed',
  'continue',
  'continues',
  'continued',
]);

/** The first clause verb in [from, to) outside `skip`, or -1. */
function firstVerbIn(flags: Uint8Array, from: number, to: number, skipFrom: number, skipTo: number): number {
  for (let i = from; i < to; i++) {
    if (i >= skipFrom && i < skipTo) continue;
    if (flags[i]) return i;
  }
  return -1;
}

/**
 * The clause a timex (tokens [tFrom, tTo)) dates. Introductory phrases without a verb ("Earlier on
 * Sunday, …", "In a television interview on Sunday, …") date the main clause after the comma.
 */
export function attachClause(tokens: readonly Token[], tFrom: number, tTo: number): Clause {
  const s = sentenceTokens(tokens);
  const flags = s.flags;
  const firstComma = s.firstComma;
  if (firstComma > tFrom && firstVerbIn(flags, 0, firstComma, tFrom, tTo) < 0 && !quoteBefore(tokens, firstComma)) {
    const afterTo = segmentTo(s, Math.min(firstComma + 1, tokens.length - 1));
    const verb = firstVerbIn(flags, firstComma + 1, afterTo, tFrom, tTo);
    if (verb >= 0) return { from: firstComma + 1, to: afterTo, verbIndex: verb, nominal: false };
  }
  const segFrom = segmentFrom(s, tFrom);
  // A nominal event right before the timex: "the invasion of Ukraine on February 24", "a … meeting this week".
  for (let i = tFrom - 1; i >= Math.max(segFrom, tFrom - 5); i--) {
    const t = tokens[i];
    if (!t) break;
    if (flags[i]) break;
    if (t.isWord && EVENT_NOUNS.has(s.lower[i]!)) {
      let from = i;
      while (from > segFrom && tokens[from - 1]?.isWord && !flags[from - 1] && from > i - 5) from--;
      // "authorize the strike on May 28": the noun is a verb's object, so the verb's clause is the event.
      const before = tokens[from - 1];
      if (before?.isWord && flags[from - 1]) break;
      return { from, to: tTo, verbIndex: undefined, nominal: true };
    }
  }
  const segTo = segmentTo(s, tFrom);
  // The last verb before the timex, else the first after it.
  let verbIndex: number | undefined;
  for (let i = Math.min(tFrom, segTo) - 1; i >= segFrom; i--) {
    if (flags[i]) {
      verbIndex = i;
      break;
    }
  }
  if (verbIndex === undefined) {
    for (let i = Math.max(tTo, segFrom); i < segTo; i++) {
      if (flags[i]) {
        verbIndex = i;
        break;
      }
    }
  }
  // "voted to authorize the strike": the first verb is the event, the rest its object.
  if (verbIndex !== undefined && verbIndex >= 2 && s.lower[verbIndex - 1] === 'to' && flags[verbIndex - 2])
    verbIndex -= 2;
  return { from: segFrom, to: segTo, verbIndex, nominal: false };
}

/** A quotation mark among tokens [0, end). */
function quoteBefore(tokens: readonly Token[], end: number): boolean {
  for (let i = 0; i < end; i++) {
    const text = tokens[i]!.text;
    if (text === '“' || text === '”' || text === '"') return true;
  }
  return false;
}

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'his',
  'her',
  'their',
  'our',
  'earlier',
  'later',
  'also',
  'meanwhile',
  'then',
  'now',
  'and',
  'but',
  'so',
  'since',
  'on',
  'in',
  'at',
  'during',
  'some',
  'according',
]);
const TRAILING_JUNK = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'and',
  'or',
  'but',
  'that',
  'which',
  'who',
  'by',
  'from',
  'as',
  'his',
  'her',
  'its',
  'their',
  'is',
  'was',
  'were',
  'are',
  'will',
  'would',
]);
const PRONOUNS = /^(he|she|they|it|i|we)$/i;
/** Words before a verb that go with it ("is set to", "will not", "reportedly"). */
const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'may',
  'might',
  'should',
  'can',
  'not',
  'to',
  'set',
  'scheduled',
  'planning',
  'plans',
  'plan',
  'planned',
  'expected',
  'due',
  'going',
  'be',
  'been',
  'also',
  'reportedly',
  'bluntly',
  'then',
  'did',
  'does',
  'do',
]);
const MODALS = new Set(['could', 'may', 'might', 'should', 'can', 'would']);
const FUTURE_AUXILIARIES = new Set([
  'to',
  'will',
  'going',
  'scheduled',
  'set',
  'planning',
  'plans',
  'plan',
  'expected',
  'due',
]);
const SUBJECT_STARTS = new Set([',', 'that', 'after', 'before']);
const HEAD_PREPOSITIONS = new Set([
  'at',
  'of',
  'in',
  'for',
  'from',
  'between',
  'with',
  'on',
  'near',
  'across',
  'inside',
  'outside',
]);
const OBJECT_ENDS = new Set([',', '“', '”', '"', '—', '–', ';', ':', '.']);
const QUESTION_WORDS = new Set(['how', 'whether', 'why', 'what', 'while', 'if']);
const PREDICATE_AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'has', 'have', 'had', 'will', 'would']);
const REPORTING_SUBJECTS = new Set(['it', 'they', 'he', 'she', 'russia', 'china']);
const OBJECT_PREPOSITIONS = new Set(['in', 'during', 'at', 'on', 'while']);
const TIMEX_PREPOSITIONS = new Set([
  'on',
  'in',
  'at',
  'during',
  'earlier',
  'late',
  'early',
  'since',
  'by',
  'this',
  'last',
  'until',
]);
const TRAILING_PUNCTUATION = new Set([',', ';', ':', '.', '“', '”', '"', "'", '’']);

const POSSESSIVE = /[’']s$/;

function trimWords(list: string[], max: number): string[] {
  const out = list.length > max ? list.slice(0, max) : list;
  const last = out[out.length - 1];
  if (last && POSSESSIVE.test(last)) out[out.length - 1] = last.replace(POSSESSIVE, '');
  while (out.length && TRAILING_JUNK.has(out[out.length - 1]!.toLowerCase())) out.pop();
  while (out.length && TRAILING_PUNCTUATION.has(out[out.length - 1]!)) out.pop();
  while (out.length && TRAILING_JUNK.has(out[out.length - 1]!.toLowerCase())) out.pop();
  return out;
}

const SPACE_BEFORE_CLOSER = /\s+([,.;:’”)])/g;
const CLOSER = /[,.;:’”)]/;
const SPACE_AFTER_OPENER = /([“(])\s+/g;
const SPACE_BEFORE_POSSESSIVE = /\s+’s\b/g;
const WHITE_SPACE = /\s+/;
const PLURAL_NOUN = /^[a-z][a-z-]+s$/;
const NOT_PLURAL_ENDING = /(ss|us|is)$/;
const REPORTS = /^(News reports|Reports)$/i;

function joinWords(list: readonly string[]): string {
  let s = list.join(' ');
  // Each replacement only where its punctuation occurs: most titles have none.
  if (CLOSER.test(s)) s = s.replace(SPACE_BEFORE_CLOSER, '$1');
  if (s.includes('“') || s.includes('(')) s = s.replace(SPACE_AFTER_OPENER, '$1');
  if (s.includes('’s')) s = s.replace(SPACE_BEFORE_POSSESSIVE, '’s');
  return s;
}

export interface Headline {
  readonly title: string;
  /** The tense of the verb the clause hangs on: it decides which "Sunday" is meant. */
  readonly tense: 'past' | 'future' | undefined;
  readonly actors: Actor[];
  /** Token range of the clause, for keywords. */
  readonly from: number;
  readonly to: number;
}

/** The actors of the sentence lying within [first.start, last.end]: what a finder run on those tokens would give. */
function actorsWithin(actors: readonly Actor[], first: Token | undefined, last: Token | undefined): Actor[] {
  const out: Actor[] = [];
  if (!first || !last) return out;
  for (const a of actors) if (a.start >= first.start && a.end <= last.end) out.push(a);
  return out;
}

/** Whether a person of the sentence lies within [first.start, last.end]. */
function personWithin(actors: readonly Actor[], first: Token | undefined, last: Token | undefined): Actor | undefined {
  if (!first || !last) return undefined;
  for (const a of actors) if (a.kind === 'person' && a.start >= first.start && a.end <= last.end) return a;
  return undefined;
}

/** A token a subject word is made of: a word, or a single letter or digit. */
function isSubjectWord(t: Token): boolean {
  if (t.isWord) return true;
  const c = t.text.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x4ff);
}

/**
 * The headline for the clause. `lastPerson` stands in for a pronoun subject ("he said").
 * `sentenceActors`: the actors found in the whole sentence, so each clause only filters them.
 */
export function headline(
  tokens: readonly Token[],
  clause: Clause,
  tFrom: number,
  tTo: number,
  sentenceActors: readonly Actor[],
  lastPerson: Actor | undefined,
): Headline {
  const n = tokens.length;
  // The timex and the prepositions that introduce it ("on Sunday", "earlier on Sunday") stay out of the title.
  let skipFrom = tFrom;
  while (skipFrom > 0 && TIMEX_PREPOSITIONS.has(tokens[skipFrom - 1]?.text.toLowerCase() ?? '')) skipFrom--;
  const skipTo = tTo;
  // The clause's actors: those within its first and last token outside the skipped range.
  const clauseEnd = Math.min(clause.to, n);
  let firstIn = -1;
  let lastIn = -1;
  for (let i = clause.from; i < clauseEnd; i++) {
    if (i >= skipFrom && i < skipTo) continue;
    if (firstIn < 0) firstIn = i;
    lastIn = i;
  }
  const actors = firstIn < 0 ? [] : actorsWithin(sentenceActors, tokens[firstIn], tokens[lastIn]);
  if (clause.nominal || clause.verbIndex === undefined) {
    // The noun phrase: its words outside the skipped range, without a leading determiner, at most nine.
    const np: string[] = [];
    let k = 0;
    for (let i = clause.from; i < clause.to && np.length < 9; i++) {
      if (i >= skipFrom && i < skipTo) continue;
      const t = tokens[i];
      if (!t) continue;
      if (k++ === 0 && DETERMINERS.has(t.text.toLowerCase())) continue;
      np.push(t.text);
    }
    const title = joinWords(trimWords(np, 9));
    return { title: capitalise(title || 'Event'), actors, from: clause.from, to: clause.to, tense: undefined };
  }
  const v = clause.verbIndex;
  const verbToken = tokens[v];
  // Subject: the words between the clause start and the verb; a relative clause ("X, who is planning …") takes X.
  let subjectFrom = clause.from;
  let subjectTo = v;
  const aux: string[] = [];
  let future = false;
  let negated = false;
  let k = v - 1;
  let modal: string | undefined;
  while (k >= subjectFrom) {
    const w = tokens[k]?.text.toLowerCase() ?? '';
    if (!AUXILIARIES.has(w)) break;
    if (MODALS.has(w)) modal = w;
    if (FUTURE_AUXILIARIES.has(w)) future = true;
    if (w === 'not') negated = true;
    aux.push(w);
    k--;
  }
  subjectTo = k + 1;
  let relative = -1;
  for (let i = subjectFrom, end = Math.min(subjectTo, n); i < end; i++) {
    const w = tokens[i]!.text.toLowerCase();
    if (w === 'who' || w === 'which') {
      relative = i - subjectFrom;
      break;
    }
  }
  if (relative >= 0) subjectTo = subjectFrom + relative;
  else {
    // "…, the New York Times reported": the subject follows the last comma (or "that", "after", "before").
    let wordAfter = false;
    for (let c = subjectTo - 1; c > subjectFrom; c--) {
      const t = tokens[c];
      if (wordAfter && t && SUBJECT_STARTS.has(t.text.toLowerCase())) {
        subjectFrom = c + 1;
        break;
      }
      if (t?.isWord) wordAfter = true;
    }
  }
  // The subject's tokens, without those of the timex.
  const skipStart = tokens[skipFrom]?.start ?? -1;
  const skipEnd = tokens[skipTo - 1]?.end ?? -1;
  let subjectTokens: Token[] = [];
  for (let i = subjectFrom, end = Math.min(subjectTo, n); i < end; i++) {
    const t = tokens[i]!;
    if (!(t.start >= skipStart && t.end <= skipEnd)) subjectTokens.push(t);
  }
  if (relative >= 0 && !subjectTokens.some((t) => t.isWord)) {
    // "Sullivan, who is planning …" sits in a segment of its own: look back before the comma.
    let back = subjectFrom - 1;
    while (back > 0 && tokens[back]?.text === ',') back--;
    const start = Math.max(0, back - 8);
    subjectTokens = tokens.slice(start, back + 1);
  }
  // "Dockworkers at the port of Rotterdam", "Talks between the union and …": the head comes before the preposition.
  let preposition = -1;
  for (let j = 1; j < subjectTokens.length; j++) {
    if (HEAD_PREPOSITIONS.has(subjectTokens[j]!.text.toLowerCase())) {
      preposition = j;
      break;
    }
  }
  if (preposition > 0 && !personWithin(sentenceActors, subjectTokens[0], subjectTokens[subjectTokens.length - 1])) {
    let comma = false;
    for (let j = preposition; j < subjectTokens.length; j++) {
      if (subjectTokens[j]!.text === ',') {
        comma = true;
        break;
      }
    }
    if (!comma) subjectTokens.length = preposition;
  }
  const subjectActors = actorsWithin(sentenceActors, subjectTokens[0], subjectTokens[subjectTokens.length - 1]);
  let subject: string;
  let subjectIsName = true;
  let person: Actor | undefined;
  for (let j = subjectActors.length - 1; j >= 0; j--) {
    if (subjectActors[j]!.kind === 'person') {
      person = subjectActors[j];
      break;
    }
  }
  const other = subjectActors[subjectActors.length - 1];
  if (person) subject = shortName(person);
  else if (other && other.end >= lastWordEnd(subjectTokens)) subject = shortName(other);
  else {
    const sw: string[] = [];
    for (const t of subjectTokens) {
      // Leading determiners are dropped.
      if (sw.length === 0 && DETERMINERS.has(t.text.toLowerCase())) {
        if (isSubjectWord(t)) continue;
      }
      if (isSubjectWord(t)) sw.push(t.text);
    }
    subject = joinWords(sw.length > 5 ? sw.slice(-5) : sw);
    subjectIsName = false;
  }
  if (!subject || PRONOUNS.test(subject)) {
    // "said Dmitry Peskov": the speaker follows the verb; "he said": the last person named.
    const after = personWithin(sentenceActors, tokens[v + 1], tokens[Math.min(n, v + 8) - 1]);
    const stand = after ?? lastPerson;
    if (stand) {
      subject = shortName(stand);
      if (!actors.some((a) => a.key === stand.key)) actors.unshift(stand);
    } else if (!subject) subject = 'Officials';
  }
  if (person && !actors.some((a) => a.key === person.key)) actors.unshift(person);
  const verbWord = verbToken?.text ?? '';
  const base = baseForm(verbWord) ?? verbWord;
  const info = verbInfo(verbWord);
  let verbPhrase: string;
  const toOrWill = aux.includes('to') || aux.includes('will');
  if (modal) verbPhrase = `${modal}${negated ? ' not' : ''} ${base}`;
  else if (future && toOrWill) {
    // "to be released in mid-2011": a passive keeps its "be" and its participle.
    const verb = aux.includes('be') && verbWord.toLowerCase() !== base ? `be ${verbWord.toLowerCase()}` : base;
    verbPhrase = aux.includes('will') ? `will${negated ? ' not' : ''} ${verb}` : `to ${verb}`;
  } else if (negated) verbPhrase = `does not ${base}`;
  else verbPhrase = info ? headlineVerb(verbWord) : thirdPerson(base);
  // "officials describe", "News reports emerge": a plural common-noun subject takes the plain verb.
  const subjectHead = subject.split(WHITE_SPACE).at(-1) ?? '';
  if (
    !subjectIsName &&
    !future &&
    !negated &&
    PLURAL_NOUN.test(subjectHead.toLowerCase()) &&
    !NOT_PLURAL_ENDING.test(subjectHead)
  )
    verbPhrase = base;
  else if (!future && !negated && REPORTS.test(subject)) verbPhrase = base;
  // Object: up to a comma, a quote or "that"; a speech verb with only a place or medium takes the reported content.
  const objectWords: string[] = [];
  let that: number | undefined;
  for (let i = v + 1; i < clause.to; i++) {
    if (i >= skipFrom && i < skipTo) continue;
    const t = tokens[i];
    if (!t) break;
    if (OBJECT_ENDS.has(t.text)) break;
    const lower = t.text.toLowerCase();
    if (objectWords.length > 0 && QUESTION_WORDS.has(lower)) break;
    // "began on Oct. 30 and was still being investigated": a second predicate is not the headline.
    if (lower === 'and' && PREDICATE_AUXILIARIES.has(tokens[i + 1]?.text.toLowerCase() ?? '')) break;
    if (lower === 'that' && objectWords.length <= 5) {
      that = i;
      break;
    }
    // Reported speech in headline tense: "denied it needed China's help" → "denies it needs China's help".
    const previous = objectWords[objectWords.length - 1]?.toLowerCase();
    objectWords.push(
      previous && REPORTING_SUBJECTS.has(previous) && verbInfo(t.text)?.form === 'past' ? headlineVerb(t.text) : t.text,
    );
  }
  let object = objectWords;
  if (object.length === 0 || OBJECT_PREPOSITIONS.has(object[0]!.toLowerCase())) object = [];
  if (that !== undefined && object.length < 3) {
    for (let i = that + 1, added = 0; i < clause.to && added < 8; i++) {
      if (i >= skipFrom && i < skipTo) continue;
      const t = tokens[i];
      if (!t || OBJECT_ENDS.has(t.text)) break;
      object.push(t.text);
      added++;
    }
  }
  const trimmed = trimWords(object, 8);
  trimmed.unshift(subject, verbPhrase);
  const title = joinWords(trimmed);
  const tense =
    future && toOrWill
      ? 'future'
      : info?.form === 'past' && !aux.includes('has') && !aux.includes('have')
        ? 'past'
        : undefined;
  return { title: capitalise(title), actors, from: clause.from, to: clause.to, tense };
}

/** The end of the last word token, Infinity when there is none. */
function lastWordEnd(tokens: readonly Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.isWord) return tokens[i]!.end;
  return Infinity;
}

function capitalise(s: string): string {
  const t = s.trim().slice(0, 300);
  return t.charAt(0).toUpperCase() + t.slice(1);
}
