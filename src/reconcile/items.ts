import type { DatedValue, DocumentAnalysis, ExtractedEvent } from '../model/timeline-model.js';
import { COMMUNICATION_VERBS, MEETING_WORDS, baseForm, keywordsOf } from '../extraction/lexicon.js';
import { PLACES, sameSurname } from '../extraction/actors.js';

/**
 * An event as reconciliation sees it: its document, what it can be matched on (person surnames,
 * organisations, content keywords, the kind of happening) and its current date.
 */

export type EventClass = 'communication' | 'meeting' | 'other';

export interface Item {
  /** Lower-case place names among the actors ("rome"). */
  readonly places: readonly string[];
  readonly event: ExtractedEvent;
  readonly documentId: string;
  readonly persons: readonly string[];
  readonly organisations: readonly string[];
  readonly keywords: ReadonlySet<string>;
  readonly eventClass: EventClass;
  /** What happened, as a class of close synonyms ("unveil", "introduce", "launch" → "introduce"); absent for nominal events. */
  readonly predicate?: string;
  /** Dated only from the report's day by the verb's tense: "on or shortly before" it. */
  readonly reportTime: boolean;
  date: DatedValue;
}

/** Verbs that name one kind of happening in news ("unveils", "introduces", "launches" the same product). */
const PREDICATE_CLASSES: readonly (readonly string[])[] = [
  ['introduce', 'unveil', 'launch', 'debut', 'present', 'release', 'showcase', 'roll'],
  ['say', 'tell', 'state', 'add', 'note', 'explain', 'comment', 'remark', 'stress', 'declare', 'testify', 'brief'],
  ['announce', 'reveal', 'disclose', 'confirm'],
  ['sue', 'file'],
  ['buy', 'acquire', 'purchase'],
  ['resign', 'quit', 'step', 'leave'],
  ['die', 'pass'],
  ['fight', 'battle'],
  ['found', 'start', 'establish', 'create', 'form'],
  ['settle', 'resolve'],
  ['lose', 'fail'],
  ['win', 'gain'],
];
const PREDICATE_CLASS = new Map<string, string>();
for (const members of PREDICATE_CLASSES) for (const m of members) PREDICATE_CLASS.set(m, members[0]!);

export function predicateClass(lemma: string): string {
  return PREDICATE_CLASS.get(lemma) ?? lemma;
}

/** Words too common in news to say two reports describe the same happening. */
const GENERIC = new Set([
  'official',
  'officials',
  'russian',
  'chinese',
  'american',
  'military',
  'government',
  'president',
  'minister',
  'adviser',
  'national',
  'security',
  'foreign',
  'state',
  'director',
  'spokesman',
  'spokeswoman',
  'top',
  'senior',
  'former',
  'report',
  'news',
  'add',
  'say',
  'tell',
  'plan',
  'will',
  'would',
  'could',
  'also',
  'new',
  'first',
  'time',
  'people',
  'country',
  'countries',
  'world',
  'global',
  'support',
  'effort',
  'need',
  'help',
  'make',
  'take',
  'give',
  'come',
  'go',
  'continue',
  'remain',
  'public',
  'team',
  'group',
  'part',
]);

/** Verbs that say little of what happened without their object. */
const LIGHT_VERBS = new Set([
  'be',
  'have',
  'do',
  'make',
  'take',
  'give',
  'get',
  'go',
  'come',
  'see',
  'use',
  'put',
  'set',
  'keep',
  'let',
  'begin',
  'start',
  'continue',
  'remain',
  'become',
  'seem',
  'show',
  'hold',
  'bring',
  'find',
  'include',
  'want',
  'need',
  'try',
  'help',
  'work',
  'call',
  'meet',
  'talk',
  'plan',
  'expect',
  'ask',
  'sell',
  'buy',
  'release',
  'introduce',
  'launch',
  'unveil',
  'announce',
  'offer',
  'receive',
  'add',
  'lose',
  'win',
  'face',
  'pay',
  'raise',
  'cut',
]);

const PLACE_KEYS = PLACES;

/** A person looks like "First Last" or a lone capitalised surname; organisations carry acronyms or org words. */
function isPersonName(name: string): boolean {
  return (
    /^(\p{Lu}[\p{Ll}’'-]+\.?\s+)*(\p{Lu}\.\s+)?\p{Lu}[\p{Ll}’'-]+$/u.test(name) &&
    !/\b(Times|Post|House|Committee|Ministry|Council|Embassy|Command|Union|Party|Department|Office|Institute|University|News|Agency)\b/.test(
      name,
    )
  );
}

function classOf(event: ExtractedEvent, keywords: ReadonlySet<string>): EventClass {
  // The clause's own verb decides where the analysis read one (a long subject can push it past the
  // first words of the title: "White House National Security Council spokeswoman Emily Horne says").
  if (event.predicate) {
    if (MEETING_WORDS.has(event.predicate)) return 'meeting';
    if (COMMUNICATION_VERBS.has(event.predicate)) return 'communication';
  }
  const words = event.title.split(' ', 8);
  for (const w of words) {
    const base = baseForm(w.replace(/[^A-Za-z\u00C0-\u04FF]/g, ''));
    if (!base) continue;
    if (MEETING_WORDS.has(base)) return 'meeting';
    if (COMMUNICATION_VERBS.has(base)) return 'communication';
  }
  return 'other';
}

export function itemsOf(analysis: DocumentAnalysis): Item[] {
  return analysis.events.map((event) => {
    const persons: string[] = [];
    const organisations: string[] = [];
    const places: string[] = [];
    for (const name of event.actors) {
      const key = name.toLowerCase();
      if (PLACE_KEYS.has(key)) {
        places.push(key);
        continue;
      }
      if (event.persons ? event.persons.includes(name) : isPersonName(name))
        persons.push(key.split(/\s+/).at(-1) ?? key);
      else organisations.push(key);
    }
    const keywords = new Set((event.keywords ?? keywordsOf(event.title)).filter((k) => !GENERIC.has(k)));
    const reportTime = event.dateRule === 'report-past' || event.dateRule === 'report-perfect';
    return {
      event,
      documentId: analysis.documentId,
      places,
      persons,
      organisations,
      keywords,
      eventClass: classOf(event, keywords),
      date: event.date,
      reportTime,
      ...(event.predicate ? { predicate: predicateClass(event.predicate) } : {}),
    };
  });
}

/** Whether an event's date was derived from the report's day or from another clause (so it says nothing of when the report was). */
export function hasDerivedDate(event: ExtractedEvent): boolean {
  const rule = event.dateRule;
  return rule !== undefined && rule !== 'date-expression' && rule !== 'anchor';
}

export function sharesPerson(a: Item, b: Item): boolean {
  return a.persons.some((p) => b.persons.some((q) => sameSurname(p, q)));
}

export function sharedKeywords(a: Item, b: Item): number {
  let n = 0;
  for (const k of a.keywords) if (b.keywords.has(k)) n++;
  return n;
}

/** The words that name what happened (meet, invade, testify …), as opposed to who or where. */
const HEAD_WORDS = new Set([
  'meet',
  'invade',
  'testify',
  'interview',
  'request',
  'deny',
  'attack',
  'sign',
  'vote',
  'elect',
  'kill',
  'strike',
  'launch',
  'arrest',
  'announce',
  'visit',
  'travel',
  'resign',
  'withdraw',
]);

export function sharesHeadWord(a: Item, b: Item): boolean {
  for (const k of a.keywords) if (HEAD_WORDS.has(k) && b.keywords.has(k)) return true;
  return false;
}

/**
 * Whether two events (already known to have compatible dates) are one happening: the same person
 * in a compatible kind of event, or the same named happening (meeting, invasion, testimony) with
 * enough shared content.
 */
export function sameHappening(a: Item, b: Item): boolean {
  if (a.predicate !== undefined && b.predicate !== undefined) return samePredicateHappening(a, b);
  return sameHappeningByContent(a, b);
}

/** Without two verbs to compare: the same person in a compatible kind of event, or enough shared content. */
function sameHappeningByContent(a: Item, b: Item): boolean {
  const classesClash = a.eventClass !== b.eventClass && a.eventClass !== 'other' && b.eventClass !== 'other';
  if (sharesPerson(a, b)) {
    if (!classesClash) return true;
    return sharesHeadWord(a, b) && sharedKeywords(a, b) >= 2;
  }
  const placeShared = a.places.some((p) => b.places.includes(p));
  const orgShared = a.organisations.some((o) => b.organisations.includes(o));
  // A report about a meeting ("CCTV said the talks were underway") belongs with the meeting.
  if (classesClash) return sharesHeadWord(a, b) && (placeShared || orgShared || sharedKeywords(a, b) >= 2);
  if (sharesHeadWord(a, b)) return true;
  const shared = sharedKeywords(a, b);
  const smaller = Math.min(a.keywords.size, b.keywords.size);
  return smaller > 0 && shared >= 2 && (shared / smaller >= 0.5 || (orgShared && shared >= 2));
}

/**
 * Two clauses with verbs are one happening when the verbs name one kind of happening, someone
 * takes part in both (a person, an organisation) and what it happened to is shared: "Jobs unveiled
 * iPhone 4" and "iPhone 4 was introduced by Jobs", not "Jobs unveiled iOS 4" and "Jobs demoed
 * FaceTime". Two clauses of one document need more in common than one clause told twice.
 */
function samePredicateHappening(a: Item, b: Item): boolean {
  if (a.predicate !== b.predicate) {
    // A meeting and the talks at it ("meet", "hold talks", "plan a meeting"): one happening, whatever verbs tell it.
    if (a.eventClass === 'meeting' && b.eventClass === 'meeting') return sameHappeningByContent(a, b);
    // "told CNN" and "said in an interview with CNN" in two reports: one interview when they share what it was about.
    if (
      a.eventClass !== 'communication' ||
      b.eventClass !== 'communication' ||
      a.documentId === b.documentId ||
      !sharesPerson(a, b)
    )
      return false;
    const shared = sharedKeywords(a, b);
    return shared >= 2 || (shared >= 1 && shared * 2 >= Math.min(a.keywords.size, b.keywords.size));
  }
  // The same clause word for word in two documents (a wire copy) is one telling of one happening.
  if (a.documentId !== b.documentId && a.event.title === b.event.title && a.event.quote.text === b.event.quote.text)
    return true;
  // "Jobs resigned in a letter" and "Jobs resigned from his post" in two reports: a person does a
  // telling thing (resign, die, marry, acquire) once in the few days the dates leave; saying and
  // light verbs happen every day and need their words shared.
  if (
    a.documentId !== b.documentId &&
    sharesPerson(a, b) &&
    !COMMUNICATION_VERBS.has(a.predicate ?? '') &&
    !LIGHT_VERBS.has(a.predicate ?? '') &&
    a.predicate !== undefined
  )
    return true;
  const actorShared = sharesPerson(a, b) || a.organisations.some((o) => b.organisations.includes(o));
  const shared =
    sharedKeywords(a, b) - (a.keywords.has(a.predicate ?? '') && b.keywords.has(a.predicate ?? '') ? 1 : 0);
  // One document telling one happening twice (headline and lede) repeats what happened to what; a
  // speaker's several statements in one report are several entries.
  // "…,” Siluanov added": an attribution with nothing said of its own belongs to the speaker's statement.
  if (
    a.documentId === b.documentId &&
    a.predicate === 'say' &&
    sharesPerson(a, b) &&
    Math.min(a.keywords.size, b.keywords.size) === 0
  )
    return true;
  if (a.documentId === b.documentId)
    return (
      (actorShared && shared >= (a.predicate === 'say' ? 3 : 2)) ||
      (!actorShared && shared >= 2 && a.date.granularity !== b.date.granularity)
    );
  // What a person said is one statement across reports only when they say the same thing.
  const smaller = Math.min(a.keywords.size, b.keywords.size);
  // (Two words of three: one shared word of two is the story's subject, "iPhone", not what was said.)
  const sameWords = shared >= 2 || (shared >= 1 && smaller <= 1);
  // Without a shared actor ("the iTunes store launched" and "Apple launched the iTunes Music Store"), the same verb and two words of what it happened to.
  return (
    (actorShared && (a.predicate === 'say' ? sameWords : shared >= 1)) || shared >= (a.predicate === 'say' ? 3 : 2)
  );
}

/** Blocking keys: candidate pairs share at least one (a person's surname prefix, an organisation, a head word). */
const BLOCKING_KEYS = new WeakMap<Item, string[]>();

export function blockingKeys(item: Item): string[] {
  const cached = BLOCKING_KEYS.get(item);
  if (cached) return cached;
  const computed = computeBlockingKeys(item);
  BLOCKING_KEYS.set(item, computed);
  return computed;
}

function computeBlockingKeys(item: Item): string[] {
  const keys = new Set<string>();
  // Spelling variants share at least the first letter (Kofman/Kaufman, Siluanov/Siranov).
  for (const p of item.persons) keys.add(`p:${p.slice(0, 1)}`);
  for (const o of item.organisations) keys.add(`o:${o}`);
  for (const k of item.keywords) keys.add(`k:${k}`);
  return [...keys];
}
