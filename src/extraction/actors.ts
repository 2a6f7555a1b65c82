import { isCapitalised, type Token } from '../text/tokens.js';

/**
 * People and organisations named in a stretch of text. Job titles before a name are dropped
 * ("National Security Adviser Jake Sullivan" → Jake Sullivan); a lone surname seen before in the
 * document ("Sullivan", or a misspelling of it, "Siranov") resolves to the full name.
 */

export type ActorKind = 'person' | 'organisation' | 'place';

export interface Actor {
  readonly name: string;
  readonly kind: ActorKind;
  /** Lower-case surname (persons) or name (others): what reconciliation compares. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

const TITLE_WORDS = new Set(
  `national security adviser advisor president director minister finance foreign secretary chief spokesman spokeswoman spokesperson
  senator sen. rep. gov. governor general gen. prime vice deputy defense defence state leader chairman chairwoman ambassador press
  mr. mrs. ms. dr. professor prof. commander intelligence communist party white house cia fbi nsa u.s. us american russian chinese
  ukrainian british french german european kremlin former acting top senior official officials envoy diplomat diplomats russia's
  china's ukraine's america's lt. col. adm. sgt. capt. queen king prince princess pope judge justice attorney mayor council head`
    .trim()
    .split(/\s+/),
);

const ORG_TAILS = new Set(
  `times post journal news agency ministry committee council department command union party embassy house office institute
  university commission parliament congress senate court bank fund group organization organisation corporation company association
  network service services forces army navy force administration government program programme tank foundation press reuters`
    .trim()
    .split(/\s+/),
);

const NOT_NAMES = new Set(
  `the a an in on at by for with from to of and or but as since after before during while when if this that these those it its he she they
  we i our their his her monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december jan feb mar apr jun jul aug sep sept oct nov dec earlier later speaking testifying according during however
  western eastern northern southern sino-russian usually perhaps seeking since there what who news us-china u.s.-china some many most`
    .trim()
    .split(/\s+/),
);

/** Countries, capitals and blocs that act in news ("Russia denied", "Beijing warned"). */
export const PLACES: ReadonlySet<string> = new Set(
  `russia china ukraine u.s. us america united states washington moscow beijing kyiv kiev europe eu britain uk taiwan japan india iran
  israel nato germany france italy rome poland belarus turkey kremlin pentagon congress`
    .trim()
    .split(/\s+/),
);

const LOCATIVES = new Set(['in', 'at', 'near', 'outside', 'across', 'around', 'inside']);

function isNameWord(token: Token): boolean {
  if (!token.isWord) return false;
  const c = token.text.charCodeAt(0);
  if (c >= 97 && c <= 122) return false;
  return isCapitalised(token.text);
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = new Array<boolean>(la).fill(false);
  const matchedB = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(lb, i + window + 1); j++) {
      if (matchedB[j] || a[i] !== b[j]) continue;
      matchedA[i] = true;
      matchedB[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Two surnames that are spellings of one name ("Siluanov"/"Siranov", "Kofman"/"Kaufman", "Haines"/"Haynes"). */
export function sameSurname(a: string, b: string): boolean {
  if (a === b) return true;
  if (a[0] !== b[0] || Math.abs(a.length - b.length) > 2 || Math.min(a.length, b.length) < 4) return false;
  const similarity = jaroWinkler(a, b);
  // Close spellings that also sound alike (Kofman/Kaufman, Haines/Haynes), or very close ones (Siluanov/Siranov);
  // similar but different-sounding names (Sayers/Sanders) stay apart.
  return similarity >= 0.89 || (similarity >= 0.84 && soundex(a) === soundex(b));
}

const SOUNDEX_CODES: Record<string, string> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
};

export function soundex(name: string): string {
  const letters = name.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters) return '';
  let code = letters[0]?.toUpperCase() ?? '';
  let previous = SOUNDEX_CODES[letters[0] ?? ''] ?? '';
  for (let i = 1; i < letters.length && code.length < 4; i++) {
    const ch = letters[i] ?? '';
    const digit = SOUNDEX_CODES[ch] ?? '';
    if (digit && digit !== previous) code += digit;
    if (ch !== 'h' && ch !== 'w') previous = digit;
  }
  return code.padEnd(4, '0');
}

export interface ActorMemory {
  readonly persons: Actor[];
  /** Lone surnames already looked up (null: no known person); cleared when a person is added. */
  readonly bySurname: Map<string, Actor | null>;
}

export function newActorMemory(): ActorMemory {
  return { persons: [], bySurname: new Map() };
}

/** Index of the token starting at `start` (tokens are in text order). */
function indexAt(tokens: readonly Token[], start: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text without a final possessive "’s" / "'s". */
function withoutPossessive(text: string): string {
  const n = text.length;
  if (n >= 2 && text.charCodeAt(n - 1) === 115 /* s */) {
    const c = text.charCodeAt(n - 2);
    if (c === 0x2019 || c === 39) return text.slice(0, -2);
  }
  return text;
}

/** Token texts [from, to) joined by spaces. */
function joinTexts(tokens: readonly Token[], from: number, to: number): string {
  let s = tokens[from]!.text;
  for (let i = from + 1; i < to; i++) s += ' ' + tokens[i]!.text;
  return s;
}

/** Two or more capitals and nothing else ("CNN", "NATO"). */
function isAcronym(text: string): boolean {
  if (text.length < 2) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

const NOT_ORGANISATIONS = new Set(['GMT', 'UTC', 'TV', 'AM', 'PM']);
const SPEECH_VERBS = new Set([
  'said',
  'says',
  'told',
  'tells',
  'added',
  'noted',
  'warned',
  'insisted',
  'wrote',
  'explained',
  'argued',
  'testified',
  'denied',
]);

/**
 * Actors in tokens (one clause). `memory` carries persons already named in the document so a lone
 * surname resolves to them; new full names are added to it.
 *
 * Names are capitalised runs ("White House National Security Adviser Jake Sullivan", "New York
 * Times"), the connectors "of", "the" inside organisations kept; a run is a range of the tokens.
 * `personsOnly`: organisations and places are left out (memory learns the same persons either way).
 */
export function findActors(tokens: readonly Token[], memory: ActorMemory, personsOnly = false): Actor[] {
  const actors: Actor[] = [];
  const n = tokens.length;
  let runStart = -1;
  for (let i = 0; i <= n; i++) {
    const t = tokens[i];
    if (t !== undefined) {
      if (isNameWord(t)) {
        if (runStart < 0) runStart = i;
        continue;
      }
      if (runStart >= 0 && (t.text === 'of' || t.text === 'the')) {
        const next = tokens[i + 1];
        if (next && isNameWord(next) && ORG_TAILS.has(tokens[i - 1]!.text.toLowerCase())) continue;
      }
    }
    if (runStart < 0) continue;
    // Leading words that are no names ("The", "On", "Monday") are not part of it.
    let from = runStart;
    while (from < i && NOT_NAMES.has(tokens[from]!.text.toLowerCase())) from++;
    runStart = -1;
    if (from < i) actorOfRun(tokens, from, i, memory, actors, personsOnly);
  }
  return actors;
}

/** The actor named by the run tokens[from, to), if any, added to `actors`. */
function actorOfRun(
  tokens: readonly Token[],
  from: number,
  to: number,
  memory: ActorMemory,
  actors: Actor[],
  personsOnly: boolean,
): void {
  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  const lowerLast = last.text.toLowerCase();
  if (ORG_TAILS.has(lowerLast) || (to - from === 1 && isAcronym(first.text) && !PLACES.has(lowerLast))) {
    if (personsOnly) return;
    const text = joinTexts(tokens, from, to);
    if (!NOT_ORGANISATIONS.has(text))
      actors.push({
        name: text.replace(/^(The|A) /, ''),
        kind: 'organisation',
        key: text.toLowerCase(),
        start: first.start,
        end: last.end,
      });
    return;
  }
  // Job titles before a name are dropped ("National Security Adviser Jake Sullivan" → Jake Sullivan).
  let p = from;
  while (p < to - 1) {
    const lower = tokens[p]!.text.toLowerCase();
    if (!(TITLE_WORDS.has(lower) || (PLACES.has(lower) && to - p > 2))) break;
    p++;
  }
  const personFirst = tokens[p]!;
  const personLast = last;
  if (p === to - 1) {
    const word = withoutPossessive(personFirst.text);
    const lower = word.toLowerCase();
    if (PLACES.has(lower)) {
      if (!personsOnly)
        actors.push({ name: word, kind: 'place', key: lower, start: personFirst.start, end: personLast.end });
      return;
    }
    if (TITLE_WORDS.has(lower)) return;
    let known = memory.bySurname.get(lower);
    if (known === undefined) {
      known =
        memory.persons.find((x) => x.key === lower) ?? memory.persons.find((x) => sameSurname(x.key, lower)) ?? null;
      memory.bySurname.set(lower, known);
    }
    if (known) {
      actors.push({
        name: known.name,
        kind: known.kind,
        key: known.key,
        start: personFirst.start,
        end: personLast.end,
      });
    } else if (word.length >= 3 && isCapitalised(word)) {
      const rest = word.slice(1);
      if (rest !== rest.toLowerCase()) return;
      // A lone unknown capitalised word is a person when it speaks ("Siranov said", "Sayers told"); else a place or body.
      const next = tokens[indexAt(tokens, personLast.start) + 1]?.text.toLowerCase() ?? '';
      const speaks = SPEECH_VERBS.has(next);
      // A capitalised first word of a sentence ("Dockworkers walked out") is no name unless it speaks.
      if (!speaks && personFirst === tokens[0]) return;
      if (speaks || !personsOnly)
        actors.push({
          name: word,
          kind: speaks ? 'person' : 'organisation',
          key: lower,
          start: personFirst.start,
          end: personLast.end,
        });
    }
    return;
  }
  for (let i = p; i < to; i++) {
    if (PLACES.has(tokens[i]!.text.toLowerCase())) {
      if (!personsOnly)
        actors.push({
          name: joinTexts(tokens, p, to),
          kind: 'organisation',
          key: joinTexts(tokens, from, to).toLowerCase(),
          start: personFirst.start,
          end: personLast.end,
        });
      return;
    }
  }
  // "born in San Francisco", "a store in Palo Alto": a name after a preposition of place is a place.
  if (from > 0 && LOCATIVES.has(tokens[from - 1]!.text.toLowerCase())) {
    if (!personsOnly)
      actors.push({
        name: joinTexts(tokens, from, to),
        kind: 'place',
        key: joinTexts(tokens, from, to).toLowerCase(),
        start: first.start,
        end: last.end,
      });
    return;
  }
  let name = withoutPossessive(personFirst.text);
  for (let i = p + 1; i < to; i++) name += ' ' + withoutPossessive(tokens[i]!.text);
  const surname = (withoutPossessive(personLast.text) || name).toLowerCase();
  let known: Actor | undefined;
  for (const x of memory.persons) {
    if (x.key === surname && x.name === name) {
      known = x;
      break;
    }
  }
  if (known) {
    actors.push({ name: known.name, kind: known.kind, key: known.key, start: personFirst.start, end: personLast.end });
    return;
  }
  const actor: Actor = { name, kind: 'person', key: surname, start: personFirst.start, end: personLast.end };
  memory.persons.push(actor);
  memory.bySurname.clear();
  actors.push(actor);
}

/** How a title names an actor: a person by surname, others by name. */
export function shortName(actor: Actor): string {
  if (actor.kind !== 'person') return actor.name;
  const parts = actor.name.split(' ');
  // Chinese names put the family name first and are written in full ("Yang Jiechi", "Xi Jinping").
  if (
    parts.length === 2 &&
    (parts[1]?.length ?? 0) >= 5 &&
    /^(Yang|Xi|Li|Wang|Zhang|Liu|Chen|Zhao|Hu|Wen|Liu|Zhou|Qin|Han)$/.test(parts[0] ?? '')
  )
    return actor.name;
  return parts[parts.length - 1] ?? actor.name;
}
