import { describe, expect, it } from 'vitest';
import { DocumentAnalysis, ReconciledTimeline } from '../../src/model/timeline-model.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';
import { reconcileTimeline } from '../../src/reconcile/reconcile-timeline.js';
import { loadSeeds } from './seed-support.js';

describe('analyzeDocument on odd input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\n \t '],
    ['clutter only', 'Leave a Reply\n\nYour email address will not be published.\n\nThis website uses cookies. Accept'],
    ['no punctuation', 'word '.repeat(2000)],
    ['non-Latin', 'Президент заявил в понедельник, что переговоры продолжатся. 习近平周一表示。'],
  ])('returns a valid analysis for %s text', (_name, text) => {
    const a = analyzeDocument({ documentId: 'odd', text, source: 't' });
    expect(() => DocumentAnalysis.parse(a)).not.toThrow();
    expect(() => ReconciledTimeline.parse(reconcileTimeline([a]))).not.toThrow();
  });

  it('ignores an unreadable publishedAt instead of trusting it', () => {
    const a = analyzeDocument({
      documentId: 'd',
      text: 'Title\n\nHe spoke on Sunday.',
      source: 't',
      publishedAt: 'last Sunday',
    });
    expect(a.documentDate.method).not.toBe('provided');
  });

  it('is deterministic on a long document', () => {
    const text = loadSeeds()
      .map((s) => s.text)
      .join('\n\n')
      .repeat(20);
    const a = analyzeDocument({ documentId: 'long', text, source: 't', publishedAt: '2022-03-14' });
    expect(a.events.length).toBeGreaterThan(0);
    expect(analyzeDocument({ documentId: 'long', text, source: 't', publishedAt: '2022-03-14' })).toEqual(a);
  });

  it('reconciles nothing to nothing', () => {
    expect(reconcileTimeline([])).toEqual({ documentDates: {}, entries: [] });
  });
});
