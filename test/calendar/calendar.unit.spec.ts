import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayNumber,
  dayOf,
  daySpan,
  diffDays,
  formatDay,
  formatIsoWeek,
  formatWeek,
  formatYmd,
  isoWeek,
  isoWeekday,
  parseYmd,
  weekdayFrom,
  weekdayOf,
  ymdOf,
} from '../../src/calendar/index.js';

// One calendar for the tagger (Ymd triples) and the extraction (day numbers): both shapes must agree.
describe('the shared calendar', () => {
  it('day numbers and triples give the same day, weekday and ISO week', () => {
    for (let n = dayNumber(1988, 12, 20); n <= dayNumber(2025, 1, 10); n += 13) {
      const date = ymdOf(n);
      expect(dayOf(date)).toBe(n);
      expect(formatYmd(date)).toBe(formatDay(n));
      expect(weekdayOf(date)).toBe(isoWeekday(n));
      expect(formatWeek(date)).toBe(formatIsoWeek(n));
      const span = daySpan(formatWeek(date));
      expect(span && n >= span.first && n <= span.last).toBe(true);
    }
  });

  it('ISO weeks at the turn of the year, month arithmetic and weekdays', () => {
    expect(isoWeek({ y: 2021, m: 1, d: 3 })).toEqual({ year: 2020, week: 53 });
    expect(formatIsoWeek(dayNumber(2018, 12, 31))).toBe('2019-W01');
    expect(addMonths({ y: 2024, m: 3, d: 31 }, -1)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(diffDays(addDays({ y: 2024, m: 2, d: 28 }, 2), { y: 2024, m: 2, d: 28 })).toBe(2);
    expect(formatYmd(weekdayFrom({ y: 2022, m: 3, d: 14 }, 7, 'past'))).toBe('2022-03-13');
    expect(parseYmd('2022-02-30')).toBeUndefined();
    expect(daySpan('2024-02')).toEqual({ first: dayNumber(2024, 2, 1), last: dayNumber(2024, 2, 29) });
  });
});
