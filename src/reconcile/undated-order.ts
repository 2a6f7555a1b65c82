import { weekdayOffset } from '../calendar/index.js';
import type { DocumentDate, RelativeDescriptor } from '../model/timeline-model.js';
import type { Item } from './items.js';

/**
 * Ordering events of documents whose day is unknown. Their weekdays cannot be placed on a calendar,
 * but each document's references fix where they lie relative to the document's own day ("Sunday"
 * past and "Monday" ahead: the report is from Sunday, the Monday is one day later). Each undated
 * document gets the weekday that keeps its references closest to it; each event an offset in days.
 */

function offsetFrom(descriptor: RelativeDescriptor, documentWeekday: number): number | undefined {
  if (descriptor.kind === 'weekday') return weekdayOffset(documentWeekday, descriptor.weekday, descriptor.direction);
  if (descriptor.kind === 'offset') {
    const days =
      descriptor.unit === 'day'
        ? 1
        : descriptor.unit === 'week'
          ? 7
          : descriptor.unit === 'month'
            ? 30
            : descriptor.unit === 'quarter'
              ? 91
              : 365;
    return Math.round(descriptor.amount) * days;
  }
  return undefined;
}

function documentWeekday(items: readonly Item[]): number {
  let best = 7;
  let bestCost = Infinity;
  // Sunday first: ties go to the day most reports are written about.
  for (const w of [7, 1, 2, 3, 4, 5, 6]) {
    let cost = 0;
    for (const item of items) {
      const r = item.event.relative;
      if (r?.kind !== 'weekday') continue;
      cost += Math.abs(offsetFrom(r, w) ?? 0);
    }
    if (cost < bestCost) {
      best = w;
      bestCost = cost;
    }
  }
  return best;
}

/** Days from its (undated) document's own day, for events of undated documents; undefined otherwise. */
export function undatedOffsets(
  docs: readonly { documentId: string; items: readonly Item[] }[],
  dates: ReadonlyMap<string, DocumentDate>,
): Map<string, number> {
  const offsets = new Map<string, number>();
  for (const doc of docs) {
    const value = dates.get(doc.documentId)?.value;
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    const weekday = documentWeekday(doc.items);
    for (const item of doc.items) {
      const r = item.event.relative;
      if (!r || item.event.resolution !== 'document-relative') continue;
      const offset = offsetFrom(r, weekday);
      if (offset !== undefined) offsets.set(item.event.eventId, offset);
    }
  }
  return offsets;
}

/**
 * Aligns undated documents on one another through the entries they share (CNN's "Sunday" is one
 * day before in a Monday report and the same day in a Sunday report), then places each entry by
 * the mean aligned day of its undated members. Documents are visited in id order: deterministic.
 */
export function alignedPositions(
  entries: readonly { entryId: string; eventIds: readonly string[] }[],
  offsets: ReadonlyMap<string, number>,
): Map<string, number> {
  const documentOf = (eventId: string): string => eventId.slice(0, eventId.indexOf(':'));
  const links = new Map<string, { other: string; delta: number }[]>();
  for (const entry of entries) {
    const members = entry.eventIds.filter((id) => offsets.has(id));
    for (let i = 1; i < members.length; i++) {
      const a = members[0] as string;
      const b = members[i] as string;
      const da = documentOf(a);
      const db = documentOf(b);
      if (da === db) continue;
      // day(db) - day(da) = offset(a) - offset(b)
      const delta = (offsets.get(a) ?? 0) - (offsets.get(b) ?? 0);
      (links.get(da) ?? links.set(da, []).get(da))?.push({ other: db, delta });
      (links.get(db) ?? links.set(db, []).get(db))?.push({ other: da, delta: -delta });
    }
  }
  const base = new Map<string, number>();
  for (const start of [...links.keys()].sort()) {
    if (base.has(start)) continue;
    base.set(start, 0);
    const queue = [start];
    while (queue.length) {
      const doc = queue.shift() as string;
      for (const { other, delta } of (links.get(doc) ?? [])
        .slice()
        .sort((x, y) => (x.other < y.other ? -1 : x.other > y.other ? 1 : x.delta - y.delta))) {
        if (base.has(other)) continue;
        base.set(other, (base.get(doc) ?? 0) + delta);
        queue.push(other);
      }
    }
  }
  const positions = new Map<string, number>();
  for (const entry of entries) {
    let sum = 0;
    let n = 0;
    for (const id of entry.eventIds) {
      const o = offsets.get(id);
      if (o === undefined) continue;
      sum += o + (base.get(documentOf(id)) ?? 0);
      n++;
    }
    if (n) positions.set(entry.entryId, Math.round((sum / n) * 100) / 100);
  }
  return positions;
}
