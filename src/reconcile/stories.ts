import type { DocumentAnalysis } from '../model/timeline-model.js';
import { daySpan, dayNumber } from '../extraction/calendar.js';
import { sameSurname } from '../extraction/actors.js';
import { needsLearning } from './document-dates.js';
import { dateAgainstDocument } from './item-dates.js';
import { itemsOf, type Item } from './items.js';

/**
 * Stories: the documents reconciliation may relate to one another. Reconciliation runs on each
 * story alone (reconcile-timeline.ts), so a new document needs only the stories it touches
 * reconciled again; this module says which those are.
 *
 * Two documents are in one story when some pair of their events could meet in reconciliation:
 *   - events whose date cannot change (their document's date is given or trusted, the event is not
 *     dated through an anchor) and whose day span is known and at most a year meet only events
 *     dated within a week of them: they share a person (a surname or a close spelling of it), an
 *     organisation, a keyword or a title within one calendar week of the span they cover, widened
 *     by the week before (an event dated by its report's day may join a telling of the week before);
 *   - such events with another fixed value (a quarter, a season, a decade: they join no dated
 *     group, reconciliation groups them with the same value) meet the events of the same value;
 *   - other events (the document's date is still to be learned, dated through an anchor, a day of
 *     an unknown year, an undated weekday) meet any event with such a key at any date;
 *   - an anchor a document or an event refers to meets every event carrying its keyword.
 * Whatever `sameHappening`, the document-date learning and the anchor index compare shares one of
 * these keys, so splitting by story changes no pair reconciliation looks at; only the per-block
 * caps (which exist for speed) now count within a story.
 *
 * StoryIndex keeps that partition as documents arrive or are analysed again (a revision may split
 * a story); the partition depends only on the documents, never on their order.
 */

/** How one document takes part in stories. */
export interface StoryKeys {
  /** Keys that meet every holder at any date (and whose holders meet each other). */
  readonly global: readonly string[];
  /** Surnames (lower case) that meet every holder of a close spelling at any date. */
  readonly globalSurnames: readonly string[];
  /** Keys that anything global may meet, but that meet each other only within a week (see `weekly`). */
  readonly passive: readonly string[];
  readonly passiveSurnames: readonly string[];
  /** `<week>|<key>`: holders of one key in one week meet. */
  readonly weekly: readonly string[];
  /** `<week>|<surname>`: holders of close spellings in one week meet. */
  readonly weeklySurnames: readonly string[];
}

const DAYS_BEFORE_A_REPORT = 7;
const LONGEST_FIXED_SPAN_DAYS = 366;

function fixedSpan(value: string): { first: number; last: number } | undefined {
  const span = daySpan(value) ?? (/^\d{4}$/.test(value) ? yearSpan(Number(value)) : undefined);
  return span && span.last - span.first <= LONGEST_FIXED_SPAN_DAYS ? span : undefined;
}

const yearSpan = (year: number): { first: number; last: number } => ({
  first: dayNumber(year, 1, 1),
  last: dayNumber(year + 1, 1, 1) - 1,
});

function contentKeys(item: Item): string[] {
  return [
    ...item.organisations.map((o) => `o:${o}`),
    ...[...item.keywords].map((k) => `k:${k}`),
    `t:${item.event.title}`,
  ];
}

export function storyKeysOf(analysis: DocumentAnalysis): StoryKeys {
  const global = new Set<string>();
  const globalSurnames = new Set<string>();
  const passive = new Set<string>();
  const passiveSurnames = new Set<string>();
  const weekly = new Set<string>();
  const weeklySurnames = new Set<string>();
  const learning = needsLearning(analysis.documentDate);
  for (const bound of learning ? (analysis.anchorBounds ?? []) : [])
    for (const keyword of bound.anchor) global.add(`k:${keyword}`);
  for (const item of itemsOf(analysis)) {
    if (item.event.anchorLink) for (const keyword of item.event.anchorLink.keywords) global.add(`k:${keyword}`);
    const keys = contentKeys(item);
    const value =
      learning || item.event.resolution === 'event-anchored'
        ? undefined
        : dateAgainstDocument(item, analysis.documentDate).value;
    // A day of an unknown year meets that day of every year; an undated weekday, every undated one.
    if (value === undefined || /^XXXX-(\d\d-\d\d|WXX|XX-XX)/.test(value)) {
      for (const key of keys) global.add(key);
      for (const surname of item.persons) globalSurnames.add(surname);
      continue;
    }
    // Any event may take a date learned or anchored next to this one: global holders meet it.
    for (const key of keys) passive.add(key);
    for (const surname of item.persons) passiveSurnames.add(surname);
    const span = fixedSpan(value);
    if (!span) {
      // A quarter, a season, a decade, "the past": grouped only with events of the same value.
      for (const key of keys) weekly.add(`v${value}|${key}`);
      for (const surname of item.persons) weeklySurnames.add(`v${value}|${surname}`);
      continue;
    }
    const firstWeek = Math.floor((span.first - DAYS_BEFORE_A_REPORT) / 7);
    const lastWeek = Math.floor(span.last / 7);
    for (let week = firstWeek; week <= lastWeek; week++) {
      for (const key of keys) weekly.add(`${week}|${key}`);
      for (const surname of item.persons) weeklySurnames.add(`${week}|${surname}`);
    }
  }
  const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();
  return {
    global: sorted(global),
    globalSurnames: sorted(globalSurnames),
    passive: sorted(passive),
    passiveSurnames: sorted(passiveSurnames),
    weekly: sorted(weekly),
    weeklySurnames: sorted(weeklySurnames),
  };
}

/** Holders of a key at any date: the global ones meet everybody; the passive ones only global ones. */
interface GlobalHolders {
  globalRep?: string;
  /** Passive holders not yet joined to a global one (once one arrives, they all are, and this empties). */
  passive: string[];
}

/** Surnames by first letter and length, so close spellings are found without comparing every name. */
class SurnameShelf {
  private readonly byShape = new Map<string, Set<string>>();
  private static shape(letterSpace: string, surname: string, length: number): string {
    return `${letterSpace}|${surname.slice(0, 1)}|${length}`;
  }
  add(space: string, surname: string): void {
    const shape = SurnameShelf.shape(space, surname, surname.length);
    const set = this.byShape.get(shape) ?? new Set<string>();
    set.add(surname);
    this.byShape.set(shape, set);
  }
  delete(space: string, surname: string): void {
    const shape = SurnameShelf.shape(space, surname, surname.length);
    const set = this.byShape.get(shape);
    set?.delete(surname);
    if (set?.size === 0) this.byShape.delete(shape);
  }
  /** Every surname of the space that `sameSurname` may match (itself included). */
  close(space: string, surname: string): string[] {
    const found: string[] = [];
    for (let length = surname.length - 2; length <= surname.length + 2; length++) {
      for (const other of this.byShape.get(SurnameShelf.shape(space, surname, length)) ?? [])
        if (sameSurname(surname, other)) found.push(other);
    }
    return found;
  }
}

/** The partition of documents into stories, kept as documents are added or analysed again. */
export class StoryIndex {
  private readonly keysOf = new Map<string, StoryKeys>();
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, Set<string>>();
  private readonly globalHolders = new Map<string, GlobalHolders>();
  private readonly weeklyOwner = new Map<string, string>();
  private readonly surnames = new SurnameShelf();

  /** The documents of the story a document is in (undefined: not indexed). */
  storyOf(documentId: string): ReadonlySet<string> | undefined {
    if (!this.parent.has(documentId)) return undefined;
    return this.members.get(this.find(documentId));
  }

  /** Every story, each as its sorted document ids, ordered by their first id. */
  stories(): string[][] {
    return [...this.members.values()].map((set) => [...set].sort()).sort((a, b) => byId(a[0] ?? '', b[0] ?? ''));
  }

  /**
   * Adds a document, or replaces the keys of one already in (a new analysis): its story is then
   * partitioned again, since the keys it loses may have held it together. Returns the documents
   * whose story may have changed besides the stories they are in now: the document, and the
   * documents of the story it was in (stories are whole: `storyOf` each gives the rest).
   */
  put(documentId: string, keys: StoryKeys): string[] {
    const previous = this.keysOf.get(documentId);
    if (previous && sameKeys(previous, keys)) return [documentId];
    if (!previous) {
      this.keysOf.set(documentId, keys);
      this.register(documentId);
      return [documentId];
    }
    const story = [...(this.storyOf(documentId) ?? [documentId])].sort();
    this.forget(story);
    this.keysOf.set(documentId, keys);
    for (const member of story) this.register(member);
    return story;
  }

  /** The stories the documents are in now, each as its sorted document ids, ordered by their first id. */
  storiesWith(documentIds: Iterable<string>): string[][] {
    const roots = new Set<string>();
    for (const documentId of documentIds) if (this.parent.has(documentId)) roots.add(this.find(documentId));
    return [...roots]
      .map((root) => [...(this.members.get(root) ?? [])].sort())
      .sort((a, b) => byId(a[0] ?? '', b[0] ?? ''));
  }

  private register(documentId: string): void {
    const keys = this.keysOf.get(documentId);
    if (!keys) return;
    this.parent.set(documentId, documentId);
    this.members.set(documentId, new Set([documentId]));
    for (const key of keys.global) this.holdGlobally(documentId, key, true);
    for (const key of keys.passive) this.holdGlobally(documentId, key, false);
    for (const surname of keys.globalSurnames) this.holdSurnameGlobally(documentId, surname, true);
    for (const surname of keys.passiveSurnames) this.holdSurnameGlobally(documentId, surname, false);
    for (const key of keys.weekly) this.holdWeekly(documentId, key);
    for (const weekSurname of keys.weeklySurnames) {
      const bar = weekSurname.indexOf('|');
      const space = `w${weekSurname.slice(0, bar)}`;
      const surname = weekSurname.slice(bar + 1);
      for (const other of this.surnames.close(space, surname)) {
        const owner = this.weeklyOwner.get(`${space}|p:${other}`);
        if (owner) this.union(documentId, owner);
      }
      this.surnames.add(space, surname);
      this.holdWeekly(documentId, `${space}|p:${surname}`);
    }
  }

  private holdWeekly(documentId: string, key: string): void {
    const owner = this.weeklyOwner.get(key);
    if (owner) this.union(documentId, owner);
    else this.weeklyOwner.set(key, documentId);
  }

  private holdGlobally(documentId: string, key: string, isGlobal: boolean): void {
    const holders = this.globalHolders.get(key) ?? { passive: [] };
    this.globalHolders.set(key, holders);
    this.joinHolders(documentId, holders, isGlobal);
  }

  private joinHolders(documentId: string, holders: GlobalHolders, isGlobal: boolean): void {
    if (holders.globalRep) {
      this.union(documentId, holders.globalRep);
      return;
    }
    if (!isGlobal) {
      holders.passive.push(documentId);
      return;
    }
    holders.globalRep = documentId;
    for (const other of holders.passive) this.union(documentId, other);
    holders.passive = [];
  }

  private holdSurnameGlobally(documentId: string, surname: string, isGlobal: boolean): void {
    // A global surname meets every holder of a close spelling (shelf "g": every surname held at any
    // date); a passive one only global holders (shelf "G": the surnames a global holder holds), which
    // are few where most documents are dated: the passive ones are not compared with one another.
    for (const other of this.surnames.close(isGlobal ? 'g' : 'G', surname)) {
      const holders = this.globalHolders.get(`p:${other}`);
      if (!holders || other === surname) continue;
      if (holders.globalRep) this.union(documentId, holders.globalRep);
      if (isGlobal) for (const passive of holders.passive) this.union(documentId, passive);
    }
    this.surnames.add('g', surname);
    if (isGlobal) this.surnames.add('G', surname);
    this.holdGlobally(documentId, `p:${surname}`, isGlobal);
  }

  /** Removes every trace of these documents (one whole story) so they can be registered again. */
  private forget(story: readonly string[]): void {
    const gone = new Set(story);
    for (const documentId of story) {
      const keys = this.keysOf.get(documentId);
      if (!keys) continue;
      for (const key of [...keys.global, ...keys.passive]) this.release(key, gone);
      for (const surname of [...keys.globalSurnames, ...keys.passiveSurnames]) {
        this.release(`p:${surname}`, gone);
        // A key keeps its global holder until all its holders go (release): then both shelves let go.
        const holders = this.globalHolders.get(`p:${surname}`);
        if (!holders?.globalRep) this.surnames.delete('G', surname);
        if (!holders) this.surnames.delete('g', surname);
      }
      // Every holder of a weekly key is in one story: this one.
      for (const key of keys.weekly) this.weeklyOwner.delete(key);
      for (const weekSurname of keys.weeklySurnames) {
        const bar = weekSurname.indexOf('|');
        const space = `w${weekSurname.slice(0, bar)}`;
        const surname = weekSurname.slice(bar + 1);
        this.weeklyOwner.delete(`${space}|p:${surname}`);
        this.surnames.delete(space, surname);
      }
    }
    for (const documentId of story) {
      this.members.delete(this.find(documentId));
    }
    for (const documentId of story) {
      this.members.delete(documentId);
      this.parent.delete(documentId);
    }
  }

  private release(key: string, gone: ReadonlySet<string>): void {
    const holders = this.globalHolders.get(key);
    if (!holders) return;
    // A global holder joins every holder into its story: all of them go.
    if (holders.globalRep && gone.has(holders.globalRep)) {
      this.globalHolders.delete(key);
      return;
    }
    holders.passive = holders.passive.filter((documentId) => !gone.has(documentId));
    if (!holders.globalRep && holders.passive.length === 0) this.globalHolders.delete(key);
  }

  private find(documentId: string): string {
    let root = documentId;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root))
      root = next;
    let node = documentId;
    while (node !== root) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const ma = this.members.get(ra) ?? new Set([ra]);
    const mb = this.members.get(rb) ?? new Set([rb]);
    const [big, small, bigRoot, smallRoot] = ma.size >= mb.size ? [ma, mb, ra, rb] : [mb, ma, rb, ra];
    for (const member of small) big.add(member);
    this.parent.set(smallRoot, bigRoot);
    this.members.delete(smallRoot);
    this.members.set(bigRoot, big);
  }
}

function sameKeys(a: StoryKeys, b: StoryKeys): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The stories of a set of analyses (from scratch), each as its analyses in document-id order. */
export function storiesOf(analyses: readonly DocumentAnalysis[]): DocumentAnalysis[][] {
  const byDocument = new Map<string, DocumentAnalysis[]>();
  for (const analysis of analyses) {
    const list = byDocument.get(analysis.documentId) ?? [];
    list.push(analysis);
    byDocument.set(analysis.documentId, list);
  }
  const index = new StoryIndex();
  for (const documentId of [...byDocument.keys()].sort()) {
    const versions = byDocument.get(documentId) ?? [];
    // Every version of a document goes with it (reconciliation keeps the one it prefers).
    index.put(documentId, mergeKeys(versions.map(storyKeysOf)));
  }
  return index.stories().map((story) => story.flatMap((documentId) => byDocument.get(documentId) ?? []));
}

/** One document's keys from several analyses of it (the union: it takes part through any). */
export function mergeKeys(keys: readonly StoryKeys[]): StoryKeys {
  if (keys.length === 1 && keys[0]) return keys[0];
  const union = (pick: (k: StoryKeys) => readonly string[]): string[] => [...new Set(keys.flatMap(pick))].sort();
  return {
    global: union((k) => k.global),
    globalSurnames: union((k) => k.globalSurnames),
    passive: union((k) => k.passive),
    passiveSurnames: union((k) => k.passiveSurnames),
    weekly: union((k) => k.weekly),
    weeklySurnames: union((k) => k.weeklySurnames),
  };
}
