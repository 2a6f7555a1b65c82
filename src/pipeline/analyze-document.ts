import type {
  DatedValue,
  DocumentAnalysis,
  DocumentDate,
  DocumentInput,
  ExtractedEvent,
} from '../model/timeline-model.js';
import { tagTemporalExpressions, type Timex } from '../tagger/index.js';
import { cleanDocument, type CleanedDocument } from '../text/clean.js';
import { toOriginalRange } from '../text/offset-map.js';
import { splitSentences } from '../text/sentences.js';
import { parsePartialDay } from '../extraction/calendar.js';
import { inferDocumentDate, providedDocumentDate } from '../extraction/document-date.js';
import { extractDrafts, type DraftEvent, type ReportDraft } from '../extraction/events.js';
import { resolveBasis, type DateBasis } from '../extraction/resolve.js';
import { daySpan, valueHolds } from '../extraction/calendar.js';
import { tagText } from '../language/annotate.js';
import type { DateRule } from '../model/timeline-model.js';

/** Bump when the analysis of the same input changes, so stored analyses can be told apart. */
export const EXTRACTOR_VERSION = 'x5';

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
      return {
        resolution: 'explicit',
        explicit: { value: d.source.value, granularity: d.source.granularity },
        approximate: d.approximate,
      };
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
  const tagged = tagText(cleaned.text);
  const { events: drafts, bounds, reports, sentenceOf } = extractDrafts(cleaned, sentences, datedTimexes, tagged);
  const documentDate: DocumentDate =
    (input.publishedAt ? providedDocumentDate(input.publishedAt) : undefined) ??
    dateline?.date ??
    inferDocumentDate(drafts, bounds, input.yearHint);
  const partial = parsePartialDay(documentDate.value);
  const known = documentDate.method === 'provided' || documentDate.confidence >= 0.5;
  const bases: DateBasis[] = drafts.map(basisOf);
  const original = input.text;
  // Dates first for what the calendar or the document date fixes, then for what hangs on those.
  const draftOrder = drafts
    .map((_, i) => i)
    .sort(
      (a, b) => drafts[a]!.timex.start - drafts[b]!.timex.start || drafts[a]!.timex.end - drafts[b]!.timex.end || a - b,
    );
  const resolved: (DatedValue | undefined)[] = [];
  for (const i of draftOrder)
    if (drafts[i]!.source.kind !== 'anchored') resolved[i] = resolveBasis(bases[i]!, partial, undefined, known);
  for (const i of draftOrder) {
    const d = drafts[i]!;
    if (d.source.kind !== 'anchored') continue;
    resolved[i] = resolveBasis(
      bases[i]!,
      partial,
      anchorValueInDocument(d.source.link.keywords, drafts, resolved),
      known,
    );
  }
  // One clause, one date: "Yesterday, at this year's conference, Jobs unveiled …" is dated by
  // "Yesterday"; the year that holds that day says nothing more.
  const dropped = coarserDatesOfOneClause(drafts, resolved);
  const reportDates = dateReports(
    reports,
    drafts,
    draftOrder,
    sentenceOf,
    bases,
    resolved,
    documentDate.value,
    partial,
    known,
  );
  // Every event, dated clauses and reports, in text order: ordinals (and so ids) follow the text.
  type Slot = { readonly at: number; readonly end: number; readonly draft?: number; readonly report?: number };
  const slots: Slot[] = [
    ...drafts.flatMap((d, i) => (dropped.has(i) ? [] : [{ at: d.timex.start, end: d.timex.end, draft: i }])),
    ...reports.map((r, i) => ({ at: r.verb.start, end: r.verb.end, report: i })),
  ];
  slots.sort(
    (a, b) =>
      a.at - b.at ||
      a.end - b.end ||
      (a.draft ?? drafts.length + (a.report ?? 0)) - (b.draft ?? drafts.length + (b.report ?? 0)),
  );
  // The lede: the first sentence that reports anything, where a news report says what it is about.
  let ledeSentence = Infinity;
  for (const s of sentenceOf) if (s !== undefined && s < ledeSentence) ledeSentence = s;
  for (const r of reports) if (r.sentence < ledeSentence) ledeSentence = r.sentence;
  const ordinalOfDraft: number[] = [];
  const events: ExtractedEvent[] = [];
  for (let ordinal = 0; ordinal < slots.length; ordinal++) {
    const slot = slots[ordinal]!;
    const eventId = `${analysisKeyOf(input.documentId, EXTRACTOR_VERSION, input.revisionTag)}:e${ordinal}`;
    if (slot.draft !== undefined) {
      const i = slot.draft;
      ordinalOfDraft[i] = ordinal;
      const d = drafts[i]!;
      const basis = bases[i]!;
      const date = resolved[i] ?? resolveBasis(basis, partial, undefined, known);
      const timex = toOriginalRange(cleaned, d.timex.start, d.timex.end);
      const event = newEvent(
        eventId,
        ordinal,
        d,
        original,
        cleaned,
        date,
        basis.resolution,
        d.source.kind === 'anchored' ? 'anchor' : 'date-expression',
        {
          start: timex.start,
          end: timex.end,
          text: original.slice(timex.start, timex.end),
          type: d.timex.type,
          value: d.timex.value,
        },
      );
      if (d.predicate) event.predicate = d.predicate;
      if (d.aboutTheReport) event.aboutTheReport = true;
      if (sentenceOf[i] === ledeSentence) event.lede = true;
      if (basis.relative) event.relative = basis.relative;
      if (basis.anchorLink) event.anchorLink = basis.anchorLink;
      if (d.source.kind === 'anchored') event.anchor = d.source.anchorText;
      events.push(event);
      continue;
    }
    const r = reports[slot.report!]!;
    const dated = reportDates[slot.report!]!;
    const verb = toOriginalRange(cleaned, r.verb.start, r.verb.end);
    // What carries the date is the verb's tense: the verb stands where a date expression would.
    const event = newEvent(eventId, ordinal, r, original, cleaned, dated.date, dated.basis.resolution, dated.rule, {
      start: verb.start,
      end: verb.end,
      text: original.slice(verb.start, verb.end),
      type: 'DATE',
      value: r.tense === 'past' ? 'PAST_REF' : 'PRESENT_REF',
    });
    event.predicate = r.predicate;
    if (r.sentence === ledeSentence) event.lede = true;
    if (dated.basis.relative) event.relative = dated.basis.relative;
    if (dated.basis.anchorLink) event.anchorLink = dated.basis.anchorLink;
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

/** An event with every field in one order (one object shape for all events, no spreads). */
function newEvent(
  eventId: string,
  ordinal: number,
  d: {
    readonly title: string;
    readonly actors: DraftEvent['actors'];
    readonly keywords: readonly string[];
    readonly quote: { readonly start: number; readonly end: number };
  },
  original: string,
  cleaned: CleanedDocument,
  date: DatedValue,
  resolution: ExtractedEvent['resolution'],
  dateRule: DateRule,
  timex: ExtractedEvent['timex'],
): ExtractedEvent {
  const quote = toOriginalRange(cleaned, d.quote.start, d.quote.end);
  const actorNames: string[] = [];
  const persons: string[] = [];
  for (const a of d.actors) {
    if (!actorNames.includes(a.name)) actorNames.push(a.name);
    if (a.kind === 'person' && !persons.includes(a.name)) persons.push(a.name);
  }
  return {
    eventId,
    ordinal,
    title: d.title,
    actors: actorNames,
    persons,
    date,
    resolution,
    quote: { start: quote.start, end: quote.end, text: original.slice(quote.start, quote.end) },
    timex,
    keywords: d.keywords.slice(),
    dateRule,
  };
}

/** How far before the report a dated clause may lie and still set the time of the undated ones after it ("yesterday … he said"). */
const NARRATIVE_WINDOW_DAYS = 14;

interface ReportDate {
  readonly date: DatedValue;
  readonly basis: DateBasis;
  readonly rule: DateRule;
}

const REPORT_DAY: DateBasis = {
  resolution: 'document-relative',
  relative: { kind: 'offset', unit: 'day', amount: 0 },
  approximate: false,
};

/**
 * Dates for reported events without a date expression, by the rules of news narration: a clause
 * in the simple past shares the date of a dated clause before it in its sentence ("He started
 * Apple in 1976 and hired …"), else the recent day the report is telling of ("Jobs unveiled the
 * phone yesterday. … He demoed …"), else the report's own day, on or shortly before which it
 * happened. The present and the present perfect are the report's day (true then, or up to then).
 */
function dateReports(
  reports: readonly ReportDraft[],
  drafts: readonly DraftEvent[],
  draftOrder: readonly number[],
  sentenceOf: readonly number[],
  bases: readonly DateBasis[],
  resolved: readonly (DatedValue | undefined)[],
  documentDay: string | null,
  partial: ReturnType<typeof parsePartialDay>,
  known: boolean,
): ReportDate[] {
  const reportSpan = documentDay && known ? daySpan(documentDay) : undefined;
  const out: ReportDate[] = [];
  let cursor = 0;
  let narrative: number | undefined;
  // The lede: the first two sentences that report anything.
  const reportingSentences = [...new Set([...sentenceOf, ...reports.map((r) => r.sentence)])].sort((a, b) => a - b);
  const ledeEnd = (reportingSentences[1] ?? reportingSentences[0] ?? 0) + 1;
  for (const r of reports) {
    // Dated clauses before this report set the narrative time as the text goes.
    while (cursor < draftOrder.length && drafts[draftOrder[cursor]!]!.timex.start < r.verb.start) {
      const i = draftOrder[cursor++]!;
      const value = resolved[i];
      const span =
        value && (value.granularity === 'day' || value.granularity === 'time')
          ? daySpan(value.value.slice(0, 10))
          : undefined;
      // The day a report tells of is named relative to it ("yesterday", "on Wednesday") or in its lede;
      // a recent date given later ("the union voted on May 28") is background, not the story's time.
      const source = drafts[i]!.source;
      const tellsOf =
        (source.kind === 'relative' && source.descriptor.kind !== 'month-day') || (sentenceOf[i] ?? Infinity) < ledeEnd;
      if (
        reportSpan &&
        span &&
        tellsOf &&
        span.first <= reportSpan.first &&
        span.first >= reportSpan.first - NARRATIVE_WINDOW_DAYS &&
        !drafts[i]!.approximate
      )
        narrative = i;
    }
    let source: number | undefined;
    let rule: DateRule;
    if (r.tense === 'past') {
      for (let k = cursor - 1; k >= 0 && !r.progressive; k--) {
        const i = draftOrder[k]!;
        if (sentenceOf[i] !== r.sentence) {
          if ((sentenceOf[i] ?? -1) < r.sentence) break;
          continue;
        }
        if (!drafts[i]!.approximate && resolved[i] && resolved[i]!.granularity !== 'unknown') {
          source = i;
          break;
        }
      }
      if (source !== undefined) rule = 'same-sentence';
      else if (narrative !== undefined) {
        source = narrative;
        rule = 'narrative';
      } else rule = 'report-past';
    } else rule = r.tense === 'perfect' ? 'report-perfect' : 'report-present';
    if (source !== undefined) {
      out.push({ date: { ...resolved[source]!, certainty: 'inferred' }, basis: bases[source]!, rule });
      continue;
    }
    const date = resolveBasis(REPORT_DAY, partial, undefined, known);
    // "On or shortly before the report" (past) and "up to the report" (perfect) are not the day itself.
    out.push({
      date: { ...date, certainty: rule === 'report-present' ? date.certainty : 'approximate' },
      basis: REPORT_DAY,
      rule,
    });
  }
  return out;
}

/**
 * The drafts whose date only restates, less precisely, another date of the same clause ("2010" beside
 * "2010-06-07", "2010-06" beside "2010-06-07"): the clause keeps its most precise date.
 */
function coarserDatesOfOneClause(
  drafts: readonly DraftEvent[],
  resolved: readonly (DatedValue | undefined)[],
): Set<number> {
  const dropped = new Set<number>();
  const byClause = new Map<number, number[]>();
  drafts.forEach((d, i) => {
    if (d.datesVerbAt === undefined || d.source.kind === 'anchored') return;
    const list = byClause.get(d.datesVerbAt);
    if (list) list.push(i);
    else byClause.set(d.datesVerbAt, [i]);
  });
  for (const list of byClause.values()) {
    if (list.length < 2) continue;
    for (const i of list) {
      const coarse = resolved[i]?.value;
      if (!coarse || coarse.startsWith('X')) continue;
      const finer = list.some((j) => {
        const fine = resolved[j]?.value;
        return j !== i && fine !== undefined && fine !== coarse && valueHolds(coarse, fine);
      });
      if (finer) dropped.add(i);
    }
  }
  return dropped;
}

/**
 * A dateline or byline date ("WASHINGTON, March 13, 2022 —", "Published March 13, 2022"): a full
 * date in a heading or at the very start of the article is the report's own date.
 */
function datelineOf(
  cleaned: CleanedDocument,
  timexes: readonly Timex[],
): { date: DocumentDate; timex: Timex } | undefined {
  const firstBody = cleaned.blocks.find((b) => b.kind === 'body');
  for (const t of timexes) {
    if (t.resolution !== 'explicit' || !/^\d{4}-\d{2}-\d{2}/.test(t.value)) continue;
    const block = cleaned.blocks.find((b) => t.start >= b.start && t.end <= b.end);
    const inHeading = block !== undefined && block.kind !== 'body' && block.kind !== 'title';
    const atStart =
      block !== undefined && block === firstBody && t.start - block.start < 60 && standsAsDateline(cleaned.text, t);
    if (inHeading || atStart) {
      return {
        timex: t,
        date: {
          value: t.value.slice(0, 10),
          inferred: true,
          method: 'text',
          confidence: 0.8,
          note: `Dateline "${t.text}" at the head of the article.`,
        },
      };
    }
  }
  return undefined;
}

/**
 * A dateline is the date on a line of its own, or after a place and before a dash or a bracket
 * ("WASHINGTON, March 4 (Reuters) —"); "On March 4, 2019 the firm launched …" opens a sentence.
 */
function standsAsDateline(text: string, t: Timex): boolean {
  const lineStart = text.lastIndexOf('\n', t.start - 1) + 1;
  const before = text.slice(lineStart, t.start);
  const after = text.slice(t.end, Math.min(text.length, t.end + 40));
  const placeOrNothing = /^(\s*|\p{Lu}[\p{L} .'’-]{0,40},\s*)$/u.test(before);
  return placeOrNothing && /^\s*($|\n|[-–—:|(]|\.?\s*\n)/.test(after);
}

/**
 * The date the document gives the anchor ("invade" → the invasion's "Feb. 24"): the first dated,
 * non-anchored event carrying all the anchor's keywords. Day values, or month-days without a year.
 */
function anchorValueInDocument(
  keywords: readonly string[],
  drafts: readonly DraftEvent[],
  resolved: readonly (DatedValue | undefined)[],
): string | undefined {
  if (!keywords.length) return undefined;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    if (!d || d.source.kind === 'anchored' || d.approximate || !keywords.every((k) => d.keywords.includes(k))) continue;
    const value = resolved[i]?.value;
    if (value && /^[\dX]{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  }
  return undefined;
}
