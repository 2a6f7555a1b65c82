import type { DocumentAnalysis, ExtractedEvent } from '../model/timeline-model.js';

/**
 * What one document's analysis may cost, enforced from outside the pure pipeline whatever it
 * returns: time (a deadline that terminates the analysis thread), memory (the thread's heap) and
 * output (events per document and per kilobyte of text, bytes per event and per byte of text).
 * Past any of them the document fails with ANALYSIS_BUDGET_EXCEEDED and is not analysed again.
 *
 * Figures: the development corpus (183 TimeBank documents and the seeds) has at most 9 events per
 * kilobyte and 18 per document, events of at most 1.3 KB, quotes of at most 360 characters; the
 * limits below leave a wide margin above that and bound the log to a few kilobytes per kilobyte of text.
 */
export interface AnalysisBudget {
  /**
   * Wall-clock time of one analysis in its thread: baseTimeoutMs + timeoutMsPerKilobyte per KB of
   * text, at most timeoutMs; the thread is terminated past it. A news text analyses at well under
   * a millisecond per kilobyte, so a text that needs 5 ms per kilobyte is a freak, and is stopped
   * early in proportion to its size instead of after the longest wait.
   */
  readonly timeoutMs: number;
  readonly baseTimeoutMs: number;
  readonly timeoutMsPerKilobyte: number;
  /** Heap of an analysis thread (MB): a thread that runs out dies, not the process. */
  readonly threadMemoryMb: number;
  /** Events of one document: at most baseEvents + eventsPerKilobyte per KB of text, and never more than maxEvents. */
  readonly baseEvents: number;
  readonly eventsPerKilobyte: number;
  readonly maxEvents: number;
  /** One EventExtracted as serialized JSON, after the quote is clipped. */
  readonly maxEventBytes: number;
  /** All of a document's events serialized: at most baseEventBytes + eventBytesPerTextByte × the text's bytes. */
  readonly baseEventBytes: number;
  readonly eventBytesPerTextByte: number;
  /** Quotes longer than this are clipped to a window around their date expression. */
  readonly maxQuoteChars: number;
  /** A document title derived from the text (its first line) is cut to this many characters, as client titles are capped. */
  readonly maxTitleChars: number;
}

export const DEFAULT_ANALYSIS_BUDGET: AnalysisBudget = {
  timeoutMs: 10_000,
  baseTimeoutMs: 2_000,
  timeoutMsPerKilobyte: 5,
  threadMemoryMb: 1024,
  baseEvents: 64,
  eventsPerKilobyte: 24,
  maxEvents: 20_000,
  maxEventBytes: 8 * 1024,
  baseEventBytes: 64 * 1024,
  eventBytesPerTextByte: 4,
  maxQuoteChars: 1000,
  maxTitleChars: 500,
};

/** `TIMELINE_ANALYSIS_TIMEOUT_MS` sets the time budget whatever the text's size (tests and slow machines). */
export function analysisBudgetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  base: AnalysisBudget = DEFAULT_ANALYSIS_BUDGET,
): AnalysisBudget {
  const timeout = Number(env.TIMELINE_ANALYSIS_TIMEOUT_MS);
  return Number.isInteger(timeout) && timeout > 0 ? { ...base, timeoutMs: timeout, baseTimeoutMs: timeout } : base;
}

/** The deadline of one analysis of a text of `textChars` characters. */
export function analysisDeadlineMs(textChars: number, budget: AnalysisBudget): number {
  return Math.min(budget.timeoutMs, budget.baseTimeoutMs + Math.ceil((budget.timeoutMsPerKilobyte * textChars) / 1024));
}

export const ANALYSIS_BUDGET_EXCEEDED = 'ANALYSIS_BUDGET_EXCEEDED';
/** A document whose worker process died under it twice: failed, not queued again. */
export const WORKER_DIED = 'WORKER_DIED';

export type PoisonCode = typeof ANALYSIS_BUDGET_EXCEEDED | typeof WORKER_DIED;
export const POISON_CODES: readonly PoisonCode[] = [ANALYSIS_BUDGET_EXCEEDED, WORKER_DIED];

/** The document's analysis went past its budget. Never retryable: the same text costs the same. */
export class AnalysisBudgetError extends Error {
  readonly code = ANALYSIS_BUDGET_EXCEEDED;
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisBudgetError';
  }
}

export const isAnalysisBudgetError = (error: unknown): error is AnalysisBudgetError =>
  error instanceof AnalysisBudgetError;

/** The worker process died under the document's job twice (killed, out of memory). Never retryable. */
export class WorkerDiedError extends Error {
  readonly code = WORKER_DIED;
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'WorkerDiedError';
  }
}

export const isWorkerDiedError = (error: unknown): error is WorkerDiedError => error instanceof WorkerDiedError;

/** An analysis thread died for a reason not tied to the document (retryable: the job runs again). */
export class AnalysisThreadError extends Error {
  readonly code = 'ANALYSIS_THREAD_DIED';
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisThreadError';
  }
}

export const isAnalysisThreadError = (error: unknown): error is AnalysisThreadError =>
  error instanceof AnalysisThreadError;

/** Cuts at a character boundary (never inside a surrogate pair). */
function safeCut(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** A derived title cut to `maxChars`, at a word boundary when there is one near, with an ellipsis. */
export function clipTitle(title: string, maxChars: number): string {
  if (title.length <= maxChars) return title;
  let end = safeCut(title, maxChars - 1);
  const space = title.lastIndexOf(' ', end);
  if (space > maxChars / 2) end = space;
  return `${title.slice(0, end).trimEnd()}…`;
}

/**
 * The quote clipped to at most `maxChars` around its date expression, start and end moved with
 * it: the quote stays the text between its offsets.
 */
function clipQuote(event: ExtractedEvent, maxChars: number): ExtractedEvent['quote'] {
  const { quote, timex } = event;
  if (quote.text.length <= maxChars) return quote;
  const length = quote.end - quote.start;
  if (length !== quote.text.length) {
    // Offsets and text disagree (not what the pipeline gives): keep the head, offsets from the start.
    const cut = safeCut(quote.text, maxChars);
    return { start: quote.start, end: quote.start + cut, text: quote.text.slice(0, cut) };
  }
  const timexMiddle =
    Math.min(Math.max(Math.floor((timex.start + timex.end) / 2), quote.start), quote.end) - quote.start;
  let from = Math.max(0, Math.min(timexMiddle - Math.floor(maxChars / 2), length - maxChars));
  from = safeCut(quote.text, from);
  const to = safeCut(quote.text, Math.min(length, from + maxChars));
  return { start: quote.start + from, end: quote.start + to, text: quote.text.slice(from, to) };
}

/** The cap on a text's events, by its length in bytes. */
export function maxEventsFor(textBytes: number, budget: AnalysisBudget): number {
  return Math.min(budget.maxEvents, budget.baseEvents + Math.ceil((budget.eventsPerKilobyte * textBytes) / 1024));
}

export function maxEventBytesFor(textBytes: number, budget: AnalysisBudget): number {
  return budget.baseEventBytes + budget.eventBytesPerTextByte * textBytes;
}

/**
 * The analysis within its budget: derived title and long quotes clipped, then the output checked.
 * Throws AnalysisBudgetError when the document says more than its text can reasonably hold (a
 * freak text: thousands of date words in one sentence), before anything is appended to the log.
 * Cheap on normal documents; stops at the first limit passed.
 */
export function boundAnalysis(
  analysis: DocumentAnalysis,
  text: string,
  budget: AnalysisBudget = DEFAULT_ANALYSIS_BUDGET,
): DocumentAnalysis {
  const textBytes = Buffer.byteLength(text, 'utf8');
  const maxEvents = maxEventsFor(textBytes, budget);
  if (analysis.events.length > maxEvents) {
    throw new AnalysisBudgetError(
      `the analysis found ${analysis.events.length} dated events in ${textBytes} bytes of text; the budget is ${maxEvents} ` +
        `(${budget.baseEvents} + ${budget.eventsPerKilobyte} per KB, at most ${budget.maxEvents})`,
    );
  }
  const maxTotal = maxEventBytesFor(textBytes, budget);
  let total = 0;
  const events: ExtractedEvent[] = [];
  for (const event of analysis.events) {
    const bounded =
      event.quote.text.length > budget.maxQuoteChars
        ? { ...event, quote: clipQuote(event, budget.maxQuoteChars) }
        : event;
    // The stored form adds the document id (EventExtracted); counted in characters of JSON, a bound on bytes/3.
    const size = JSON.stringify(bounded).length + analysis.documentId.length + 20;
    if (size > budget.maxEventBytes) {
      throw new AnalysisBudgetError(
        `event ${event.eventId} is ${size} characters serialized; the budget is ${budget.maxEventBytes} per event`,
      );
    }
    total += size;
    if (total > maxTotal) {
      throw new AnalysisBudgetError(
        `the events of this ${textBytes}-byte text pass ${maxTotal} characters serialized, the budget (${budget.baseEventBytes} + ${budget.eventBytesPerTextByte} per byte of text)`,
      );
    }
    events.push(bounded);
  }
  // A title taken from the text (its first line) may be the whole text: capped as the API caps a client's.
  return { ...analysis, title: clipTitle(analysis.title, budget.maxTitleChars), events };
}
