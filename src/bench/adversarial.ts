/**
 * `npm run bench -- --adversarial` (or `node dist/bench/adversarial.js` after a build): the freak
 * texts of issue #17 at 20 KB, 200 KB and 2 MB, each analysed as `timeline serve` does (in an
 * analysis thread, under the default budget). Printed per text: how it ended, wall time, time per
 * kilobyte, events and stored bytes (what would be appended) per kilobyte. Figures, never asserted.
 */
import { performance } from 'node:perf_hooks';
import { documentIdOf } from '../documents/document-job.js';
import { isAnalysisBudgetError, DEFAULT_ANALYSIS_BUDGET } from '../workers/analysis-budget.js';
import { AnalysisPool } from '../workers/analysis-pool.js';

export interface AdversarialFigure {
  readonly shape: string;
  readonly kilobytes: number;
  readonly outcome: 'analysed' | 'ANALYSIS_BUDGET_EXCEEDED';
  readonly reason?: string;
  readonly ms: number;
  readonly msPerKilobyte: number;
  readonly eventsPerKilobyte: number;
  readonly storedBytesPerKilobyte: number;
}

const SHAPES: Record<string, (chars: number) => string> = {
  // One sentence full of date words (item 1): quadratic in today's analysis.
  tuesday: (chars) => `Hl\n\n${'tuesday '.repeat(Math.ceil(chars / 8))}`,
  'last week on monday the': (chars) => `Hl\n\n${'last week on monday the '.repeat(Math.ceil(chars / 24))}`,
  // One line, no newline, no date (item 6): the whole text would be its title.
  'one line, no date': (chars) => 'word '.repeat(Math.ceil(chars / 5)),
};

export const ADVERSARIAL_SIZES = [20 * 1024, 200 * 1024, 2 * 1024 * 1024];

export async function benchAdversarial(sizes: readonly number[] = ADVERSARIAL_SIZES): Promise<AdversarialFigure[]> {
  const pool = new AnalysisPool(1, { inlineBelowChars: 0, budget: DEFAULT_ANALYSIS_BUDGET });
  const figures: AdversarialFigure[] = [];
  try {
    for (const [shape, make] of Object.entries(SHAPES)) {
      for (const size of sizes) {
        const text = make(size);
        const kilobytes = Buffer.byteLength(text) / 1024;
        const started = performance.now();
        let outcome: AdversarialFigure['outcome'] = 'analysed';
        let reason: string | undefined;
        let events = 0;
        let stored = Buffer.byteLength(JSON.stringify({ text }));
        try {
          const analysis = await pool.analyze({ documentId: documentIdOf(text), text, source: 'bench' });
          events = analysis.events.length;
          stored += Buffer.byteLength(JSON.stringify(analysis));
        } catch (error) {
          if (!isAnalysisBudgetError(error)) throw error;
          outcome = 'ANALYSIS_BUDGET_EXCEEDED';
          reason = error.message;
          // What is appended instead: one DocumentRejected with the reason (the text is not stored).
          stored =
            Buffer.byteLength(
              JSON.stringify({ reason, code: error.code, documentId: documentIdOf(text), source: 'bench' }),
            ) + 200;
        }
        const ms = performance.now() - started;
        figures.push({
          shape,
          kilobytes: Math.round(kilobytes),
          outcome,
          ...(reason ? { reason } : {}),
          ms: Math.round(ms),
          msPerKilobyte: Math.round((ms / kilobytes) * 100) / 100,
          eventsPerKilobyte: Math.round((events / kilobytes) * 100) / 100,
          storedBytesPerKilobyte: Math.round(stored / kilobytes),
        });
      }
    }
  } finally {
    await pool.close();
  }
  return figures;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const figures = await benchAdversarial();
  for (const f of figures) {
    process.stdout.write(
      `${f.shape.padEnd(24)} ${String(f.kilobytes).padStart(5)} KB  ${f.outcome.padEnd(24)} ${String(f.ms).padStart(6)} ms  ` +
        `${String(f.msPerKilobyte).padStart(7)} ms/KB  ${String(f.eventsPerKilobyte).padStart(6)} events/KB  ${String(f.storedBytesPerKilobyte).padStart(6)} stored B/KB\n`,
    );
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
}
