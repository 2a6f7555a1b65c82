import type { DocumentDate } from '../model/timeline-model.js';
import { daySpan, formatDay, fullDayNumber, parsePartialDay } from '../extraction/calendar.js';
import { relativeDay, solveDocumentDay } from '../extraction/document-date.js';
import { isoWeekday } from '../extraction/calendar.js';
import { blockingKeys, sameHappening, type Item } from './items.js';

/**
 * Cross-document document dates: a document without a usable date learns it from events it shares
 * with dated documents of the same story ("Sunday" here is 2022-03-13 there; "a day before" the
 * meeting that is "Monday" elsewhere), and from anchored facts dated elsewhere ("two weeks into the war").
 */

export interface DocumentState {
  readonly documentId: string;
  readonly own: DocumentDate;
  readonly items: readonly Item[];
  readonly anchorBounds: readonly { anchor: string[]; eventOrdinal?: number; minDays: number; maxDays: number }[];
}

/** A date other documents may learn from: supplied, or inferred to the day with fair confidence. */
export function isTrusted(date: DocumentDate): boolean {
  return date.value !== null && !date.value.includes('X') && (date.method === 'provided' || date.confidence >= 0.5);
}

const MAX_CANDIDATES = 200;

export type AnchorDays = (keywords: readonly string[]) => number | undefined;

function needsLearning(doc: DocumentState): boolean {
  return !(doc.own.method === 'provided' || ((doc.own.method === 'anchors' || doc.own.method === 'text') && isTrusted(doc.own)));
}

export function inferFromOtherDocuments(docs: readonly DocumentState[], current: ReadonlyMap<string, DocumentDate>, anchorDay: AnchorDays): Map<string, DocumentDate> {
  if (!docs.some(needsLearning)) return new Map(current);
  const trustedIndex = new Map<string, Item[]>();
  for (const doc of docs) {
    const date = current.get(doc.documentId);
    if (!date || !isTrusted(date)) continue;
    for (const item of doc.items) {
      if (item.date.granularity !== 'day' && item.date.granularity !== 'time') continue;
      if (item.date.certainty === 'approximate') continue;
      for (const key of blockingKeys(item)) {
        const list = trustedIndex.get(key);
        if (list) list.push(item);
        else trustedIndex.set(key, [item]);
      }
    }
  }
  const next = new Map(current);
  for (const doc of docs) {
    const date = current.get(doc.documentId) ?? doc.own;
    if (!needsLearning(doc)) continue;
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

function learn(doc: DocumentState, index: ReadonlyMap<string, Item[]>, anchorDay: AnchorDays): DocumentDate | undefined {
  const evidence: Evidence[] = [];
  const years = new Map<number, number>();
  for (const x of doc.items) {
    const rel = x.event.relative;
    if (!rel) continue;
    const seen = new Set<string>();
    const candidates: Item[] = [];
    for (const key of blockingKeys(x)) {
      for (const y of (index.get(key) ?? []).slice(0, MAX_CANDIDATES)) {
        if (y.documentId === doc.documentId || seen.has(y.event.eventId)) continue;
        seen.add(y.event.eventId);
        candidates.push(y);
      }
    }
    candidates.sort((a, b) => (a.event.eventId < b.event.eventId ? -1 : 1));
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
        if (Number.isFinite(y4) && rel.day !== undefined && y.date.value.slice(5, 10) === `${String(rel.month).padStart(2, '0')}-${String(rel.day).padStart(2, '0')}`) {
          years.set(y4, (years.get(y4) ?? 0) + 1);
        }
      }
    }
  }
  // Anchored facts dated elsewhere: "more than two weeks into its invasion".
  for (const bound of doc.anchorBounds) {
    const a = anchorDay(bound.anchor);
    if (a === undefined) continue;
    const subject = bound.eventOrdinal !== undefined ? doc.items.find((i) => i.event.ordinal === bound.eventOrdinal)?.event.relative : undefined;
    if (bound.eventOrdinal !== undefined && subject) {
      evidence.push({ holds: (d) => { const at = relativeDay(subject, d); return at === undefined || (at >= a + bound.minDays && at <= a + bound.maxDays); }, first: a + bound.minDays, last: a + bound.maxDays + 6, from: 'anchor' });
    } else if (bound.eventOrdinal === undefined) {
      evidence.push({ holds: (d) => d >= a + bound.minDays && d <= a + bound.maxDays, first: a + bound.minDays, last: a + bound.maxDays, from: 'anchor' });
    }
  }
  const own = parsePartialDay(doc.own.value);
  const matchEvidence = evidence.filter((e) => e.from !== 'anchor');
  if (matchEvidence.length === 0) {
    if (years.size && own.year === undefined) {
      const year = [...years].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
      if (year !== undefined) {
        return { value: `${year}-${own.month !== undefined ? String(own.month).padStart(2, '0') : 'XX'}-XX`, inferred: true, method: 'cross-document', confidence: 0.5, note: 'Year learned from other documents reporting the same dated events; the day is unknown.' };
      }
    }
    return undefined;
  }
  const first = Math.min(...matchEvidence.map((e) => e.first));
  const last = Math.max(...matchEvidence.map((e) => e.last));
  // Most shared events agreeing wins; then the document's own relative references decide (reports are about recent days).
  let bestScore = -1;
  let candidates: number[] = [];
  for (let d = first; d <= last; d++) {
    if (own.year !== undefined && Number(formatDay(d).slice(0, 4)) !== own.year) continue;
    const score = evidence.reduce((s, e) => s + (e.holds(d) ? 1 : 0), 0);
    if (score > bestScore) {
      bestScore = score;
      candidates = [d];
    } else if (score === bestScore) candidates.push(d);
  }
  if (bestScore < 1 || candidates.length === 0) return undefined;
  const c0 = candidates[0] ?? first;
  const cN = candidates[candidates.length - 1] ?? first;
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
    note: `${bestScore} shared event(s) dated by other documents (${sources.slice(0, 5).join(', ')}) fix this document's weekday references${ownDay !== undefined && ownDay !== solved.day ? '; revises its own estimate' : ''}.`.slice(0, 500),
  };
}
