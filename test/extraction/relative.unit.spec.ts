import { describe, expect, it } from 'vitest';
import { describeRelative, resolveRelative } from '../../src/extraction/relative.js';

const sunday = { year: 2022, month: 3, day: 13 };
const monday = { year: 2022, month: 3, day: 14 };

describe('resolveRelative', () => {
  it('resolves weekdays by tense, the report day itself included', () => {
    expect(resolveRelative({ kind: 'weekday', weekday: 7, direction: 'past' }, sunday).value).toBe('2022-03-13');
    expect(resolveRelative({ kind: 'weekday', weekday: 2, direction: 'past' }, sunday).value).toBe('2022-03-08');
    expect(resolveRelative({ kind: 'weekday', weekday: 1, direction: 'future' }, sunday).value).toBe('2022-03-14');
    expect(resolveRelative({ kind: 'weekday', weekday: 1, direction: 'past' }, monday).value).toBe('2022-03-14');
  });

  it('reads "last week" and "this week" with newsroom (Sunday-first) weeks', () => {
    // From Sunday 2022-03-13, last week is Mar 6–12 (≈ ISO W10, which holds Tuesday Mar 8) and this week holds Monday Mar 14.
    expect(resolveRelative({ kind: 'offset', unit: 'week', amount: -1 }, sunday)).toEqual({
      value: '2022-W10',
      granularity: 'week',
    });
    expect(resolveRelative({ kind: 'offset', unit: 'week', amount: 0 }, sunday)).toEqual({
      value: '2022-W11',
      granularity: 'week',
    });
    expect(resolveRelative({ kind: 'offset', unit: 'week', amount: -1 }, monday)).toEqual({
      value: '2022-W10',
      granularity: 'week',
    });
  });

  it('gives month-days the report year, the previous one across new year, and X when unknown', () => {
    expect(resolveRelative({ kind: 'month-day', month: 2, day: 24 }, sunday).value).toBe('2022-02-24');
    expect(resolveRelative({ kind: 'month-day', month: 12, day: 20 }, { year: 2023, month: 1, day: 5 }).value).toBe(
      '2022-12-20',
    );
    expect(resolveRelative({ kind: 'month-day', month: 2, day: 24 }, {}).value).toBe('XXXX-02-24');
    expect(resolveRelative({ kind: 'month-day', month: 2, day: 24 }, { year: 2022 }).value).toBe('2022-02-24');
  });

  it('keeps X for what an unknown report date leaves open, never today', () => {
    expect(resolveRelative({ kind: 'weekday', weekday: 7, direction: 'past' }, {}).value).toBe('XXXX-WXX-7');
    expect(resolveRelative({ kind: 'offset', unit: 'day', amount: -1 }, {}).value).toBe('XXXX-XX-XX');
  });
});

describe('describeRelative', () => {
  it('reads shapes when the tagger gave none', () => {
    expect(describeRelative('on Sunday', undefined, 'past')).toEqual({
      kind: 'weekday',
      weekday: 7,
      direction: 'past',
    });
    expect(describeRelative('Monday', undefined, 'future')).toEqual({
      kind: 'weekday',
      weekday: 1,
      direction: 'future',
    });
    expect(describeRelative('last week', undefined, undefined)).toEqual({ kind: 'offset', unit: 'week', amount: -1 });
    expect(describeRelative('Feb. 24', undefined, undefined)).toEqual({ kind: 'month-day', month: 2, day: 24 });
    expect(describeRelative('two weeks ago', undefined, undefined)).toEqual({
      kind: 'offset',
      unit: 'week',
      amount: -2,
    });
  });

  it('lets the verb tense decide a weekday over the tagger, but not over "last"/"next"', () => {
    expect(describeRelative('Sunday', { kind: 'weekday', weekday: 7, direction: 'future' }, 'past')).toMatchObject({
      direction: 'past',
    });
    expect(describeRelative('last Monday', { kind: 'weekday', weekday: 1, direction: 'past' }, 'future')).toMatchObject(
      { direction: 'past' },
    );
  });
});
