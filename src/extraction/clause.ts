import type { Token } from '../text/tokens.js';
import { shortName, type Actor } from './actors.js';
import { headlineVerb, isFiniteVerb, thirdPerson, baseForm, verbInfo } from './lexicon.js';

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
  'invasion', 'war', 'attack', 'attacks', 'meeting', 'talks', 'summit', 'election', 'elections', 'visit', 'call', 'speech', 'testimony',
  'hearing', 'vote', 'strike', 'strikes', 'ceasefire', 'agreement', 'deal', 'announcement', 'crash', 'explosion', 'protest', 'protests',
  'referendum', 'conference', 'trial', 'ruling', 'verdict', 'shooting', 'bombing', 'offensive', 'incursion', 'massacre', 'raid',
]);

const CLAUSE_PUNCTUATION = new Set([';', ':', '“', '”', '"', '—', '–', '(', ')', '[', ']']);

function isBoundaryToken(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (!t) return true;
  // Punctuation tokens are single characters: a set lookup, not a pattern.
  if (!t.isWord) return t.text.length === 1 && CLAUSE_PUNCTUATION.has(t.text);
  const lower = t.text.toLowerCase();
  if (SEGMENT_WORDS.has(lower)) return true;
  if (lower === 'as') {
    const prev = tokens[i - 1]?.text.toLowerCase();
    const next = tokens[i + 1]?.text.toLowerCase();
    return !(prev === 'such' || prev === 'as' || prev === 'so' || next === 'well' || next === 'far' || next === 'much' || next === 'many' || next === 'part');
  }
  return false;
}

/** The segment [from, to) around token index i, bounded by clause-level punctuation and subordinators. */
function segmentAround(tokens: readonly Token[], i: number): { from: number; to: number } {
  let from = i;
  while (from > 0 && !isBoundaryToken(tokens, from - 1)) from--;
  let to = i + 1;
  while (to < tokens.length && !isBoundaryToken(tokens, to)) to++;
  return { from, to };
}

/** "is set to meet", "plans to travel": verbs that only carry the next one. */
const CATENATIVES = /^(set|plans?|planned|planning|scheduled?|expects?|expected|due|going|intends?|intended|hopes?|hoped|wants?|wanted|tries|tried|seeks?|sought|aims?|aimed|continues?|continued)$/i;

const VERB_FLAGS = new WeakMap<readonly Token[], Uint8Array>();

/** Which tokens are clause verbs, computed once per sentence. */
function verbFlags(tokens: readonly Token[]): Uint8Array {
  let flags = VERB_FLAGS.get(tokens);
  if (flags) return flags;
  flags = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t?.isWord || !isFiniteVerb(t.text, tokens[i - 1]?.text)) continue;
    // "is set to meet", "plans to travel": the verb after "to" carries the meaning.
    const next = tokens[i + 1]?.text.toLowerCase();
    const after = tokens[i + 2]?.text;
    if (next === 'to' && after && isFiniteVerb(after, 'to') && CATENATIVES.test(t.text)) continue;
    flags[i] = 1;
  }
  VERB_FLAGS.set(tokens, flags);
  return flags;
}

function finiteVerbsIn(tokens: readonly Token[], from: number, to: number, skip: { from: number; to: number }): number[] {
  const flags = verbFlags(tokens);
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    if (i >= skip.from && i < skip.to) continue;
    if (flags[i]) out.push(i);
  }
  return out;
}

/**
 * The clause a timex (tokens [tFrom, tTo)) dates. Introductory phrases without a verb ("Earlier on
 * Sunday, …", "In a television interview on Sunday, …") date the main clause after the comma.
 */
export function attachClause(tokens: readonly Token[], tFrom: number, tTo: number): Clause {
  const timex = { from: tFrom, to: tTo };
  const firstComma = tokens.findIndex((t) => t.text === ',');
  if (firstComma > tFrom && finiteVerbsIn(tokens, 0, firstComma, timex).length === 0 && !tokens.slice(0, firstComma).some((t) => /^[“”"]$/.test(t.text))) {
    const after = segmentAround(tokens, Math.min(firstComma + 1, tokens.length - 1));
    const verbs = finiteVerbsIn(tokens, firstComma + 1, after.to, timex);
    if (verbs.length) return { from: firstComma + 1, to: after.to, verbIndex: verbs[0], nominal: false };
  }
  const segment = segmentAround(tokens, tFrom);
  // A nominal event right before the timex: "the invasion of Ukraine on February 24", "a … meeting this week".
  for (let i = tFrom - 1; i >= Math.max(segment.from, tFrom - 5); i--) {
    const t = tokens[i];
    if (!t) break;
    const flags = verbFlags(tokens);
    if (flags[i]) break;
    if (t.isWord && EVENT_NOUNS.has(t.text.toLowerCase())) {
      let from = i;
      while (from > segment.from && tokens[from - 1]?.isWord && !flags[from - 1] && from > i - 5) from--;
      // "authorize the strike on May 28": the noun is a verb's object, so the verb's clause is the event.
      const before = tokens[from - 1];
      if (before?.isWord && verbFlags(tokens)[from - 1]) break;
      return { from, to: tTo, verbIndex: undefined, nominal: true };
    }
  }
  const verbs = finiteVerbsIn(tokens, segment.from, segment.to, timex);
  const left = verbs.filter((v) => v < tFrom);
  const right = verbs.filter((v) => v >= tTo);
  let verbIndex = left.length ? left[left.length - 1] : right[0];
  // "voted to authorize the strike": the first verb is the event, the rest its object.
  if (verbIndex !== undefined && verbIndex >= 2 && tokens[verbIndex - 1]?.text.toLowerCase() === 'to' && verbFlags(tokens)[verbIndex - 2]) verbIndex -= 2;
  return { from: segment.from, to: segment.to, verbIndex, nominal: false };
}

const DETERMINERS = /^(the|a|an|this|that|these|those|its|his|her|their|our|earlier|later|also|meanwhile|then|now|and|but|so|since|on|in|at|during|some|according)$/i;
const TRAILING_JUNK = /^(the|a|an|of|to|in|on|at|for|with|and|or|but|that|which|who|by|from|as|his|her|its|their|is|was|were|are|will|would)$/i;
const PRONOUNS = /^(he|she|they|it|i|we)$/i;

function words(tokens: readonly Token[], from: number, to: number, skip: { from: number; to: number }): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    if (i >= skip.from && i < skip.to) continue;
    const t = tokens[i];
    if (!t) continue;
    out.push(t.text);
  }
  return out;
}

function trimWords(list: string[], max: number): string[] {
  const out = list.slice(0, max);
  const last = out[out.length - 1];
  if (last && /[’']s$/.test(last)) out[out.length - 1] = last.replace(/[’']s$/, '');
  while (out.length && TRAILING_JUNK.test(out[out.length - 1] ?? '')) out.pop();
  while (out.length && /^[,;:.“”"'’]$/.test(out[out.length - 1] ?? '')) out.pop();
  while (out.length && TRAILING_JUNK.test(out[out.length - 1] ?? '')) out.pop();
  return out;
}

const SPACE_BEFORE_CLOSER = /\s+([,.;:’”)])/g;
const CLOSER = /[,.;:’”)]/;
const SPACE_AFTER_OPENER = /([“(])\s+/g;

function joinWords(list: readonly string[]): string {
  let s = list.join(' ');
  // Each replacement only where its punctuation occurs: most titles have none.
  if (CLOSER.test(s)) s = s.replace(SPACE_BEFORE_CLOSER, '$1');
  if (s.includes('“') || s.includes('(')) s = s.replace(SPACE_AFTER_OPENER, '$1');
  if (s.includes('’s')) s = s.replace(/\s+’s\b/g, '’s');
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

/** Prepositions that introduce a timex and go with it out of the title ("on Sunday", "earlier on Sunday"). */
function timexWithPreposition(tokens: readonly Token[], tFrom: number, tTo: number): { from: number; to: number } {
  let from = tFrom;
  while (from > 0 && /^(on|in|at|during|earlier|late|early|since|by|this|last|until)$/i.test(tokens[from - 1]?.text ?? '')) from--;
  return { from, to: tTo };
}

/**
 * The headline for the clause. `lastPerson` stands in for a pronoun subject ("he said").
 */
function actorsWithin(actors: readonly Actor[], tokens: readonly Token[]): Actor[] {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return [];
  return actors.filter((a) => a.start >= first.start && a.end <= last.end);
}

/** `sentenceActors`: the actors found in the whole sentence, so each clause only filters them. */
export function headline(tokens: readonly Token[], clause: Clause, tFrom: number, tTo: number, sentenceActors: readonly Actor[], lastPerson: Actor | undefined): Headline {
  const findActors = (ts: readonly Token[]): Actor[] => actorsWithin(sentenceActors, ts);
  const skip = timexWithPreposition(tokens, tFrom, tTo);
  const clauseTokens = tokens.slice(clause.from, clause.to).filter((_, k) => clause.from + k < skip.from || clause.from + k >= skip.to);
  const actors = findActors(clauseTokens);
  if (clause.nominal || clause.verbIndex === undefined) {
    const np = trimWords(words(tokens, clause.from, clause.to, skip).filter((w, k) => k > 0 || !DETERMINERS.test(w)), 9);
    const title = joinWords(np);
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
  while (k >= subjectFrom && /^(is|are|was|were|has|have|had|will|would|could|may|might|should|can|not|to|set|scheduled|planning|plans|plan|planned|expected|due|going|be|been|also|reportedly|bluntly|then|did|does|do)$/i.test(tokens[k]?.text ?? '')) {
    if (/^(could|may|might|should|can|would)$/i.test(tokens[k]?.text ?? '')) modal = tokens[k]?.text.toLowerCase();
    const w = tokens[k]?.text.toLowerCase() ?? '';
    if (w === 'to' || w === 'will' || w === 'going' || w === 'scheduled' || w === 'set' || w === 'planning' || w === 'plans' || w === 'plan' || w === 'expected' || w === 'due') future = true;
    if (w === 'not') negated = true;
    aux.push(w);
    k--;
  }
  subjectTo = k + 1;
  const relative = tokens.slice(subjectFrom, subjectTo).findIndex((t) => /^(who|which)$/i.test(t.text));
  if (relative >= 0) subjectTo = subjectFrom + relative;
  else {
    // "…, the New York Times reported": the subject follows the last comma (or "that", "after", "before").
    for (let c = subjectTo - 1; c > subjectFrom; c--) {
      if (/^(,|that|after|before)$/i.test(tokens[c]?.text ?? '') && tokens.slice(c + 1, subjectTo).some((t) => t.isWord)) {
        subjectFrom = c + 1;
        break;
      }
    }
  }
  // "Sullivan, who is planning …" sits in a segment of its own: look back before the comma.
  let subjectTokens = tokens.slice(subjectFrom, subjectTo).filter((t) => !(t.start >= (tokens[skip.from]?.start ?? -1) && t.end <= (tokens[skip.to - 1]?.end ?? -1)));
  if (relative >= 0 && subjectTokens.every((t) => !t.isWord)) {
    let back = subjectFrom - 1;
    while (back > 0 && tokens[back]?.text === ',') back--;
    const start = Math.max(0, back - 8);
    subjectTokens = tokens.slice(start, back + 1);
  }
  // "Dockworkers at the port of Rotterdam", "Talks between the union and …": the head comes before the preposition.
  const preposition = subjectTokens.findIndex((t, k) => k > 0 && /^(at|of|in|for|from|between|with|on|near|across|inside|outside)$/i.test(t.text));
  const namesPerson = findActors(subjectTokens).some((a) => a.kind === 'person');
  if (preposition > 0 && !namesPerson && !subjectTokens.slice(preposition).some((t) => t.text === ',')) subjectTokens = subjectTokens.slice(0, preposition);
  const subjectActors = findActors(subjectTokens);
  let subject: string;
  let subjectIsName = true;
  const person = [...subjectActors].reverse().find((a) => a.kind === 'person');
  const other = subjectActors[subjectActors.length - 1];
  if (person) subject = shortName(person);
  else if (other && other.end >= (subjectTokens.filter((t) => t.isWord).at(-1)?.end ?? Infinity)) subject = shortName(other);
  else {
    const sw = subjectTokens.map((t) => t.text).filter((w) => /[A-Za-z0-9\u00C0-\u04FF]/.test(w));
    while (sw.length && DETERMINERS.test(sw[0] ?? '')) sw.shift();
    subject = joinWords(sw.slice(-5));
    subjectIsName = false;
  }
  if (!subject || PRONOUNS.test(subject)) {
    // "said Dmitry Peskov": the speaker follows the verb; "he said": the last person named.
    const after = findActors(tokens.slice(v + 1, Math.min(tokens.length, v + 8))).find((a) => a.kind === 'person');
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
  if (modal) verbPhrase = `${modal}${negated ? ' not' : ''} ${base}`;
  else if (future && (aux.includes('to') || aux.includes('will'))) verbPhrase = aux.includes('will') ? `will${negated ? ' not' : ''} ${base}` : `to ${base}`;
  else if (negated) verbPhrase = `does not ${base}`;
  else verbPhrase = info ? headlineVerb(verbWord) : thirdPerson(base);
  // "officials describe", "News reports emerge": a plural common-noun subject takes the plain verb.
  const subjectHead = subject.split(/\s+/).at(-1) ?? '';
  if (!subjectIsName && !future && !negated && /^[a-z][a-z-]+s$/.test(subjectHead.toLowerCase()) && !/(ss|us|is)$/.test(subjectHead)) verbPhrase = base;
  else if (!future && !negated && /^(News reports|Reports)$/i.test(subject)) verbPhrase = base;
  // Object: up to a comma, a quote or "that"; a speech verb with only a place or medium takes the reported content.
  const objectWords: string[] = [];
  let that: number | undefined;
  for (let i = v + 1; i < clause.to; i++) {
    if (i >= skip.from && i < skip.to) continue;
    const t = tokens[i];
    if (!t) break;
    if (/^[,“”"—–;:.]$/.test(t.text)) break;
    if (/^(how|whether|why|what|while|if)$/i.test(t.text) && objectWords.length > 0) break;
    // "began on Oct. 30 and was still being investigated": a second predicate is not the headline.
    if (/^and$/i.test(t.text) && /^(was|were|is|are|has|have|had|will|would)$/i.test(tokens[i + 1]?.text ?? '')) break;
    if (/^that$/i.test(t.text) && objectWords.length <= 5) {
      that = i;
      break;
    }
    // Reported speech in headline tense: "denied it needed China's help" → "denies it needs China's help".
    const previous = objectWords[objectWords.length - 1]?.toLowerCase();
    objectWords.push(previous && /^(it|they|he|she|russia|china)$/.test(previous) && verbInfo(t.text)?.form === 'past' ? headlineVerb(t.text) : t.text);
  }
  let object = objectWords;
  if (/^(in|during|at|on|while)$/i.test(object[0] ?? '') || object.length === 0) object = [];
  if (that !== undefined && object.length < 3) {
    const reported: string[] = [];
    for (let i = that + 1; i < clause.to && reported.length < 8; i++) {
      if (i >= skip.from && i < skip.to) continue;
      const t = tokens[i];
      if (!t || /^[,“”"—–;:.]$/.test(t.text)) break;
      reported.push(t.text);
    }
    object = [...object, ...reported];
  }
  const title = joinWords([subject, verbPhrase, ...trimWords(object, 8)]);
  const tense = future && (aux.includes('to') || aux.includes('will')) ? 'future' : info?.form === 'past' && !aux.includes('has') && !aux.includes('have') ? 'past' : undefined;
  return { title: capitalise(title), actors, from: clause.from, to: clause.to, tense };
}

function capitalise(s: string): string {
  const t = s.trim().slice(0, 300);
  return t.charAt(0).toUpperCase() + t.slice(1);
}
