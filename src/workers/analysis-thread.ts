import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import type { DocumentInput } from '../model/timeline-model.js';
import { boundAnalysis, isAnalysisBudgetError, type AnalysisBudget } from './analysis-budget.js';
import type { ThreadReply } from './analysis-pool.js';

/**
 * Runs the pure pipeline off the main thread; see analysis-pool.ts. The output budget is checked
 * here, so a freak analysis (hundreds of megabytes of events) is never copied to the main thread.
 */
parentPort?.on('message', (message: { id: number; input: DocumentInput; budget: AnalysisBudget }) => {
  let reply: ThreadReply;
  try {
    reply = {
      id: message.id,
      analysis: boundAnalysis(analyzeDocument(message.input), message.input.text, message.budget),
    };
  } catch (error) {
    reply = {
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
      ...(isAnalysisBudgetError(error) ? { code: error.code } : {}),
    };
  }
  parentPort?.postMessage(reply);
});

// The pipeline is loaded (the imports above): the pool starts deadlines from here on.
parentPort?.postMessage({ ready: true } satisfies ThreadReply);
