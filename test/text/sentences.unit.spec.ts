import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/text/clean.js';
import { splitSentences } from '../../src/text/sentences.js';

function sentences(text: string): string[] {
  const doc = cleanDocument(`Title\n\n${text}`);
  return splitSentences(
    doc.text,
    doc.blocks.filter((b) => b.kind !== 'title'),
  ).map((s) => doc.text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('does not split at U.S., D.C., Feb., a.m. or initials', () => {
    expect(
      sentences(
        'U.S. officials met in Washington, D.C. on Feb. 24 at 11 a.m. Rome time with William J. Burns. Then they left.',
      ),
    ).toEqual([
      'U.S. officials met in Washington, D.C. on Feb. 24 at 11 a.m. Rome time with William J. Burns.',
      'Then they left.',
    ]);
  });

  it('splits after a closing quote and keeps em dashes inside', () => {
    expect(
      sentences(
        '“We will not allow that,” he said. Xi — with whom he has met 38 times — could help. “Never.” She left!',
      ),
    ).toEqual([
      '“We will not allow that,” he said.',
      'Xi — with whom he has met 38 times — could help.',
      '“Never.”',
      'She left!',
    ]);
  });

  it('never crosses a paragraph', () => {
    expect(sentences('First paragraph without a period\n\nSecond one.')).toEqual([
      'First paragraph without a period',
      'Second one.',
    ]);
  });
});
