import type { DatedValue, DocumentAnalysis } from '../model/timeline-model.js';
import { daySpan, dayNumber, fromDayNumber } from '../extraction/calendar.js';
import { sameSurname } from '../extraction/actors.js';
import { MAX_BLOCK, MAX_KEYWORD_BLOCK, dayKey, signatureOf } from './cluster.js';
import { needsLearning } from './document-dates.js';
import { dateAgainstDocument } from './item-dates.js';
import { blockingKeys, itemsOf, sameHappening, sharedKeywords, type Item } from './items.js';

/**
 * Stories: the documents reconciliation may relate to one another. Reconciliation runs on each
 * story alone (reconcile-timeline.ts), so a new document needs only the stories it touches
 * reconciled again; this module says which those are.
 *
 * Two documents are in one story when an event of one and an event of the other could meet in
 * reconciliation: every step that relates events of two documents (grouping, joining by
 * predicate, attaching coarse dates, grouping undated reports, learning a document's date) asks
 * `sameHappening`, or finds copies by their signature; so two events of fixed dates must pass that
 * test (either way round) or be copies, and their dates must let reconciliation compare them:
 *   - an event whose date cannot change (its document's date is given or trusted, it is not dated
 *     through an anchor, its year is known) of one day meets events of the same day through a
 *     blocking key they share (cluster.ts), but only a key held by at most as many events of that
 *     day as reconciliation's cap for such a block, counted over the whole archive: a busy day's
 *     "million" or "company" links nothing, as reconciliation compares nothing through it;
 *   - it meets a day-dated event of another day only where reconciliation looks across days: an
 *     event dated by its report's day and the week before it, a month or a year and its days
 *     (joining by predicate), a week or a month and its days (a coarse date joins a day group);
 *   - other fixed values (a quarter, a season, a decade) meet events of the same value;
 *   - an event whose date may change (its document's date is still to be learned, it is dated
 *     through an anchor, its year or day is unknown) meets any event at any date that shares a
 *     person (or a close spelling), an organisation, a keyword or a title with it: by key alone,
 *     as weighing each with `sameHappening` would walk a common word's every holder;
 *   - an anchor a document or an event refers to meets every event carrying its keyword, whatever
 *     it says (the anchor's date is voted by all of them).
 * So splitting by story changes no pair reconciliation would relate; the per-block caps count
 * within a story when it is reconciled, and here over every document, so a story holding a few
 * of a common key's events may still compare them (they are in one story for other reasons).
 *
 * A cap counted over the archive changes as documents arrive: when a key of a day becomes too
 * common, the stories holding it are partitioned again (they may come apart); when it stops being
 * too common (an analysis replaced), its holders are linked again. StoryIndex keeps the partition
 * as documents arrive or are analysed again; it depends only on the documents, never on their
 * order (each link depends only on its two events and the archive's counts).
 */

/** One event as the story relation sees it. */
export interface StoryEvent {
  readonly documentId: string;
  readonly item: Item;
  /** The signature without its date: copies of one report share it. */
  readonly copyKey: string;
  /** What a candidate must share for `sameHappening` to hold: `s:` surnames, `o:`, `k:`, `t:` titles. */
  readonly contentKeys: readonly string[];
  /** Its date may still change: it meets any event at any date. */
  readonly anywhere: boolean;
  /** Reconciliation groups it (a report's remark on itself is no happening). */
  readonly happening: boolean;
  /** A fixed day-level event: its day number. */
  readonly day?: number;
  /** Where reconciliation compares it through blocks: `d` and its day, or `v` and its coarse value. */
  readonly group?: string;
  /**
   * Its blocks (`k:`, `o:`, `p:` as cluster.ts, and `=` + its signature for copies): of its day for
   * a day-level event, of its value for a coarse one that joins no day group.
   */
  readonly blocks: readonly string[];
  /** A fixed day-level event with a predicate, not dated by its report's day: joining by predicate finds it. */
  readonly dated: boolean;
  /** Days in which joining by predicate looks for a dated telling of it. */
  readonly predicateWindow?: DaySpan;
  /** Dated by its report's day (a telling in the week before may be its happening). */
  readonly reportTime: boolean;
  /** A fixed coarse date (a week, a month) whose days' groups it may join. */
  readonly attachSpan?: DaySpan;
  /** A fixed coarse value: grouped with events of the same value when it joins no day. */
  readonly value?: string;
}

interface DaySpan {
  readonly first: number;
  readonly last: number;
}

/** How one document takes part in stories. */
export interface StoryKeys {
  readonly events: readonly StoryEvent[];
  /** Keywords of anchors it refers to: it meets every event carrying one. */
  readonly anchors: readonly string[];
  /** The analysis it was made from, to tell a new analysis from the same one delivered again. */
  readonly fingerprint: string;
}

/** How many days before its report an event dated by the report's day may be (cluster.ts). */
const REPORT_WINDOW_DAYS = 7;
/** The longest coarse span that joins a day group (cluster.ts). */
const LONGEST_ATTACHING_SPAN_DAYS = 31;

/**
 * Buckets of days the indexes use: a day is in its week, its month and its year; a window is looked
 * up in its year or its month when it is one, otherwise in the weeks it covers.
 */
function bucketsOfDay(day: number): string[] {
  const { year, month } = fromDayNumber(day);
  return [`w${Math.floor(day / 7)}`, `m${year}-${month}`, `y${year}`];
}

function bucketsOfWindow(span: DaySpan): string[] {
  const first = fromDayNumber(span.first);
  const after = fromDayNumber(span.last + 1);
  if (first.day === 1 && after.day === 1) {
    if (first.month === 1 && after.month === 1 && after.year === first.year + 1) return [`y${first.year}`];
    if (after.year * 12 + after.month === first.year * 12 + first.month + 1) return [`m${first.year}-${first.month}`];
  }
  const weeks: string[] = [];
  for (let week = Math.floor(span.first / 7); week <= Math.floor(span.last / 7); week++) weeks.push(`w${week}`);
  return weeks;
}

const within = (span: DaySpan | undefined, day: number): boolean =>
  span !== undefined && day >= span.first && day <= span.last;

function storyEventOf(item: Item, date: DatedValue | undefined): StoryEvent {
  const contentKeys = [
    ...item.persons.map((p) => `s:${p}`),
    ...item.organisations.map((o) => `o:${o}`),
    ...[...item.keywords].map((k) => `k:${k}`),
    `t:${item.event.title}`,
  ];
  const common = {
    documentId: item.documentId,
    item,
    contentKeys: [...new Set(contentKeys)],
    happening: !item.event.aboutTheReport,
  };
  const copyKeyOf = (signature: string): string => signature.slice(signature.indexOf('\u0001'));
  const anywhere = (): StoryEvent => ({
    ...common,
    copyKey: copyKeyOf(signatureOf(item)),
    anywhere: true,
    blocks: [],
    dated: false,
    reportTime: item.reportTime,
  });
  if (!date || date.value.startsWith('XXXX')) return anywhere();
  item.date = date;
  const signature = signatureOf(item);
  const copyKey = copyKeyOf(signature);
  let predicateWindow: DaySpan | undefined;
  if (item.predicate) {
    if (item.reportTime) {
      const report = daySpan(date.value.slice(0, 10));
      if (report) predicateWindow = { first: report.first - REPORT_WINDOW_DAYS, last: report.first - 1 };
    } else if (date.granularity === 'month') predicateWindow = daySpan(date.value);
    else if (date.granularity === 'year' && /^\d{4}$/.test(date.value)) {
      const year = Number(date.value);
      predicateWindow = { first: dayNumber(year, 1, 1), last: dayNumber(year + 1, 1, 1) - 1 };
    }
  }
  const key = date.granularity === 'day' || date.granularity === 'time' ? dayKey(date.value) : undefined;
  if (key) {
    const day = daySpan(key)?.first;
    if (day === undefined) return anywhere();
    return {
      ...common,
      copyKey,
      anywhere: false,
      day,
      group: `d${day}`,
      blocks: [...blockingKeys(item), `=${signature}`],
      dated: item.predicate !== undefined && !item.reportTime,
      reportTime: item.reportTime,
      ...(predicateWindow ? { predicateWindow } : {}),
    };
  }
  const span = daySpan(date.value);
  const attaches = span !== undefined && span.last - span.first <= LONGEST_ATTACHING_SPAN_DAYS;
  return {
    ...common,
    copyKey,
    anywhere: false,
    ...(attaches ? {} : { group: `v${date.value}` }),
    blocks: attaches ? [] : [...blockingKeys(item), `=${signature}`],
    dated: false,
    reportTime: item.reportTime,
    value: date.value,
    ...(predicateWindow ? { predicateWindow } : {}),
    ...(attaches ? { attachSpan: span } : {}),
  };
}

export function storyKeysOf(analysis: DocumentAnalysis): StoryKeys {
  const anchors = new Set<string>();
  const learning = needsLearning(analysis.documentDate);
  for (const bound of learning ? (analysis.anchorBounds ?? []) : [])
    for (const keyword of bound.anchor) anchors.add(keyword);
  const events = itemsOf(analysis).map((item) => {
    if (item.event.anchorLink) for (const keyword of item.event.anchorLink.keywords) anchors.add(keyword);
    const fixed = !learning && item.event.resolution !== 'event-anchored';
    return storyEventOf(item, fixed ? dateAgainstDocument(item, analysis.documentDate) : undefined);
  });
  return {
    events,
    anchors: [...anchors].sort(),
    fingerprint: JSON.stringify([analysis.documentDate, analysis.anchorBounds ?? [], analysis.events]),
  };
}

/** Lists of events by key. */
class EventShelf {
  private readonly lists = new Map<string, StoryEvent[]>();
  get(key: string): readonly StoryEvent[] {
    return this.lists.get(key) ?? [];
  }
  add(key: string, event: StoryEvent): void {
    const list = this.lists.get(key);
    if (list) list.push(event);
    else this.lists.set(key, [event]);
  }
  remove(key: string, event: StoryEvent): void {
    const list = this.lists.get(key);
    if (!list) return;
    const at = list.indexOf(event);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.lists.delete(key);
  }
}

/** Surnames by first letter and length, so close spellings are found without comparing every name. */
class SurnameShelf {
  private readonly byShape = new Map<string, Map<string, number>>();
  private static shape(surname: string, length: number): string {
    return `${surname.slice(0, 1)}|${length}`;
  }
  add(surname: string): void {
    const shape = SurnameShelf.shape(surname, surname.length);
    const held = this.byShape.get(shape) ?? new Map<string, number>();
    held.set(surname, (held.get(surname) ?? 0) + 1);
    this.byShape.set(shape, held);
  }
  delete(surname: string): void {
    const shape = SurnameShelf.shape(surname, surname.length);
    const held = this.byShape.get(shape);
    const count = held?.get(surname) ?? 0;
    if (count > 1) held?.set(surname, count - 1);
    else held?.delete(surname);
    if (held?.size === 0) this.byShape.delete(shape);
  }
  /** Every surname held that `sameSurname` may match (itself included). */
  close(surname: string): string[] {
    const found: string[] = [];
    for (let length = surname.length - 2; length <= surname.length + 2; length++) {
      for (const other of this.byShape.get(SurnameShelf.shape(surname, length))?.keys() ?? [])
        if (sameSurname(surname, other)) found.push(other);
    }
    return found;
  }
}

const limitOf = (block: string): number =>
  block.startsWith('=') ? Infinity : block.startsWith('k:') ? MAX_KEYWORD_BLOCK : MAX_BLOCK;

/** The partition of documents into stories, kept as documents are added or analysed again. */
export class StoryIndex {
  private readonly keysOf = new Map<string, StoryKeys>();
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, Set<string>>();
  /**
   * A document holding each content key some event of any date holds: every holder of such a key
   * is in its story, so a new holder joins that one document, not the whole list.
   */
  private readonly keyHolder = new Map<string, string>();
  private readonly heldKeysOf = new Map<string, Set<string>>();
  /** Every event, by content key (what an event of any date may meet). */
  private readonly everywhere = new EventShelf();
  /** Fixed happenings by `group|block`: the archive's count of each block. */
  private readonly groupBlocks = new EventShelf();
  /** Fixed happenings by `group|content key`: what an event of that day (or value) may meet. */
  private readonly groupContent = new EventShelf();
  /** Fixed day-level happenings by `bucket|content key` (bucketsOfDay). */
  private readonly days = new EventShelf();
  /** The same for the dated ones (joining by predicate finds only those). */
  private readonly datedDays = new EventShelf();
  /** Fixed happenings joining by predicate, by `bucket|key` of their window (bucketsOfWindow). */
  private readonly predicateReach = new EventShelf();
  /** Fixed coarse happenings that may join a day group, by `bucket|content key` of their span. */
  private readonly attachReach = new EventShelf();
  /** Fixed coarse happenings that may join a day group, by `value|content key`. */
  private readonly coarseByValue = new EventShelf();
  /** Documents referring to an anchor, by its keyword. */
  private readonly anchorReferrers = new Map<string, Set<string>>();
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

  /** `putAll` of one document. */
  put(documentId: string, keys: StoryKeys): string[] {
    return this.putAll([[documentId, keys]]);
  }

  /**
   * Adds documents, or replaces the keys of ones already in (a new analysis; the last of a
   * document wins). Returns the documents whose story may have changed (`storiesWith` gives those
   * stories whole): the documents; the stories they were in (the keys they lose may have held them
   * together); the stories holding a key that became too common (they may come apart); the holders
   * of one that stopped being too common (they may join). A batch partitions each touched story
   * once, however many of its documents and keys it changes.
   */
  putAll(documents: Iterable<readonly [string, StoryKeys]>): string[] {
    const latest = new Map<string, StoryKeys>(documents);
    const apart = new Set<string>();
    const commonBefore = new Map<string, boolean>();
    const touch = (event: StoryEvent): void => {
      if (event.group === undefined || !event.happening) return;
      for (const block of event.blocks) {
        const key = `${event.group}|${block}`;
        if (!commonBefore.has(key)) commonBefore.set(key, this.isCommon(key, block));
      }
    };
    const changed: [string, StoryKeys, StoryKeys | undefined][] = [];
    for (const [documentId, keys] of latest) {
      const previous = this.keysOf.get(documentId);
      if (previous?.fingerprint === keys.fingerprint) continue;
      changed.push([documentId, keys, previous]);
      apart.add(documentId);
      for (const member of this.storyOf(documentId) ?? []) apart.add(member);
      for (const event of previous?.events ?? []) touch(event);
      for (const event of keys.events) touch(event);
    }
    for (const [documentId, keys, previous] of changed) {
      if (previous) this.unshelve(documentId, previous);
      this.keysOf.set(documentId, keys);
      this.shelve(documentId, keys);
    }

    const relink = new Set<string>();
    for (const [key, wasCommon] of commonBefore) {
      const block = key.slice(key.indexOf('|') + 1);
      if (this.isCommon(key, block) === wasCommon) continue;
      if (wasCommon) for (const holder of this.groupBlocks.get(key)) relink.add(holder.documentId);
      else if (this.linkedOnlyThrough(key, latest))
        for (const holder of this.groupBlocks.get(key))
          for (const member of this.storyOf(holder.documentId) ?? [holder.documentId]) apart.add(member);
    }
    this.detach(apart);
    for (const member of apart) this.link(member);
    for (const member of relink) if (!apart.has(member)) this.link(member);
    return [...new Set([...latest.keys(), ...apart, ...relink])].sort();
  }

  /** The stories the documents are in now, each as its sorted document ids, ordered by their first id. */
  storiesWith(documentIds: Iterable<string>): string[][] {
    const roots = new Set<string>();
    for (const documentId of documentIds) if (this.parent.has(documentId)) roots.add(this.find(documentId));
    return [...roots]
      .map((root) => [...(this.members.get(root) ?? [])].sort())
      .sort((a, b) => byId(a[0] ?? '', b[0] ?? ''));
  }

  /** Whether a block of one day (or coarse value) holds more events than reconciliation compares through. */
  private isCommon(dayBlock: string, block: string): boolean {
    return this.groupBlocks.get(dayBlock).length > limitOf(block);
  }

  private shelve(documentId: string, keys: StoryKeys): void {
    for (const keyword of keys.anchors) {
      const referrers = this.anchorReferrers.get(keyword) ?? new Set<string>();
      referrers.add(documentId);
      this.anchorReferrers.set(keyword, referrers);
    }
    for (const event of keys.events) this.shelveEvent(event, true);
  }

  private unshelve(documentId: string, keys: StoryKeys): void {
    for (const keyword of keys.anchors) {
      const referrers = this.anchorReferrers.get(keyword);
      referrers?.delete(documentId);
      if (referrers?.size === 0) this.anchorReferrers.delete(keyword);
    }
    for (const event of keys.events) this.shelveEvent(event, false);
  }

  private shelveEvent(event: StoryEvent, add: boolean): void {
    const on = (shelf: EventShelf, key: string): void => (add ? shelf.add(key, event) : shelf.remove(key, event));
    for (const key of event.contentKeys) on(this.everywhere, key);
    for (const person of event.item.persons) {
      if (add) this.surnames.add(person);
      else this.surnames.delete(person);
    }
    // A report's remark on itself is grouped with nothing: only what may learn from it finds it.
    if (event.anywhere || !event.happening) return;
    if (event.group !== undefined) {
      for (const block of event.blocks) on(this.groupBlocks, `${event.group}|${block}`);
      for (const key of event.contentKeys) on(this.groupContent, `${event.group}|${key}`);
    }
    if (event.day !== undefined)
      for (const bucket of bucketsOfDay(event.day))
        for (const key of event.contentKeys) {
          on(this.days, `${bucket}|${key}`);
          if (event.dated) on(this.datedDays, `${bucket}|${key}`);
        }
    if (event.predicateWindow)
      for (const bucket of bucketsOfWindow(event.predicateWindow))
        for (const key of predicateKeys(event, event.contentKeys)) on(this.predicateReach, `${bucket}|${key}`);
    if (event.attachSpan) {
      for (const bucket of bucketsOfWindow(event.attachSpan))
        for (const key of event.contentKeys) on(this.attachReach, `${bucket}|${key}`);
      for (const key of event.contentKeys) on(this.coarseByValue, `${event.value}|${key}`);
    }
  }

  /** Content keys with every close spelling of a surname. */
  private reachableKeys(event: StoryEvent): string[] {
    const keys: string[] = [];
    for (const key of event.contentKeys) {
      if (key.startsWith('s:')) for (const surname of this.surnames.close(key.slice(2))) keys.push(`s:${surname}`);
      else keys.push(key);
    }
    return [...new Set(keys)];
  }

  /** Joins a document with every document it meets now. */
  private link(documentId: string): void {
    const keys = this.keysOf.get(documentId);
    if (!keys) return;
    for (const keyword of keys.anchors) {
      for (const event of this.everywhere.get(`k:${keyword}`)) this.union(documentId, event.documentId);
      for (const other of this.anchorReferrers.get(keyword) ?? []) this.union(documentId, other);
    }
    for (const event of keys.events) {
      for (const keyword of event.item.keywords)
        for (const other of this.anchorReferrers.get(keyword) ?? []) this.union(documentId, other);
      const reachable = this.reachableKeys(event);
      if (event.anywhere) {
        for (const key of reachable) this.holdEverywhere(documentId, key);
        continue;
      }
      for (const key of reachable) {
        const holder = this.keyHolder.get(key);
        if (holder !== undefined) this.union(documentId, holder);
      }
      // A candidate comes through every key it shares: each is weighed once.
      const weighed = new Set<StoryEvent>();
      for (const candidate of this.candidates(event, reachable)) {
        if (candidate.documentId === documentId || weighed.has(candidate)) continue;
        weighed.add(candidate);
        if (this.find(candidate.documentId) !== this.find(documentId) && this.meets(event, candidate))
          this.union(documentId, candidate.documentId);
      }
    }
  }

  /**
   * An event whose date may change meets every event sharing a content key with it, at any date.
   * (Weighing each with `sameHappening` would be tighter, but the lists of a common word at any
   * date are long: the key decides.)
   */
  private holdEverywhere(documentId: string, key: string): void {
    const holder = this.keyHolder.get(key);
    if (holder !== undefined) {
      this.union(documentId, holder);
      return;
    }
    for (const event of this.everywhere.get(key)) this.union(documentId, event.documentId);
    this.keyHolder.set(key, documentId);
    const held = this.heldKeysOf.get(documentId) ?? new Set<string>();
    held.add(key);
    this.heldKeysOf.set(documentId, held);
  }

  /** Every event that `meets` may accept for this one (and more). */
  private *candidates(event: StoryEvent, keys: readonly string[]): Generator<StoryEvent> {
    if (!event.happening) return;
    if (event.group !== undefined) for (const key of keys) yield* this.groupContent.get(`${event.group}|${key}`);
    if (event.day !== undefined)
      for (const bucket of bucketsOfDay(event.day))
        for (const key of keys) {
          yield* this.attachReach.get(`${bucket}|${key}`);
          if (event.dated) yield* this.predicateReach.get(`${bucket}|${key}`);
        }
    if (event.predicateWindow)
      for (const bucket of bucketsOfWindow(event.predicateWindow))
        for (const key of predicateKeys(event, keys)) yield* this.datedDays.get(`${bucket}|${key}`);
    if (event.attachSpan) {
      for (const bucket of bucketsOfWindow(event.attachSpan))
        for (const key of keys) yield* this.days.get(`${bucket}|${key}`);
      // Values that may join a day group are grouped by value uncapped when they join none (which depends on the story).
      for (const key of keys) yield* this.coarseByValue.get(`${event.value}|${key}`);
    }
  }

  /** Whether reconciliation could relate the two events (of two documents). */
  private meets(a: StoryEvent, b: StoryEvent): boolean {
    if (a.copyKey !== b.copyKey && !sameHappening(a.item, b.item) && !sameHappening(b.item, a.item)) return false;
    if (!a.happening || !b.happening) return false;
    if (a.group !== undefined && a.group === b.group && this.shareOpenBlock(a, b)) return true;
    if (reaches(a, b) || reaches(b, a)) return true;
    return a.attachSpan !== undefined && a.value === b.value;
  }

  /**
   * Whether two holders of a block that has just become too common met through it and meet no
   * longer (the block was their only open one): only then may their stories come apart. Documents
   * being replaced are linked again anyway.
   */
  private linkedOnlyThrough(groupBlock: string, replaced: ReadonlyMap<string, StoryKeys>): boolean {
    const holders = this.groupBlocks.get(groupBlock).filter((event) => !replaced.has(event.documentId));
    for (let i = 0; i < holders.length; i++) {
      const a = holders[i] as StoryEvent;
      for (let j = i + 1; j < holders.length; j++) {
        const b = holders[j] as StoryEvent;
        if (a.documentId === b.documentId) continue;
        const related = a.copyKey === b.copyKey || sameHappening(a.item, b.item) || sameHappening(b.item, a.item);
        if (related && !this.meets(a, b)) return true;
      }
    }
    return false;
  }

  private shareOpenBlock(a: StoryEvent, b: StoryEvent): boolean {
    for (const block of a.blocks)
      if (b.blocks.includes(block) && !this.isCommon(`${a.group}|${block}`, block)) return true;
    return false;
  }

  /** Makes each of these documents (whole stories) a story of its own again. */
  private detach(documentIds: ReadonlySet<string>): void {
    // A key's holder shares its story with every other holder of the key: they are all linked again.
    for (const documentId of documentIds) {
      for (const key of this.heldKeysOf.get(documentId) ?? []) this.keyHolder.delete(key);
      this.heldKeysOf.delete(documentId);
    }
    for (const documentId of documentIds) if (this.parent.has(documentId)) this.members.delete(this.find(documentId));
    for (const documentId of documentIds) {
      if (!this.keysOf.has(documentId)) continue;
      this.parent.set(documentId, documentId);
      this.members.set(documentId, new Set([documentId]));
    }
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

/**
 * A fixed event looking into other days finds a day-level one there: joining by predicate (across
 * a month or a year only with two keywords shared), or a coarse date joining a day group.
 */
function reaches(from: StoryEvent, to: StoryEvent): boolean {
  if (to.day === undefined) return false;
  if (to.dated && within(from.predicateWindow, to.day) && (from.reportTime || sharedKeywords(from.item, to.item) >= 2))
    return true;
  return within(from.attachSpan, to.day);
}

/** Keys through which joining by predicate may find a telling: across a month or a year, two keywords must be shared. */
function predicateKeys(event: StoryEvent, keys: readonly string[]): readonly string[] {
  return event.reportTime ? keys : keys.filter((key) => key.startsWith('k:'));
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
  // Every version of a document goes with it (reconciliation keeps the one it prefers).
  index.putAll(
    [...byDocument.keys()]
      .sort()
      .map((documentId) => [documentId, mergeKeys((byDocument.get(documentId) ?? []).map(storyKeysOf))] as const),
  );
  return index.stories().map((story) => story.flatMap((documentId) => byDocument.get(documentId) ?? []));
}

/** One document's keys from several analyses of it (the union: it takes part through any). */
export function mergeKeys(keys: readonly StoryKeys[]): StoryKeys {
  if (keys.length === 1 && keys[0]) return keys[0];
  return {
    events: keys.flatMap((k) => k.events),
    anchors: [...new Set(keys.flatMap((k) => k.anchors))].sort(),
    fingerprint: JSON.stringify(keys.map((k) => k.fingerprint)),
  };
}
