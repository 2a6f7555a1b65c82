import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentAnalysis, DocumentInput } from '../model/timeline-model.js';
import { analyzeDocument } from '../pipeline/analyze-document.js';

export type Analyze = (input: DocumentInput) => Promise<DocumentAnalysis>;

interface Waiting {
  readonly resolve: (analysis: DocumentAnalysis) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Waiting>;
}

export interface AnalysisPoolOptions {
  /**
   * Texts shorter than this are analysed on the calling thread: a news article takes about a
   * millisecond, less than copying it to a thread and its analysis back. 0: every text goes to a thread.
   */
  readonly inlineBelowChars?: number;
}

/** Where the workers draw the line: 100,000 characters analyse in about 15 ms on one core. */
export const INLINE_ANALYSIS_MAX_CHARS = 100_000;

/**
 * Worker threads for the pure pipeline. A 5 MB document takes seconds to analyse; on the main
 * thread that would stall BullMQ's lock renewals and every other job of the process. Requests go
 * to the least busy thread; a thread that dies is replaced and its requests fail (the job retries).
 */
export class AnalysisPool {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private closing = false;
  private readonly inlineBelowChars: number;

  constructor(size: number, options: AnalysisPoolOptions = {}) {
    this.inlineBelowChars = options.inlineBelowChars ?? 0;
    for (let i = 0; i < size; i++) this.threads.push(this.spawn());
  }

  analyze: Analyze = (input) => {
    if (typeof input.text === 'string' && input.text.length < this.inlineBelowChars) {
      try {
        return Promise.resolve(analyzeDocument(input));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const thread = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<DocumentAnalysis>((resolvePromise, reject) => {
      thread.pending.set(id, { resolve: resolvePromise, reject });
      thread.worker.postMessage({ id, input });
    });
  };

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(threadScript());
    const thread: Thread = { worker, pending: new Map<number, Waiting>() };
    worker.on('message', (message: { id: number; analysis?: unknown; error?: string }) => {
      const waiting = thread.pending.get(message.id);
      if (!waiting) return;
      thread.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      // Not validated here: processDocument turns every part of the analysis into log events
      // through their zod schemas (newTimelineEvent) before anything is written.
      else waiting.resolve(message.analysis as DocumentAnalysis);
    });
    worker.on('error', (error) => {
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
    });
    worker.on('exit', (code) => {
      const index = this.threads.indexOf(thread);
      if (code !== 0 && index >= 0 && !this.closing) {
        for (const waiting of thread.pending.values()) waiting.reject(new Error(`analysis thread exited with ${code}`));
        this.threads[index] = this.spawn();
      }
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
