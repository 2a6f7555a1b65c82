import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { AnalysisPool } from '../../src/workers/analysis-pool.js';

const pool = new AnalysisPool(2);
afterAll(() => pool.close());

describe('AnalysisPool (worker threads running the compiled pipeline)', () => {
  it('gives exactly what the pipeline gives on the main thread', async () => {
    const inputs = ['000_59b906baaf3cd259.txt', '002_740a51fa8534cdd4.txt', '004_a68caf95ae866559.txt'].map(
      (file, i) => ({
        documentId: `doc-${i}`,
        text: readFileSync(`seeds/${file}`, 'utf8'),
        source: file,
        publishedAt: '2022-03-13',
      }),
    );
    const threaded = await Promise.all(inputs.map((input) => pool.analyze(input)));
    expect(threaded).toEqual(inputs.map((input) => analyzeDocument(input)));
    expect(threaded.every((analysis) => analysis.events.length > 0)).toBe(true);
  });

  it('rejects when the input breaks the pipeline, and keeps serving', async () => {
    await expect(
      pool.analyze({ documentId: 'd', text: undefined as unknown as string, source: 's' }),
    ).rejects.toThrow();
    const ok = await pool.analyze({
      documentId: 'd2',
      text: 'Talks\n\nThe ministers met on Monday in Rome, officials said.',
      source: 's',
      publishedAt: '2022-03-15',
    });
    expect(ok.documentId).toBe('d2');
  });

  it('analyses texts under the inline limit on the calling thread, longer ones in a thread: the same results', async () => {
    const mixed = new AnalysisPool(1, { inlineBelowChars: 1000 });
    try {
      const short = {
        documentId: 'short',
        text: 'Talks\n\nThe ministers met on Monday in Rome, officials said.',
        source: 's',
        publishedAt: '2022-03-15',
      };
      const long = {
        documentId: 'long',
        text: readFileSync('seeds/000_59b906baaf3cd259.txt', 'utf8'),
        source: 's',
        publishedAt: '2022-03-13',
      };
      expect(long.text.length).toBeGreaterThan(1000);
      expect(await mixed.analyze(short)).toEqual(analyzeDocument(short));
      expect(await mixed.analyze(long)).toEqual(analyzeDocument(long));
      await expect(mixed.analyze({ ...short, text: undefined as unknown as string })).rejects.toThrow();
    } finally {
      await mixed.close();
    }
  });
});
