/**
 * `npm run bench -- --scale [--json] [--scale-sizes 10000,100000]`: one new document's
 * reconciliation on synthetic archives of each size (scale-archive.ts), each size in a process of
 * its own (scale-reconcile.ts), so the peak RSS is that of a reconciler holding that archive.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentAnalysis } from '../model/timeline-model.js';
import { analyzeDocument } from '../pipeline/analyze-document.js';
import { acceptDocument } from '../documents/document-job.js';
import { benchTexts } from './bench-support.js';
import type { ScaleReconcileFigures } from './scale-reconcile.js';

const SCALE_RECONCILE = fileURLToPath(new URL('./scale-reconcile.js', import.meta.url));

export async function benchScale(sizes: readonly number[]): Promise<Record<string, ScaleReconcileFigures>> {
  const bases: DocumentAnalysis[] = benchTexts().map((text) =>
    analyzeDocument(acceptDocument({ text: text.text, publishedAt: text.dct, source: text.source })),
  );
  const dir = mkdtempSync(join(tmpdir(), 'timeline-scale-'));
  const basesFile = join(dir, 'bases.json');
  writeFileSync(basesFile, JSON.stringify(bases));
  const figures: Record<string, ScaleReconcileFigures> = {};
  try {
    for (const size of sizes) figures[String(size)] = await runSize(basesFile, size);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

function runSize(basesFile: string, size: number): Promise<ScaleReconcileFigures> {
  return new Promise((resolve, reject) => {
    // A heap large enough for the biggest archive: the figure is what it uses, not a limit it hits.
    const child = spawn(process.execPath, ['--max-old-space-size=8192', SCALE_RECONCILE, basesFile, String(size)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`scale bench at ${size} documents exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ScaleReconcileFigures);
    });
  });
}
