import { describe, expect, it } from 'vitest';
import { addMonths, isoWeek, weekdayOf, parseYmd, weekdayFrom } from '../../src/calendar/index.js';
import { yearForMonthDay } from '../../src/tagger/normalize.js';
import { clauseTense } from '../../src/tagger/tense.js';

describe('calendar arithmetic', () => {
  it('ISO weeks, including week-years that differ from the calendar year', () => {
    expect(isoWeek({ y: 2022, m: 3, d: 13 })).toEqual({ year: 2022, week: 10 });
    expect(isoWeek({ y: 2021, m: 1, d: 3 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeek({ y: 2018, m: 12, d: 31 })).toEqual({ year: 2019, week: 1 });
    expect(weekdayOf({ y: 2022, m: 3, d: 13 })).toBe(7);
  });

  it('weekdays on or before / on or after a date', () => {
    const sunday = { y: 2022, m: 3, d: 13 };
    expect(weekdayFrom(sunday, 2, 'past')).toEqual({ y: 2022, m: 3, d: 8 });
    expect(weekdayFrom(sunday, 7, 'past')).toEqual(sunday);
    expect(weekdayFrom(sunday, 1, 'future')).toEqual({ y: 2022, m: 3, d: 14 });
  });

  it('month arithmetic clamps the day and parseYmd rejects impossible dates', () => {
    expect(addMonths({ y: 2022, m: 3, d: 31 }, -1)).toEqual({ y: 2022, m: 2, d: 28 });
    expect(parseYmd('2022-02-29')).toBeUndefined();
    expect(parseYmd('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
  });
});

describe('year of a month-day without a year', () => {
  const ref = { y: 2022, m: 3, d: 13 };
  it('is the reading nearest the document date, moved back by a past tense and ahead by a future one', () => {
    expect(yearForMonthDay(2, 24, ref, undefined)).toBe(2022);
    expect(yearForMonthDay(12, 24, ref, undefined)).toBe(2021);
    expect(yearForMonthDay(6, 1, ref, 'past')).toBe(2021);
    expect(yearForMonthDay(6, 1, ref, 'future')).toBe(2022);
    expect(yearForMonthDay(1, 5, { y: 2021, m: 12, d: 20 }, undefined)).toBe(2022);
  });
});

describe('clause tense', () => {
  const at = (text: string, word: string, weak = false): string | undefined => {
    const i = text.indexOf(word);
    return clauseTense(text, i, i + word.length, weak);
  };
  it('reads the nearest verb group', () => {
    expect(at('Sullivan told CNN on Sunday', 'Sunday')).toBe('past');
    expect(at('Jake Sullivan plans to travel to Rome on Monday to meet with', 'Monday')).toBe('future');
    expect(at('He told CNN on Sunday that talks will resume.', 'Sunday')).toBe('past');
    expect(at('Russia on Monday denied it needed help.', 'Monday')).toBe('past');
    expect(at('The envoy is set to meet on Monday.', 'Monday')).toBe('future');
  });
  it('weak cues only when asked: infinitives and deadlines', () => {
    expect(at('It agreed to buy the unit in February.', 'February', true)).toBe('future');
    expect(at('The loan runs through January.', 'January', true)).toBe('future');
    expect(at('The loan runs through January.', 'January', false)).toBeUndefined();
  });
});
