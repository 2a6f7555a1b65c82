import { z } from 'zod';
import type { TimelineEntry, TimelineView } from './timeline-view.js';

/**
 * Entity timelines: the entries that name one company or person (SemEval-2015 Task 4). The rule,
 * documented in the README:
 *
 * - Names are compared as sequences of whole words (letters and digits), case-insensitively and
 *   ignoring accents: "Boeing" matches "Boeing's" and "BOEING", never "Boeings" or "Boeingfield".
 * - An entry matches when one of its actors or one of its sources' quotes contains every word of the
 *   entity's name, in order and adjacent: "Apple Corps" needs "Apple Corps", so plain "Apple" entries
 *   do not match it. Actors are merged across spelling variants by reconciliation, so an entry whose
 *   actors list the name matches even when a quote spells it another way.
 * - A person of several words also matches by their last word alone: "Steve Jobs" matches "Jobs".
 *   In quotes that word must be capitalised ("Jobs said", not "500 jobs"). A name is a person's when
 *   the timeline lists it among an entry's `persons`; a name no entry lists as an actor at all is taken
 *   for a person unless it ends with an organisation word (Corp, Corps, Inc, Ministry, …).
 */

export const MAX_ENTITY_CHARS = 200;

/** An entity name as the CLI (`--entity`) and the API (`?entity=`) take it. */
export const EntityName = z
  .string()
  .min(1, { error: 'entity must not be empty', abort: true })
  .max(MAX_ENTITY_CHARS, `entity must be at most ${MAX_ENTITY_CHARS} characters`)
  .refine((name) => /[\p{L}\p{N}]/u.test(name), {
    message: 'entity must contain a letter or a digit (a name such as Boeing or Steve Jobs)',
  })
  .meta({
    description:
      'Only the entries naming this company or person (1–200 characters): whole words, case-insensitive, in the actors or the quotes; a person of several words also by the last word ("Steve Jobs": "Jobs"). Every match is listed, in date order.',
    examples: ['Boeing', 'Steve Jobs'],
  });

/** Last words that make a name an organisation's, not a person's. */
const ORGANISATION_WORDS = new Set([
  'agency',
  'airlines',
  'association',
  'bank',
  'co',
  'commission',
  'committee',
  'company',
  'corp',
  'corporation',
  'corps',
  'council',
  'department',
  'foundation',
  'fund',
  'group',
  'holdings',
  'inc',
  'institute',
  'llc',
  'ltd',
  'ministry',
  'news',
  'office',
  'party',
  'plc',
  'post',
  'press',
  'service',
  'times',
  'union',
  'university',
]);

interface Word {
  /** Lower case, accents removed. */
  readonly key: string;
  readonly capitalised: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const [raw] of text.normalize('NFKD').replace(/\p{M}/gu, '').matchAll(WORD)) {
    const first = raw.charAt(0);
    words.push({ key: raw.toLowerCase(), capitalised: first !== first.toLowerCase() });
  }
  return words;
}

function containsWords(haystack: readonly Word[], needle: readonly string[], capitalisedOnly: boolean): boolean {
  if (needle.length === 0) return false;
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    let all = true;
    for (let i = 0; i < needle.length && all; i++) {
      const word = haystack[start + i]!;
      all = word.key === needle[i] && (!capitalisedOnly || word.capitalised);
    }
    if (all) return true;
  }
  return false;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/** Whether the timeline knows `name` (already split into word keys) as a person's. */
function isPersonName(name: readonly string[], view: TimelineView): boolean {
  const asPerson = view.entries.some((entry) =>
    (entry.persons ?? []).some((person) =>
      sameWords(
        wordsOf(person).map((w) => w.key),
        name,
      ),
    ),
  );
  if (asPerson) return true;
  const asActor = view.entries.some((entry) =>
    (entry.actors ?? []).some((actor) =>
      sameWords(
        wordsOf(actor).map((w) => w.key),
        name,
      ),
    ),
  );
  return !asActor && !ORGANISATION_WORDS.has(name[name.length - 1] ?? '');
}

/** A test for one entity, with the variants the rule allows worked out once for the whole view. */
export function entityMatcher(entity: string, view: TimelineView): (entry: TimelineEntry) => boolean {
  const name = wordsOf(entity).map((word) => word.key);
  if (name.length === 0) return () => false;
  const surname = name.length > 1 && isPersonName(name, view) ? [name[name.length - 1]!] : undefined;
  return (entry) => {
    for (const actor of entry.actors ?? []) {
      const words = wordsOf(actor);
      if (containsWords(words, name, false) || (surname && containsWords(words, surname, false))) return true;
    }
    for (const source of entry.sources) {
      const words = wordsOf(source.quote);
      if (containsWords(words, name, false) || (surname && containsWords(words, surname, true))) return true;
    }
    return false;
  };
}

/** The entries that name `entity` (every one, in the view's date order; ranks stay the whole timeline's). */
export function filterTimelineByEntity(view: TimelineView, entity: string | undefined): TimelineView {
  if (entity === undefined || entity.trim() === '') return view;
  const matches = entityMatcher(entity, view);
  return { ...view, entries: view.entries.filter(matches) };
}
