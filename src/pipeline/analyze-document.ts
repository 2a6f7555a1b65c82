import type { DatedValue, DocumentAnalysis, DocumentDate, DocumentInput, ExtractedEvent } from '../model/timeline-model.js';
import { tagTemporalExpressions, type Timex } from '../tagger/index.js';
import { cleanDocument, type CleanedDocument } from '../text/clean.js';
import { toOriginalRange } from '../text/offset-map.js';
import { splitSentences } from '../text/sentences.js';
import { parsePartialDay } from '../extraction/calendar.js';
import { inferDocumentDate, providedDocumentDate } from '../extraction/document-date.js';
import { extractDrafts, type DraftEvent } from '../extraction/events.js';
import { resolveBasis, type DateBasis } from '../extraction/resolve.js';

/** Bump when the analysis of the same input changes, so stored analyses can be told apart. */
export const EXTRACTOR_VERSION = 'x1';

/**
 * The prefix of an analysis's event ids: `doc-…:x1` for a document as first received,
 * `doc-…:x1:r2-1a2b3c4d` after its second metadata revision (a corrected publication day is
 * re-analysed under new ids, so the first analysis stays in the log as it was).
 */
export function analysisKeyOf(documentId: string, extractorVersion: string, revisionTag?: string): string {
  return revisionTag ? `${documentId}:${extractorVersion}:${revisionTag}` : `${documentId}:${extractorVersion}`;
}

export function basisOf(d: DraftEvent): DateBasis {
  switch (d.source.kind) {
    case 'explicit':
      return { resolution: 'explicit', explicit: { value: d.source.value, granularity: d.source.granularity }, approximate: d.approximate };
    case 'relative':
      return { resolution: 'document-relative', relative: d.source.descriptor, approximate: d.approximate };
    case 'anchored':
      return { resolution: 'event-anchored', anchorLink: d.source.link, approximate: d.approximate };
  }
}

/**
 * One document in, what it says about dated events out. Pure and deterministic: the tagger is
 * called once, on the cleaned text, without a reference date; every relative date is resolved
 * here from its shape, so the same shapes can be re-resolved by reconciliation.
 */
export function analyzeDocument(input: DocumentInput): DocumentAnalysis {
  const cleaned = cleanDocument(input.text);
  const sentences = splitSentences(cleaned.text, cleaned.blocks);
  const timexes = tagTemporalExpressions(cleaned.text);
  const dateline = datelineOf(cleaned, timexes);
  // The dateline dates the report, not an event in it.
  const datedTimexes = dateline ? timexes.filter((t) => t !== dateline.timex) : timexes;
  const { events: drafts, bounds } = extractDrafts(cleaned, sentences, datedTimexes);
  const documentDate: DocumentDate =
    (input.publishedAt ? providedDocumentDate(input.publishedAt) : undefined) ?? dateline?.date ?? inferDocumentDate(drafts, bounds, input.yearHint);
  const partial = parsePartialDay(documentDate.value);
  const known = documentDate.method === 'provided' || documentDate.confidence >= 0.5;
  const n = drafts.length;
  // Draft indices in text order (ties: as found).
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  order.sort((a, b) => {
    const x = drafts[a]!.timex;
    const y = drafts[b]!.timex;
    return x.start - y.start || x.end - y.end || a - b;
  });
  const ordinalOfDraft: number[] = order.slice();
  for (let ordinal = 0; ordinal < n; ordinal++) ordinalOfDraft[order[ordinal]!] = ordinal;
  const bases: DateBasis[] = drafts.map(basisOf);
  const original = input.text;
  // Dates first for what the calendar or the document date fixes, then for what hangs on those.
  const resolved: (DatedValue | undefined)[] = [];
  for (const i of order) if (drafts[i]!.source.kind !== 'anchored') resolved[i] = resolveBasis(bases[i]!, partial, undefined, known);
  for (const i of order) {
    const d = drafts[i]!;
    if (d.source.kind !== 'anchored') continue;
    resolved[i] = resolveBasis(bases[i]!, partial, anchorValueInDocument(d.source.link.keywords, drafts, resolved), known);
  }
  const events: ExtractedEvent[] = [];
  for (let ordinal = 0; ordinal < n; ordinal++) {
    const i = order[ordinal]!;
    const d = drafts[i]!;
    const basis = bases[i]!;
    const date = resolved[i] ?? resolveBasis(basis, partial, undefined, known);
    const quote = toOriginalRange(cleaned, d.quote.start, d.quote.end);
    const timex = toOriginalRange(cleaned, d.timex.start, d.timex.end);
    const actorNames: string[] = [];
    const persons: string[] = [];
    for (const a of d.actors) {
      if (!actorNames.includes(a.name)) actorNames.push(a.name);
      if (a.kind === 'person' && !persons.includes(a.name)) persons.push(a.name);
    }
    const event: ExtractedEvent = {
      eventId: `${analysisKeyOf(input.documentId, EXTRACTOR_VERSION, input.revisionTag)}:e${ordinal}`,
      ordinal,
      title: d.title,
      actors: actorNames,
      persons,
      date,
      resolution: basis.resolution,
      quote: { start: quote.start, end: quote.end, text: original.slice(quote.start, quote.end) },
      timex: { start: timex.start, end: timex.end, text: original.slice(timex.start, timex.end), type: d.timex.type, value: d.timex.value },
      keywords: d.keywords.slice(),
    };
    if (basis.relative) event.relative = basis.relative;
    if (basis.anchorLink) event.anchorLink = basis.anchorLink;
    if (d.source.kind === 'anchored') event.anchor = d.source.anchorText;
    events.push(event);
  }
  const anchorBounds = bounds.map((b) => ({
    anchor: b.anchor,
    ...(b.draftIndex !== undefined ? { eventOrdinal: ordinalOfDraft[b.draftIndex] ?? 0 } : {}),
    minDays: b.minDays,
    maxDays: b.maxDays,
  }));
  return {
    documentId: input.documentId,
    extractorVersion: EXTRACTOR_VERSION,
    title: input.title ?? cleaned.title,
    documentDate,
    events,
    ...(anchorBounds.length ? { anchorBounds } : {}),
    clutter: cleaned.clutter.map((c) => ({ start: c.start, end: c.end, kind: c.kind })),
  };
}

/**
 * A dateline or byline date ("WASHINGTON, March 13, 2022 —", "Published March 13, 2022"): a full
 * date in a heading or at the very start of the article is the report's own date.
 */
function datelineOf(cleaned: CleanedDocument, timexes: readonly Timex[]): { date: DocumentDate; timex: Timex } | undefined {
  const firstBody = cleaned.blocks.find((b) => b.kind === 'body');
  for (const t of timexes) {
    if (t.resolution !== 'explicit' || !/^\d{4}-\d{2}-\d{2}/.test(t.value)) continue;
    const block = cleaned.blocks.find((b) => t.start >= b.start && t.end <= b.end);
    const inHeading = block !== undefined && block.kind !== 'body' && block.kind !== 'title';
    const atStart = block !== undefined && block === firstBody && t.start - block.start < 60;
    if (inHeading || atStart) {
      return { timex: t, date: { value: t.value.slice(0, 10), inferred: true, method: 'text', confidence: 0.8, note: `Dateline "${t.text}" at the head of the article.` } };
    }
  }
  return undefined;
}

/**
 * The date the document gives the anchor ("invade" → the invasion's "Feb. 24"): the first dated,
 * non-anchored event carrying all the anchor's keywords. Day values, or month-days without a year.
 */
function anchorValueInDocument(keywords: readonly string[], drafts: readonly DraftEvent[], resolved: readonly (DatedValue | undefined)[]): string | undefined {
  if (!keywords.length) return undefined;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    if (!d || d.source.kind === 'anchored' || d.approximate || !keywords.every((k) => d.keywords.includes(k))) continue;
    const value = resolved[i]?.value;
    if (value && /^[\dX]{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  }
  return undefined;
}
