import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import {
  ANALYSIS_BUDGET_EXCEEDED,
  analysisDeadlineMs,
  AnalysisBudgetError,
  AnalysisThreadError,
  boundAnalysis,
  DEFAULT_ANALYSIS_BUDGET,
  type AnalysisBudget,
} from './analysis-budget.js';

export type Analyze = (input: DocumentInput) => Promise<DocumentAnalysis>;

interface Request {
  readonly id: number;
  readonly input: DocumentInput;
  readonly resolve: (analysis: DocumentAnalysis) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  /** The one request this thread runs (one at a time, so its deadline is its own). */
  running?: { readonly request: Request; readonly deadline: NodeJS.Timeout };
  /** Set once the thread is being replaced: whatever it says or does after is ignored. */
  retired: boolean;
  /** Set when the thread has loaded the pipeline: a deadline counts analysis, not start-up. */
  ready: boolean;
}

export interface AnalysisPoolOptions {
  /**
   * Texts shorter than this are analysed on the calling thread (no deadline can stop those, so keep
   * it small: even a freak text of 2,000 characters analyses in tens of milliseconds).
   * 0: every text goes to a thread (`timeline serve`: nothing is analysed on the server's event loop).
   */
  readonly inlineBelowChars?: number;
  readonly budget?: AnalysisBudget;
}

/**
 * Where BullMQ workers and the embedded CLI draw the line. Below it the worst text costs tens of
 * milliseconds (the pipeline is quadratic in a sentence full of date words), less than the copy
 * to a thread is worth avoiding; above it every analysis runs in a thread, under its deadline.
 */
export const INLINE_ANALYSIS_MAX_CHARS = 2_000;

/**
 * `timeline run` and `ingest` (no server, no job locks): texts under 20,000 characters on the
 * calling thread, which spares a short command the start of a thread (about 150 ms); the worst of
 * them takes under a second and is then caught by the output budget.
 */
export const CLI_INLINE_ANALYSIS_MAX_CHARS = 20_000;

/** The message an analysis thread posts back. */
export type ThreadReply =
  { ready: true } | { id: number; analysis: DocumentAnalysis } | { id: number; error: string; code?: string };

/**
 * Worker threads for the pure pipeline, each running one analysis at a time under the document's
 * budget (analysis-budget.ts): past its deadline the thread is terminated and the document fails
 * with ANALYSIS_BUDGET_EXCEEDED; a thread that runs out of memory fails its document the same way;
 * a thread that dies otherwise fails its document with a retryable error. Dead threads are replaced.
 * Requests wait in order for a free thread.
 */
export class AnalysisPool {
  private readonly threads: Thread[] = [];
  private readonly waiting: Request[] = [];
  private nextId = 0;
  private closing = false;
  private readonly inlineBelowChars: number;
  private readonly budget: AnalysisBudget;

  constructor(size: number, options: AnalysisPoolOptions = {}) {
    this.inlineBelowChars = options.inlineBelowChars ?? 0;
    this.budget = options.budget ?? DEFAULT_ANALYSIS_BUDGET;
    for (let i = 0; i < Math.max(1, size); i++) this.threads.push(this.spawn());
  }

  analyze: Analyze = (input) => {
    if (typeof input.text === 'string' && input.text.length < this.inlineBelowChars) {
      try {
        return Promise.resolve(boundAnalysis(analyzeDocument(input), input.text, this.budget));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return new Promise<DocumentAnalysis>((resolvePromise, reject) => {
      this.waiting.push({ id: this.nextId++, input, resolve: resolvePromise, reject });
      this.dispatch();
    });
  };

  /** Analyses running or waiting for a thread. */
  get pending(): number {
    return this.waiting.length + this.threads.filter((thread) => thread.running).length;
  }

  async close(): Promise<void> {
    this.closing = true;
    const closed = new Error('the analysis pool is closed');
    for (const request of this.waiting.splice(0)) request.reject(closed);
    await Promise.all(
      this.threads.map((thread) => {
        this.settle(thread, (request) => request.reject(closed));
        thread.retired = true;
        return thread.worker.terminate();
      }),
    );
  }

  /** Threads keep the process up while there is work (a CLI waiting for its analyses), never when idle. */
  private updateRefs(): void {
    const busy = this.pending > 0;
    for (const thread of this.threads) {
      if (busy) thread.worker.ref();
      else thread.worker.unref();
    }
  }

  private dispatch(): void {
    if (this.closing) return;
    try {
      this.dispatchWaiting();
    } finally {
      this.updateRefs();
    }
  }

  private dispatchWaiting(): void {
    for (const thread of this.threads) {
      if (thread.running || thread.retired || !thread.ready) continue;
      const request = this.waiting.shift();
      if (!request) return;
      const limitMs = analysisDeadlineMs(
        typeof request.input.text === 'string' ? request.input.text.length : 0,
        this.budget,
      );
      const deadline = setTimeout(() => {
        this.replace(thread, (waiting) =>
          waiting.reject(
            new AnalysisBudgetError(`the analysis took longer than its budget of ${limitMs} ms and was stopped`),
          ),
        );
      }, limitMs);
      thread.running = { request, deadline };
      thread.worker.postMessage({ id: request.id, input: request.input, budget: this.budget });
    }
  }

  /** Ends the thread's current request (if any) with `outcome`. */
  private settle(thread: Thread, outcome: (request: Request) => void): void {
    const running = thread.running;
    if (!running) return;
    clearTimeout(running.deadline);
    thread.running = undefined;
    outcome(running.request);
    this.updateRefs();
  }

  /** Fails the thread's request, terminates the thread and puts a fresh one in its place. */
  private replace(thread: Thread, outcome: (request: Request) => void): void {
    if (thread.retired) return;
    thread.retired = true;
    this.settle(thread, outcome);
    void thread.worker.terminate().catch(() => undefined);
    const index = this.threads.indexOf(thread);
    if (index >= 0 && !this.closing) this.threads[index] = this.spawn();
    this.dispatch();
  }

  private spawn(): Thread {
    const worker = new Worker(threadScript(), {
      resourceLimits: { maxOldGenerationSizeMb: this.budget.threadMemoryMb },
    });
    const thread: Thread = { worker, retired: false, ready: false };
    worker.on('message', (message: ThreadReply) => {
      if ('ready' in message) {
        thread.ready = true;
        this.dispatch();
        return;
      }
      if (thread.retired || thread.running?.request.id !== message.id) return;
      this.settle(thread, (request) => {
        if ('analysis' in message) {
          // Not validated here: processDocument bounds the analysis again and turns every part of it
          // into log events through their zod schemas (newTimelineEvent) before anything is written.
          request.resolve(message.analysis);
        } else if (message.code === ANALYSIS_BUDGET_EXCEEDED) request.reject(new AnalysisBudgetError(message.error));
        else request.reject(new Error(message.error));
      });
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.replace(thread, (request) =>
        request.reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AnalysisBudgetError(
                `the analysis ran out of its memory budget (${this.budget.threadMemoryMb} MB) and was stopped`,
              )
            : new AnalysisThreadError(`the analysis thread failed: ${error.message}`),
        ),
      );
    });
    worker.on('exit', (code) => {
      if (this.closing) return;
      this.replace(thread, (request) =>
        request.reject(new AnalysisThreadError(`the analysis thread exited with code ${code}`)),
      );
    });
    worker.unref();
    return thread;
  }
}

/** The compiled thread script: next to this module in dist/, or in dist/ when running from src/ under vitest. */
function threadScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'analysis-thread.js');
  if (existsSync(sibling)) return sibling;
  const built = resolve(here, '../../dist/workers/analysis-thread.js');
  if (existsSync(built)) return built;
  throw new Error('dist/workers/analysis-thread.js is missing: run `npm run build`');
}
