import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import type { DocumentInput } from '../model/timeline-model.js';

/** Runs the pure pipeline off the main thread; see analysis-pool.ts. */
parentPort?.on('message', (message: { id: number; input: DocumentInput }) => {
  try {
    parentPort?.postMessage({ id: message.id, analysis: analyzeDocument(message.input) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
