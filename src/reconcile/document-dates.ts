import type { DocumentDate } from '../model/timeline-model.js';
import { daySpan, formatDay, fromDayNumber, fullDayNumber, parsePartialDay } from '../extraction/calendar.js';
import { relativeDay, solveDocumentDay } from '../extraction/document-date.js';
import { isoWeekday } from '../extraction/calendar.js';
import { sameHappening, type Item } from './items.js';

/**
 * Cross-document document dates: a document without a usable date learns it from events it shares
 * with dated documents of the same story ("Sunday" here is 2022-03-13 there; "a day before" the
 * meeting that is "Monday" elsewhere), and from anchored facts dated elsewhere ("two weeks into the war").
 */

export interface DocumentState {
  readonly documentId: string;
  readonly own: DocumentDate;
  /** The events whose dates are evidence of the document's date (not those dated from it). */
  readonly items: readonly Item[];
  /** Events dated from the report's day or from another clause: re-resolved with the document, never evidence of its date. */
  readonly derived: readonly Item[];
  readonly anchorBounds: readonly { anchor: string[]; eventOrdinal?: number; minDays: number; maxDays: number }[];
}

/** A date other documents may learn from: supplied, or inferred to the day with fair confidence. */
export function isTrusted(date: DocumentDate): boolean {
  return date.value !== null && !date.value.includes('X') && (date.method === 'provided' || date.confidence >= 0.5);
}

const MAX_CANDIDATES = 50;
const MAX_KEY_LIST = 300;

/** Exact keys (full surnames, organisations, keywords): learning a date needs the closest reports, not mere neighbours. */
function learningKeys(item: Item): string[] {
  return [
    ...item.persons.map((p) => `s:${p}`),
    ...item.organisations.map((o) => `o:${o}`),
    ...[...item.keywords].map((k) => `k:${k}`),
  ];
}

export type AnchorDays = (keywords: readonly string[]) => number | undefined;

/** Whether a document's own date may be replaced by one learned from other documents. */
export function needsLearning(own: DocumentDate): boolean {
  return !(own.method === 'provided' || ((own.method === 'anchors' || own.method === 'text') && isTrusted(own)));
}

export function inferFromOtherDocuments(
  docs: readonly DocumentState[],
  current: ReadonlyMap<string, DocumentDate>,
  anchorDay: AnchorDays,
): Map<string, DocumentDate> {
  if (!docs.some((doc) => needsLearning(doc.own))) return new Map(current);
  const trustedIndex = new Map<string, Item[]>();
  for (const doc of docs) {
    const date = current.get(doc.documentId);
    if (!date || !isTrusted(date)) continue;
    for (const item of doc.items) {
      if (item.date.granularity !== 'day' && item.date.granularity !== 'time') continue;
      if (item.date.certainty === 'approximate') continue;
      for (const key of learningKeys(item)) {
        const list = trustedIndex.get(key);
        if (list) list.push(item);
        else trustedIndex.set(key, [item]);
      }
    }
  }
  const next = new Map(current);
  for (const doc of docs) {
    const date = current.get(doc.documentId) ?? doc.own;
    if (!needsLearning(doc.own)) continue;
    // What an earlier round learned stands: later rounds only add documents (and stay cheap).
    if (date.method === 'cross-document' && isTrusted(date)) continue;
    const learned = learn(doc, trustedIndex, anchorDay);
    if (learned) next.set(doc.documentId, learned);
    else next.set(doc.documentId, date);
  }
  return next;
}

interface Evidence {
  readonly holds: (day: number) => boolean;
  readonly first: number;
  readonly last: number;
  readonly from: string;
}

function learn(
  doc: DocumentState,
  index: ReadonlyMap<string, Item[]>,
  anchorDay: AnchorDays,
): DocumentDate | undefined {
  const evidence: Evidence[] = [];
  const years = new Map<number, number>();
  for (const x of doc.items) {
    const rel = x.event.relative;
    if (!rel) continue;
    // The dated events sharing the most with this one (person, organisations, keywords) are the candidates.
    // Rare keys discriminate; keys shared by very many dated events are skipped (the rarest one is kept, capped).
    const shared = new Map<Item, number>();
    const lists = learningKeys(x)
      .map((key) => index.get(key) ?? [])
      .filter((list) => list.length > 0)
      .sort((a, b) => a.length - b.length);
    lists.forEach((list, rank) => {
      if (rank > 0 && list.length > MAX_KEY_LIST) return;
      for (const y of list.slice(0, MAX_KEY_LIST))
        if (y.documentId !== doc.documentId) shared.set(y, (shared.get(y) ?? 0) + 1);
    });
    let most = 0;
    for (const n of shared.values()) most = Math.max(most, n);
    const candidates = [...shared]
      .filter(([, n]) => n === most)
      .map(([y]) => y)
      .sort((a, b) => (a.event.eventId < b.event.eventId ? -1 : 1))
      .slice(0, MAX_CANDIDATES);
    for (const y of candidates) {
      const yDay = daySpan(y.date.value.slice(0, 10))?.first;
      if (yDay === undefined || !sameHappening(x, y)) continue;
      if (rel.kind === 'weekday') {
        if (isoWeekday(yDay) !== rel.weekday) continue;
        const first = rel.direction === 'future' ? yDay - 6 : rel.direction === 'past' ? yDay : yDay - 3;
        const last = rel.direction === 'future' ? yDay : rel.direction === 'past' ? yDay + 6 : yDay + 3;
        evidence.push({ holds: (d) => relativeDay(rel, d) === yDay, first, last, from: y.documentId });
      } else if (rel.kind === 'offset' && rel.unit === 'day') {
        const d0 = yDay - Math.round(rel.amount);
        evidence.push({ holds: (d) => d === d0, first: d0, last: d0, from: y.documentId });
      } else if (rel.kind === 'month-day') {
        const y4 = Number(y.date.value.slice(0, 4));
        if (
          Number.isFinite(y4) &&
          rel.day !== undefined &&
          y.date.value.slice(5, 10) === `${String(rel.month).padStart(2, '0')}-${String(rel.day).padStart(2, '0')}`
        ) {
          years.set(y4, (years.get(y4) ?? 0) + 1);
        }
      }
    }
  }
  // Anchored facts dated elsewhere: "more than two weeks into its invasion".
  for (const bound of doc.anchorBounds) {
    const a = anchorDay(bound.anchor);
    if (a === undefined) continue;
    const subject =
      bound.eventOrdinal !== undefined
        ? doc.items.find((i) => i.event.ordinal === bound.eventOrdinal)?.event.relative
        : undefined;
    if (bound.eventOrdinal !== undefined && subject) {
      evidence.push({
        holds: (d) => {
          const at = relativeDay(subject, d);
          return at === undefined || (at >= a + bound.minDays && at <= a + bound.maxDays);
        },
        first: a + bound.minDays,
        last: a + bound.maxDays + 6,
        from: 'anchor',
      });
    } else if (bound.eventOrdinal === undefined) {
      evidence.push({
        holds: (d) => d >= a + bound.minDays && d <= a + bound.maxDays,
        first: a + bound.minDays,
        last: a + bound.maxDays,
        from: 'anchor',
      });
    }
  }
  const own = parsePartialDay(doc.own.value);
  const matchEvidence = evidence.filter((e) => e.from !== 'anchor');
  if (matchEvidence.length === 0) {
    if (years.size && own.year === undefined) {
      const year = [...years].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
      if (year !== undefined) {
        return {
          value: `${year}-${own.month !== undefined ? String(own.month).padStart(2, '0') : 'XX'}-XX`,
          inferred: true,
          method: 'cross-document',
          confidence: 0.5,
          note: 'Year learned from other documents reporting the same dated events; the day is unknown.',
        };
      }
    }
    return undefined;
  }
  // Each piece of evidence votes for the days (at most a week or so) it allows; linear in the evidence.
  const votes = new Map<number, number>();
  for (const e of evidence) {
    if (e.last - e.first > 31) continue;
    for (let d = e.first; d <= e.last; d++) {
      if (own.year !== undefined && fromDayNumber(d).year !== own.year) continue;
      if (e.holds(d)) votes.set(d, (votes.get(d) ?? 0) + 1);
    }
  }
  let bestScore = 0;
  let candidates: number[] = [];
  for (const [d, score] of votes) {
    if (score > bestScore) {
      bestScore = score;
      candidates = [d];
    } else if (score === bestScore) candidates.push(d);
  }
  candidates.sort((a, b) => a - b);
  if (bestScore < 1 || candidates.length === 0) return undefined;
  const c0 = candidates[0] ?? 0;
  const cN = candidates[candidates.length - 1] ?? c0;
  const allowed = new Set(candidates);
  const solved = solveDocumentDay({
    relatives: doc.items.flatMap((i) => (i.event.relative ? [i.event.relative] : [])),
    constraints: [(d) => allowed.has(d)],
    window: { first: c0, last: cN },
  });
  if (!solved) return undefined;
  const sources = [...new Set(matchEvidence.filter((e) => e.holds(solved.day)).map((e) => e.from))].sort();
  const ownDay = fullDayNumber(own);
  const confidence = Math.min(0.9, 0.5 + 0.1 * bestScore) * (solved.unique ? 1 : 0.8);
  return {
    value: formatDay(solved.day),
    inferred: true,
    method: 'cross-document',
    confidence: Math.round(confidence * 100) / 100,
    note: `${bestScore} shared event(s) dated by other documents (${sources.slice(0, 5).join(', ')}) fix this document's weekday references${ownDay !== undefined && ownDay !== solved.day ? '; revises its own estimate' : ''}.`.slice(
      0,
      500,
    ),
  };
}
