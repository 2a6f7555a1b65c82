// Rules added for issue #14 (the tagger on news it has not seen): one test per rule, each on a
// sentence written for it in the style of modern news.
import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';

const tags = (text: string, referenceDate = '2024-05-14'): Array<[string, string, string]> =>
  tagTemporalExpressions(text, { referenceDate }).map((t) => [t.text, t.type, t.value]);

describe('durations', () => {
  it('"just" and "only" stay out of the span: they weigh the amount without changing it', () => {
    expect(tags('The ceasefire held for just three days before shelling resumed.')).toEqual([['three days', 'DURATION', 'P3D']]);
    expect(tags('The start-up needed only six months to reach a million users.')).toEqual([['six months', 'DURATION', 'P6M']]);
  });

  it('a measuring adjective ending in "long" is a duration: plural units are an unknown amount', () => {
    expect(tags('The regulator closed its months-long inquiry into the merger.')).toEqual([['months-long', 'DURATION', 'PXM']]);
    expect(tags('Dock workers ended a weeklong strike at the port.')).toEqual([['weeklong', 'DURATION', 'P1W']]);
    expect(tags('The ruling ends a decades-long feud between the two families.')).toEqual([['decades-long', 'DURATION', 'PXY']]);
  });

  it('"a long day" is not "day-long"', () => {
    expect(tags('It was a long, tiring session for negotiators.')).toEqual([]);
  });
});

describe('words that are not times', () => {
  it('"formerly" names a former role', () => {
    expect(tags('Lena Ortiz, formerly a trader at the bank, now runs its climate desk.').map(([text]) => text)).toEqual(['now']);
  });

  it('"most recent" picks the latest item; "most recently" is still a past reference', () => {
    expect(tags('The company recalled its most recent electric scooter.')).toEqual([]);
    expect(tags('She most recently led the agency’s cyber unit.')).toEqual([['most recently', 'DATE', 'PAST_REF']]);
  });
});
