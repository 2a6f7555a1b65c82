import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';

const REF = '1998-08-07'; // a Friday, ISO week 32, third quarter

/** [text, the expression, its TIMEX3 type, its value] for every value kind the issue lists. */
const CASES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['The deal closed on Aug. 7, 1998.', 'Aug. 7, 1998', 'DATE', '1998-08-07'],
  ['The deal closed in August 1998.', 'August 1998', 'DATE', '1998-08'],
  ['The deal closed in 1998.', '1998', 'DATE', '1998'],
  ['Profit rose in the third quarter of 1998.', 'the third quarter of 1998', 'DATE', '1998-Q3'],
  ['Prices fell this week.', 'this week', 'DATE', '1998-W32'],
  ['It was built in the 1990s.', 'the 1990s', 'DATE', '199'],
  ['It was built in the 20th century.', 'the 20th century', 'DATE', '19'],
  ['The strike lasted two weeks.', 'two weeks', 'DURATION', 'P2W'],
  ['The meeting lasted three hours.', 'three hours', 'DURATION', 'PT3H'],
  ['Markets are calm now.', 'now', 'DATE', 'PRESENT_REF'],
  ['Such deals were common in the past.', 'the past', 'DATE', 'PAST_REF'],
  ['Rates may rise in the near future.', 'the near future', 'DATE', 'FUTURE_REF'],
  ['The board meets every Monday.', 'every Monday', 'SET', 'XXXX-WXX-1'],
  ['The board meets each year.', 'each year', 'SET', 'P1Y'],
  ['The bomb exploded at 10:50 a.m. today.', '10:50 a.m. today', 'TIME', '1998-08-07T10:50'],
  ['It is expected this summer.', 'this summer', 'DATE', '1998-SU'],
  ['Shares fell yesterday morning.', 'yesterday morning', 'TIME', '1998-08-06TMO'],
];

describe('TIMEX3 value kinds', () => {
  for (const [text, expression, type, value] of CASES) {
    it(`${value}: "${expression}"`, () => {
      const found = tagTemporalExpressions(text, { referenceDate: REF }).filter((t) => t.text === expression);
      expect(found.map((t) => [t.type, t.value])).toEqual([[type, value]]);
    });
  }
});
