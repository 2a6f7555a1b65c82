import type { DatedValue, DocumentDate } from '../model/timeline-model.js';
import { parsePartialDay } from '../extraction/calendar.js';
import { resolveBasis } from '../extraction/resolve.js';
import { isTrusted } from './document-dates.js';
import type { Item } from './items.js';

/**
 * An event's date given its document's date: a document-relative event ("on Sunday") resolved
 * against it, any other event as extracted (event-anchored ones are resolved through their anchor
 * afterwards, in reconcile-timeline.ts).
 */
export function dateAgainstDocument(item: Item, documentDate: DocumentDate): DatedValue {
  const e = item.event;
  if (e.resolution !== 'document-relative' || !e.relative) return e.date;
  return resolveBasis(
    { resolution: e.resolution, relative: e.relative, approximate: e.date.certainty === 'approximate' },
    parsePartialDay(documentDate.value),
    undefined,
    documentDate.method === 'provided' || isTrusted(documentDate),
  );
}
