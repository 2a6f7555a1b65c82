// The project's own seed documents (seeds/*.txt, dates from seeds/manifest.json): real news text with
// translation damage, tagged with and without the publication date.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';

const SEEDS = join(process.cwd(), 'seeds');
const manifestPath = join(SEEDS, 'manifest.json');

interface Manifest {
  documents: Array<{ file: string; publishedAt: string }>;
}

describe.skipIf(!existsSync(manifestPath))('seed documents', () => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const docs = manifest.documents.map((d) => ({ ...d, text: readFileSync(join(SEEDS, d.file), 'utf8') }));

  it('offsets index the text, with and without a document date', () => {
    for (const d of docs) {
      for (const options of [{ referenceDate: d.publishedAt }, {}]) {
        for (const t of tagTemporalExpressions(d.text, options)) expect(d.text.slice(t.start, t.end)).toBe(t.text);
      }
    }
  });

  it('without a date, nothing is resolved from today: relative values keep X', () => {
    for (const d of docs) {
      for (const t of tagTemporalExpressions(d.text)) {
        if (t.resolution === 'relative') expect(t.relative?.kind).toBe('reference');
        if (t.resolution === 'unresolved') expect(t.value).toMatch(/X/);
      }
    }
  });

  it('the expressions the timeline depends on', () => {
    const values = (file: string): string[] => {
      const d = docs.find((x) => x.file.startsWith(file))!;
      return tagTemporalExpressions(d.text, { referenceDate: d.publishedAt }).map((t) => `${t.text}=${t.value}`);
    };
    expect(values('001')).toEqual(
      expect.arrayContaining([
        'Monday=2022-03-14',
        'last week=2022-W09',
        'the mid – 1950s=195',
        'Tuesday=2022-03-08',
        'recent years=PAST_REF',
      ]),
    );
    expect(values('002')).toEqual(
      expect.arrayContaining([
        'Monday=2022-03-14',
        'around 11:50 a.m.=2022-03-14T11:50',
        '1050 GMT=2022-03-14T10:50',
        'recent days=PAST_REF',
        'more than two weeks ago=2022-W09',
      ]),
    );
    expect(values('004')).toEqual(
      expect.arrayContaining(['Sunday=2022-03-13', 'Feb. 24=2022-02-24', 'more than two weeks=P2W']),
    );
  });
});
