import type { AnchorLink, DatedValue, DateResolution, Granularity, RelativeDescriptor } from '../model/timeline-model.js';
import { granularityOf } from '../model/date-value.js';
import type { Timex } from '../tagger/index.js';
import type { CleanedDocument } from '../text/clean.js';
import type { SentenceSpan } from '../text/sentences.js';
import { tokenize, type Token } from '../text/tokens.js';
import { findActors, newActorMemory, type Actor } from './actors.js';
import { anchorKeywords, findAnchoredExpressions, type AnchoredExpression } from './anchored.js';
import { attachClause, headline } from './clause.js';
import { keywordsOf } from './lexicon.js';
import { describeRelative, windowLooksFuture, type Tense } from './relative.js';

/**
 * Events from temporal expressions, before the document date is known: each carries what dates it
 * (an explicit value, a relative shape, or an anchor), so the date can be resolved once the
 * document date is inferred, and again by reconciliation.
 */

export type DateSource =
  | { readonly kind: 'explicit'; readonly value: string; readonly granularity: Granularity }
  | { readonly kind: 'relative'; readonly descriptor: RelativeDescriptor }
  | { readonly kind: 'anchored'; readonly link: AnchorLink; readonly anchorText: string };

export interface DraftEvent {
  readonly title: string;
  readonly actors: readonly Actor[];
  readonly keywords: readonly string[];
  /** Cleaned-text offsets. */
  readonly quote: { readonly start: number; readonly end: number };
  readonly timex: { readonly start: number; readonly end: number; readonly type: Timex['type']; readonly value: string };
  readonly source: DateSource;
  readonly approximate: boolean;
}

export interface AnchorBoundDraft {
  readonly anchor: string[];
  /** Index into the drafts; undefined: the bound is on the document date. */
  readonly draftIndex?: number;
  readonly minDays: number;
  readonly maxDays: number;
}

export interface DocumentDrafts {
  readonly events: DraftEvent[];
  readonly bounds: AnchorBoundDraft[];
}

const CAPITALISED_RUN = /(?:[A-Z][A-Za-z\u00C0-\u024F’'.-]*\s+(?:(?:of|the)\s+)?){0,6}[A-Z][A-Za-z\u00C0-\u024F’'-]*/g;

/** Only the capitalised words of a sentence, as tokens with a separator between runs: enough to find names. */
function capitalisedTokens(text: string, offset: number): Token[] {
  const out: Token[] = [];
  CAPITALISED_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CAPITALISED_RUN.exec(text)) !== null) {
    if (out.length) out.push({ text: ',', start: offset + m.index, end: offset + m.index, isWord: false });
    out.push(...tokenize(m[0], offset + m.index));
  }
  return out;
}

const WEEKDAY_CUE = /day\s/i;

const REFERENCE_VALUE = /^(PAST_REF|PRESENT_REF|FUTURE_REF)$/;

/** Expressions that date nothing a reader wants on a timeline. */
function isDatable(t: Timex, sentence: string, sentenceStart: number): boolean {
  if (t.type === 'SET' || t.type === 'DURATION') return false;
  if (REFERENCE_VALUE.test(t.value)) return false;
  if (t.relative?.kind === 'reference') return false;
  if (/^(now|currently|recently|these days|the past|the future|over time|recent (days|weeks|years|months))$/i.test(t.text.trim())) return false;
  const before = sentence.slice(Math.max(0, t.start - sentenceStart - 12), t.start - sentenceStart).toLowerCase();
  // "closer than at any point since the mid-1950s": a yardstick, not an event.
  if (/\bsince (the )?$/.test(before)) {
    const granularity = granularityOf(t.value);
    if (granularity === 'decade' || granularity === 'century' || granularity === 'year') return false;
  }
  // Clock times ("Update: 6:08 pm" survives only in clutter; "around 11:50 a.m." dates the day's event).
  return true;
}

function tokenRange(tokens: readonly Token[], start: number, end: number): { from: number; to: number } {
  let from = tokens.findIndex((t) => t.end > start);
  if (from < 0) from = tokens.length;
  let to = from;
  while (to < tokens.length && (tokens[to]?.start ?? Infinity) < end) to++;
  return { from, to: Math.max(to, from + 1) };
}

function isWithin(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function dateSourceOf(t: Timex, tense: Tense): DateSource | undefined {
  if (t.resolution === 'explicit' && /^\d{3}[\dX]/.test(t.value)) {
    return { kind: 'explicit', value: t.value.replace(/T.*$/, ''), granularity: granularityOf(t.value.replace(/T.*$/, '')) };
  }
  const descriptor = describeRelative(t.text, t.relative?.kind === 'reference' ? undefined : t.relative, tense);
  if (descriptor) return { kind: 'relative', descriptor };
  // Clock times without a day: the day of the report.
  if (t.type === 'TIME' || /\b\d{1,2}(:\d{2})?\s*(a\.?m\.?|p\.?m\.?)/i.test(t.text)) return { kind: 'relative', descriptor: { kind: 'offset', unit: 'day', amount: 0 } };
  return undefined;
}

export function extractDrafts(doc: CleanedDocument, sentences: readonly SentenceSpan[], timexes: readonly Timex[]): DocumentDrafts {
  const events: DraftEvent[] = [];
  const bounds: AnchorBoundDraft[] = [];
  const memory = newActorMemory();
  let lastPerson: Actor | undefined;
  let timexCursor = 0;
  const sorted = [...timexes].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const sentence of sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    while (timexCursor < sorted.length && (sorted[timexCursor]?.start ?? Infinity) < sentence.start) timexCursor++;
    const inSentence: Timex[] = [];
    for (let i = timexCursor; i < sorted.length && (sorted[i]?.start ?? Infinity) < sentence.end; i++) {
      const t = sorted[i];
      if (t && t.end <= sentence.end) inSentence.push(t);
    }
    const anchored = sentence.block.kind === 'body' ? findAnchoredExpressions(text, sentence.start) : [];
    const active = sentence.block.kind === 'body' && (inSentence.length > 0 || anchored.length > 0);
    // Sentences that date nothing only teach names (for "Sullivan" later) and the last person (for "he").
    const tokens = active ? tokenize(text, sentence.start) : capitalisedTokens(text, sentence.start);
    const sentenceActors = findActors(tokens, memory);
    if (active) extractFromSentence(text, sentence, tokens, inSentence, anchored, events, bounds, sentenceActors, lastPerson);
    for (let a = sentenceActors.length - 1; a >= 0; a--) {
      const actor = sentenceActors[a]!;
      if (actor.kind === 'person') {
        lastPerson = actor;
        break;
      }
    }
  }
  return { events, bounds };
}

function extractFromSentence(
  text: string,
  sentence: SentenceSpan,
  tokens: readonly Token[],
  timexes: readonly Timex[],
  anchored: readonly AnchoredExpression[],
  events: DraftEvent[],
  bounds: AnchorBoundDraft[],
  sentenceActors: readonly Actor[],
  lastPerson: Actor | undefined,
): void {
  const quote = { start: sentence.start, end: sentence.end };
  const clauseOf = (start: number, end: number): { draft: Omit<DraftEvent, 'source' | 'timex' | 'approximate'>; tense: Tense; from: number; to: number; verb: number } => {
    const range = tokenRange(tokens, start, end);
    const clause = attachClause(tokens, range.from, range.to);
    const h = headline(tokens, clause, range.from, range.to, sentenceActors, lastPerson);
    const clauseStart = tokens[Math.min(h.from, tokens.length - 1)]?.start ?? sentence.start;
    const clauseEnd = tokens[Math.max(0, Math.min(h.to, tokens.length) - 1)]?.end ?? sentence.end;
    // Names are matched as actors, not as content; organisations ("House Intelligence Committee") say what happened.
    const actorWords = new Set(keywordsOf(h.actors.filter((a) => a.kind !== 'organisation').map((a) => a.name).join(' ')));
    // A verbless introduction ("Testifying before the House Intelligence Committee, …") describes the same event.
    const firstComma = text.indexOf(',');
    const introOnly = firstComma >= 0 && clauseStart - sentence.start > firstComma && !/[“”"]/.test(text.slice(0, firstComma)) && text.slice(firstComma + 1, clauseStart - sentence.start).trim() === '';
    const from = introOnly ? 0 : Math.max(0, clauseStart - sentence.start);
    // "Sunday talks" are talk shows, not talks.
    // (Only where a weekday name can be: "day" and a space.)
    const clauseSpan = text.slice(from, clauseEnd - sentence.start);
    const clauseText = WEEKDAY_CUE.test(clauseSpan) ? clauseSpan.replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(talk|talks|shows?|programs?)\b/gi, '$1') : clauseSpan;
    const keywords = keywordsOf(clauseText).filter((k) => !actorWords.has(k));
    return { draft: { title: h.title, actors: h.actors, keywords, quote }, tense: h.tense, from: clauseStart, to: clauseEnd, verb: clause.nominal ? -1 - range.from : (clause.verbIndex ?? -1 - range.from) };
  };
  const consumed = anchored.filter((a) => a.kind !== 'before-after' || true);
  const usable = timexes.filter((t) => isDatable(t, text, sentence.start) && !consumed.some((a) => isWithin(t, a)));
  const clausesWithDates: { from: number; to: number; verb: number; draftIndex: number; source: DateSource }[] = [];
  for (const t of usable) {
    // "11:50 a.m. Rome time (1050 GMT)": the bracketed one restates the other.
    const before = text.slice(0, t.start - sentence.start);
    if (/\([^)]*$/.test(before) && /^[^(]*\)/.test(text.slice(t.end - sentence.start))) continue;
    const { draft, from, to, verb, tense: verbTense } = clauseOf(t.start, t.end);
    if (draft.title === 'Event') continue;
    const tense = windowLooksFuture(text.slice(0, t.start - sentence.start)) ? 'future' : verbTense;
    const source = dateSourceOf(t, tense);
    if (!source) continue;
    // Two expressions dating one clause ("Sunday … this week" in one clause): keep the first.
    if (clausesWithDates.some((c) => c.verb === verb && c.source.kind === source.kind)) continue;
    const approximate = source.kind === 'relative' && source.descriptor.kind === 'offset' && source.descriptor.unit !== 'day';
    // Spelled out rather than spread: this runs for every dated clause and a spread is a slow copy.
    events.push({
      title: draft.title, actors: draft.actors, keywords: draft.keywords, quote: draft.quote,
      timex: { start: t.start, end: t.end, type: t.type, value: t.value }, source, approximate,
    });
    clausesWithDates.push({ from, to, verb, draftIndex: events.length - 1, source });
  }
  for (const a of anchored) {
    if (a.kind === 'ago') {
      bounds.push({ anchor: a.anchor, minDays: a.minDays, maxDays: a.maxDays });
      continue;
    }
    if (a.kind === 'before-after') {
      // "X comes a day before [Y]": Y is dated from X's date (X's own timex, or the report's "now").
      const main = clausesWithDates.find((c) => c.to <= a.start || (c.from <= a.start && c.to >= a.start));
      const { draft } = clauseOf(a.anchoredClauseStart, Math.min(a.anchoredClauseStart + 1, a.anchoredClauseEnd));
      const anchoredText = text.slice(a.anchoredClauseStart - sentence.start, a.anchoredClauseEnd - sentence.start);
      const sub = clauseForFragment(anchoredText, a.anchoredClauseStart, sentenceActors, lastPerson);
      const title = sub?.title ?? draft.title;
      const actors = sub?.actors ?? draft.actors;
      const keywords = keywordsOf(anchoredText).filter((k) => !new Set(actors.flatMap((x) => x.name.toLowerCase().split(/\s+/))).has(k));
      const mainSource = main?.source;
      let source: DateSource;
      if (mainSource?.kind === 'relative' && mainSource.descriptor.kind === 'offset' && mainSource.descriptor.unit === 'day') {
        source = { kind: 'relative', descriptor: { kind: 'offset', unit: 'day', amount: mainSource.descriptor.amount + a.offsetDays } };
      } else if (!main) {
        source = { kind: 'relative', descriptor: { kind: 'offset', unit: 'day', amount: a.offsetDays } };
      } else {
        // "walked out on Wednesday, a day after talks collapsed": the talks hang on the walkout's date.
        const mainDraft = events[main.draftIndex];
        const link = { keywords: anchorKeywords((mainDraft?.keywords ?? []).join(' ')), offsetDays: a.offsetDays, toleranceDays: 0 };
        if (!link.keywords.length) continue;
        source = { kind: 'anchored', link, anchorText: text.slice(Math.max(0, main.from - sentence.start), a.start - sentence.start).replace(/[\s,]+$/, '') };
      }
      events.push({ title, actors, keywords, quote, timex: { start: a.start, end: a.end, type: 'DATE', value: `P${Math.abs(a.offsetDays)}D` }, source, approximate: false });
      continue;
    }
    // same-day / into: the clause around the expression is dated through its anchor, unless it has a date of its own.
    const { draft, from, to } = clauseOf(a.start, a.end);
    const dated = clausesWithDates.find((c) => c.from <= a.start && c.to >= a.end) ?? clausesWithDates.find((c) => c.from === from && c.to === to);
    if (dated) {
      if (a.kind === 'into') bounds.push({ anchor: a.link.keywords, draftIndex: dated.draftIndex, minDays: a.minDays, maxDays: a.maxDays });
      continue;
    }
    // "told POLITICO on Sunday, … after struggling … more than two weeks into its invasion": the
    // sentence's dated report is that far into the war; the struggle is no event of its own.
    const reportInSentence = a.kind === 'into' ? [...clausesWithDates].reverse().find((c) => c.to <= a.start && c.source.kind === 'relative') : undefined;
    if (a.kind === 'into' && reportInSentence) {
      bounds.push({ anchor: a.link.keywords, draftIndex: reportInSentence.draftIndex, minDays: a.minDays, maxDays: a.maxDays });
      continue;
    }
    const anchorWords = new Set(keywordsOf(a.anchorText));
    const keywords = draft.keywords.filter((k) => !anchorWords.has(k));
    events.push({
      ...draft,
      keywords,
      timex: { start: a.start, end: a.end, type: 'DATE', value: a.kind === 'same-day' ? 'XXXX-XX-XX' : `P${a.link.offsetDays}D` },
      source: { kind: 'anchored', link: a.link, anchorText: a.anchorText },
      approximate: a.kind === 'into',
    });
  }
}

/** A headline for a fragment ("national security adviser Jake Sullivan is set to meet Yang Jiechi … in Rome"). */
function clauseForFragment(fragment: string, offset: number, sentenceActors: readonly Actor[], lastPerson: Actor | undefined): { title: string; actors: Actor[] } | undefined {
  const tokens = tokenize(fragment, offset);
  if (!tokens.length) return undefined;
  const clause = attachClause(tokens, 0, 0);
  const h = headline(tokens, { ...clause, from: 0, to: tokens.length }, 0, 0, sentenceActors, lastPerson);
  return { title: h.title, actors: h.actors };
}

export function datedValue(value: string, granularity: Granularity, certainty: DatedValue['certainty']): DatedValue {
  return { value, granularity, certainty };
}

export type { DateResolution };
