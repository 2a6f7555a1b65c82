import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions, type Timex } from '../../src/tagger/index.js';

/** The single expression whose text is `needle` (fails loudly when there is none or several). */
function find(text: string, needle: string, referenceDate?: string): Timex {
  const found = tagTemporalExpressions(text, referenceDate ? { referenceDate } : {}).filter((t) => t.text === needle);
  expect(
    found.map((t) => t.text),
    `"${needle}" in "${text}"`,
  ).toEqual([needle]);
  return found[0]!;
}

const value = (text: string, needle: string, referenceDate?: string): string => find(text, needle, referenceDate).value;

describe('a bare weekday follows the tense of its clause', () => {
  // 2022-03-13 is a Sunday.
  it('past-tense reporting: the most recent such day on or before the document date', () => {
    expect(value('Sullivan told CNN on Sunday', 'Sunday', '2022-03-13')).toBe('2022-03-13');
    expect(
      value(
        'In a television interview on Sunday, Russia’s finance minister Anton Siluanov shared',
        'Sunday',
        '2022-03-13',
      ),
    ).toBe('2022-03-13');
    expect(value('The official said Tuesday that talks had stalled.', 'Tuesday', '2022-03-13')).toBe('2022-03-08');
    expect(value('top aides from the U.S. and China governments met Monday in Rome', 'Monday', '2022-03-14')).toBe(
      '2022-03-14',
    );
    expect(value('Russia on Monday denied it needed China’s help.', 'Monday', '2022-03-14')).toBe('2022-03-14');
  });

  it('future tense: the next such day', () => {
    expect(value('Jake Sullivan plans to travel to Rome on Monday to meet with', 'Monday', '2022-03-13')).toBe(
      '2022-03-14',
    );
    expect(value('The envoy is set to meet on Monday with his counterpart.', 'Monday', '2022-03-13')).toBe(
      '2022-03-14',
    );
    expect(value('The talks will resume Friday.', 'Friday', '2022-03-13')).toBe('2022-03-18');
  });

  it('a schedule in the present tense looks ahead: "the visit starts Monday"', () => {
    expect(value('The four-day visit starts Monday.', 'Monday', '2023-10-05')).toBe('2023-10-09');
    expect(value('The new law takes effect Sunday.', 'Sunday', '2023-10-05')).toBe('2023-10-08');
    expect(value('The visit started Monday.', 'Monday', '2023-10-05')).toBe('2023-10-02');
  });

  it('a possibility looks ahead ("talks may resume Friday"), one about the past does not ("may have left")', () => {
    expect(value('Talks may resume Friday.', 'Friday', '2023-10-05')).toBe('2023-10-06');
    expect(value('Prices should fall in March.', 'March', '2023-10-05')).toBe('2024-03');
    expect(value('He may have left on Monday.', 'Monday', '2023-10-05')).toBe('2023-10-02');
  });

  it('"last" and "next" are strict, "this" stays in the week', () => {
    expect(value('He arrived last Sunday.', 'last Sunday', '2022-03-13')).toBe('2022-03-06');
    expect(value('They meet next Sunday.', 'next Sunday', '2022-03-13')).toBe('2022-03-20');
    expect(value('It opens this Wednesday.', 'this Wednesday', '2022-03-13')).toBe('2022-03-09');
  });

  it('a weekday with a part of the day is a TIME', () => {
    const t = find('Fighting resumed Saturday night.', 'Saturday night', '2022-03-13');
    expect([t.type, t.value]).toEqual(['TIME', '2022-03-12TNI']);
  });

  it('without a reference date the value keeps X and the direction is recorded', () => {
    const t = find('Sullivan told CNN on Sunday', 'Sunday');
    expect(t.resolution).toBe('unresolved');
    expect(t.value).toBe('XXXX-WXX-7');
    expect(t.relative).toEqual({ kind: 'weekday', weekday: 7, direction: 'past' });
    expect(find('He will travel to Rome on Monday.', 'Monday').relative).toEqual({
      kind: 'weekday',
      weekday: 1,
      direction: 'future',
    });
  });
});

describe('relative weeks, months and days', () => {
  it('"this week" / "last week" / "next week" are ISO weeks', () => {
    expect(value('is planning a China Yang Jiechi meeting this week', 'this week', '2022-03-13')).toBe('2022-W10');
    expect(value('described to Congress last week', 'last week', '2022-03-13')).toBe('2022-W09');
    expect(value('They will vote next week.', 'next week', '2022-03-13')).toBe('2022-W11');
    // ISO week-years: 2021-01-03 still belongs to 2020-W53.
    expect(value('It happened this week.', 'this week', '2021-01-03')).toBe('2020-W53');
  });

  it('"earlier this month", "last month", "next year", "yesterday"', () => {
    expect(value('The plan was floated earlier this month.', 'earlier this month', '2022-03-13')).toBe('2022-03');
    expect(value('Prices rose last month.', 'last month', '2022-01-10')).toBe('2021-12');
    expect(value('Elections are due next year.', 'next year', '2022-03-13')).toBe('2023');
    expect(value('He spoke yesterday.', 'yesterday', '2022-03-01')).toBe('2022-02-28');
    expect(value('Markets fell today.', 'today', '2022-03-14')).toBe('2022-03-14');
  });

  it('"recent" and "coming" units are a vague past and future; other vague spans with a plural unit are DURATIONs with an X amount', () => {
    const days = find('Shelling intensified in recent days.', 'recent days', '2022-03-14');
    expect([days.type, days.value]).toEqual(['DATE', 'PAST_REF']);
    expect(value('The alliance has grown in recent years.', 'recent years', '2022-03-13')).toBe('PAST_REF');
    expect(value('Officials have voiced concern in recent months.', 'recent months', '2022-03-13')).toBe('PAST_REF');
    expect(value('Rates may fall in coming weeks.', 'coming weeks', '2022-03-13')).toBe('FUTURE_REF');
    expect(value('Rates may fall in the coming months.', 'the coming months', '2022-03-13')).toBe('FUTURE_REF');
    expect(value('Investors may sell in the weeks ahead.', 'the weeks ahead', '2022-03-13')).toBe('PXW');
    expect(value('Exports fell over the past few years.', 'the past few years', '2022-03-13')).toBe('PXY');
    expect(value('The deal follows months of talks.', 'months', '2022-03-13')).toBe('PXM');
    expect(value('He probably died within weeks or months of his capture.', 'weeks or months', '1998-02-19')).toBe(
      'PXW',
    );
    expect(value('The firm recently sold a unit.', 'recently', '2022-03-13')).toBe('PAST_REF');
    expect(value('Such deals were common in the past.', 'the past', '2022-03-13')).toBe('PAST_REF');
    expect(value('Talks will resume in the future.', 'the future', '2022-03-13')).toBe('FUTURE_REF');
    expect(value('Markets are calm now.', 'now', '2022-03-13')).toBe('PRESENT_REF');
    // Amounts and ages are not bare stretches.
    const text = 'They ruled for hundreds of years; he was 37 years old, and on days when prices fall they sell.';
    expect(tagTemporalExpressions(text, { referenceDate: '1998-03-08' }).map((t) => t.text)).toEqual([]);
  });

  it('stretches without a length are PXX; "a while ago" is a past reference; "as soon as possible" looks ahead', () => {
    expect(value('Oil prices may stay high for a while.', 'a while', '1998-01-11')).toBe('PXX');
    expect(value('Troops may stay for a fairly lengthy period.', 'a fairly lengthy period', '1990-08-16')).toBe('PXX');
    expect(value('The plan has been discussed for some time.', 'some time', '1990-08-15')).toBe('PXX');
    expect(value('He left a long time ago.', 'a long time ago', '1990-08-15')).toBe('PAST_REF');
    expect(value('It wants a vote as soon as possible.', 'as soon as possible', '1989-10-30')).toBe('FUTURE_REF');
    expect(value('in the first hours of the war', 'the first hours', '1991-02-25')).toBe('PTXH');
  });

  it('a capitalised "This Week" in running text is a title, not a time', () => {
    const text = 'Baker said on ABC-TV\'s "This Week With David Brinkley" that talks failed this week.';
    expect(tagTemporalExpressions(text, { referenceDate: '1991-02-25' }).map((t) => [t.text, t.value])).toEqual([
      ['this week', '1991-W09'],
    ]);
  });

  it('"later in the day", "for the week": the current day or week; an anaphoric "the day" stays untagged', () => {
    expect(value('He arrived in Philadelphia later in the day.', 'the day', '1998-02-13')).toBe('1998-02-13');
    expect(value('For the week, the index dropped 3.8%.', 'the week', '1989-10-30')).toBe('1989-W44');
    expect(
      tagTemporalExpressions('on the day Russian troops entered Ukraine', { referenceDate: '2022-03-13' }),
    ).toEqual([]);
  });

  it('"N units ago" is a date at the unit’s precision', () => {
    expect(value('since the start of the war more than two weeks ago', 'more than two weeks ago', '2022-03-14')).toBe(
      '2022-W09',
    );
    expect(value('The deal collapsed two years ago.', 'two years ago', '2022-03-14')).toBe('2020');
    expect(value('It opened five months ago.', 'five months ago', '1998-03-31')).toBe('1997-10');
  });

  it('without a reference date, offsets keep X and say what they are', () => {
    const t = find('described to Congress last week', 'last week');
    expect(t.value).toBe('XXXX-WXX');
    expect(t.resolution).toBe('unresolved');
    expect(t.relative).toEqual({ kind: 'offset', unit: 'week', amount: -1 });
  });
});

describe('month and day without a year', () => {
  it('takes the year of the document date', () => {
    expect(value('Since Russia invaded Ukraine on Feb. 24,', 'Feb. 24', '2022-03-13')).toBe('2022-02-24');
    expect(value('Russia invaded Ukraine on February 24.', 'February 24', '2022-03-14')).toBe('2022-02-24');
  });

  it('moves to the previous year when it would lie far in the future', () => {
    expect(value('The index set a record high on Aug. 6.', 'Aug. 6', '1998-01-20')).toBe('1997-08-06');
    expect(value('Sales peaked in October.', 'October', '1998-01-08')).toBe('1997-10');
    // No tense at all: half a year ahead is read as the past one.
    expect(value('leaving the index within 70 points of its record high set on Aug. 6.', 'Aug. 6', '1998-02-06')).toBe(
      '1997-08-06',
    );
  });

  it('a participle after "be" or a determiner is not a past-tense verb; a past-perfect plan does not look ahead', () => {
    expect(value('The split would be paid on a still unspecified date in January.', 'January', '1989-10-26')).toBe(
      '1990-01',
    );
    expect(
      value('The offer previously had been scheduled to expire at midnight Friday.', 'midnight Friday', '1989-10-30'),
    ).toBe('1989-10-27T24:00');
  });

  it('stays ahead for near or future-tense dates', () => {
    expect(value('The dividend is payable Jan. 2 to holders of record.', 'Jan. 2', '1989-11-02')).toBe('1990-01-02');
    expect(value('Collins will command a mission in February.', 'February', '1998-08-04')).toBe('1999-02');
  });

  it('without a reference date keeps XXXX', () => {
    const t = find('Feb. 24', 'Feb. 24');
    expect([t.value, t.resolution]).toEqual(['XXXX-02-24', 'unresolved']);
    expect(t.relative).toEqual({ kind: 'month-day', month: 2, day: 24 });
    const full = find('Feb. 24, 2022', 'Feb. 24, 2022');
    expect([full.value, full.resolution]).toEqual(['2022-02-24', 'explicit']);
  });
});

describe('decades and centuries', () => {
  it('"mid-1950s", with translation damage, and "the 1990s"', () => {
    expect(value('since the mid – 1950s', 'the mid – 1950s', '2022-03-13')).toBe('195');
    expect(value('It peaked in the mid-1950s.', 'the mid-1950s', '2022-03-13')).toBe('195');
    expect(value('Growth slowed in the 1990s.', 'the 1990s', '2022-03-13')).toBe('199');
    expect(value("Sales were flat in the '80s.", "the '80s", '1989-10-26')).toBe('198');
    expect(value('the politics of the 20th century', 'the 20th century', '2022-03-13')).toBe('19');
  });
});

describe('fiscal years and quarters', () => {
  it('named quarters take the most recent year in which they have begun', () => {
    expect(value('Profit rose in the third quarter.', 'the third quarter', '1989-11-02')).toBe('1989-Q3');
    expect(value('Fourth-quarter results will be weak.', 'Fourth-quarter', '1998-01-26')).toBe('1997-Q4');
    expect(value('Revenue in the second quarter of 1990 fell.', 'the second quarter of 1990', '1989-11-02')).toBe(
      '1990-Q2',
    );
  });

  it('"fiscal 1989" is that year', () => {
    expect(value('In fiscal 1988, the company earned $17.3 million.', 'fiscal 1988', '1989-11-02')).toBe('1988');
  });

  it('earnings-report anaphora: "a year earlier" after a quarter is that quarter a year before', () => {
    const text = 'Net income rose in the third quarter to $5 million from $4 million a year earlier.';
    expect(value(text, 'the third quarter', '1989-11-02')).toBe('1989-Q3');
    expect(value(text, 'a year earlier', '1989-11-02')).toBe('1988-Q3');
    expect(value('For the quarter ended Sept. 30, Delta posted net income.', 'the quarter', '1989-10-26')).toBe(
      '1989-Q3',
    );
  });

  it('halves', () => {
    expect(value('Earnings will be lower for the last half of 1989.', 'the last half of 1989', '1989-10-26')).toBe(
      '1989-H2',
    );
  });
});

describe('business shorthand for halves', () => {
  it('"H1 2023" and "2023 H2" are half-years; "H1" without a year is not', () => {
    expect(value('Profit rose in H1 2023.', 'H1 2023', '2023-10-05')).toBe('2023-H1');
    expect(value('The 2023 H2 outlook is weak.', '2023 H2', '2023-10-05')).toBe('2023-H2');
    expect(tagTemporalExpressions('He holds an H1 visa; H1N1 spread.', { referenceDate: '2023-10-05' })).toEqual([]);
  });
});

describe('named days', () => {
  it('fixed and movable holidays take the year nearest the document date, as month-days do', () => {
    expect(value("Officials spoke on New Year's Day.", "New Year's Day", '2023-10-05')).toBe('2023-01-01');
    expect(value('Families will gather for Thanksgiving.', 'Thanksgiving', '2023-10-05')).toBe('2023-11-23');
    expect(value('Sales fell after last Christmas.', 'last Christmas', '2023-10-05')).toBe('2022-12-25');
    expect(value('He died on Christmas Day 2019.', 'Christmas Day 2019', '2023-10-05')).toBe('2019-12-25');
    expect(value('Easter falls early next year.', 'Easter', '2023-10-05')).toBe('2024-03-31');
    expect(value('Stores closed on Good Friday.', 'Good Friday', '2023-10-05')).toBe('2023-04-07');
    expect(value('The Fourth of July parade was cancelled.', 'The Fourth of July', '2023-10-05')).toBe('2023-07-04');
    expect(value('Turnout on Election Day was high.', 'Election Day', '2022-11-10')).toBe('2022-11-08');
    expect(value('Stores close on Memorial Day.', 'Memorial Day', '2024-05-20')).toBe('2024-05-27');
  });

  it('names that are not days stay untagged: Easter Island, an eastern province, "Independence Day" (every country has its own)', () => {
    expect(
      tagTemporalExpressions('We visited Easter Island and the eastern provinces.', { referenceDate: '2023-10-05' }),
    ).toEqual([]);
    expect(tagTemporalExpressions('Ukraine marked Independence Day.', { referenceDate: '2023-10-05' })).toEqual([]);
  });

  it('without a document date a fixed holiday keeps its month and day', () => {
    const [christmas] = tagTemporalExpressions('Shops reopen after Christmas.');
    expect(christmas).toMatchObject({ value: 'XXXX-12-25', relative: { kind: 'month-day', month: 12, day: 25 } });
  });
});

describe('clock times', () => {
  it('"11:50 a.m. Rome time (1050 GMT)" gives two TIMEs: the local clock and the GMT clock', () => {
    const found = tagTemporalExpressions('around 11:50 a.m. Rome time (1050 GMT)', { referenceDate: '2022-03-14' });
    expect(found.map((t) => [t.text, t.type, t.value])).toEqual([
      ['around 11:50 a.m.', 'TIME', '2022-03-14T11:50'],
      ['1050 GMT', 'TIME', '2022-03-14T10:50'],
    ]);
  });

  it('a clock joins the day next to it', () => {
    expect(value('The shop was robbed at 10 p.m. Wednesday.', '10 p.m. Wednesday', '1998-02-13')).toBe(
      '1998-02-11T22:00',
    );
    expect(value('The offer expired at noon Thursday.', 'noon Thursday', '1998-02-13')).toBe('1998-02-12T12:00');
    expect(value('The offer expires at noon Thursday.', 'noon Thursday', '1998-02-13')).toBe('1998-02-19T12:00');
  });

  it('"6 a.m. local time on Sunday": two expressions, the clock on that Sunday rather than the document date', () => {
    const found = tagTemporalExpressions('The ceasefire took effect at 6 a.m. local time on Sunday.', {
      referenceDate: '2023-10-05',
    });
    expect(found.map((t) => [t.text, t.type, t.value])).toEqual([
      ['6 a.m.', 'TIME', '2023-10-01T06:00'],
      ['Sunday', 'DATE', '2023-10-01'],
    ]);
    expect(value('Talks resumed at noon GMT on Friday.', 'noon', '2023-10-05')).toBe('2023-09-29T12:00');
  });
});

describe('spans a reader would mark', () => {
  it('"the past three years" is one DURATION', () => {
    const t = find('Exports doubled over the past three years.', 'the past three years', '2022-03-13');
    expect([t.type, t.value]).toEqual(['DURATION', 'P3Y']);
  });

  it('"more than two weeks into its invasion" is a DURATION', () => {
    const t = find('more than two weeks into its invasion', 'more than two weeks', '2022-03-13');
    expect([t.type, t.value]).toEqual(['DURATION', 'P2W']);
  });

  it('compound adjectives and vague amounts', () => {
    expect(value('a five-year plan', 'five-year', '2022-03-13')).toBe('P5Y');
    expect(value('The talks could take several years.', 'several years', '2022-03-13')).toBe('PXY');
  });

  it('decades as durations are counted in years; centuries keep the unit letter C', () => {
    expect(value('The gap has widened over two decades.', 'two decades', '1998-02-06')).toBe('P20Y');
    expect(value('Rates have not been this low in decades, the central bank said.', 'decades', '2024-05-14')).toBe(
      'PXY',
    );
    expect(value('Ukraine was ruled from Moscow for centuries.', 'centuries', '1998-02-27')).toBe('PXC');
  });

  it('numbers that are not times stay untagged', () => {
    const text = 'Shares rose $1.35 a share to 12 3/4, with 2,500 troops and a quarter of the market.';
    expect(tagTemporalExpressions(text, { referenceDate: '1989-10-30' })).toEqual([]);
  });

  it('offsets are JavaScript string indices into the text', () => {
    const text = 'Russia’s minister — 🙂 — said on Sunday that talks continue.';
    for (const t of tagTemporalExpressions(text, { referenceDate: '2022-03-13' })) {
      expect(text.slice(t.start, t.end)).toBe(t.text);
    }
  });
});

describe('earnings-report periods', () => {
  it('"the second quarter ended Oct. 31" is the fiscal quarter that closed on the last such day', () => {
    const text =
      'In the comparable year-ago quarter, the second quarter ended Oct. 31, the company had a loss of $12.5 million. Results for that quarter included a write-down.';
    const tags = tagTemporalExpressions(text, { referenceDate: '1989-10-27' });
    expect(tags.map((t) => [t.text, t.value])).toEqual([
      ['the comparable year-ago quarter', '1988-Q3'],
      ['the second quarter', '1988-Q2'],
      ['Oct. 31', '1988-10-31'],
      ['that quarter', '1988-Q2'],
    ]);
    // A quarter ended on a day already past this year stays in this year.
    expect(value('Net income for the third quarter ended Sept. 30 rose 5%.', 'the third quarter', '1989-11-02')).toBe(
      '1989-Q3',
    );
  });

  it('"the year-earlier period" after "the nine months" is that stretch a year before', () => {
    const text =
      'Third-quarter net fell 5%. In the nine months, net rose 12%. In the year-earlier period, the company had net of $8 million. Net for the year-earlier nine months included a gain.';
    const tags = tagTemporalExpressions(text, { referenceDate: '1989-10-27' });
    expect(tags.map((t) => [t.text, t.type, t.value])).toEqual([
      ['Third-quarter', 'DATE', '1989-Q3'],
      ['the nine months', 'DURATION', 'P9M'],
      ['the year-earlier period', 'DURATION', 'P9M'],
      ['the year-earlier nine months', 'DURATION', 'P9M'],
    ]);
    // After a quarter it is that quarter a year before.
    expect(
      value(
        'Profit rose in the third quarter. In the year-earlier period, the company lost money.',
        'the year-earlier period',
        '1989-10-27',
      ),
    ).toBe('1988-Q3');
  });

  it('"last year\'s quarter" is the same quarter a year before', () => {
    const text =
      "Sales for this year's third quarter were $14 million. U.K. sales for last year's quarter were about $3 million.";
    expect(value(text, "last year's quarter", '1989-11-01')).toBe('1988-Q3');
  });
});

describe('attributive expressions leave the determiner to their noun', () => {
  it('"a [two-hour] meeting", "a [third-quarter] loss", "a [five year] low"; "a three-year period" keeps it', () => {
    const text =
      'After a two-hour meeting, Citadel posted a third-quarter loss, its shares fell to a five year low, and the eight-year war ended after a three-year period of talks.';
    expect(tagTemporalExpressions(text, { referenceDate: '1989-10-30' }).map((t) => [t.text, t.value])).toEqual([
      ['two-hour', 'PT2H'],
      ['third-quarter', '1989-Q3'],
      ['five year', 'P5Y'],
      ['eight-year', 'P8Y'],
      ['a three-year period', 'P3Y'],
    ]);
    // The unit as the head noun keeps its determiner.
    expect(find('Net for the nine months rose 4%.', 'the nine months', '1989-10-30').value).toBe('P9M');
    expect(find('Profit fell in the third quarter.', 'the third quarter', '1989-10-30').value).toBe('1989-Q3');
  });
});

describe('modifiers of a day stay in its span', () => {
  it('"Earlier Sunday", "later today", "Last April" (capitalised at the start of a sentence)', () => {
    expect(value('Earlier Sunday, the envoy met his counterpart.', 'Earlier Sunday', '2022-03-13')).toBe('2022-03-13');
    expect(value('The results will be released later today.', 'later today', '2022-03-13')).toBe('2022-03-13');
    expect(value('Last April, the company cut its dividend.', 'Last April', '1989-10-30')).toBe('1989-04');
  });
});

describe('"the year" is the current year', () => {
  it('also before "of" and an amount ("a high for the year of $42.875"), not in "the year of the flood"', () => {
    expect(value('The stock rose to a high for the year of $42.875 a share in June.', 'the year', '1989-10-30')).toBe(
      '1989',
    );
    expect(tagTemporalExpressions('It was the year of the flood.', { referenceDate: '1989-10-30' })).toEqual([]);
  });

  it('"the year to June", like "the year ended Sept. 30", is the twelve months up to then', () => {
    const found = tagTemporalExpressions('In the year to June, exports fell.', { referenceDate: '2023-10-05' });
    expect(found.map((t) => [t.text, t.type, t.value])).toEqual([
      ['the year', 'DURATION', 'P1Y'],
      ['June', 'DATE', '2023-06'],
    ]);
  });
});

describe('words that are not temporal expressions', () => {
  it('a sentence-initial "Now," set off by a comma is a discourse marker; "now" in the clause is tagged', () => {
    const text =
      'The plan was a good one. Now, he says, "it looks like the West just wants war." The company now holds 45 banks.';
    expect(tagTemporalExpressions(text, { referenceDate: '1991-02-25' }).map((t) => [t.text, t.start])).toEqual([
      ['now', text.indexOf('now holds')],
    ]);
    expect(value('Now officials are investigating whether he had help.', 'Now', '1998-02-13')).toBe('PRESENT_REF');
  });

  it('"May" and "March" are verbs unless something says they are months ("the end of March", "in May")', () => {
    expect(value('The plant closed at the end of March.', 'the end of March', '2023-10-05')).toBe('2023-03');
    // "ends" is a schedule in the present tense (as "starts" is): the coming May.
    expect(value('It ends at the beginning of May.', 'the beginning of May', '2023-10-05')).toBe('2024-05');
    expect(value('It ended at the beginning of May.', 'the beginning of May', '2023-10-05')).toBe('2023-05');
    expect(
      tagTemporalExpressions('Troops march to the end of the road, and talks may resume.', {
        referenceDate: '2023-10-05',
      }),
    ).toEqual([]);
  });

  it('"the past" before a count is a determiner, not PAST_REF', () => {
    const text = 'Attendance fell in the past three summers, and in the past the park was full.';
    expect(tagTemporalExpressions(text, { referenceDate: '1998-03-22' }).map((t) => [t.text, t.value])).toEqual([
      ['the past', 'PAST_REF'],
    ]);
    expect(tagTemporalExpressions(text, { referenceDate: '1998-03-22' })[0]!.start).toBe(text.indexOf('the past the'));
  });
});

describe('purity', () => {
  it('is deterministic and rejects a malformed reference date', () => {
    const text = 'He said Sunday that the plan, due next week, was agreed last month.';
    expect(tagTemporalExpressions(text, { referenceDate: '2022-03-13' })).toEqual(
      tagTemporalExpressions(text, { referenceDate: '2022-03-13' }),
    );
    expect(() => tagTemporalExpressions(text, { referenceDate: '2022-13-40' })).toThrow(/reference date/);
  });
});
