import type {
  DatedValue,
  DocumentAnalysis,
  DocumentDate,
  ReconciledEntry,
  ReconciledTimeline,
} from '../model/timeline-model.js';
import { COARSE_FIRST, compareDateValues, parseDateValue } from '../model/date-value.js';
import { daySpan, parsePartialDay } from '../extraction/calendar.js';
import { resolveBasis } from '../extraction/resolve.js';
import { sameSurname, shortName } from '../extraction/actors.js';
import { clusterItems, dayKey } from './cluster.js';
import { inferFromOtherDocuments, type DocumentState } from './document-dates.js';
import { storiesOf } from './stories.js';
import { hasDerivedDate, itemsOf, type Item } from './items.js';
import { dateAgainstDocument } from './item-dates.js';
import { alignedPositions, undatedOffsets } from './undated-order.js';

/**
 * One timeline from many analyses. Pure and order-independent: documents are sorted by id, every
 * tie is broken on ids, and nothing depends on arrival order. The documents are split into stories
 * (stories.ts: documents none of whose events could meet), each story is reconciled alone, and the
 * stories' entries are merged into one order. Steps within a story: learn document dates across
 * documents (re-resolving relative events each time), date event-anchored events through their
 * anchors, group reports of one happening, and give each group its finest agreed date and a headline.
 */
export function reconcileTimeline(analyses: readonly DocumentAnalysis[]): ReconciledTimeline {
  return mergeStoryTimelines(storiesOf(analyses).map(reconcileStory));
}

/** The reconciliation of one story, with what merging it with other stories needs. */
export interface StoryTimeline {
  /** Its documents' dates, in document-id order. */
  readonly documentDates: Readonly<Record<string, DocumentDate>>;
  /** Its entries in timeline order. */
  readonly entries: readonly ReconciledEntry[];
  /** Where each entry sorts (parallel to `entries`). */
  readonly sortKeys: readonly SortKey[];
}

/**
 * The stories' timelines as one: entries in timeline order (the sort key, then the entry id, as
 * within a story), document dates in document-id order. Stories share no document and no entry.
 */
export function mergeStoryTimelines(stories: readonly StoryTimeline[]): ReconciledTimeline {
  const keyed: { entry: ReconciledEntry; key: SortKey }[] = [];
  const dated: [string, DocumentDate][] = [];
  for (const story of stories) {
    story.entries.forEach((entry, i) =>
      keyed.push({ entry, key: story.sortKeys[i] ?? sortKey(entry.date.value, undefined) }),
    );
    for (const [documentId, date] of Object.entries(story.documentDates)) dated.push([documentId, date]);
  }
  keyed.sort(compareKeyedEntries);
  dated.sort((a, b) => byId(a[0], b[0]));
  const documentDates: Record<string, DocumentDate> = {};
  for (const [documentId, date] of dated) documentDates[documentId] = date;
  return { documentDates, entries: keyed.map((k) => k.entry) };
}

/** Timeline order of entries with their sort keys: the key, then the entry id. */
export function compareKeyedEntries(
  a: { readonly entry: ReconciledEntry; readonly key: SortKey },
  b: { readonly entry: ReconciledEntry; readonly key: SortKey },
): number {
  return compareKeys(a.key, b.key) || byId(a.entry.entryId, b.entry.entryId);
}

const ROUNDS = 4;

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One story's reconciliation (any set of analyses: all of them in one is the reconciliation without stories). */
export function reconcileStory(analyses: readonly DocumentAnalysis[]): StoryTimeline {
  const unique = new Map<string, DocumentAnalysis>();
  for (const a of [...analyses].sort(
    (x, y) => byId(x.documentId, y.documentId) || byId(x.extractorVersion, y.extractorVersion),
  ))
    unique.set(a.documentId, a);
  const docs: DocumentState[] = [...unique.values()].map((a) => {
    const items = itemsOf(a);
    return {
      documentId: a.documentId,
      own: a.documentDate,
      items: items.filter((i) => !hasDerivedDate(i.event)),
      derived: items.filter((i) => hasDerivedDate(i.event)),
      anchorBounds: a.anchorBounds ?? [],
    };
  });
  const allItems = docs
    .flatMap((d) => [...d.items, ...d.derived])
    .sort((a, b) => byId(a.event.eventId, b.event.eventId));

  let dates = new Map<string, DocumentDate>(docs.map((d) => [d.documentId, d.own]));
  for (let round = 0; round < ROUNDS; round++) {
    const anchorValue = resolveAll(docs, dates, allItems);
    const next = inferFromOtherDocuments(docs, dates, (keywords) => {
      const v = anchorValue(keywords);
      return v ? daySpan(v)?.first : undefined;
    });
    const changed = docs.some(
      (d) => JSON.stringify(next.get(d.documentId)) !== JSON.stringify(dates.get(d.documentId)),
    );
    dates = next;
    if (!changed) break;
  }
  resolveAll(docs, dates, allItems);

  // What a report says of itself has dated the documents above; it is no happening of the story.
  const happenings = allItems.filter((i) => !i.event.aboutTheReport);
  const clusters = clusterItems(happenings);
  const entries = clusters.map((indices) =>
    entryOf(
      indices.map((i) => happenings[i]).filter((x): x is Item => !!x),
      dates,
    ),
  );
  const positions = alignedPositions(entries, undatedOffsets(docs, dates));
  const keyed = entries.map((entry) => ({ entry, key: sortKey(entry.date.value, positions.get(entry.entryId)) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || byId(a.entry.entryId, b.entry.entryId));

  const documentDates: Record<string, DocumentDate> = {};
  for (const d of docs) documentDates[d.documentId] = dates.get(d.documentId) ?? d.own;
  return { documentDates, entries: keyed.map((k) => k.entry), sortKeys: keyed.map((k) => k.key) };
}

/** Re-resolves document-relative events against the current document dates, then event-anchored ones through their anchors. */
function resolveAll(
  docs: readonly DocumentState[],
  dates: ReadonlyMap<string, DocumentDate>,
  allItems: readonly Item[],
): (keywords: readonly string[]) => string | undefined {
  resolveItems(docs, dates);
  const anchorValue = anchorValueFinder(allItems);
  for (const item of allItems) {
    const link = item.event.anchorLink;
    if (item.event.resolution !== 'event-anchored' || !link) continue;
    const value = anchorValue(link.keywords);
    if (value === undefined) continue;
    const docDate = parsePartialDay(dates.get(item.documentId)?.value);
    item.date = resolveBasis(
      { resolution: 'event-anchored', anchorLink: link, approximate: item.event.date.certainty === 'approximate' },
      docDate,
      value,
      true,
    );
  }
  return anchorValue;
}

/** Re-resolves document-relative events against the current document dates. */
function resolveItems(docs: readonly DocumentState[], dates: ReadonlyMap<string, DocumentDate>): void {
  for (const doc of docs) {
    const date = dates.get(doc.documentId) ?? doc.own;
    for (const item of [...doc.items, ...doc.derived]) item.date = dateAgainstDocument(item, date);
  }
}

/**
 * The date of an anchor ("invade"): the day-level value most documents give events carrying all
 * the anchor's keywords (known years before unknown ones, then the earliest).
 */
function anchorValueFinder(items: readonly Item[]): (keywords: readonly string[]) => string | undefined {
  let built: Map<string, Map<string, Set<string>>> | undefined;
  const cache = new Map<string, string | undefined>();
  return (keywords) => {
    built ??= buildAnchorIndex(items);
    const index = built;
    const cacheKey = keywords.join('|');
    if (cache.has(cacheKey)) return cache.get(cacheKey);
    let best: string | undefined;
    let bestDocs = 0;
    const first = keywords[0];
    const candidates = first ? index.get(first) : undefined;
    for (const [value, docsOfDay] of [...(candidates ?? new Map<string, Set<string>>())].sort((a, b) =>
      compareDateValues(a[0], b[0]),
    )) {
      let support = docsOfDay.size;
      for (const k of keywords.slice(1)) support = Math.min(support, index.get(k)?.get(value)?.size ?? 0);
      if (support > bestDocs) {
        best = value;
        bestDocs = support;
      }
    }
    cache.set(cacheKey, best);
    return best;
  };
}

function buildAnchorIndex(items: readonly Item[]): Map<string, Map<string, Set<string>>> {
  const index = new Map<string, Map<string, Set<string>>>();
  for (const item of items) {
    if (
      item.event.resolution === 'event-anchored' ||
      item.date.certainty === 'approximate' ||
      hasDerivedDate(item.event)
    )
      continue;
    if (item.date.granularity !== 'day') continue;
    const value = item.date.value.slice(0, 10);
    for (const k of item.keywords) {
      let byValue = index.get(k);
      if (!byValue) index.set(k, (byValue = new Map()));
      let docsOfDay = byValue.get(value);
      if (!docsOfDay) byValue.set(value, (docsOfDay = new Set()));
      docsOfDay.add(item.documentId);
    }
  }
  return index;
}

const GRANULARITY_RANK: Record<string, number> = {
  time: 0,
  day: 1,
  week: 2,
  month: 3,
  season: 4,
  quarter: 4,
  half: 5,
  year: 6,
  decade: 7,
  century: 8,
  unknown: 9,
};

/** The finest date most documents agree on; approximate and coarser values only when nothing finer is known. */
function entryDate(members: readonly Item[]): { date: DatedValue; note?: string } {
  const votes = new Map<string, { date: DatedValue; docs: Set<string>; rank: number }>();
  for (const m of members) {
    const value = m.date.granularity === 'time' ? (dayKey(m.date.value) ?? m.date.value) : m.date.value;
    const granularity = m.date.granularity === 'time' ? 'day' : m.date.granularity;
    const rank = (GRANULARITY_RANK[granularity] ?? 9) * 2 + (m.date.certainty === 'approximate' ? 1 : 0);
    let v = votes.get(value);
    if (!v)
      votes.set(value, (v = { date: { value, granularity, certainty: m.date.certainty }, docs: new Set(), rank }));
    v.docs.add(m.documentId);
    if (m.date.certainty === 'explicit') v.date = { ...v.date, certainty: 'explicit' };
    v.rank = Math.min(v.rank, rank);
  }
  const ranked = [...votes.values()].sort(
    (a, b) => a.rank - b.rank || b.docs.size - a.docs.size || compareDateValues(a.date.value, b.date.value),
  );
  const best = ranked[0];
  if (!best) return { date: { value: 'XXXX-XX-XX', granularity: 'unknown', certainty: 'inferred' } };
  const dissent = ranked.filter((r) => r !== best && r.rank === best.rank && r.date.value !== 'XXXX-XX-XX');
  const note = dissent.length
    ? `Sources disagree: ${[best, ...dissent].map((r) => `${r.date.value} (${r.docs.size})`).join(', ')}.`
    : undefined;
  return note ? { date: best.date, note } : { date: best.date };
}

/** Name variants ("Siluanov"/"Silvanov"/"Siranov") under the spelling most members use. */
function canonicalActors(members: readonly Item[]): { actors: string[]; rename: Map<string, string> } {
  const counts = new Map<string, number>();
  for (const m of members) for (const a of new Set(m.event.actors)) counts.set(a, (counts.get(a) ?? 0) + 1);
  const names = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || b.length - a.length || byId(a, b),
  );
  const canonical: string[] = [];
  const rename = new Map<string, string>();
  for (const name of names) {
    const surname = (name.split(/\s+/).at(-1) ?? name).toLowerCase();
    const match = canonical.find((c) => {
      const cs = (c.split(/\s+/).at(-1) ?? c).toLowerCase();
      return cs === surname || (/^\p{Lu}/u.test(name) && sameSurname(cs, surname));
    });
    if (match) {
      const from = name.split(/\s+/).at(-1) ?? name;
      const to = match.split(/\s+/).at(-1) ?? match;
      if (from !== to) rename.set(from, to);
    } else canonical.push(name);
  }
  return { actors: canonical, rename };
}

function mentions(titleWords: readonly string[], name: string): boolean {
  const space = name.lastIndexOf(' ');
  return titleWords.includes((space >= 0 ? name.slice(space + 1) : name).toLowerCase());
}

/** A headline that names the entry's actors in a plain present-tense statement reads best. */
function titleScore(m: Item, actors: readonly string[], happened: boolean): number {
  const title = m.event.title;
  const titleWords = title.toLowerCase().split(/[^a-z0-9\u00C0-\u04FF.]+/);
  const words = titleWords.length;
  let named = 0;
  for (const a of actors) if (mentions(titleWords, a)) named++;
  const sizeFit = words >= 3 && words <= 10 ? 2 : words > 10 ? 1 : 0;
  const explicitness = m.event.resolution === 'event-anchored' ? 0 : 1;
  const plan = /\b(to|will)\s+\p{Ll}+/u.test(title) ? (happened ? -2 : 0) : 0;
  // "Gonzales says" with nothing said is no headline.
  const saysNothing = /\b(says|tells|adds|notes|states)$/.test(title) ? -3 : 0;
  return Math.min(named, 3) * 2 + sizeFit + explicitness + plan + saysNothing;
}

function majorityClass(members: readonly Item[]): string {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.eventClass, (counts.get(m.eventClass) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))[0]?.[0] ?? 'other';
}

/** "Sullivan and Yang Jiechi meet in Rome": a meeting reported as plans and as news reads best stated plainly. */
function meetingTitle(members: readonly Item[], actors: readonly string[]): string | undefined {
  const surnameOf = (a: string): string => (a.split(/\s+/).at(-1) ?? a).toLowerCase();
  // Whoever most reports make the subject comes first ("Sullivan and Yang Jiechi").
  const asSubject = (a: string): number =>
    members.filter((m) => m.event.title.toLowerCase().startsWith(surnameOf(a))).length;
  const persons = actors
    .filter((a) => members.some((m) => m.persons.some((p) => sameSurname(p, surnameOf(a)))))
    .map((a, i) => ({ a, i, s: asSubject(a) }))
    .sort((x, y) => y.s - x.s || x.i - y.i)
    .map((x) => x.a);
  if (persons.length < 2) return undefined;
  const names = persons
    .slice(0, 2)
    .map((p) => shortName({ name: p, kind: 'person', key: p.toLowerCase(), start: 0, end: 0 }));
  // A place is the meeting's when half of the reporting documents put it there (several clauses of one
  // document quoting the same sentence count once).
  const placeDocuments = new Map<string, Set<string>>();
  const documents = new Set<string>();
  for (const m of members) {
    documents.add(m.documentId);
    for (const match of m.event.quote.text.matchAll(/\bin (\p{Lu}\p{Ll}+)\b/gu)) {
      const place = match[1] ?? '';
      if (
        /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(
          place,
        )
      )
        continue;
      const seen = placeDocuments.get(place) ?? new Set<string>();
      seen.add(m.documentId);
      placeDocuments.set(place, seen);
    }
  }
  const place = [...placeDocuments]
    .map(([name, docs]) => [name, docs.size] as const)
    .sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))[0];
  const where = place && place[1] * 2 >= documents.size ? ` in ${place[0]}` : '';
  return `${names.join(' and ')} meet${where}`;
}

function entryOf(members: readonly Item[], dates: ReadonlyMap<string, DocumentDate>): ReconciledEntry {
  const eventIds = members.map((m) => m.event.eventId).sort(byId);
  const { date, note } = entryDate(members);
  const { actors, rename } = canonicalActors(members);
  // Whether the happening is past for most reporting documents: then a plan ("to meet") is no headline.
  const dayOfEntry = /^\d{4}-\d{2}-\d{2}/.test(date.value) ? date.value.slice(0, 10) : undefined;
  let reportedAfter = 0;
  for (const m of members) {
    const d = dates.get(m.documentId)?.value;
    // Both are YYYY-MM-DD: string order is date order.
    if (d && dayOfEntry && !d.includes('X') && d >= dayOfEntry) reportedAfter++;
  }
  const happened = reportedAfter * 2 >= members.length;
  let best: Item | undefined;
  let bestScore = -Infinity;
  for (const m of members) {
    const score = titleScore(m, actors, happened);
    if (score > bestScore || (score === bestScore && best && byId(m.event.eventId, best.event.eventId) < 0)) {
      best = m;
      bestScore = score;
    }
  }
  let title =
    (majorityClass(members) === 'meeting' ? meetingTitle(members, actors) : undefined) ?? best?.event.title ?? 'Event';
  for (const [from, to] of [...rename].sort((a, b) => byId(a[0], b[0])))
    title = title.replace(new RegExp(`\\b${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), to);
  const entry: ReconciledEntry = { entryId: `entry:${eventIds[0] ?? 'none'}`, date, title, eventIds, actors };
  if (note) entry.note = note;
  return entry;
}

/**
 * Timeline order (compareDateValues' order, keyed once per entry). Values with an unknown year
 * come after known ones, in month-day order; weekdays of undated documents come after those.
 */
export type SortKey = readonly [number, number, number, number, number, number, string];

function sortKey(value: string, undatedOffset: number | undefined): SortKey {
  // Weekdays and offsets of undated documents: after every month-day, by days from their report's own day.
  if ((/^[\dX]{4}-WXX/.test(value) || value === 'XXXX-XX-XX') && undatedOffset !== undefined)
    return [1, 0, 13, 1000 + undatedOffset, 0, 0, value];
  if (/^[\dX]{4}-WXX/.test(value) || value === 'XXXX-XX-XX') return [1, 0, 14, 0, 0, 0, value];
  const p = parseDateValue(value);
  return [
    p.year === undefined ? 1 : 0,
    p.year ?? 0,
    p.month,
    p.day,
    p.minutes,
    COARSE_FIRST.indexOf(p.granularity),
    value,
  ];
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < 6; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d) return d;
  }
  return byId(a[6], b[6]);
}
