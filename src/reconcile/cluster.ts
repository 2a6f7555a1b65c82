import { dayNumber, daySpan } from '../extraction/calendar.js';
import { blockingKeys, sameHappening, sharedKeywords, sharesHeadWord, sharesPerson, type Item } from './items.js';

/**
 * Grouping events that report one happening. Day-level events group within their day (blocked by
 * shared persons, organisations or keywords, so work stays near-linear); coarser events ("this
 * week", "last week") then join the best day-level group inside their span, or group among themselves.
 */

/** The most events a blocking key may gather on one day before it says too little to compare them (stories.ts counts them too). */
export const MAX_BLOCK = 300;
export const MAX_KEYWORD_BLOCK = 80;

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let c = i;
    while (this.parent[c] !== r) {
      const next = this.parent[c] ?? r;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index stays root, so the result never depends on visiting order.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/** The day key of a day- or time-level value: "2022-03-14", or "XXXX-03-14" when the year is unknown. */
export function dayKey(value: string): string | undefined {
  const m = /^([\dX]{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function yearsCompatible(a: string, b: string): boolean {
  return a.slice(0, 4) === b.slice(0, 4) || a.startsWith('XXXX') || b.startsWith('XXXX');
}

function groupWithin(
  items: readonly Item[],
  indices: readonly number[],
  uf: UnionFind,
  compatible: (a: Item, b: Item) => boolean,
): void {
  // One representative (the first index) per signature: copies match everything the same way, so
  // twenty copies of a story cost one comparison, not 190.
  const copiesBySignature = new Map<string, number[]>();
  for (const i of indices) {
    const item = items[i];
    if (!item) continue;
    const signature = signatureOf(item);
    const copies = copiesBySignature.get(signature);
    if (copies) copies.push(i);
    else copiesBySignature.set(signature, [i]);
  }
  // Blocks hold representatives but are sized by every item they stand for, so the same blocks
  // are skipped as if each copy were compared.
  const blocks = new Map<string, { reps: number[]; size: number }>();
  for (const copies of copiesBySignature.values()) {
    const rep = copies[0] as number;
    for (const key of blockingKeys(items[rep] as Item)) {
      const block = blocks.get(key);
      if (block) {
        block.reps.push(rep);
        block.size += copies.length;
      } else blocks.set(key, { reps: [rep], size: copies.length });
    }
  }
  const limitOf = (key: string): number => (key.startsWith('k:') ? MAX_KEYWORD_BLOCK : MAX_BLOCK);
  // Items with one signature (the same report under several ids, or one event told twice) are
  // one happening, however little content they carry ("News reports emerge").
  for (const copies of copiesBySignature.values()) {
    const rep = copies[0] as number;
    if (copies.length > 1) for (const i of copies) uf.union(rep, i);
  }
  // Connectivity does not depend on the order pairs are tried, and roots are the smallest index,
  // so iterating blocks in insertion order is deterministic; connected pairs are skipped cheaply.
  for (const [key, { reps, size }] of blocks) {
    // A keyword shared by very many events of one day says little; persons and organisations say more.
    if (reps.length < 2 || size > limitOf(key)) continue;
    for (let x = 0; x < reps.length; x++) {
      const i = reps[x] ?? 0;
      const a = items[i];
      if (!a) continue;
      for (let y = x + 1; y < reps.length; y++) {
        const j = reps[y] ?? 0;
        if (uf.find(i) === uf.find(j)) continue;
        const b = items[j];
        // Every copy of one matches every copy of the other, and the copies are joined already.
        if (b && compatible(a, b) && sameHappening(a, b)) uf.union(i, j);
      }
    }
  }
}

/**
 * Everything `sameHappening` and the day span look at. Reports copied word for word give items
 * with one signature, which match the same items.
 */
export function signatureOf(item: Item): string {
  return `${item.date.value}\u0001${item.event.title}\u0001${item.predicate ?? ''}\u0001${item.eventClass}\u0001${item.persons.join('\u0002')}\u0001${item.organisations.join('\u0002')}\u0001${item.places.join('\u0002')}\u0001${[...item.keywords].join('\u0002')}`;
}

/** How many days before its report an event dated only by the report's day may have happened. */
const REPORT_WINDOW_DAYS = 7;
/** At most this many candidates are compared for one item: the work stays linear in the items. */
const MAX_PREDICATE_CANDIDATES = 200;

/**
 * Events whose date is only the report's day ("Jobs resigned", told the day after) or only a year or
 * month ("launched the store in 2003") join a day-dated telling of the same happening in another
 * document: within the week before the report, or inside the year or month.
 */
function joinByPredicate(items: readonly Item[], uf: UnionFind): void {
  const dated: { day: number; index: number }[] = [];
  items.forEach((item, index) => {
    if (!item.predicate || item.reportTime || (item.date.granularity !== 'day' && item.date.granularity !== 'time'))
      return;
    const span = daySpan(item.date.value.slice(0, 10));
    if (span) dated.push({ day: span.first, index });
  });
  if (!dated.length) return;
  // Copies of one report are one document here: a copy must not find in its original's other clauses
  // what the original does not find there.
  const documentsOfSignature = new Map<string, Set<string>>();
  for (const item of items) {
    if (!item.predicate) continue;
    const signature = signatureOf(item);
    const documents = documentsOfSignature.get(signature);
    if (documents) documents.add(item.documentId);
    else documentsOfSignature.set(signature, new Set([item.documentId]));
  }
  dated.sort((a, b) => a.day - b.day || a.index - b.index);
  const firstAtOrAfter = (day: number): number => {
    let lo = 0;
    let hi = dated.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dated[mid]!.day < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  items.forEach((item, i) => {
    if (!item.predicate) return;
    let window: { first: number; last: number } | undefined;
    if (item.reportTime) {
      const span = daySpan(item.date.value.slice(0, 10));
      if (span) window = { first: span.first - REPORT_WINDOW_DAYS, last: span.first - 1 };
    } else if (item.date.granularity === 'month') window = daySpan(item.date.value);
    else if (item.date.granularity === 'year' && /^\d{4}$/.test(item.date.value)) {
      const year = Number(item.date.value);
      window = { first: dayNumber(year, 1, 1), last: dayNumber(year + 1, 1, 1) - 1 };
    }
    if (!window) return;
    const sameDocuments = documentsOfSignature.get(signatureOf(item));
    let best: { root: number; index: number } | undefined;
    for (
      let k = firstAtOrAfter(window.first), seen = 0;
      k < dated.length && dated[k]!.day <= window.last && seen < MAX_PREDICATE_CANDIDATES;
      k++, seen++
    ) {
      const j = dated[k]!.index;
      const other = items[j]!;
      if (other.documentId === item.documentId || sameDocuments?.has(other.documentId) || !sameHappening(item, other))
        continue;
      // A year or a month says little: the two must share what happened to what, not only who.
      if (!item.reportTime && sharedKeywords(item, other) < 2) continue;
      const root = uf.find(j);
      if (!best || root < best.root) best = { root, index: j };
    }
    if (best) uf.union(best.index, i);
  });
}

/** Groups items (sorted by eventId) into clusters of indices; each cluster sorted, clusters in order of their first index. */
export function clusterItems(items: readonly Item[]): number[][] {
  const uf = new UnionFind(items.length);
  const byDay = new Map<string, number[]>();
  const coarse: number[] = [];
  items.forEach((item, i) => {
    const key =
      item.date.granularity === 'day' || item.date.granularity === 'time' ? dayKey(item.date.value) : undefined;
    if (key) {
      const monthDay = key.slice(5);
      const list = byDay.get(monthDay);
      if (list) list.push(i);
      else byDay.set(monthDay, [i]);
    } else coarse.push(i);
  });
  for (const monthDay of [...byDay.keys()].sort()) {
    const list = byDay.get(monthDay) ?? [];
    // Days of unknown year meet every year's same day; otherwise each year is its own bucket.
    if (list.some((i) => items[i]?.date.value.startsWith('XXXX'))) {
      groupWithin(items, list, uf, (a, b) => yearsCompatible(a.date.value, b.date.value));
      continue;
    }
    const byYear = new Map<string, number[]>();
    for (const i of list) {
      const year = items[i]?.date.value.slice(0, 4) ?? '';
      const group = byYear.get(year);
      if (group) group.push(i);
      else byYear.set(year, [i]);
    }
    for (const group of byYear.values()) groupWithin(items, group, uf, () => true);
  }
  joinByPredicate(items, uf);
  // Coarse items: join the best-supported day-level group inside their span.
  const groupSize = new Map<number, number>();
  items.forEach((_, i) => {
    const root = uf.find(i);
    groupSize.set(root, (groupSize.get(root) ?? 0) + 1);
  });
  const dayLevelByFirstDay = new Map<number, number[]>();
  items.forEach((item, i) => {
    if (item.date.granularity !== 'day' && item.date.granularity !== 'time') return;
    const span = daySpan(item.date.value.slice(0, 10));
    if (!span) return;
    const list = dayLevelByFirstDay.get(span.first);
    if (list) list.push(i);
    else dayLevelByFirstDay.set(span.first, [i]);
  });
  const unattached: number[] = [];
  // Which day-level items a coarse item matches depends only on its signature: copies of one
  // report (wire copies) ask once.
  const matchesOfSignature = new Map<string, number[]>();
  for (const i of coarse) {
    const item = items[i];
    const span = item ? daySpan(item.date.value) : undefined;
    if (!item || !span || span.last - span.first > 31) {
      unattached.push(i);
      continue;
    }
    const signature = signatureOf(item);
    let matches = matchesOfSignature.get(signature);
    if (!matches) {
      matches = [];
      for (let d = span.first; d <= span.last; d++) {
        for (const j of dayLevelByFirstDay.get(d) ?? []) {
          const other = items[j];
          if (other && sameHappening(item, other)) matches.push(j);
        }
      }
      matchesOfSignature.set(signature, matches);
    }
    let best: { root: number; support: number } | undefined;
    const seenRoots = new Set<number>();
    for (const j of matches) {
      const root = uf.find(j);
      if (seenRoots.has(root)) continue;
      seenRoots.add(root);
      const support = groupSize.get(root) ?? 1;
      if (!best || support > best.support || (support === best.support && root < best.root)) best = { root, support };
    }
    if (best) uf.union(best.root, i);
    else unattached.push(i);
  }
  // Items of undated documents ("XXXX-WXX-1", "XXXX-XX-XX"): join the best-supported group of
  // other undated reports of the same happening, when their weekdays do not contradict.
  const undated = unattached.filter((i) => /^XXXX-(WXX|XX-XX)/.test(items[i]?.date.value ?? ''));
  if (undated.length > 1) {
    const sizes = new Map<number, number>();
    for (const i of undated) sizes.set(uf.find(i), (sizes.get(uf.find(i)) ?? 0) + 1);
    const byKey = new Map<string, number[]>();
    for (const i of undated)
      for (const key of blockingKeys(items[i] as Item)) (byKey.get(key) ?? byKey.set(key, []).get(key))?.push(i);
    const weekdayOf = (v: string): string | undefined => /^XXXX-WXX-(\d)$/.exec(v)?.[1];
    for (const i of undated) {
      const item = items[i];
      if (!item) continue;
      let best: { root: number; size: number } | undefined;
      for (const key of blockingKeys(item)) {
        const list = byKey.get(key) ?? [];
        if (list.length > MAX_BLOCK) continue;
        for (const j of list) {
          const other = items[j];
          if (j === i || !other || other.documentId === item.documentId) continue;
          const wa = weekdayOf(item.date.value);
          const wb = weekdayOf(other.date.value);
          if (wa && wb && wa !== wb) continue;
          // Without dates to agree on, demand more: the same person, or the same kind of named happening.
          if (
            !sharesPerson(item, other) &&
            !(item.eventClass === other.eventClass && item.eventClass !== 'other' && sharesHeadWord(item, other))
          )
            continue;
          if (!sameHappening(item, other)) continue;
          const root = uf.find(j);
          const size = sizes.get(root) ?? 1;
          // Prefer joining a group with a definite weekday.
          const rank = size + (wb ? 0.5 : 0);
          if (!best || rank > best.size || (rank === best.size && root < best.root)) best = { root, size: rank };
        }
      }
      if (best && uf.find(i) !== best.root) {
        const merged = (sizes.get(uf.find(i)) ?? 1) + (sizes.get(best.root) ?? 1);
        uf.union(i, best.root);
        sizes.set(uf.find(i), merged);
      }
    }
  }
  // Coarse items that joined nothing: group those with the same value.
  const byValue = new Map<string, number[]>();
  for (const i of unattached) {
    const v = items[i]?.date.value ?? '';
    const list = byValue.get(v);
    if (list) list.push(i);
    else byValue.set(v, [i]);
  }
  for (const v of [...byValue.keys()].sort()) groupWithin(items, byValue.get(v) ?? [], uf, () => true);
  const clusters = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = uf.find(i);
    const list = clusters.get(root);
    if (list) list.push(i);
    else clusters.set(root, [i]);
  });
  return [...clusters.values()].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}
