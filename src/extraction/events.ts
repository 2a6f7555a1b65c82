import { formatDay, fullDayNumber, parsePartialDay, valueHolds } from './calendar.js';
import type {
  AnchorLink,
  DatedValue,
  DateResolution,
  Granularity,
  RelativeDescriptor,
} from '../model/timeline-model.js';
import { granularityOf } from '../model/date-value.js';
import type { Timex } from '../tagger/index.js';
import type { CleanedDocument } from '../text/clean.js';
import type { SentenceSpan } from '../text/sentences.js';
import { isSpaceCode, tokenize, tokenizeRange, type Token } from '../text/tokens.js';
import { findActors, newActorMemory, shortName, type Actor } from './actors.js';
import { anchorKeywords, findAnchoredExpressions, type AnchoredExpression } from './anchored.js';
import { attachClause, headline } from './clause.js';
import { addKeywords, keywordsExcept, keywordsOf } from './lexicon.js';
import { describeRelative, numberWord, windowLooksFuture, type Tense } from './relative.js';
import { firstTokenAtOrAfter, tokensWithin, type TaggedToken } from '../language/annotate.js';
import { recipientText, statedClauseText, titleOf, type Title, type TitleContext } from './headline-title.js';
import { findPredicates, isCommunication, participlePredicate, retag, type Predicate } from './predicates.js';

/**
 * Events from temporal expressions, before the document date is known: each carries what dates it
 * (an explicit value, a relative shape, or an anchor), so the date can be resolved once the
 * document date is inferred, and again by reconciliation.
 */

export type DateSource =
  | { readonly kind: 'explicit'; readonly value: string; readonly granularity: Granularity }
  | { readonly kind: 'relative'; readonly descriptor: RelativeDescriptor }
  | { readonly kind: 'anchored'; readonly link: AnchorLink; readonly anchorText: string };

export interface DraftEvent {
  readonly title: string;
  readonly actors: readonly Actor[];
  readonly keywords: readonly string[];
  /** Cleaned-text offsets. */
  readonly quote: { readonly start: number; readonly end: number };
  readonly timex: {
    readonly start: number;
    readonly end: number;
    readonly type: Timex['type'];
    readonly value: string;
  };
  readonly source: DateSource;
  readonly approximate: boolean;
  /** Cleaned-text offset of the verb of the clause it dates, when it has one. */
  readonly verbAt?: number;
  /** The report speaking of itself ("News reports emerged on Monday"): evidence of the document's date, no event. */
  readonly aboutTheReport?: true;
  /** The lemma of the clause's main verb ("unveil"), when a predicate was found for it. */
  readonly predicate?: string;
  /** Cleaned-text offset of the verb of the predicate the date was given to, so that one clause keeps one date. */
  readonly datesVerbAt?: number;
  /** Cleaned-text range of the clause an anchor dates ("talks collapsed" in "a day after talks collapsed"). */
  readonly clause?: { readonly start: number; readonly end: number };
}

/**
 * A reported event with no date expression of its own ("Apple unveiled …", "the company said …"):
 * dated later from its tense against the report's day, or from a dated clause before it.
 */
export interface ReportDraft {
  readonly title: string;
  readonly actors: readonly Actor[];
  readonly keywords: readonly string[];
  readonly quote: { readonly start: number; readonly end: number };
  /** The verb group, cleaned-text offsets: what carries the tense. */
  readonly verb: { readonly start: number; readonly end: number };
  readonly predicate: string;
  readonly tense: 'past' | 'present' | 'perfect';
  /** "was still being investigated", "were experiencing": a state around the report, not a step of the story. */
  readonly progressive: boolean;
  /** Index of the sentence in the document, to take a date from a dated clause of the same sentence. */
  readonly sentence: number;
}

export interface AnchorBoundDraft {
  readonly anchor: string[];
  /** Index into the drafts; undefined: the bound is on the document date. */
  readonly draftIndex?: number;
  readonly minDays: number;
  readonly maxDays: number;
}

export interface DocumentDrafts {
  readonly events: DraftEvent[];
  readonly bounds: AnchorBoundDraft[];
  readonly reports: ReportDraft[];
  /** For each draft in `events`, the index of its sentence. */
  readonly sentenceOf: number[];
}

/** At most this many events a sentence: a freak sentence (a TV schedule, a list of dates) stays bounded. */
export const MAX_EVENTS_PER_SENTENCE = 16;
/** A quote longer than this is a window around its clause, not the whole sentence. */
export const MAX_QUOTE_CHARS = 400;

// (Not the tail of a word: "iPhone" gives no "Phone".)
const CAPITALISED_RUN =
  /(?<![A-Za-z])(?:[A-Z][A-Za-z\u00C0-\u024F’'.-]*\s+(?:(?:of|the)\s+)?){0,6}[A-Z][A-Za-z\u00C0-\u024F’'-]*/g;

/**
 * Only the capitalised words of a sentence, as tokens with a separator between runs: enough to find
 * names. `sentence` is the sentence's text, at `offset` in `text` (the document's): runs are found
 * in the sentence (a run stops where it does), their tokens read in place in the document.
 * (The pattern outruns a loop over the characters.)
 */
function capitalisedTokens(sentence: string, text: string, offset: number): Token[] {
  const out: Token[] = [];
  CAPITALISED_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALISED_RUN.exec(sentence)) !== null) {
    const at = offset + m.index;
    // The word before a run separates it from the last one, and says where it stands ("in San Francisco").
    const before = PREVIOUS_WORD.exec(sentence.slice(Math.max(0, m.index - 12), m.index));
    if (before)
      out.push({
        text: before[1]!,
        start: at - before[0].length,
        end: at - before[0].length + before[1]!.length,
        isWord: true,
      });
    else if (out.length) out.push({ text: ',', start: at, end: at, isWord: false });
    tokenizeRange(text, at, at + m[0].length, 0, out);
  }
  return out;
}

const WEEKDAY_CUE = /day\s/i;
const PREVIOUS_WORD = /\b([a-z]+)\s+$/;

const REFERENCE_VALUE = /^(PAST_REF|PRESENT_REF|FUTURE_REF)$/;

const VAGUE = /^(now|currently|recently|these days|the past|the future|over time|recent (days|weeks|years|months))$/i;
const SINCE_BEFORE = /\bsince (the )?$/;
/** "closer than at any point since", "the highest since": a comparison, where "has fought cancer since 2004" dates a start. */
const YARDSTICK_BEFORE =
  /\b(than|ever|any point|any time|first time|highest|lowest|biggest|largest|smallest|most|least|worst|best|record|strongest|weakest)\b[^.;]*$/i;

const OPENS_CLAUSE_BEFORE = /(^|[,;]|\band|\bthen)\s*(in|on|during|by|at|from|since)?\s*$/i;
const MODIFIER_BEFORE = /(\b(the|its|their|his|her|our|this|that)|['’]s)\s+$/i;
const PERIOD_BOUNDARY_BEFORE =
  /\b(quarter|year|half|period|month|week|season|term|session)\s*,?\s+(which|that)\s+(ended|ends|began|begins|started|starts|closed|closes|ran|runs)\s+(on\s+|in\s+)?$/i;
const COMPARED_BEFORE =
  /\b(compared (to|with)|versus|vs\.?|relative to)\s+(the same (period|quarter|month|week|time) (of|in|a)\s+)?$/i;

/**
 * "slightly greater than last year", "higher than in 2010": the other side of a comparison. (Not
 * "earlier/later/sooner than": those place something in time; "more than two weeks ago" is one expression.)
 */
const THAN_BEFORE = /\b(?!earlier\b|later\b|sooner\b|never\b)[a-z]+er\s+than\s+((in|at|on|during|for)\s+)?$/i;

/** "boosted from $5.8 billion in 2005", "up from 12 percent in 2009": the starting value of a change. */
const FROM_AMOUNT_BEFORE =
  /\bfrom\s+(?:about\s+|around\s+|nearly\s+)?(?:US\s?)?[$€£]?\s?\d[\d.,]*\s*(?:billion|million|thousand|percent|per\s+cent|%|cents|points|dollars|euros)?\s+(?:in|on|at)\s+$/i;

/** Expressions that date nothing a reader wants on a timeline. */
function isDatable(t: Timex, sentence: string, sentenceStart: number): boolean {
  if (t.type === 'SET' || t.type === 'DURATION') return false;
  if (REFERENCE_VALUE.test(t.value)) return false;
  if (t.relative?.kind === 'reference') return false;
  if (VAGUE.test(t.text.trim())) return false;
  const before = sentence.slice(Math.max(0, t.start - sentenceStart - 12), t.start - sentenceStart).toLowerCase();
  // "closer than at any point since the mid-1950s": a yardstick, not an event.
  if (
    SINCE_BEFORE.test(before) &&
    YARDSTICK_BEFORE.test(sentence.slice(Math.max(0, t.start - sentenceStart - 60), t.start - sentenceStart))
  ) {
    const granularity = granularityOf(t.value);
    if (granularity === 'decade' || granularity === 'century' || granularity === 'year') return false;
  }
  // "violated the 1991 agreement", "its 2007 results": a year that modifies a noun dates that thing, not the clause.
  if (
    /^\d{4}$/.test(t.text) &&
    MODIFIER_BEFORE.test(before) &&
    /^\s+[a-z]/.test(sentence.slice(t.end - sentenceStart, t.end - sentenceStart + 3))
  )
    return false;
  // "Steve Jobs 1955-2011", "the 2008-2009 season": a span of years names a stretch, not when something happened.
  if (
    /^\d{4}$/.test(t.text) &&
    (/\d{4}\s*[-–]\s*$/.test(before) ||
      /^\s*[-–]\s*\d{4}/.test(sentence.slice(t.end - sentenceStart, t.end - sentenceStart + 7)))
  )
    return false;
  // "grew 28% compared to the previous year", "versus a year earlier", "higher than last year", "up from
  // $5.8 billion in 2005": the base of a comparison dates nothing that happened.
  const lead = sentence.slice(Math.max(0, t.start - sentenceStart - 40), t.start - sentenceStart);
  if (COMPARED_BEFORE.test(lead) || THAN_BEFORE.test(lead) || FROM_AMOUNT_BEFORE.test(lead)) return false;
  // "the last quarter, which ended December 30": the date bounds a period the sentence already named.
  if (PERIOD_BOUNDARY_BEFORE.test(sentence.slice(Math.max(0, t.start - sentenceStart - 50), t.start - sentenceStart)))
    return false;
  // Clock times ("Update: 6:08 pm" survives only in clutter; "around 11:50 a.m." dates the day's event).
  return true;
}

/** The title of a date the clause finder could not place. */
const UNTITLED = 'Event';

/** Drops this sentence's dates no clause claimed, renumbering the anchor bounds that point past them. */
function dropUnclaimed(events: DraftEvent[], bounds: AnchorBoundDraft[], firstDraft: number): void {
  for (let i = events.length - 1; i >= firstDraft; i--) {
    if (events[i]!.title !== UNTITLED) continue;
    events.splice(i, 1);
    for (let b = 0; b < bounds.length; b++) {
      const bound = bounds[b]!;
      if (bound.draftIndex !== undefined && bound.draftIndex > i)
        bounds[b] = { ...bound, draftIndex: bound.draftIndex - 1 };
    }
  }
}

/** Token indices [from, to) covering [start, end): at least one. */
function tokenFrom(tokens: readonly Token[], start: number): number {
  // Token ends only grow: the first ending after `start`, by halving.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end > start) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function tokenTo(tokens: readonly Token[], from: number, end: number): number {
  let to = from;
  while (to < tokens.length && tokens[to]!.start < end) to++;
  return Math.max(to, from + 1);
}

function isWithin(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const YEAR_VALUE = /^\d{3}[\dX]/;
/** "the late 1980's" (198), "the 20th century" (19). */
const DECADE_OR_CENTURY = /^\d{2,3}$/;
const TIME_PART = /T.*$/;
const CLOCK_TIME = /\b\d{1,2}(:\d{2})?\s*(a\.?m\.?|p\.?m\.?)/i;

function dateSourceOf(t: Timex, tense: Tense): DateSource | undefined {
  // Tagged without a reference date, a relative expression has a calendar value only when the text gave
  // it an antecedent ("in 2001 … and the following year"): that value, not one counted from the report.
  if ((t.resolution === 'explicit' || !t.value.includes('X')) && YEAR_VALUE.test(t.value)) {
    const value = t.value.replace(TIME_PART, '');
    return { kind: 'explicit', value, granularity: granularityOf(value) };
  }
  if (t.resolution === 'explicit' && DECADE_OR_CENTURY.test(t.value))
    return { kind: 'explicit', value: t.value, granularity: granularityOf(t.value) };
  const descriptor = describeRelative(t.text, t.relative?.kind === 'reference' ? undefined : t.relative, tense);
  if (descriptor) return { kind: 'relative', descriptor };
  // Clock times without a day: the day of the report.
  if (t.type === 'TIME' || CLOCK_TIME.test(t.text))
    return { kind: 'relative', descriptor: { kind: 'offset', unit: 'day', amount: 0 } };
  return undefined;
}

const FOLLOWING = /^the (following|next|previous|preceding) (day|week|month|year)$/i;
const LATER = /^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (day|week|month|year)s?$/i;
const LATER_AFTER = /^,?\s+(later|earlier|afterwards?)\b/i;

/**
 * "in 2001 … and the following year", "in 1984 … One year later he was fired": a date counted from
 * the last calendar date the story named (in this sentence or the one before), not from the report.
 */
function anaphoricDate(t: Timex, after: string, antecedent: string | undefined): DateSource | undefined {
  if (!antecedent) return undefined;
  const text = t.text.trim();
  let unit: string;
  let amount: number;
  const following = FOLLOWING.exec(text);
  if (following) {
    unit = following[2]!.toLowerCase();
    amount = /^(previous|preceding)$/i.test(following[1]!) ? -1 : 1;
  } else {
    const later = LATER.exec(text);
    const direction = later ? LATER_AFTER.exec(after) : null;
    if (!later || !direction) return undefined;
    unit = later[2]!.toLowerCase();
    amount = (numberWord(later[1]!) ?? 1) * (direction[1]!.toLowerCase() === 'earlier' ? -1 : 1);
  }
  const [y, m, d] = antecedent.split('-');
  const date = parsePartialDay(`${y}-${m ?? 'XX'}-${d ?? 'XX'}`);
  if (date.year === undefined) return undefined;
  if (unit === 'year')
    return { kind: 'explicit', value: String(date.year + amount).padStart(4, '0'), granularity: 'year' };
  if (unit === 'month' && date.month !== undefined) {
    const index = date.year * 12 + date.month - 1 + amount;
    const value = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { kind: 'explicit', value, granularity: 'month' };
  }
  const day = fullDayNumber(date);
  if (day === undefined || unit === 'month') return undefined;
  return { kind: 'explicit', value: formatDay(day + amount * (unit === 'week' ? 7 : 1)), granularity: 'day' };
}

/** A calendar date of the text itself (a year at least, no unknown parts), as an antecedent. */
function calendarValueOf(t: Timex): string | undefined {
  if (
    t.type !== 'DATE' ||
    t.value.includes('X') ||
    !YEAR_VALUE.test(t.value) ||
    !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(t.value)
  )
    return undefined;
  return t.value;
}

const NO_ANCHORED: readonly AnchoredExpression[] = [];

export function extractDrafts(
  doc: CleanedDocument,
  sentences: readonly SentenceSpan[],
  timexes: readonly Timex[],
  tagged: readonly TaggedToken[] = [],
): DocumentDrafts {
  const events: DraftEvent[] = [];
  const bounds: AnchorBoundDraft[] = [];
  const reports: ReportDraft[] = [];
  const sentenceOf: number[] = [];
  const pronouns = newPronounMemory();
  const memory = newActorMemory();
  let lastPerson: Actor | undefined;
  let timexCursor = 0;
  const story: StoryDate = { value: undefined, sentence: -1 };
  const sorted = [...timexes].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let sentenceIndex = 0; sentenceIndex < sentences.length; sentenceIndex++) {
    const sentence = sentences[sentenceIndex]!;
    const body = sentence.block.kind === 'body';
    const text = doc.text.slice(sentence.start, sentence.end);
    while (timexCursor < sorted.length && (sorted[timexCursor]?.start ?? Infinity) < sentence.start) timexCursor++;
    const inSentence: Timex[] = [];
    for (let i = timexCursor; i < sorted.length && (sorted[i]?.start ?? Infinity) < sentence.end; i++) {
      const t = sorted[i];
      if (t && t.end <= sentence.end) inSentence.push(t);
    }
    const anchored = body ? findAnchoredExpressions(text, sentence.start) : NO_ANCHORED;
    const active = body && (inSentence.length > 0 || anchored.length > 0);
    // Sentences that date nothing only teach names (for "Sullivan" later) and the last person (for "he").
    let tokens: Token[];
    if (active) {
      tokens = [];
      tokenizeRange(doc.text, sentence.start, sentence.end, 0, tokens);
    } else tokens = capitalisedTokens(text, doc.text, sentence.start);
    // A sentence that dates nothing only needs its persons (the last of them is "he" later).
    const sentenceActors = findActors(tokens, memory, !active);
    const firstDraft = events.length;
    if (story.sentence < sentenceIndex - 1) story.value = undefined;
    if (active)
      extractFromSentence(
        text,
        sentence,
        tokens,
        inSentence,
        anchored,
        events,
        bounds,
        sentenceActors,
        lastPerson,
        story,
      );
    if (story.value !== undefined && inSentence.some((t) => calendarValueOf(t) !== undefined))
      story.sentence = sentenceIndex;
    if (events.length - firstDraft > MAX_EVENTS_PER_SENTENCE) events.length = firstDraft + MAX_EVENTS_PER_SENTENCE;
    if (body && tagged.length) {
      const reported = reportedEvents(
        doc.text,
        sentence,
        sentenceIndex,
        tagged,
        inSentence,
        events,
        firstDraft,
        sentenceActors,
        lastPerson,
        pronouns,
      );
      dropUnclaimed(events, bounds, firstDraft);
      const room = Math.max(0, MAX_EVENTS_PER_SENTENCE - (events.length - firstDraft));
      for (let r = 0; r < reported.length && r < room; r++) reports.push(reported[r]!);
    }
    dropUnclaimed(events, bounds, firstDraft);
    while (sentenceOf.length < events.length) sentenceOf.push(sentenceIndex);
    // "he" in the next sentence is this sentence's person subject, else the last person it names.
    if (pronouns.subjectPerson) {
      lastPerson = pronouns.subjectPerson;
      pronouns.subjectPerson = undefined;
    } else
      for (let a = sentenceActors.length - 1; a >= 0; a--) {
        const actor = sentenceActors[a]!;
        if (actor.kind === 'person') {
          lastPerson = actor;
          break;
        }
      }
  }
  return { events, bounds, reports, sentenceOf };
}

/** What "it" and "they" stood for last: the subject of the last sentence that was not a person. */
interface PronounMemory {
  thing: string | undefined;
  /** The person the sentence just read makes its subject, if any. */
  subjectPerson: Actor | undefined;
  /** Sentences a direct quotation opened before this one has run on without closing (0: none open). */
  quoteOpenFor: number;
}

function newPronounMemory(): PronounMemory {
  return { thing: undefined, subjectPerson: undefined, quoteOpenFor: 0 };
}

/** A quotation that does not close within this many sentences was a stray mark, not a quotation. */
const MAX_QUOTED_SENTENCES = 3;

/** Whether `at` lies inside a direct quotation, given whether one was open where `from` is. */
function insideQuotation(text: string, from: number, at: number, openAtFrom: boolean): boolean {
  let open = openAtFrom;
  for (let i = from; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) open = true;
    else if (c === 0x201d) open = false;
    else if (c === 0x22) open = !open;
  }
  return open;
}

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her']);
const THING_PRONOUNS = new Set(['it', 'they']);

/**
 * The sentence's predicates: those a date expression dates get the predicate's headline; the
 * others that report something (a finite verb in the past, present or present perfect, not a
 * copula) become report drafts. Future, modal and pluperfect clauses without a date are not put on
 * a day: what will happen is not known to have happened, a pluperfect is background.
 */
function reportedEvents(
  text: string,
  sentence: SentenceSpan,
  sentenceIndex: number,
  tagged: readonly TaggedToken[],
  timexes: readonly Timex[],
  events: DraftEvent[],
  firstDraft: number,
  sentenceActors: readonly Actor[],
  lastPerson: Actor | undefined,
  pronouns: PronounMemory,
): ReportDraft[] {
  const tokens = tokensWithin(tagged, sentence.start, sentence.end);
  if (!tokens.length) return [];
  // Date expressions and anchors are not part of anyone's name ("a day after talks collapsed").
  const dating = [...timexes, ...events.slice(firstDraft).map((d) => d.timex)];
  const isDating = (t: TaggedToken): boolean => dating.some((r) => t.start < r.end && r.start < t.end);
  const predicates = findPredicates(tokens, MAX_EVENTS_PER_SENTENCE, isDating);
  const quoted =
    (pronouns.quoteOpenFor > 0 && pronouns.quoteOpenFor <= MAX_QUOTED_SENTENCES) ||
    hasQuoteMark(text, sentence.start, sentence.end);
  const context: TitleContext = {
    text: text.slice(sentence.start, sentence.end),
    offset: sentence.start,
    // (A duration is what happened, not when: "took six months off" keeps its "six months".)
    skip: timexes.filter((t) => t.type !== 'DURATION' && t.type !== 'SET'),
    persons: sentenceActors.filter((a) => a.kind === 'person'),
    pronoun: (lower) =>
      // ('Jobs wrote: "I have asked Tim Cook …"': in a quotation "I" is the speaker, the person last named.)
      lower === 'i'
        ? quoted && lastPerson
          ? shortName(lastPerson)
          : undefined
        : PERSON_PRONOUNS.has(lower)
          ? lastPerson
            ? shortName(lastPerson)
            : undefined
          : THING_PRONOUNS.has(lower)
            ? pronouns.thing
            : undefined,
  };
  const titles = extraposedTitles(
    tokens,
    predicates,
    predicates.map((p) => titleOf(tokens, p, context)),
  );
  const covered = new Set<Predicate>();
  // Dated clauses take the headline of the predicate whose verb they found.
  for (let i = firstDraft; i < events.length; i++) {
    const draft = events[i]!;
    // The clause whose object holds the date expression ("was acquired by Disney in 2005"), else the verb the clause finder chose.
    const inObject = predicates.find(
      (q) =>
        q.object !== undefined &&
        tokens[q.object.from]!.start <= draft.timex.start &&
        tokens[q.object.to - 1]!.end >= draft.timex.end,
    );
    const inClause = draft.clause
      ? predicates.find((q) => tokens[q.head]!.start >= draft.clause!.start && tokens[q.head]!.end <= draft.clause!.end)
      : undefined;
    const atVerb =
      draft.verbAt === undefined
        ? undefined
        : predicates.find(
            (q) => tokens[q.groupFrom]!.start <= draft.verbAt! && tokens[q.groupTo - 1]!.end > draft.verbAt!,
          );
    // A date that opens the sentence before any clause ("In 1986 he bought Pixar") dates the first clause.
    const first = predicates[0];
    const opening =
      first && draft.clause === undefined && tokens[first.from]!.start >= draft.timex.end ? first : undefined;
    // "Apple's music service in February passed Wal-Mart": a date between a subject and its verb.
    const beforeVerb = predicates.find(
      (q) =>
        q.subject !== undefined &&
        q.subject.to <= q.groupFrom &&
        tokens[q.subject.to - 1]!.end <= draft.timex.start &&
        tokens[q.groupFrom]!.start >= draft.timex.end &&
        tokens
          .slice(q.subject.to, q.groupFrom)
          .every((t) => isWithin(t, draft.timex) || t.pos === 'ADP' || t.pos === 'ADV' || t.text === ','),
    );
    // "two days before the phone launches": the happening is the clause after "before", whose title the
    // anchor already gave when no predicate was read there; never the main clause's.
    if (ANCHOR_WORD_AT_END.test(text.slice(draft.timex.start, draft.timex.end))) {
      const anchoredClause = predicates.find((q) => tokens[q.groupFrom]!.start >= draft.timex.end);
      const next = tokens[firstTokenAtOrAfter(tokens, draft.timex.end)];
      // (A clause with its subject: "the phone launches"; not a bare "after airing for $1.99".)
      if (!anchoredClause && next && (next.pos === 'DET' || next.pos === 'PROPN' || next.pos === 'PRON')) continue;
    }
    const chosen =
      clauseOpenedBy(tokens, predicates, draft.timex, text, sentence.start) ??
      inClause ??
      inObject ??
      beforeVerb ??
      atVerb ??
      opening ??
      sinceStart(tokens, predicates, draft.timex, text) ??
      // "gave his keynote … at Moscone Center in San Francisco on Monday": a date after the clause's
      // last words dates the nearest verb before it, when that verb is a predicate's ("leaving the
      // strike set for Wednesday": "set" is nobody's clause, and "said" before it does not take the date).
      nearestVerbBefore(tokens, predicates, draft.timex.start);
    // "violates an agreement reached between the two companies in 1991": the participle's own happening.
    const reduced = reducedRelativeDated(tokens, predicates, draft.timex, isDating);
    if (reduced) {
      const title = titleOf(tokens, reduced, context);
      if (title) {
        events[i] = { ...draft, title: title.title, predicate: reduced.lemma };
        continue;
      }
    }
    // "since its launch in 2003", "after Jobs' resignation on August 24": the date is the noun's happening.
    const nominal = nominalEventDated(tokens, draft.timex, context);
    if (nominal) {
      events[i] = {
        ...draft,
        title: nominal.title,
        predicate: nominal.lemma,
        keywords: keywordsOf(`${nominal.title} ${nominal.lemma}`),
      };
      continue;
    }
    if (!chosen) continue;
    const p = statedClauseDated(tokens, predicates, chosen, draft.timex) ?? chosen;
    covered.add(p);
    const at = predicates.indexOf(p);
    const headline = at >= 0 ? titles[at] : titleOf(tokens, p, context);
    // "Jobs announced today that the release … will include …": the saying is titled with what it said.
    const title =
      headline && at >= 0
        ? headlineOf(headline, text, sentence, tokens, predicates, titles, at, context)
        : headline?.title;
    // "He has been fighting cancer since 2004": the person "he" stands for takes part.
    const subjectWord = p.subject && p.subject.to - p.subject.from === 1 ? tokens[p.subject.from]!.lower : undefined;
    // The clause's own actors too: the date may sit far from the subject ("Steve Jobs gave his keynote … on Monday").
    const clauseFrom = tokens[p.from]!.start;
    const clauseTo = tokens[p.to - 1]!.end;
    const inClauseActors = sentenceActors.filter(
      (a) => a.start >= clauseFrom && a.end <= clauseTo && !draft.actors.includes(a),
    );
    const withClause = inClauseActors.length ? [...inClauseActors, ...draft.actors] : draft.actors;
    const actors =
      lastPerson && subjectWord && PERSON_PRONOUNS.has(subjectWord) && !withClause.includes(lastPerson)
        ? [lastPerson, ...withClause]
        : withClause;
    // "News reports emerged on Monday": the report speaking of itself dates the report, not a happening.
    events[i] = {
      ...draft,
      ...(title ? { title } : {}),
      predicate: p.lemma,
      actors,
      datesVerbAt: tokens[p.groupFrom]!.start,
      ...(isAboutTheReport(tokens, p) ? { aboutTheReport: true } : {}),
    };
  }
  const out: ReportDraft[] = [];
  const quoteOpen = pronouns.quoteOpenFor > 0 && pronouns.quoteOpenFor <= MAX_QUOTED_SENTENCES;
  // "When Jobs first introduced iPhone 4, he praised its antenna": the sentence looks back to an earlier
  // time it does not date; neither clause happened on the report's day.
  const looksBack = predicates.some((q) => q.tense === 'past' && firstTimeWhen(tokens, q));
  let subjectOfSentence: string | undefined;
  for (let k = 0; k < predicates.length; k++) {
    const p = predicates[k]!;
    const title = titles[k];
    if (title && subjectOfSentence === undefined) subjectOfSentence = title.subject;
    if (covered.has(p) || p.copula || !title) continue;
    // "did not say whether he decided to leave or was forced out": a possibility, not a happening.
    if (underWhether(tokens, p)) continue;
    // "In his keynote address Wednesday": a bare present verb whose only complement is a date is a noun the tagger misread.
    if (p.tense === 'present' && p.groupFrom === p.head && !title.hasObject) continue;
    if (p.tense !== 'past' && p.tense !== 'present' && p.tense !== 'perfect') continue;
    if (looksBack && p.tense === 'past') continue;
    if (isAboutTheReport(tokens, p)) continue;
    // "…, which includes iPhoto": a present tense in a relative clause describes its noun; "Jobs said that
    // Apple has 109 stores": what a statement says is the statement's content, not an event of its own.
    if (p.tense === 'present' && opensWithRelativePronoun(tokens, p)) continue;
    if (
      predicates.some(
        (q) =>
          q !== p &&
          q.object !== undefined &&
          isCommunication(q.lemma) &&
          q.object.from <= p.groupFrom &&
          q.object.to > p.head,
      )
    )
      continue;
    // '"Apple has lost a visionary"', "…, saying that similar problems plague all phones": a present or
    // perfect inside a direct quotation or after a participle of saying is what is said, not an event.
    // ('"I have asked Tim Cook to …"': a speaker's own perfect is the speaker's act, and an event.)
    if (
      p.tense !== 'past' &&
      !(p.tense === 'perfect' && speaksForItself(tokens, p)) &&
      (insideQuotation(text, sentence.start, tokens[p.groupFrom]!.start, quoteOpen) || followsSaying(tokens, p))
    )
      continue;
    const from = tokens[p.from]!.start;
    const to = tokens[p.to - 1]!.end;
    const verb = { start: tokens[p.groupFrom]!.start, end: tokens[p.groupTo - 1]!.end };
    const actors = sentenceActors.filter((a) => a.start >= from && a.end <= to);
    if (lastPerson && PERSON_PRONOUNS.has(tokens[p.subject?.from ?? -1]?.lower ?? '') && !actors.includes(lastPerson))
      actors.unshift(lastPerson);
    const named = namedSubject(tokens, p, actors);
    if (named) actors.unshift(named);
    const actorWords = new Set<string>();
    for (const a of actors) if (a.kind !== 'organisation') addKeywords(a.name, actorWords);
    out.push({
      title: headlineOf(title, text, sentence, tokens, predicates, titles, k, context),
      actors,
      keywords: keywordsExcept(text.slice(from, to), actorWords),
      quote: quoteWindow(sentence, from, to, verb),
      verb,
      predicate: p.lemma,
      tense: p.tense,
      progressive: tokens
        .slice(p.groupFrom, p.groupTo)
        .some((t) => t.lower === 'being' || (t.pos === 'VERB' && t.lower.endsWith('ing'))),
      sentence: sentenceIndex,
    });
  }
  if (
    subjectOfSentence &&
    !sentenceActors.some((a) => a.kind === 'person' && subjectOfSentence!.endsWith(shortName(a)))
  )
    pronouns.thing = subjectOfSentence;
  pronouns.subjectPerson = personSubject(tokens, predicates, sentenceActors, lastPerson);
  pronouns.quoteOpenFor = insideQuotation(text, sentence.start, sentence.end, quoteOpen)
    ? pronouns.quoteOpenFor + 1
    : 0;
  return out;
}

/**
 * "Jobs said that his company sold 13.7 million Macs last year", "announced that Leopard would be
 * released in 2007": a date inside what a statement says dates the stated clause, not the saying.
 * The nearest verb group of that content before the date is the clause it belongs to.
 */
function statedClauseDated(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  saying: Predicate,
  timex: { start: number; end: number },
): Predicate | undefined {
  const content = saying.object;
  if (!content || !isCommunication(saying.lemma)) return undefined;
  if (tokens[content.from]!.start > timex.start || tokens[content.to - 1]!.end < timex.end) return undefined;
  // "said in an interview on Sunday that …": before its "that" the date is still the saying's.
  let from = content.from;
  for (let i = saying.groupTo; i < content.to; i++) {
    if (tokens[i]!.lower === 'that' && tokens[i]!.pos !== 'DET') {
      from = i + 1;
      break;
    }
  }
  if (tokens[from] === undefined || tokens[from]!.start > timex.start) return undefined;
  let stated: Predicate | undefined;
  for (const q of predicates) {
    if (q === saying || q.groupFrom < from || q.groupFrom >= content.to) continue;
    if (tokens[q.groupTo - 1]!.end <= timex.start) stated = q;
  }
  return stated;
}

/**
 * "In 1998 Apple introduced the iMac", "He started Apple in 1976, and in 1984 the first Macintosh
 * was released": a date at the start of the sentence or of a clause (after a comma or "and")
 * dates the clause whose subject follows it.
 */
function clauseOpenedBy(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  timex: { start: number; end: number },
  text: string,
  sentenceStart: number,
): Predicate | undefined {
  if (!OPENS_CLAUSE_BEFORE.test(text.slice(Math.max(sentenceStart, timex.start - 16), timex.start))) return undefined;
  let previous: Predicate | undefined;
  for (const q of predicates) {
    const groupStart = tokens[q.groupFrom]!.start;
    if (groupStart < timex.end) {
      previous = q;
      continue;
    }
    // The next clause's subject must follow the date; a verb right after it ("in 2003, said") is not opened by it.
    if (
      q.subject &&
      tokens[q.subject.from]!.start >= timex.end &&
      /^[\s,]*((later|earlier|afterwards?)[\s,]*)?$/i.test(text.slice(timex.end, tokens[q.subject.from]!.start))
    )
      return q;
    break;
  }
  return previous ? gappedClause(tokens, previous, timex) : undefined;
}

/**
 * "Apple introduced the iMac in 1998, in 2001 the iPod music player and …": after a date that opens
 * a clause without a verb, the noun phrase is the earlier verb's object again.
 */
function gappedClause(
  tokens: readonly TaggedToken[],
  previous: Predicate,
  timex: { start: number; end: number },
): Predicate | undefined {
  if (!previous.object || !previous.subject || previous.passive) return undefined;
  const from = firstTokenAtOrAfter(tokens, timex.end);
  let to = from;
  while (
    to < tokens.length &&
    tokens[to]!.pos !== 'CCONJ' &&
    tokens[to]!.pos !== 'PUNCT' &&
    tokens[to]!.pos !== 'VERB' &&
    tokens[to]!.pos !== 'AUX' &&
    tokens[to]!.pos !== 'ADP'
  )
    to++;
  const next = tokens[to];
  if (to - from < 1 || (next && (next.pos === 'VERB' || next.pos === 'AUX'))) return undefined;
  if (!tokens.slice(from, to).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return undefined;
  return { ...previous, object: { from, to }, to };
}

/**
 * Nouns of happening and the headline their possessor makes: the thing launched ("iTunes store
 * launched") or the one who acted ("Jobs resigns").
 */
const NOMINAL_EVENTS: ReadonlyMap<
  string,
  { readonly lemma: string; readonly headline: string; readonly possessorActs: boolean }
> = new Map([
  ['launch', { lemma: 'launch', headline: 'launched', possessorActs: false }],
  ['release', { lemma: 'release', headline: 'released', possessorActs: false }],
  ['introduction', { lemma: 'introduce', headline: 'introduced', possessorActs: false }],
  ['unveiling', { lemma: 'unveil', headline: 'unveiled', possessorActs: false }],
  ['opening', { lemma: 'open', headline: 'opened', possessorActs: false }],
  ['closure', { lemma: 'close', headline: 'closed', possessorActs: false }],
  ['founding', { lemma: 'found', headline: 'founded', possessorActs: false }],
  ['creation', { lemma: 'create', headline: 'created', possessorActs: false }],
  ['acquisition', { lemma: 'acquire', headline: 'acquired', possessorActs: false }],
  ['election', { lemma: 'elect', headline: 'elected', possessorActs: false }],
  ['appointment', { lemma: 'appoint', headline: 'appointed', possessorActs: false }],
  ['birth', { lemma: 'bear', headline: 'born', possessorActs: false }],
  ['death', { lemma: 'die', headline: 'dies', possessorActs: true }],
  ['resignation', { lemma: 'resign', headline: 'resigns', possessorActs: true }],
  ['retirement', { lemma: 'retire', headline: 'retires', possessorActs: true }],
  ['departure', { lemma: 'leave', headline: 'leaves', possessorActs: true }],
  ['arrival', { lemma: 'arrive', headline: 'arrives', possessorActs: true }],
  ['debut', { lemma: 'debut', headline: 'debuts', possessorActs: true }],
]);
const POSSESSIVE_PRONOUNS = new Set(['its', 'their', 'his', 'her']);
/** Nouns that name a happening of their own, which a date right after them dates. */
const HAPPENING_NOUNS = new Set([
  'meeting',
  'talk',
  'talks',
  'summit',
  'visit',
  'strike',
  'walkout',
  'vote',
  'election',
  'hearing',
  'trial',
  'ceremony',
  'event',
  'protest',
  'rally',
  'match',
  'game',
  'concert',
]);

/**
 * "since its launch in 2003", "Jobs' resignation on August 24": a date right after a possessed noun
 * of happening ("its launch in …") dates that happening, whose headline names the possessor.
 */
function nominalEventDated(
  tokens: readonly TaggedToken[],
  timex: { start: number; end: number },
  context: TitleContext,
): { title: string; lemma: string } | undefined {
  const after = firstTokenAtOrAfter(tokens, timex.start);
  if (after === tokens.length) return undefined;
  let k = after - 1;
  if (k < 1) return undefined;
  if (tokens[k]!.pos === 'ADP') k--;
  const noun = tokens[k];
  // (After a possessive it is a noun, however the tagger read "launch".)
  const kind =
    noun && (noun.pos === 'NOUN' || noun.pos === 'VERB')
      ? (NOMINAL_EVENTS.get(noun.lower) ?? NOMINAL_EVENTS.get(noun.lemma))
      : undefined;
  if (!kind) return undefined;
  const owner = tokens[k - 1]!;
  let possessor: string | undefined;
  if (POSSESSIVE_PRONOUNS.has(owner.lower)) {
    if (owner.lower === 'his' || owner.lower === 'her')
      possessor = context.pronoun(owner.lower === 'his' ? 'he' : 'she');
    else {
      // "its": the nearest thing named before it in the sentence ("downloaded from the iTunes store since its launch").
      let end = k - 1;
      while (end > 0 && tokens[end - 1]!.pos !== 'NOUN' && tokens[end - 1]!.pos !== 'PROPN') end--;
      let from = end;
      while (
        from > 0 &&
        (tokens[from - 1]!.pos === 'NOUN' || tokens[from - 1]!.pos === 'PROPN' || tokens[from - 1]!.pos === 'ADJ')
      )
        from--;
      possessor =
        from < end
          ? tokens
              .slice(from, end)
              .map((t) => t.text)
              .join(' ')
          : context.pronoun(owner.lower === 'its' ? 'it' : 'they');
    }
  } else if (owner.pos === 'PART' || owner.text === "'" || owner.text === '’') {
    // "Jobs' resignation", "Apple's founding": the name before the possessive mark.
    let from = k - 1;
    while (from > 0 && tokens[from - 1]!.pos === 'PROPN') from--;
    possessor =
      from < k - 1
        ? tokens
            .slice(from, k - 1)
            .map((t) => t.text)
            .join(' ')
        : undefined;
  }
  if (!possessor) return undefined;
  // ("iTunes", "eBay" keep their own spelling.)
  const title = `${/^\p{Ll}+\p{Lu}/u.test(possessor) ? possessor : possessor.charAt(0).toUpperCase() + possessor.slice(1)} ${kind.headline}`;
  return { title, lemma: kind.lemma };
}

/**
 * The reduced relative clause the date ends ("an agreement reached … in 1991", "Jobs, born … on
 * February 24, 1955,"): the nearest participle before the date, with no verb group of a clause
 * between them.
 */
function reducedRelativeDated(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  timex: { start: number; end: number },
  blocked: (t: TaggedToken) => boolean,
): Predicate | undefined {
  let k = firstTokenAtOrAfter(tokens, timex.start);
  for (let steps = 0; --k >= 0 && steps < 10; steps++) {
    const t = tokens[k]!;
    if (t.end > timex.start) continue;
    if (predicates.some((q) => k >= q.groupFrom && k < q.groupTo)) return undefined;
    if (t.pos === 'PUNCT' && t.text !== ',') return undefined;
    if (t.pos !== 'VERB') continue;
    const p = participlePredicate(tokens, k, blocked);
    return p?.object && tokens[p.object.to - 1]!.end > timex.start ? p : undefined;
  }
  return undefined;
}

function nearestVerbBefore(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  at: number,
): Predicate | undefined {
  let k = firstTokenAtOrAfter(tokens, at) - 1;
  // "planning a meeting this week": a noun of happening right before the date has the date itself.
  const noun = tokens[k]?.pos === 'ADP' ? tokens[k - 1] : tokens[k];
  if (noun && noun.pos === 'NOUN' && (HAPPENING_NOUNS.has(noun.lemma) || NOMINAL_EVENTS.has(noun.lower)))
    return undefined;
  // (A "verb" after a determiner or a noun is a noun the tagger misread: "gave the opening address to …".)
  const misread = (i: number): boolean => {
    const before = tokens[i - 1];
    return before !== undefined && (before.pos === 'DET' || before.pos === 'ADJ' || before.pos === 'NOUN');
  };
  while (k >= 0 && ((tokens[k]!.pos !== 'VERB' && tokens[k]!.pos !== 'AUX') || misread(k))) k--;
  return k < 0 ? undefined : predicates.find((q) => k >= q.groupFrom && k < q.groupTo);
}

/** "has been fighting cancer since 2004": a perfect's "since" dates when it began. */
function sinceStart(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  timex: { start: number; end: number },
  text: string,
): Predicate | undefined {
  if (!/\bsince\s+$/i.test(text.slice(Math.max(0, timex.start - 8), timex.start))) return undefined;
  let before: Predicate | undefined;
  for (const q of predicates) if (tokens[q.groupTo - 1]!.end <= timex.start) before = q;
  return before?.tense === 'perfect' ? before : undefined;
}

const QUOTATION = /[“"]([^”"]{12,}?)[”"]/g;
const GIST_WORDS = 8;
/** Capitalised words with at most short lower-case joiners between them: a title or a name. */
const QUOTED_NAME = /^\p{Lu}[\p{L}\d’'.-]*(\s+(\p{Lu}[\p{L}\d’'.-]*|of|the|and|in|on|for|a|an|to))*[.,]?$/u;
/** Words a headline does not end on before its ellipsis. */
const LOOSE_ENDS = new Set(
  (
    'the a an this these those its their his her our my your of in on at by for with from to into about as after before ' +
    'during since until between among through against and or but nor while when if because although whether than ' +
    'which who whom whose that is are was were be been has have had will would we i it they'
  ).split(' '),
);

/** "Sayers said", "Sullivan told CNN": a saying whose clause holds no more than whom it was said to. */
function saysNothingItself(tokens: readonly TaggedToken[], p: Predicate, title: { hasObject: boolean }): boolean {
  if (!isCommunication(p.lemma)) return false;
  if (!title.hasObject || !p.object) return true;
  // (Whom it was told, up to where or when: "told POLITICO on Sunday", "told reporters in Washington";
  // not "announced the development at a conference", where the noun is what was announced.)
  let end = p.object.from;
  while (end < p.object.to && tokens[end]!.pos !== 'ADP') end++;
  const whom = tokens.slice(p.object.from, end);
  if (end < p.object.to && !(p.lemma === 'tell' || whom.every((t) => t.pos === 'PROPN'))) end = p.object.to;
  return (
    end - p.object.from <= 3 &&
    tokens[p.object.from]!.lower !== 'that' &&
    tokens.slice(p.object.from, end).every((t) => t.pos === 'PROPN' || t.pos === 'DET' || t.pos === 'NOUN')
  );
}

/**
 * '"We are contacting Beijing directly," Sullivan told CNN': an attribution with nothing said in its
 * own clause takes the first words of the sentence's quotation nearest to its verb, so a reader sees
 * what was said ("Sullivan tells CNN “We are contacting Beijing directly…”").
 */
function withQuotedGist(title: string, text: string, sentence: SentenceSpan, verbAt: number): string {
  let best: { gist: string; distance: number } | undefined;
  QUOTATION.lastIndex = 0;
  const body = text.slice(sentence.start, sentence.end);
  for (let m = QUOTATION.exec(body); m; m = QUOTATION.exec(body)) {
    // "told CNN's “State of the Union”": a quoted name is not what was said.
    if (QUOTED_NAME.test(m[1]!.trim())) continue;
    const start = sentence.start + m.index;
    const distance = Math.abs(start - verbAt);
    if (!best || distance < best.distance) best = { gist: m[1]!, distance };
  }
  if (!best) return title;
  const words = best.gist
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[,;:]+$/, '')
    .split(/\s+/);
  let kept = words.slice(0, GIST_WORDS);
  const cut = kept.length < words.length;
  if (cut)
    while (kept.length > 3 && LOOSE_ENDS.has(kept[kept.length - 1]!.toLowerCase().replace(/[^a-z’']/g, '')))
      kept = kept.slice(0, -1);
  if (kept.length < 3) return title;
  return `${title} “${kept.join(' ').replace(/[,;:]+$/, '')}${cut ? '…' : ''}”`;
}

/**
 * A title that says nothing of what was said or shown: an attribution alone ("Sayers said"), a verb
 * without an object, or a saying whose object is only the subject of the clause it reports ("announced
 * that the new tariff, which …, will cover": the object stops at "the new tariff").
 */
function needsGist(
  tokens: readonly TaggedToken[],
  p: Predicate,
  title: Title,
  predicates: readonly Predicate[],
  k: number,
  content: number | undefined,
): boolean {
  if (saysNothingItself(tokens, p, title) || !title.hasObject) return true;
  if (!isCommunication(p.lemma) || !p.object) return false;
  if (content === undefined || content <= k) return false;
  const q = predicates[content]!;
  return q.subject?.from === p.object.from && p.object.to <= q.groupFrom;
}

/**
 * The headline of predicate `k`: its title, except that a saying shows what it said: with nothing
 * said in its own clause (needsGist) the words of the nearest quotation, else the clause it reports
 * ("Apple announced that prices will fall", "Prices will fall, Apple announced" → "Apple announces
 * prices to fall"), and an active saying whose "that" clause follows it that clause, never cut inside.
 */
function headlineOf(
  title: Title,
  text: string,
  sentence: SentenceSpan,
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  titles: readonly (Title | undefined)[],
  k: number,
  context: TitleContext,
): string {
  const p = predicates[k]!;
  // (Titled with what it said already: see extraposedTitles.)
  if (isExtraposedSaying(tokens, p)) return title.title;
  const content = statedContent(tokens, predicates, k);
  const gist = needsGist(tokens, p, title, predicates, k, content);
  if (gist) {
    const quoted = withQuotedGist(title.title, text, sentence, tokens[p.groupFrom]!.start);
    if (quoted !== title.title) return quoted;
  }
  // A saying whose clause holds what it said is titled with that clause too, in headline form
  // ("said in a statement that sales rose" → "Apple says sales rise"), not cut inside it.
  // (Not a passive: "Lion, announced at an event, will replace …" says what was announced, not what it said.)
  if (!gist && !(content !== undefined && content > k && isCommunication(p.lemma) && !p.passive)) return title.title;
  if (content === undefined) return title.title;
  const q = predicates[content]!;
  const stated = titles[content];
  // The stated clause's first word keeps its capital only when it is a name ("Apple", "iTunes").
  const first = q.subject
    ? tokens.slice(q.subject.from, q.subject.to).find((t) => !LEADING_WORDS.has(t.lower))
    : undefined;
  // Where what was said starts: after the saying's "that" ("said in a statement that …"), else at the clause.
  const subjectFrom = clauseStart(q);
  let saidFrom = subjectFrom;
  for (let i = p.groupTo; i < subjectFrom; i++)
    if (tokens[i]!.lower === 'that') {
      saidFrom = i + 1;
      break;
    }
  const headlineForm =
    !stated || (!stated.hasObject && AUXILIARY_LEMMAS.has(q.lemma)) || stated.title.split(' ').length < 3
      ? undefined
      : // (A pronoun stands for a name the title has put in its place: "it" → "Beijing".)
        first && first.pos !== 'PROPN' && first.pos !== 'PRON' && first.text === first.text.toLowerCase()
        ? lowerFirst(stated.title)
        : stated.title;
  // The text's own words where the headline form would lose or misplace them: a pronoun after its
  // speaker's name ("Jobs announces he would be on leave"), a state's tense, a subject the clause finder began late
  // ("those who bought a case will receive": "a case" is not who receives) or the headline cut
  // ("half of the reserves are held": not "Half held").
  const literal =
    content > k &&
    (headlineForm === undefined ||
      // (A state keeps its tense: "had only been out for 22 days" is not "is out".)
      q.copula ||
      subjectIsPronoun(tokens, q) ||
      startsAfter(tokens, saidFrom, q) ||
      (stated !== undefined &&
        q.subject !== undefined &&
        !stated.subject.toLowerCase().includes(tokens[q.subject.to - 1]!.lower)));
  const said = (literal ? statedClauseText(retag(tokens), saidFrom, q, context) : undefined) ?? headlineForm;
  if (!said) return title.title;
  // The saying keeps whom it was told to ("Sullivan tells CNN …"), not where or how it was said
  // ("in a statement", "according to …"); an object that is only the stated clause's subject gives
  // way to the clause ("announced that the release, which …, will include").
  // (An attribution after what it said, "…, an official told POLITICO on Sunday": its whole object is whom.)
  const toldUntil = content > k ? Math.min(p.object?.to ?? 0, saidFrom) : (p.object?.to ?? 0);
  const told = p.object ? recipientText(tokens, p.object.from, toldUntil, context) : '';
  const whole = `${title.lead}${told ? ` ${told}` : ''} ${said}`;
  return whole.length > MAX_TITLE_CHARS ? `${whole.slice(0, MAX_TITLE_CHARS - 3).replace(/\s+\S*$/, '')}…` : whole;
}

const LEADING_WORDS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);

/**
 * The clause lies under a "whether" or "if" of its sentence with no comma between ("whether he
 * decided to leave or was forced out"); after the comma of "If sales fall, Apple will cut jobs" the
 * main clause is no longer under it.
 */
function underWhether(tokens: readonly TaggedToken[], p: Predicate): boolean {
  for (let i = p.groupFrom - 1; i >= 0 && i >= p.groupFrom - 20; i--) {
    const t = tokens[i]!;
    if (t.lower === 'whether' || (t.lower === 'if' && t.pos === 'SCONJ')) return true;
    if (t.pos === 'PUNCT' && t.text !== '-' && t.text !== '“' && t.text !== '"') return false;
  }
  return false;
}

/** The date expression of an anchored clause ends with its "before" or "after" ("two days before "). */
const ANCHOR_WORD_AT_END = /\b(before|after)\s*$/i;

/** "It was announced that …", "it is reported that …": a passive saying whose "it" stands for what was said. */
function isExtraposedSaying(tokens: readonly TaggedToken[], p: Predicate): boolean {
  return (
    p.passive && isCommunication(p.lemma) && subjectIsPronoun(tokens, p) && tokens[p.subject!.from]!.lower === 'it'
  );
}

/**
 * "It was announced that Starbucks would offer free wi-fi": the saying is titled with what was
 * said ("Starbucks to offer free wi-fi …"); its "it" names nothing, not the last thing the story named.
 */
function extraposedTitles(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  titles: (Title | undefined)[],
): (Title | undefined)[] {
  for (let k = 0; k < predicates.length; k++) {
    if (!isExtraposedSaying(tokens, predicates[k]!)) continue;
    const content = statedContent(tokens, predicates, k);
    titles[k] = content !== undefined && content > k ? titles[content] : undefined;
  }
  return titles;
}

/** Verbs that say nothing without their object ("Mac OS X has …"). */
const AUXILIARY_LEMMAS = new Set(['be', 'have', 'do']);

function subjectIsPronoun(tokens: readonly TaggedToken[], q: Predicate): boolean {
  return q.subject !== undefined && q.subject.to - q.subject.from === 1 && tokens[q.subject.from]!.pos === 'PRON';
}

/** Words other than dates stand between where what was said starts and the clause's subject. */
function startsAfter(tokens: readonly TaggedToken[], saidFrom: number, q: Predicate): boolean {
  const from = clauseStart(q);
  for (let i = saidFrom; i < from; i++) if (tokens[i]!.pos !== 'PUNCT' && tokens[i]!.pos !== 'ADV') return true;
  return false;
}
const MAX_TITLE_CHARS = 140;

function lowerFirst(s: string): string {
  return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/**
 * The clause a saying reports: the first predicate after its "that" ("said today that, over the
 * past weeks, his health …"), or, for an attribution after its clause ("Prices will fall, Apple
 * said"), the sentence's first predicate. Another saying in between reports its own content.
 */
function statedContent(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  k: number,
): number | undefined {
  const p = predicates[k]!;
  // (Words read as the predicates read them: "announced … in a memo that he" has the conjunction "that".)
  const words = retag(tokens);
  // "that the release, which is scheduled for …, will include": the relative clause is not what was said.
  let n = k + 1;
  while (predicates[n] && opensWithRelativePronoun(tokens, predicates[n]!)) n++;
  const next = predicates[n];
  if (next && !isCommunication(next.lemma)) {
    const between = words.slice(p.groupTo, clauseStart(next));
    // "said Russia's demand that he …": the "that" completes the noun before it, not the saying.
    const thatAt = between.findIndex((t) => t.lower === 'that');
    if (thatAt > 0 && THAT_NOUNS.has(between[thatAt - 1]!.lemma)) return undefined;
    if (
      (between.length <= 12 &&
        between.some((t) => t.lower === 'that' && t.pos !== 'DET' && t.pos !== 'PRON') &&
        !between.some((t) => t.pos === 'PUNCT' && (t.text === '.' || t.text === ';'))) ||
      (isCommunication(p.lemma) && !p.passive && withoutThat(between))
    )
      return n;
  }
  const subjectFrom = clauseStart(p);
  const before = tokens[subjectFrom - 1];
  if (k > 0 && isCommunication(p.lemma) && before && (before.text === ',' || /^[”"’']$/.test(before.text))) {
    const first = predicates[0]!;
    if (!isCommunication(first.lemma) && first.to <= subjectFrom) return 0;
  }
  return undefined;
}

/** Nouns a "that" clause completes ("the demand that …", "reports that …"): what follows is theirs. */
const THAT_NOUNS = new Set(
  (
    'demand claim report fact news belief hope fear promise warning assurance suggestion idea rumor rumour ' +
    'evidence sign indication possibility notion view allegation assertion speculation concern proposal'
  ).split(' '),
);

/**
 * A saying's content without its "that": right after the verb ("said sales rose"), after whom it
 * was told or the day ("told Reuters the merger …", "announced Monday it would …"), or after an
 * "according to …" and its comma ("said according to witnesses, the gunman fled").
 */
function withoutThat(between: readonly TaggedToken[]): boolean {
  if (between.length <= 3 && between.every((t) => t.pos === 'PROPN' || t.pos === 'PRON')) return true;
  return (
    between.length <= 10 &&
    between[0]?.lower === 'according' &&
    between[1]?.lower === 'to' &&
    between[between.length - 1]!.text === ',' &&
    !between.slice(2).some((t) => t.pos === 'VERB' || t.pos === 'AUX' || (t.pos === 'PUNCT' && t.text !== ','))
  );
}

/** Where a predicate's clause starts: its subject when the subject comes first, else its verb. */
function clauseStart(p: Predicate): number {
  return p.subject && p.subject.from < p.groupFrom ? p.subject.from : p.groupFrom;
}

/** The person the first clause with one makes its subject ("Jobs announced …", "he bought …"). */
function personSubject(
  tokens: readonly TaggedToken[],
  predicates: readonly Predicate[],
  actors: readonly Actor[],
  lastPerson: Actor | undefined,
): Actor | undefined {
  for (const p of predicates) {
    if (!p.subject) continue;
    const from = tokens[p.subject.from]!.start;
    const to = tokens[p.subject.to - 1]!.end;
    // (The person nearest the verb heads the subject: "Apple Computer CEO and co-founder Steve Jobs".)
    const named = actors.findLast((a) => a.kind === 'person' && a.start >= from && a.end <= to);
    if (named) return named;
    if (p.subject.to - p.subject.from === 1 && PERSON_PRONOUNS.has(tokens[p.subject.from]!.lower)) return lastPerson;
  }
  return undefined;
}

/**
 * "Boeing won an order", "Reuters reported": a subject that is a name of one to three words and no
 * actor the sentence's name reader found (it knows people, places and names ending "Inc.",
 * "Airlines" …) is the company or body that acted.
 */
function namedSubject(tokens: readonly TaggedToken[], p: Predicate, actors: readonly Actor[]): Actor | undefined {
  const s = p.subject;
  if (!s || s.from > p.groupFrom || s.to - s.from > 3) return undefined;
  const words = tokens.slice(s.from, s.to);
  if (!words.every((t) => t.pos === 'PROPN' && /^\p{Lu}/u.test(t.text))) return undefined;
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  if (actors.some((a) => a.start < end && start < a.end)) return undefined;
  const name = words
    .map((t) => t.text)
    .join(' ')
    .replace(/['’]s$/, '');
  return { name, kind: 'organisation', key: name.toLowerCase(), start, end };
}

/** The clause's subject is "I" or "we": the speaker telling what the speaker did. */
function speaksForItself(tokens: readonly TaggedToken[], p: Predicate): boolean {
  if (!p.subject || p.subject.to - p.subject.from !== 1) return false;
  const w = tokens[p.subject.from]!.lower;
  return w === 'i' || w === 'we';
}

/** The clause follows "saying (that)", "adding that", "claiming": a participle of saying outside the predicates. */
function followsSaying(tokens: readonly TaggedToken[], p: Predicate): boolean {
  let i = clauseStart(p) - 1;
  if (tokens[i]?.lower === 'that') i--;
  const t = tokens[i];
  return t !== undefined && t.lower.endsWith('ing') && isCommunication(t.lemma);
}

const FIRST_TIME = new Set(['first', 'originally', 'initially']);

/** "When Apple first released the iPod": a when-clause of the first time, before its verb. */
function firstTimeWhen(tokens: readonly TaggedToken[], p: Predicate): boolean {
  const from = clauseStart(p);
  if (tokens[from - 1]?.lower !== 'when') return false;
  for (let i = from; i <= p.head; i++) if (FIRST_TIME.has(tokens[i]!.lower)) return true;
  return false;
}

/** The verb group follows "which", "who" or "that" standing for its subject. */
function opensWithRelativePronoun(tokens: readonly TaggedToken[], p: Predicate): boolean {
  let i = p.groupFrom - 1;
  while (i >= 0 && (tokens[i]!.pos === 'ADV' || tokens[i]!.pos === 'PART')) i--;
  const t = tokens[i];
  return t !== undefined && t.pos === 'PRON' && (t.lower === 'which' || t.lower === 'who' || t.lower === 'that');
}

/** "The revelation comes …", "reports emerge", "the news follows": the report speaking of itself. */
const REPORT_NOUNS = new Set([
  'revelation',
  'news',
  'report',
  'reports',
  'announcement',
  'disclosure',
  'development',
  'comments',
  'remarks',
  'statement',
  'story',
]);
const FRAMING_VERBS = new Set(['come', 'emerge', 'follow', 'arrive']);

function isAboutTheReport(tokens: readonly TaggedToken[], p: Predicate): boolean {
  if (!FRAMING_VERBS.has(p.lemma) || !p.subject) return false;
  const head = tokens[p.subject.to - 1];
  return head !== undefined && REPORT_NOUNS.has(head.lower);
}

/**
 * The sentence, or for a long one a window of at most MAX_QUOTE_CHARS: around the clause
 * [from, to), always holding `keep` (the words that date it) whole.
 */
export function quoteWindow(
  sentence: { start: number; end: number },
  from: number,
  to: number,
  keep?: { start: number; end: number },
): { start: number; end: number } {
  if (sentence.end - sentence.start <= MAX_QUOTE_CHARS) return { start: sentence.start, end: sentence.end };
  const mustStart = keep ? Math.max(sentence.start, keep.start) : Math.max(sentence.start, from);
  const mustEnd = keep ? Math.min(sentence.end, keep.end) : Math.min(sentence.end, from + 1);
  // As much of the clause as fits, starting where the clause (or the dating words) starts.
  let start = Math.max(sentence.start, Math.min(from, mustStart));
  if (Math.max(to, mustEnd) - start > MAX_QUOTE_CHARS)
    start = Math.max(sentence.start, Math.min(mustStart, Math.max(start, mustEnd - MAX_QUOTE_CHARS)));
  const end = Math.min(sentence.end, Math.max(mustEnd, start + MAX_QUOTE_CHARS));
  return { start, end: Math.max(end, mustEnd) };
}

/** What every clause of a sentence is read against. */
interface SentenceContext {
  readonly text: string;
  readonly sentence: SentenceSpan;
  readonly tokens: readonly Token[];
  readonly sentenceActors: readonly Actor[];
  readonly lastPerson: Actor | undefined;
}

interface ClauseDraft {
  readonly title: string;
  readonly actors: readonly Actor[];
  readonly keywords: readonly string[];
  readonly tense: Tense;
  /** Cleaned-text offsets of the clause. */
  readonly from: number;
  readonly to: number;
  /** The verb's token index; for a nominal or verbless clause, -1 - the timex's first token. */
  readonly verb: number;
}

/** The quotation marks that keep an introduction from being one ("“We will,” he said"). */
function hasQuoteMark(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c || c === 0x201d || c === 34) return true;
  }
  return false;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

const TALK_SHOWS = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(talk|talks|shows?|programs?)\b/gi;

/** The clause dated by the expression at [start, end): its headline, actors, keywords and extent. */
function clauseOf(c: SentenceContext, start: number, end: number): ClauseDraft {
  const { text, sentence, tokens } = c;
  const tFrom = tokenFrom(tokens, start);
  const tTo = tokenTo(tokens, tFrom, end);
  const clause = attachClause(tokens, tFrom, tTo);
  const h = headline(tokens, clause, tFrom, tTo, c.sentenceActors, c.lastPerson);
  const clauseStart = tokens[Math.min(h.from, tokens.length - 1)]?.start ?? sentence.start;
  const clauseEnd = tokens[Math.max(0, Math.min(h.to, tokens.length) - 1)]?.end ?? sentence.end;
  // Names are matched as actors, not as content; organisations ("House Intelligence Committee") say what happened.
  let actorWords: Set<string> | undefined;
  for (const a of h.actors) if (a.kind !== 'organisation') addKeywords(a.name, (actorWords ??= new Set()));
  // A verbless introduction ("Testifying before the House Intelligence Committee, …") describes the same event.
  const firstComma = text.indexOf(',');
  const at = clauseStart - sentence.start;
  const introOnly =
    firstComma >= 0 &&
    at > firstComma &&
    isBlank(text, firstComma + 1, Math.min(at, text.length)) &&
    !hasQuoteMark(text, 0, firstComma);
  const from = introOnly ? 0 : Math.max(0, at);
  // "Sunday talks" are talk shows, not talks.
  // (Only where a weekday name can be: "day" and a space.)
  const clauseSpan = text.slice(from, clauseEnd - sentence.start);
  const clauseText = WEEKDAY_CUE.test(clauseSpan) ? clauseSpan.replace(TALK_SHOWS, '$1') : clauseSpan;
  const keywords = keywordsExcept(clauseText, actorWords);
  return {
    title: h.title,
    actors: h.actors,
    keywords,
    tense: h.tense,
    from: clauseStart,
    to: clauseEnd,
    verb: clause.nominal ? -1 - tFrom : (clause.verbIndex ?? -1 - tFrom),
  };
}

/** "11:50 a.m. Rome time (1050 GMT)": an expression inside brackets restates another. */
function inBrackets(text: string, start: number, end: number): boolean {
  // An opening bracket before with no closing one after it …
  const open = start > 0 ? text.lastIndexOf('(', start - 1) : -1;
  if (open < 0 || text.lastIndexOf(')', start - 1) > open) return false;
  // … and a closing bracket after with no opening one before it.
  const close = text.indexOf(')', end);
  if (close < 0) return false;
  const reopen = text.indexOf('(', end);
  return reopen < 0 || reopen > close;
}

/** The last calendar date the story named, and the sentence that named it. */
interface StoryDate {
  value: string | undefined;
  sentence: number;
}

interface DatedClause {
  readonly from: number;
  readonly to: number;
  readonly verb: number;
  readonly draftIndex: number;
  readonly source: DateSource;
}

function extractFromSentence(
  text: string,
  sentence: SentenceSpan,
  tokens: readonly Token[],
  timexes: readonly Timex[],
  anchored: readonly AnchoredExpression[],
  events: DraftEvent[],
  bounds: AnchorBoundDraft[],
  sentenceActors: readonly Actor[],
  lastPerson: Actor | undefined,
  story: StoryDate,
): void {
  const context: SentenceContext = { text, sentence, tokens, sentenceActors, lastPerson };
  const clausesWithDates: DatedClause[] = [];
  const firstOfSentence = events.length;
  const datedClauseKeys = new Map<string, DateSource>();
  for (const t of timexes) {
    const anaphoric = anaphoricDate(t, text.slice(t.end - sentence.start, t.end - sentence.start + 16), story.value);
    story.value = calendarValueOf(t) ?? story.value;
    if (!anaphoric && !isDatable(t, text, sentence.start)) continue;
    let consumed = false;
    for (const a of anchored) {
      if (isWithin(t, a)) {
        consumed = true;
        break;
      }
    }
    if (consumed) continue;
    // "11:50 a.m. Rome time (1050 GMT)": the bracketed one restates the other.
    const at = t.start - sentence.start;
    if (inBrackets(text, at, t.end - sentence.start)) continue;
    const clause = clauseOf(context, t.start, t.end);
    // A date the clause finder could not place is kept for the predicates to claim (a verb after a
    // quotation: 'called the ferry "…" on Monday'); unclaimed, it is dropped (extractDrafts).
    const untitled = clause.title === UNTITLED;
    const tense = windowLooksFuture(text.slice(Math.max(0, at - 40), at)) ? 'future' : clause.tense;
    const source = anaphoric ?? dateSourceOf(t, tense);
    if (!source) continue;
    // Two expressions dating one clause ("Sunday … this week" in one clause): keep the first.
    // A date that opens a clause ("…, and in 1984 the first Macintosh was released") starts a clause of its own.
    // Two stated dates that do not overlap ("founded in 1998 and sold in 2020") are two clauses, whatever
    // the clause finder says.
    const clauseKey = `${clause.verb}:${source.kind}`;
    const first = untitled ? undefined : datedClauseKeys.get(clauseKey);
    const apart =
      first?.kind === 'explicit' &&
      source.kind === 'explicit' &&
      !valueHolds(first.value, source.value) &&
      !valueHolds(source.value, first.value);
    if (first && !apart && !OPENS_CLAUSE_BEFORE.test(text.slice(Math.max(0, at - 16), at))) continue;
    if (!first && !untitled) datedClauseKeys.set(clauseKey, source);
    // (Dates left for the predicates count too: a sentence of a thousand dates stays bounded.)
    if (events.length - firstOfSentence >= MAX_EVENTS_PER_SENTENCE) break;
    const approximate =
      source.kind === 'relative' && source.descriptor.kind === 'offset' && source.descriptor.unit !== 'day';
    const verbAt = clause.verb >= 0 ? tokens[clause.verb]?.start : undefined;
    events.push({
      title: clause.title,
      actors: clause.actors,
      keywords: clause.keywords,
      quote: quoteWindow(sentence, clause.from, clause.to, t),
      timex: { start: t.start, end: t.end, type: t.type, value: t.value },
      source,
      approximate,
      ...(verbAt !== undefined ? { verbAt } : {}),
    });
    if (untitled) continue;
    clausesWithDates.push({
      from: clause.from,
      to: clause.to,
      verb: clause.verb,
      draftIndex: events.length - 1,
      source,
    });
  }
  for (const a of anchored) {
    if (a.kind === 'ago') {
      bounds.push({ anchor: a.anchor, minDays: a.minDays, maxDays: a.maxDays });
      continue;
    }
    if (a.kind === 'before-after') {
      // "X comes a day before [Y]": Y is dated from X's date (X's own timex, or the report's "now").
      const main = clausesWithDates.find((c) => c.to <= a.start || (c.from <= a.start && c.to >= a.start));
      const draft = clauseOf(context, a.anchoredClauseStart, Math.min(a.anchoredClauseStart + 1, a.anchoredClauseEnd));
      const anchoredText = text.slice(a.anchoredClauseStart - sentence.start, a.anchoredClauseEnd - sentence.start);
      const sub = clauseForFragment(anchoredText, a.anchoredClauseStart, sentenceActors, lastPerson);
      const title = sub?.title ?? draft.title;
      const actors = sub?.actors ?? draft.actors;
      const actorNameWords = new Set(actors.flatMap((x) => x.name.toLowerCase().split(/\s+/)));
      const keywords = keywordsExcept(anchoredText, actorNameWords);
      const mainSource = main?.source;
      let source: DateSource;
      if (
        mainSource?.kind === 'relative' &&
        mainSource.descriptor.kind === 'offset' &&
        mainSource.descriptor.unit === 'day'
      ) {
        source = {
          kind: 'relative',
          descriptor: { kind: 'offset', unit: 'day', amount: mainSource.descriptor.amount + a.offsetDays },
        };
      } else if (!main) {
        source = { kind: 'relative', descriptor: { kind: 'offset', unit: 'day', amount: a.offsetDays } };
      } else {
        // "walked out on Wednesday, a day after talks collapsed": the talks hang on the walkout's date.
        const mainDraft = events[main.draftIndex];
        const link = {
          keywords: anchorKeywords((mainDraft?.keywords ?? []).join(' ')),
          offsetDays: a.offsetDays,
          toleranceDays: 0,
        };
        if (!link.keywords.length) continue;
        source = {
          kind: 'anchored',
          link,
          anchorText: text
            .slice(Math.max(0, main.from - sentence.start), a.start - sentence.start)
            .replace(/[\s,]+$/, ''),
        };
      }
      events.push({
        title,
        actors,
        keywords,
        quote: quoteWindow(sentence, a.start, a.end, a),
        timex: { start: a.start, end: a.end, type: 'DATE', value: `P${Math.abs(a.offsetDays)}D` },
        source,
        approximate: false,
        clause: { start: a.anchoredClauseStart, end: a.anchoredClauseEnd },
      });
      continue;
    }
    // same-day / into: the clause around the expression is dated through its anchor, unless it has a date of its own.
    const draft = clauseOf(context, a.start, a.end);
    const dated =
      clausesWithDates.find((c) => c.from <= a.start && c.to >= a.end) ??
      clausesWithDates.find((c) => c.from === draft.from && c.to === draft.to);
    if (dated) {
      if (a.kind === 'into')
        bounds.push({ anchor: a.link.keywords, draftIndex: dated.draftIndex, minDays: a.minDays, maxDays: a.maxDays });
      continue;
    }
    // "told POLITICO on Sunday, … after struggling … more than two weeks into its invasion": the
    // sentence's dated report is that far into the war; the struggle is no event of its own.
    if (a.kind === 'into') {
      let reportInSentence: DatedClause | undefined;
      for (let i = clausesWithDates.length - 1; i >= 0; i--) {
        const c = clausesWithDates[i]!;
        if (c.to <= a.start && c.source.kind === 'relative') {
          reportInSentence = c;
          break;
        }
      }
      if (reportInSentence) {
        bounds.push({
          anchor: a.link.keywords,
          draftIndex: reportInSentence.draftIndex,
          minDays: a.minDays,
          maxDays: a.maxDays,
        });
        continue;
      }
    }
    const anchorWords = new Set(keywordsOf(a.anchorText));
    const keywords = draft.keywords.filter((k) => !anchorWords.has(k));
    events.push({
      title: draft.title,
      actors: draft.actors,
      keywords,
      quote: quoteWindow(sentence, a.start, a.end, a),
      timex: {
        start: a.start,
        end: a.end,
        type: 'DATE',
        value: a.kind === 'same-day' ? 'XXXX-XX-XX' : `P${a.link.offsetDays}D`,
      },
      source: { kind: 'anchored', link: a.link, anchorText: a.anchorText },
      approximate: a.kind === 'into',
    });
  }
}

/** A headline for a fragment ("national security adviser Jake Sullivan is set to meet Yang Jiechi … in Rome"). */
function clauseForFragment(
  fragment: string,
  offset: number,
  sentenceActors: readonly Actor[],
  lastPerson: Actor | undefined,
): { title: string; actors: Actor[] } | undefined {
  const tokens = tokenize(fragment, offset);
  if (!tokens.length) return undefined;
  const clause = attachClause(tokens, 0, 0);
  const h = headline(tokens, { ...clause, from: 0, to: tokens.length }, 0, 0, sentenceActors, lastPerson);
  return { title: h.title, actors: h.actors };
}

export function datedValue(value: string, granularity: Granularity, certainty: DatedValue['certainty']): DatedValue {
  return { value, granularity, certainty };
}

export type { DateResolution };
