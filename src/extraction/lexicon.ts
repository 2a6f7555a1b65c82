/**
 * Verbs of news reports: recognising their forms, turning them into headline present tense
 * ("told" → "tells"), and normalising content words so reports of one event share keywords.
 */

const BASE_VERBS = `
accept accuse add admit agree aim announce answer appear approve argue arrest arrive ask assess attack back ban become begin believe
block blame bomb brief call cancel capture charge claim close comment commit complain confirm consider continue contribute criticize
decide declare decline defend demand deny deploy describe destroy discuss dismiss draw drop elect emerge end enter escalate evade expand
expect explain express face fail fear file fire force free gather hail halt help hit hold host impose increase indicate insist invade
issue join kill launch lead leave limit list mark meet mobilize monitor move name need note object offer open order plan pledge post
praise press promise propose protest provide publish push raise reach react receive refuse reject release remain repeat report request
require respond resume return reveal rule seek seize sell send share shoot sign speak start state stop strike suggest supply support
suspend sustain talk target tell testify threaten travel tweet urge veto visit vote vow warn welcome win withdraw write
walk collapse resign die crash explode erupt flee arrive land authorize approve stall
`
  .trim()
  .split(/\s+/);

const IRREGULAR_PAST: Record<string, string> = {
  said: 'say',
  told: 'tell',
  met: 'meet',
  began: 'begin',
  became: 'become',
  saw: 'see',
  took: 'take',
  gave: 'give',
  went: 'go',
  came: 'come',
  made: 'make',
  held: 'hold',
  sent: 'send',
  spoke: 'speak',
  left: 'leave',
  found: 'find',
  wrote: 'write',
  thought: 'think',
  brought: 'bring',
  led: 'lead',
  struck: 'strike',
  won: 'win',
  lost: 'lose',
  fell: 'fall',
  rose: 'rise',
  hit: 'hit',
  put: 'put',
  shot: 'shoot',
  knew: 'know',
  sought: 'seek',
  fought: 'fight',
  ran: 'run',
  drew: 'draw',
  sold: 'sell',
  withdrew: 'withdraw',
  froze: 'freeze',
  chose: 'choose',
  flew: 'fly',
  heard: 'hear',
  paid: 'pay',
  got: 'get',
  set: 'set',
  stood: 'stand',
  kept: 'keep',
  broke: 'break',
  spent: 'spend',
  understood: 'understand',
  dealt: 'deal',
  meant: 'mean',
  cut: 'cut',
};

/** Verbs that report speech or statements: several on one day by one person are usually one appearance. */
export const COMMUNICATION_VERBS = new Set([
  'say',
  'tell',
  'warn',
  'deny',
  'insist',
  'speak',
  'add',
  'note',
  'describe',
  'testify',
  'report',
  'tweet',
  'announce',
  'confirm',
  'claim',
  'state',
  'comment',
  'write',
  'explain',
  'express',
  'reveal',
  'brief',
  'declare',
  'repeat',
  'respond',
  'suggest',
  'share',
  'interview',
  'praise',
  'urge',
  'vow',
  'pledge',
  'threaten',
  'criticize',
  'dismiss',
  'reject',
  'accuse',
  'blame',
  'argue',
  'post',
  'call',
]);

export const MEETING_WORDS = new Set(['meet', 'talk', 'summit', 'visit', 'travel', 'host', 'gather']);

function pastOf(base: string): string {
  if (base.endsWith('e')) return `${base}d`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
  if (/^(plan|ban|stop|drop|ship|commit|admit|control)$/.test(base)) return `${base}${base.at(-1)}ed`;
  return `${base}ed`;
}

export function thirdPerson(base: string): string {
  if (base === 'have') return 'has';
  if (base === 'be') return 'is';
  if (/(s|sh|ch|x|z)$/.test(base) || /^(go|do|echo|veto|undergo|forgo)$/.test(base)) return `${base}es`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}

function gerundOf(base: string): string {
  if (/[^e]e$/.test(base)) return `${base.slice(0, -1)}ing`;
  if (/^(plan|ban|stop|drop|ship|commit|admit|control|run|hit|put|set|cut|win|shoot)$/.test(base))
    return `${base}${base.at(-1)}ing`;
  return `${base}ing`;
}

export type VerbForm = 'past' | 'present' | 'base' | 'gerund';

const FORMS = new Map<string, { base: string; form: VerbForm }>();
for (const base of [...BASE_VERBS, ...Object.values(IRREGULAR_PAST)]) {
  FORMS.set(base, { base, form: 'base' });
  FORMS.set(thirdPerson(base), { base, form: 'present' });
  FORMS.set(gerundOf(base), { base, form: 'gerund' });
}
for (const base of BASE_VERBS) FORMS.set(pastOf(base), { base, form: 'past' });
for (const [past, base] of Object.entries(IRREGULAR_PAST)) FORMS.set(past, { base, form: 'past' });

/** Words that look like verbs in the lexicon but are mostly nouns in news ("talks", "report", "support"). */
const USUALLY_NOUNS = new Set([
  'talks',
  'talk',
  'report',
  'reports',
  'support',
  'help',
  'need',
  'attack',
  'attacks',
  'visit',
  'call',
  'calls',
  'end',
  'start',
  'ban',
  'limit',
  'list',
  'name',
  'order',
  'plan',
  'plans',
  'vote',
  'win',
  'face',
  'issue',
  'move',
  'return',
  'rule',
  'supply',
  'strike',
  'charge',
  'block',
  'post',
  'request',
  'promise',
  'state',
  'increase',
  'offer',
  'release',
  'comment',
  'protest',
  'mark',
  'back',
  'close',
  'open',
  'target',
  'fire',
  'hold',
  'set',
  'hit',
  'cut',
  'put',
  'free',
  'share',
]);

export function verbInfo(word: string): { base: string; form: VerbForm } | undefined {
  return FORMS.get(word.toLowerCase());
}

/** A finite verb a clause can hang on: past or 3rd-person present; base forms only after will/to (handled by caller). */
export function isFiniteVerb(word: string, previous: string | undefined): boolean {
  return isFiniteVerbLower(word.toLowerCase(), previous?.toLowerCase());
}

const NOUN_MARKERS = new Set([
  'the',
  'a',
  'an',
  'of',
  'his',
  'her',
  'their',
  'its',
  'our',
  'these',
  'those',
  'this',
  'that',
  'some',
  'any',
  'no',
  'for',
  'in',
  'on',
  'with',
  'to',
  'and',
  'new',
  'several',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
]);

/**
 * For each first character (ASCII), the lengths of the verb forms starting with it, as bits: most
 * words are no verb form, and this says so without hashing them. Built from the forms themselves;
 * null when some form does not fit (a non-ASCII first letter, 32 letters or more): then always look up.
 */
const FORM_LENGTHS: Uint32Array | null = (() => {
  const masks = new Uint32Array(128);
  for (const form of FORMS.keys()) {
    const c = form.charCodeAt(0);
    if (!(c < 128) || form.length >= 32) return null;
    masks[c]! |= 1 << form.length;
  }
  return masks;
})();

/** Whether `lower` may be a verb form (false: certainly not). */
function mayBeForm(lower: string): boolean {
  if (FORM_LENGTHS === null) return true;
  const c = lower.charCodeAt(0);
  return c < 128 && lower.length < 32 && (FORM_LENGTHS[c]! & (1 << lower.length)) !== 0;
}

/** `isFiniteVerb` on words already lower-cased (a sentence's tokens are lower-cased once). */
export function isFiniteVerbLower(lower: string, prev: string | undefined): boolean {
  if (!mayBeForm(lower)) return false;
  const info = FORMS.get(lower);
  if (!info) return false;
  if (info.form === 'gerund') return false;
  if (info.form === 'base')
    return (
      prev === 'will' ||
      prev === 'to' ||
      prev === 'would' ||
      prev === 'not' ||
      prev === 'could' ||
      prev === 'can' ||
      prev === 'did'
    );
  if (USUALLY_NOUNS.has(lower)) {
    // "Russia requested support" → requested is the verb; "the talks" → noun. A determiner before means noun.
    return !!prev && !NOUN_MARKERS.has(prev);
  }
  return true;
}

/** Headline tense: past and present become 3rd-person present ("denied" → "denies"). */
export function headlineVerb(word: string): string {
  const info = FORMS.get(word.toLowerCase());
  if (!info) return word;
  return thirdPerson(info.base);
}

export function baseForm(word: string): string | undefined {
  return FORMS.get(word.toLowerCase())?.base;
}

const STOPWORDS = new Set(
  `a an the and or but of to in on at by for with from into onto over under as that this these those it its it's is are was were be been being
  has have had do does did not no nor so than then there their they them he she his her him we our us you your i me my who whom whose which what
  when where while why how all any some such very just more most much many other another also only even still already about after before
  since until again further once here both each few own same too can will would could should may might must shall said says say told tells
  according reportedly today yesterday tomorrow week weeks day days month months year years monday tuesday wednesday thursday friday saturday
  sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  earlier later last next ago mr mrs ms dr however therefore now one two three several new`
    .trim()
    .split(/\s+/),
);

/** Different words for one happening, so "troops entered", "the war began" and "the invasion" share a keyword. */
const SYNONYMS: Record<string, string> = {
  invasion: 'invade',
  invaded: 'invade',
  invading: 'invade',
  invades: 'invade',
  enter: 'invade',
  entered: 'invade',
  war: 'invade',
  offensive: 'invade',
  incursion: 'invade',
  meeting: 'meet',
  met: 'meet',
  meets: 'meet',
  talks: 'meet',
  talk: 'meet',
  summit: 'meet',
  envoy: 'meet',
  interview: 'interview',
  interviews: 'interview',
  televised: 'interview',
  television: 'interview',
  tv: 'interview',
  request: 'request',
  requested: 'request',
  asked: 'request',
  ask: 'request',
  seeking: 'request',
  sought: 'request',
  seek: 'request',
  testifying: 'testify',
  testimony: 'testify',
  brief: 'testify',
  briefed: 'testify',
  briefing: 'testify',
  hearing: 'testify',
  congress: 'testify',
  committee: 'testify',
};

// null: a word known to yield no keyword, so a hit costs one lookup either way.
const NORMALISED = new Map<string, string | null>();

const SYNONYM_TARGETS = new Set(Object.values(SYNONYMS));

/** A keyword naming a happening: a news verb or a normalised event noun. */
export function isEventWord(keyword: string): boolean {
  return SYNONYM_TARGETS.has(keyword) || FORMS.get(keyword)?.form === 'base';
}

/** Light stemming: lexicon base form, else plural and common suffixes stripped. Memoised (pure). */
export function normaliseWord(word: string): string | undefined {
  // Normalising never lengthens a word (İ lower-cases to i + a combining dot, which is stripped), so
  // words under three characters yield nothing: no need to hash them.
  if (word.length < 3) return undefined;
  const known = NORMALISED.get(word);
  if (known !== undefined) return known ?? undefined;
  const result = normaliseUncached(word);
  if (NORMALISED.size > 50_000) NORMALISED.clear();
  NORMALISED.set(word, result ?? null);
  return result;
}

function normaliseUncached(word: string): string | undefined {
  const lower = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[^\p{L}\p{N}-]/gu, '');
  if (lower.length < 3 || STOPWORDS.has(lower) || /^\d+$/.test(lower)) return undefined;
  const synonym = SYNONYMS[lower];
  if (synonym) return synonym;
  const base = baseForm(lower);
  if (base) return SYNONYMS[base] ?? base;
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith('us'))
    return lower.slice(0, -1);
  return lower;
}

/** The characters keywords are made of; every other character separates them. */
function isKeywordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 45 /* - */ ||
    c === 39 /* ' */ ||
    c === 0x2019 /* ’ */ ||
    (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x370 && c <= 0x4ff)
  );
}

export function keywordsOf(text: string): string[] {
  return keywordsExcept(text, undefined);
}

/**
 * Calls `visit` with the keyword of each word of `text`, in order. A hand-rolled split on runs of
 * non-keyword characters: this runs for every clause.
 */
function forEachKeyword(text: string, visit: (keyword: string) => void): void {
  const n = text.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && isKeywordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      // Words under three characters yield nothing (see normaliseWord): not even sliced.
      if (i - start >= 3) {
        const k = normaliseWord(text.slice(start, i));
        if (k) visit(k);
      }
      start = -1;
    }
  }
}

/**
 * `keywordsOf(text)` without the keywords in `except`. Kept sorted (by code units, as `sort` does)
 * and free of repeats as they come: the same list as a set spread and sorted, without the set.
 */
export function keywordsExcept(text: string, except: ReadonlySet<string> | undefined): string[] {
  const out: string[] = [];
  forEachKeyword(text, (k) => {
    if (except === undefined || !except.has(k)) insertSorted(out, k);
  });
  return out;
}

/** Inserts `k` into the sorted list unless it is there already (lists are short: a linear scan from the end). */
function insertSorted(out: string[], k: string): void {
  let i = out.length;
  while (i > 0) {
    const o = out[i - 1]!;
    if (o === k) return;
    if (o < k) break;
    i--;
  }
  for (let j = out.length; j > i; j--) out[j] = out[j - 1]!;
  out[i] = k;
}

/** Adds the keywords of `text` to `into`. */
export function addKeywords(text: string, into: Set<string>): void {
  forEachKeyword(text, (k) => into.add(k));
}
