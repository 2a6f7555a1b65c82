// Overlap resolution and the bench's adversarial shapes. Speed itself is measured by `npm run bench`
// (no timed assertions here); these tests pin what the linear versions must still return.
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_SIZES, adversarialShapes } from '../../src/tagger/bench.js';
import type { Candidate } from '../../src/tagger/candidate.js';
import { resolveOverlaps } from '../../src/tagger/merge.js';
import { tagTemporalExpressions } from '../../src/tagger/index.js';

const candidate = (start: number, end: number, priority = 0): Candidate => ({
  start,
  end,
  type: 'DATE',
  value: `${start}-${end}`,
  resolution: 'explicit',
  priority,
});

describe('resolveOverlaps', () => {
  it('keeps the longest reading, then the higher priority, and returns the kept spans in text order', () => {
    const kept = resolveOverlaps([
      candidate(10, 14),
      candidate(0, 5),
      candidate(3, 12),
      candidate(20, 25, 1),
      candidate(20, 25, 2),
      candidate(12, 19),
    ]);
    expect(kept.map((c) => [c.start, c.end, c.priority])).toEqual([
      [3, 12, 0],
      [12, 19, 0],
      [20, 25, 2],
    ]);
  });

  it('touching spans do not overlap', () => {
    expect(resolveOverlaps([candidate(0, 4), candidate(4, 8)]).map((c) => c.value)).toEqual(['0-4', '4-8']);
  });

  it('on many candidates keeps what a pairwise check keeps', () => {
    const many: Candidate[] = [];
    for (let i = 0; i < 3000; i++) many.push(candidate((i * 7919) % 9000, ((i * 7919) % 9000) + 1 + (i % 13), i % 3));
    const ranked = [...many].sort(
      (a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
    );
    const expected: Candidate[] = [];
    for (const c of ranked) if (!expected.some((k) => k.start < c.end && c.start < k.end)) expected.push(c);
    expected.sort((a, b) => a.start - b.start);
    expect(resolveOverlaps(many)).toEqual(expected);
  });
});

describe('adversarial bench shapes', () => {
  it('each shape has the asked size and the tagger reads the small one', () => {
    const shapes = adversarialShapes([
      'The company said on Tuesday that sales rose 4% in the third quarter. Shares fell.',
    ]);
    expect(shapes).toHaveLength(4);
    for (const [, make] of shapes) {
      const text = make(ADVERSARIAL_SIZES[0]);
      expect(text).toHaveLength(ADVERSARIAL_SIZES[0]);
      expect(tagTemporalExpressions(text, { referenceDate: '2024-05-14' }).length).toBeGreaterThan(0);
    }
  });
});
