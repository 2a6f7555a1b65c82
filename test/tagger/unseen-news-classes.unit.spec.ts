// Rules added for issue #14 (the tagger on news it has not seen): one test per rule, each on a
// sentence written for it in the style of modern news.
import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';

const tags = (text: string, referenceDate = '2024-05-14'): Array<[string, string, string]> =>
  tagTemporalExpressions(text, { referenceDate }).map((t) => [t.text, t.type, t.value]);

describe('durations', () => {
  it('"just" and "only" stay out of the span: they weigh the amount without changing it', () => {
    expect(tags('The ceasefire held for just three days before shelling resumed.')).toEqual([
      ['three days', 'DURATION', 'P3D'],
    ]);
    expect(tags('The start-up needed only six months to reach a million users.')).toEqual([
      ['six months', 'DURATION', 'P6M'],
    ]);
  });

  it('a measuring adjective ending in "long" is a duration: plural units are an unknown amount', () => {
    expect(tags('The regulator closed its months-long inquiry into the merger.')).toEqual([
      ['months-long', 'DURATION', 'PXM'],
    ]);
    expect(tags('Dock workers ended a weeklong strike at the port.')).toEqual([['weeklong', 'DURATION', 'P1W']]);
    expect(tags('The ruling ends a decades-long feud between the two families.')).toEqual([
      ['decades-long', 'DURATION', 'PXY'],
    ]);
  });

  it('"a long day" is not "day-long"', () => {
    expect(tags('It was a long, tiring session for negotiators.')).toEqual([]);
  });
});

describe('spans leave the verb and the preposition out', () => {
  it('"last" after "to" or a modal is the verb, not the sequence word', () => {
    expect(tags('The trial is expected to last six to eight weeks.')).toEqual([
      ['six to eight weeks', 'DURATION', 'PXW'],
    ]);
    expect(tags('Repairs will last three days, the operator said.')).toEqual([['three days', 'DURATION', 'P3D']]);
    expect(tags('Shipping costs have doubled over the last two years.')).toEqual([
      ['the last two years', 'DURATION', 'P2Y'],
    ]);
  });

  it('a range of clock times or days drops its opening preposition', () => {
    expect(tags('Polling stations stay open from 7 a.m. to 10 p.m.')).toEqual([
      ['7 a.m.', 'TIME', '2024-05-14T07:00'],
      ['10 p.m.', 'TIME', '2024-05-14T22:00'],
    ]);
    expect(tags('Leaders meet in Brussels on 27-28 June.').map(([text]) => text)).toEqual(['27', '28 June']);
  });
});

describe('quarters and halves', () => {
  it('a possessive stays out of the span, "fiscal" stays in', () => {
    expect(tags('The chipmaker said its fiscal first quarter was its strongest on record.', '2024-05-14')).toEqual([
      ['fiscal first quarter', 'DATE', '2024-Q1'],
    ]);
    expect(tags('The retailer expects its fourth quarter to be weaker.', '2024-05-14')).toEqual([
      ['fourth quarter', 'DATE', '2023-Q4'],
    ]);
  });

  it('"the second half of the season" is part of the season, not of the year', () => {
    expect(tags('The striker missed the second half of the season with a knee injury.')).toEqual([]);
    expect(tags('Growth should pick up in the second half of the year.')).toEqual([
      ['the second half of the year', 'DATE', '2024-H2'],
    ]);
  });
});

describe('weekdays', () => {
  it('"Wednesday next week" is that weekday of the next ISO week', () => {
    // 2024-05-14 is a Tuesday.
    expect(tags('The central bank publishes its minutes on Wednesday next week.')).toEqual([
      ['Wednesday next week', 'DATE', '2024-05-22'],
    ]);
    expect(tags('The deal was signed on Friday of last week.')).toEqual([
      ['Friday of last week', 'DATE', '2024-05-10'],
    ]);
  });
});

describe('rates are not durations', () => {
  it('a count of things per unit stays untagged', () => {
    expect(tags('The new terminal handles 5 million passengers a year.')).toEqual([]);
    expect(tags('The factory will build 2,000 cars a week.')).toEqual([]);
    expect(tags('The repairs took a week.')).toEqual([['a week', 'DURATION', 'P1W']]);
  });

  it('an amount of pay or of recorded content counted in time is no stretch of time', () => {
    expect(tags('Departing staff will receive nine months of salary.')).toEqual([]);
    expect(tags('The camera stores 40 hours of video and the battery gives ten hours of playback.')).toEqual([]);
    // A stretch in which something happens stays a duration.
    expect(tags('The summit ended two days of talks.')).toEqual([['two days', 'DURATION', 'P2D']]);
  });
});

describe('a part of the day before its date', () => {
  it('"the morning of" a date is that part of that day, a TIME', () => {
    expect(tags('Trains stopped running on the morning of May 3 after the flood.')).toEqual([
      ['the morning of May 3', 'TIME', '2024-05-03TMO'],
    ]);
    expect(tags('Police said the fire broke out on the night of April 28, 2024.')).toEqual([
      ['the night of April 28, 2024', 'TIME', '2024-04-28TNI'],
    ]);
  });
});

describe('words that are not times', () => {
  it('"formerly" names a former role', () => {
    expect(tags('Lena Ortiz, formerly a trader at the bank, now runs its climate desk.').map(([text]) => text)).toEqual(
      ['now'],
    );
  });

  it('"most recent" picks the latest item; "most recently" is still a past reference', () => {
    expect(tags('The company recalled its most recent electric scooter.')).toEqual([]);
    expect(tags('She most recently led the agency’s cyber unit.')).toEqual([['most recently', 'DATE', 'PAST_REF']]);
  });
});

describe('days counted from the day the story named', () => {
  it('"the next day", "the following week" and "later that month" count from the last named day', () => {
    expect(tags('The ferry ran aground on March 3, and salvage crews arrived the next day.', '2024-03-10')).toEqual([
      ['March 3', 'DATE', '2024-03-03'],
      ['the next day', 'DATE', '2024-03-04'],
    ]);
    expect(
      tags('The carmaker halted sales on Jan. 9 and issued a software fix the following week.', '2024-02-01'),
    ).toEqual([
      ['Jan. 9', 'DATE', '2024-01-09'],
      ['the following week', 'DATE', '2024-W03'],
    ]);
    expect(tags('The walkout began in June 2023, and the union signed a deal later that month.')).toEqual([
      ['June 2023', 'DATE', '2023-06'],
      ['later that month', 'DATE', '2023-06'],
    ]);
  });

  it('with no day named before, they count from the document date', () => {
    expect(tags('Stocks had rallied the previous day.')).toEqual([['the previous day', 'DATE', '2024-05-13']]);
  });

  it('"the same month last year" and "the same day a year earlier" are the named month or day, a year before', () => {
    expect(tags('Home sales dropped 9 percent in April from the same month last year.')).toEqual([
      ['April', 'DATE', '2024-04'],
      ['the same month last year', 'DATE', '2023-04'],
    ]);
    expect(tags('The port handled 30 ships on Jan. 2, twice as many as on the same day a year earlier.')).toEqual([
      ['Jan. 2', 'DATE', '2024-01-02'],
      ['the same day a year earlier', 'DATE', '2023-01-02'],
    ]);
    // Nothing named before: the document's month, a year back.
    expect(tags('Output was 3 percent above the same month of the previous year.')).toEqual([
      ['the same month of the previous year', 'DATE', '2023-05'],
    ]);
  });

  it('a phrase that names its own anchor, or a bare "that day", is left alone', () => {
    expect(tags('Turnout fell on the day before the vote.')).toEqual([]);
    expect(tags('Traders who sold that day lost the most.')).toEqual([]);
  });
});

describe('earnings periods', () => {
  it('"the same period of the previous year" is one expression: the named quarter a year before', () => {
    expect(
      tags('Net profit rose 8% in the third quarter from the same period of the previous year.', '2024-11-05'),
    ).toEqual([
      ['the third quarter', 'DATE', '2024-Q3'],
      ['the same period of the previous year', 'DATE', '2023-Q3'],
    ]);
  });
});

describe('numbers composed as they are spoken', () => {
  it('hundreds and thousands in words, and digits with thousands separators', () => {
    expect(tags('The monastery has stood for more than two thousand years.')).toEqual([
      ['more than two thousand years', 'DURATION', 'P2000Y'],
    ]);
    expect(tags('The mission lasted a hundred and twenty days.')).toEqual([
      ['a hundred and twenty days', 'DURATION', 'P120D'],
    ]);
    expect(tags('The prototype logged 10,000 hours in the wind tunnel.')).toEqual([
      ['10,000 hours', 'DURATION', 'PT10000H'],
    ]);
  });

  it('a half is counted once, before or after the unit', () => {
    expect(tags('She served three and a half years on the board.')).toEqual([
      ['three and a half years', 'DURATION', 'P3Y6M'],
    ]);
    expect(tags('The audit took a year and a half.')).toEqual([['a year and a half', 'DURATION', 'P1Y6M']]);
  });
});

describe('a part of any period, composed with the date after it', () => {
  it('"the end of", "the rest of", "the first week of" extend the date they precede; the value stays its own', () => {
    expect(tags('Deliveries should resume by the end of the third quarter.')).toEqual([
      ['the end of the third quarter', 'DATE', '2024-Q3'],
    ]);
    expect(tags('The museum stays closed for the rest of March.')).toEqual([['the rest of March', 'DATE', '2024-03']]);
    expect(tags('The vote is planned for the first week of 2025.')).toEqual([
      ['the first week of 2025', 'DATE', '2025'],
    ]);
  });

  it('"the first half of" a week or a month is not a half-year', () => {
    expect(tags('Most of the rain fell in the first half of last week.')).toEqual([['last week', 'DATE', '2024-W19']]);
  });
});

describe('named quarters in a clause that looks ahead', () => {
  it("a quarter still to come is this year's when it starts sooner than last year's ended", () => {
    expect(tags('The carmaker said production would restart in the third quarter.', '2024-05-14')).toEqual([
      ['the third quarter', 'DATE', '2024-Q3'],
    ]);
    // In January, results "will" come for the quarter just gone.
    expect(tags('The bank will report fourth-quarter earnings on Friday.', '2024-01-09').slice(0, 1)).toEqual([
      ['fourth-quarter', 'DATE', '2023-Q4'],
    ]);
  });
});

describe('years and fiscal years', () => {
  it('"FY2024" and "FY24" are fiscal years, written as the year', () => {
    expect(tags('The utility expects capital spending to peak in FY2026.')).toEqual([['FY2026', 'DATE', '2026']]);
    expect(tags('Guidance for FY25 was raised.')).toEqual([['FY25', 'DATE', '2025']]);
  });

  it('a range of years is two dates; a falling range or a range of pounds is none', () => {
    expect(tags('The climate plan covers 2025-2030.')).toEqual([
      ['2025', 'DATE', '2025'],
      ['2030', 'DATE', '2030'],
    ]);
    expect(tags('The bridge weighs 1800-1900 tons.')).toEqual([]);
  });

  it('a calendar quarter named by its months', () => {
    expect(tags('Exports fell in the July-September quarter, the ministry said.', '2024-11-14')).toEqual([
      ['the July-September quarter', 'DATE', '2024-Q3'],
    ]);
    expect(tags('Retail sales in the April–June period rose 2%.', '2024-11-14')).toEqual([
      ['the April–June period', 'DATE', '2024-Q2'],
    ]);
  });
});

describe('weekdays in a schedule or an expectation look ahead', () => {
  // 2024-05-14 is a Tuesday.
  it('a present-tense schedule verb: "who arrives Thursday", "voting ends Sunday", "tickets go on sale Friday"', () => {
    expect(tags('The prime minister, who arrives Thursday, will address parliament.').slice(0, 1)).toEqual([
      ['Thursday', 'DATE', '2024-05-16'],
    ]);
    expect(tags('Early voting ends Sunday in most districts.')).toEqual([['Sunday', 'DATE', '2024-05-19']]);
    expect(tags('Tickets for the tour go on sale Friday.')).toEqual([['Friday', 'DATE', '2024-05-17']]);
  });

  it('"expects to ... by Friday" and "ahead of Wednesday\'s report"', () => {
    expect(tags('The lender said on Monday it expects to close the sale by Friday.')).toEqual([
      ['Monday', 'DATE', '2024-05-13'],
      ['Friday', 'DATE', '2024-05-17'],
    ]);
    expect(tags("Chip stocks rose on Monday ahead of Wednesday's earnings from the sector leader.")).toEqual([
      ['Monday', 'DATE', '2024-05-13'],
      ['Wednesday', 'DATE', '2024-05-15'],
    ]);
  });
});

describe('an approximation stays in the span of the point it qualifies', () => {
  it('"around", "roughly", "sometime" before a date or clock time, "about" before a clock time', () => {
    expect(tags('The ship is due to dock around June 4.')).toEqual([['around June 4', 'DATE', '2024-06-04']]);
    expect(tags('The blast was heard at about 9:40 p.m. on Tuesday.').map(([text]) => text)).toEqual([
      'about 9:40 p.m. on Tuesday',
    ]);
    expect(tags('The board will vote sometime next year.')).toEqual([['sometime next year', 'DATE', '2025']]);
    // "about" as a preposition is not an approximation.
    expect(tags('Analysts were asked about last week’s sell-off.')).toEqual([['last week', 'DATE', '2024-W19']]);
  });
});

describe('two steps from the document date, and the fortnight', () => {
  it('"the day before yesterday", "the day after tomorrow", "the week before last", "the year after next"', () => {
    expect(tags('Rescuers reached the village the day before yesterday.')).toEqual([
      ['the day before yesterday', 'DATE', '2024-05-12'],
    ]);
    expect(tags('The jury will retire the day after tomorrow.')).toEqual([
      ['the day after tomorrow', 'DATE', '2024-05-16'],
    ]);
    expect(tags('The ministers first met the week before last.')).toEqual([
      ['the week before last', 'DATE', '2024-W18'],
    ]);
    expect(tags('The stadium should be finished the year after next.')).toEqual([
      ['the year after next', 'DATE', '2026'],
    ]);
  });

  it('a fortnight is two weeks', () => {
    expect(tags('Ballots must be returned within a fortnight.')).toEqual([['a fortnight', 'DURATION', 'P2W']]);
    expect(tags('The ferry service was suspended a fortnight ago.')).toEqual([['a fortnight ago', 'DATE', '2024-W18']]);
    expect(tags('Rain has fallen steadily over the past fortnight.')).toEqual([
      ['the past fortnight', 'DURATION', 'P2W'],
    ]);
  });

  it('"the trailing twelve months" is a stretch like "the past twelve months"', () => {
    expect(tags('Its shares yield 4 percent over the trailing 12 months.')).toEqual([
      ['the trailing 12 months', 'DURATION', 'P12M'],
    ]);
  });
});

describe('ages are not decades', () => {
  it('"in their early twenties", "in his seventies" name an age; "the sixties" is still the decade', () => {
    expect(tags('Police said both drivers were in their early twenties.')).toEqual([]);
    expect(tags('The architect, in his seventies, still draws by hand.')).toEqual([]);
    expect(tags('Vinyl records from the sixties fetch high prices.')).toEqual([['the sixties', 'DATE', '196']]);
  });
});

describe('a clock time does not end the sentence the weekday is read in', () => {
  it('"a.m." and "p.m." are abbreviations, so "will open at 9 a.m. Monday" looks ahead', () => {
    // 2024-05-14 is a Tuesday.
    expect(tags('The new bridge will open to traffic at 9 a.m. Monday.')).toEqual([
      ['9 a.m. Monday', 'TIME', '2024-05-20T09:00'],
    ]);
    expect(tags('The polls closed at 8 p.m. Sunday.')).toEqual([['8 p.m. Sunday', 'TIME', '2024-05-12T20:00']]);
  });
});

describe('more schedules that look ahead', () => {
  // 2024-05-14 is a Tuesday.
  it('plural present schedules ("talks resume Monday", "voters go to the polls Sunday") and travel plans', () => {
    expect(tags('Negotiations resume Thursday, a union spokesman said.')).toEqual([['Thursday', 'DATE', '2024-05-16']]);
    expect(tags('Voters go to the polls on Sunday in a tight race.')).toEqual([['Sunday', 'DATE', '2024-05-19']]);
    expect(tags('The chancellor flies to Beijing on Saturday for trade talks.')).toEqual([
      ['Saturday', 'DATE', '2024-05-18'],
    ]);
  });

  it('a copula with the day as its predicate: "the ceremony is on Saturday"', () => {
    expect(tags('The opening ceremony is on Saturday.')).toEqual([['Saturday', 'DATE', '2024-05-18']]);
    expect(tags('The filing deadline is midnight Friday.')).toEqual([['midnight Friday', 'TIME', '2024-05-17T24:00']]);
    // Not when the predicate is something else: a report on the day just gone.
    expect(tags('Shares are down 4 percent since Monday.')).toEqual([['Monday', 'DATE', '2024-05-13']]);
  });
});

describe('a holiday season is not the holiday', () => {
  it('"the Christmas shopping season", "Thanksgiving travel" are the holiday’s month; "the holiday season" a stretch of days', () => {
    expect(tags('Retailers hired 400,000 extra staff for the Christmas shopping season.')).toEqual([
      ['the Christmas shopping season', 'DATE', '2023-12'],
    ]);
    expect(tags('Strong Thanksgiving travel lifted airline shares.')).toEqual([['Thanksgiving', 'DATE', '2023-11']]);
    expect(tags('Airports expect record crowds over the holiday season.')).toEqual([
      ['the holiday season', 'DURATION', 'PXD'],
    ]);
    // The day itself stays the day.
    expect(tags('The store will close on Christmas Day.', '2024-11-20')).toEqual([
      ['Christmas Day', 'DATE', '2024-12-25'],
    ]);
  });
});

describe('"now that"', () => {
  it('"now that" still says "now": the clause holds at the document date', () => {
    expect(tags('Exporters are worried now that the currency has risen.')).toEqual([['now', 'DATE', 'PRESENT_REF']]);
  });
});

describe('the count of a story’s days, said in the present', () => {
  it('"It’s the third day of the blockade" is the document’s day; "now in its second week" its week', () => {
    expect(tags('It’s the third day of the blockade at the port.')).toEqual([['the third day', 'DATE', '2024-05-14']]);
    expect(tags('The walkout, now in its second week, has closed 40 schools.')).toEqual([
      ['now', 'DATE', 'PRESENT_REF'],
      ['second week', 'DATE', '2024-W20'],
    ]);
    // A count in the past tense is no day of its own.
    expect(tags('The index fell for the third straight day.')).toEqual([]);
  });
});

describe('the final quarter of a named year', () => {
  it('"the final quarter of 2023" and "the last quarter of next year" are the fourth quarter', () => {
    expect(tags('The economy contracted in the final quarter of 2023.')).toEqual([
      ['the final quarter of 2023', 'DATE', '2023-Q4'],
    ]);
    expect(tags('The plant should open in the last quarter of next year.')).toEqual([
      ['the last quarter of next year', 'DATE', '2025-Q4'],
    ]);
    // Without a year, "the last quarter" is the quarter before this one.
    expect(tags('Profits fell in the last quarter.')).toEqual([['the last quarter', 'DATE', '2024-Q1']]);
  });
});

describe('a range of years with a short end', () => {
  it('"the 1990-91 recession", "the 2013/14 season": the short end is a year in the first one’s century', () => {
    expect(tags('The 1990-91 recession closed many mills.')).toEqual([
      ['1990', 'DATE', '1990'],
      ['91', 'DATE', '1991'],
    ]);
    expect(tags('Ticket prices rose for the 2023/24 season.')).toEqual([
      ['2023', 'DATE', '2023'],
      ['24', 'DATE', '2024'],
    ]);
    // Not a range that runs backwards, nor a percentage.
    expect(tags('Catalogue numbers 1998-95 were withdrawn.').map(([text]) => text)).not.toContain('95');
    expect(tags('Growth in 2012-13 percent terms was small.').map(([text]) => text)).not.toContain('13');
  });
});

describe('"the past decade"', () => {
  it('is the calendar decade before this one, as "the last decade" and "the past year" are', () => {
    expect(tags('Rents in the capital have doubled over the past decade.', '2016-09-01')).toEqual([
      ['the past decade', 'DATE', '200'],
    ]);
    expect(tags('Rents in the capital doubled in the past decade.', '2021-01-12')).toEqual([
      ['the past decade', 'DATE', '201'],
    ]);
    expect(tags('The country changed during the last decade.', '2016-09-01')).toEqual([
      ['the last decade', 'DATE', '200'],
    ]);
  });
});

describe('capacity measured in time', () => {
  it('what a device stores is no stretch of the time line; a strike that lasts is', () => {
    expect(tags('On the larger camera, 90 hours of footage can be kept, and 300 hours can be stored.')).toEqual([]);
    expect(tags('The recorder stores up to 40 hours on one card.')).toEqual([]);
    expect(tags('The strike by dock workers lasted 150 hours.')).toEqual([['150 hours', 'DURATION', 'PT150H']]);
  });
});

describe('amounts as spoken', () => {
  it('"a couple" without "of" is two, and "half an hour" is thirty minutes', () => {
    expect(tags('Prices have climbed over the past couple weeks.')).toEqual([
      ['the past couple weeks', 'DURATION', 'P2W'],
    ]);
    expect(tags('The mayor resigned a couple weeks ago.')).toEqual([['a couple weeks ago', 'DATE', '2024-W18']]);
    expect(tags('Firefighters arrived half an hour after the first call.')).toEqual([
      ['half an hour', 'DURATION', 'PT30M'],
    ]);
    expect(tags('The couple married in a small ceremony.')).toEqual([]);
  });
});

describe('one modifier grammar for every named period or day', () => {
  // 2024-05-14 is a Tuesday.
  it('"this coming" and "the coming" look ahead before units, weekdays, months, seasons and holidays', () => {
    expect(tags('The board will vote this coming week.')).toEqual([['this coming week', 'DATE', '2024-W21']]);
    expect(tags('Repairs should finish this coming Friday.')).toEqual([['this coming Friday', 'DATE', '2024-05-17']]);
    expect(tags('The plant reopens in the coming summer.')).toEqual([['the coming summer', 'DATE', '2024-SU']]);
    expect(tags('Fares rise again this coming September.')).toEqual([['this coming September', 'DATE', '2024-09']]);
    expect(tags('Stores expect record sales over the upcoming Thanksgiving.')).toEqual([
      ['the upcoming Thanksgiving', 'DATE', '2024-11-28'],
    ]);
  });

  it('"the past" looks back to the most recent one gone', () => {
    expect(tags('Reservoirs filled over the past winter.')).toEqual([['the past winter', 'DATE', '2024-WI']]);
    expect(tags('The mill closed this past March.')).toEqual([['this past March', 'DATE', '2024-03']]);
    expect(tags('Crowds thinned over the past weekend.')).toEqual([['the past weekend', 'DATE', '2024-W19-WE']]);
  });
});

describe('"the year before", "the month after" closing a clause', () => {
  it('shift the period the story last named', () => {
    expect(tags('Exports grew 6% in 2019, after shrinking the year before.')).toEqual([
      ['2019', 'DATE', '2019'],
      ['the year before', 'DATE', '2018'],
    ]);
    expect(tags('The bridge opened in June 2022 and cracked the month after.')).toEqual([
      ['June 2022', 'DATE', '2022-06'],
      ['the month after', 'DATE', '2022-07'],
    ]);
    // A phrase that names its own anchor stays untagged.
    expect(tags('Turnout fell the year before the reform.')).toEqual([]);
  });
});

describe('"from today"', () => {
  it('counts from the document date, as "from now" does', () => {
    expect(tags('The new rules take effect two weeks from today.')).toEqual([
      ['two weeks from today', 'DATE', '2024-W22'],
    ]);
  });
});

describe('a half-year named by its months', () => {
  it('"the January-June period" is the first half, as "the April-June period" is the second quarter', () => {
    expect(tags('Car sales fell 3% in the January-June period.')).toEqual([
      ['the January-June period', 'DATE', '2024-H1'],
    ]);
    expect(tags('Imports rose in the July-December half.')).toEqual([['the July-December half', 'DATE', '2023-H2']]);
  });
});

describe('edges of the current decade or century, and "the latter part of"', () => {
  it('"the end of the decade" is this decade; "the latter part of" composes with any date', () => {
    expect(tags('The city wants carbon-free buses by the end of the decade.')).toEqual([
      ['the end of the decade', 'DATE', '202'],
    ]);
    expect(tags('Sea levels could rise a metre by the end of the century.')).toEqual([
      ['the end of the century', 'DATE', '20'],
    ]);
    expect(tags('The line opens in the latter part of next year.')).toEqual([
      ['the latter part of next year', 'DATE', '2025'],
    ]);
  });
});

describe('"the first day of", "the last day of"', () => {
  it('is the day itself, composed with any month or year', () => {
    expect(tags('The tariff applies from the first day of April.')).toEqual([
      ['the first day of April', 'DATE', '2024-04-01'],
    ]);
    expect(tags('The lease ran out on the last day of 2023.')).toEqual([
      ['the last day of 2023', 'DATE', '2023-12-31'],
    ]);
    expect(tags('Filings close on the last day of February.')).toEqual([
      ['the last day of February', 'DATE', '2024-02-29'],
    ]);
  });
});

describe('a schedule without its copula', () => {
  it('"set for Friday", "slated for Monday" look ahead, as "is set for Friday" does', () => {
    expect(tags('Budget talks set for Friday as deadline nears')).toEqual([['Friday', 'DATE', '2024-05-17']]);
    expect(tags('A runoff, slated for Monday, could decide the seat.')).toEqual([['Monday', 'DATE', '2024-05-20']]);
  });
});

describe('market reports', () => {
  it('"on the day" closing a clause and "ended the week" are the session\'s day or week', () => {
    expect(tags('The Nikkei closed down 0.8% on the day.')).toEqual([['the day', 'DATE', '2024-05-14']]);
    expect(tags('Copper ended the week higher.')).toEqual([['the week', 'DATE', '2024-W20']]);
    expect(tags('Crowds gathered on the day the treaty was signed.')).toEqual([]);
  });
});

describe('"the early hours of" a day', () => {
  it('is a part of that day, not a stretch of hours; "the first hours of the war" still is one', () => {
    expect(tags('The fire broke out in the early hours of Sunday.')).toEqual([
      ['the early hours of Sunday', 'DATE', '2024-05-12'],
    ]);
    expect(tags('Talks ran into the small hours of May 3.')).toEqual([
      ['the small hours of May 3', 'DATE', '2024-05-03'],
    ]);
    expect(tags('Shelling in the first hours of the war destroyed the bridge.')).toEqual([
      ['the first hours', 'DURATION', 'PTXH'],
    ]);
  });
});

describe('bare plural units', () => {
  it('"over the years" and "within minutes" are stretches of unknown length', () => {
    expect(tags('The harbour has silted up over the years.')).toEqual([['the years', 'DURATION', 'PXY']]);
    expect(tags('Within minutes, the square had emptied.')).toEqual([['minutes', 'DURATION', 'PTXM']]);
    // The record of a meeting is no stretch; named years are no stretch up to now.
    expect(tags('The central bank said in minutes of its meeting that rates would hold.')).toEqual([]);
    expect(tags('Output fell over the years 2009 and 2010.').map(([text]) => text)).not.toContain('the years');
  });
});

describe('a half written as one character', () => {
  it('"2½ years" is two years and six months', () => {
    expect(tags('The building took 2½ years to finish.')).toEqual([['2½ years', 'DURATION', 'P2Y6M']]);
  });
});

describe('a year and a half ago', () => {
  it('is eighteen months back, a month', () => {
    expect(tags('The mine closed a year and a half ago.')).toEqual([['a year and a half ago', 'DATE', '2022-11']]);
  });
});

describe('compounds that only start with a unit', () => {
  it('"a year-on-year rise", "a month-over-month fall" hold no duration', () => {
    expect(tags('Exports posted a year-on-year rise of 4%.')).toEqual([]);
    expect(tags('Retail sales showed a month-over-month fall.')).toEqual([]);
    expect(tags('The fund returned a year-to-date gain of 9%.')).toEqual([]);
  });
});

describe('midday', () => {
  it('is noon; "the midday sun" is no time', () => {
    expect(tags('The ceasefire begins at midday.')).toEqual([['midday', 'TIME', '2024-05-14T12:00']]);
    expect(tags('Workers rested in the shade from the midday sun.')).toEqual([]);
  });
});

describe('weekends as a set', () => {
  it('"on weekends", "every weekend" recur, as "on Sundays" does', () => {
    expect(tags('The museum now opens late on weekends.')).toEqual([
      ['now', 'DATE', 'PRESENT_REF'],
      ['weekends', 'SET', 'XXXX-WXX-WE'],
    ]);
    expect(tags('Volunteers clean the beach every weekend.')).toEqual([['every weekend', 'SET', 'XXXX-WXX-WE']]);
  });
});

describe('decades with a short year', () => {
  it('"\'70s" after "and" is a decade too; "the \'00s" is this century\'s once begun', () => {
    expect(tags("Disco ruled the clubs of the 1960s and '70s.")).toEqual([
      ['the 1960s', 'DATE', '196'],
      ["'70s", 'DATE', '197'],
    ]);
    expect(tags("Phones of the '00s had keyboards.")).toEqual([["the '00s", 'DATE', '200']]);
  });
});

describe('a month under a future verb', () => {
  it("more than 60 days back is next year's, as a past verb takes one more than 60 days ahead back", () => {
    // 2024-05-14: February is about 100 days back.
    expect(tags('The new line will open in February.')).toEqual([['February', 'DATE', '2025-02']]);
    // A weak cue (an infinitive) keeps the 150-day reach: "agreed to buy ... in February" is this year's.
    expect(tags('The group agreed to buy the stake in February.')).toEqual([['February', 'DATE', '2024-02']]);
  });
});

describe('deictic fiscal years', () => {
  it('"last fiscal year", "the current fiscal year" are years, written as the year', () => {
    expect(tags('Revenue doubled in the current fiscal year.')).toEqual([['the current fiscal year', 'DATE', '2024']]);
    expect(tags('The utility lost money last fiscal year.')).toEqual([['last fiscal year', 'DATE', '2023']]);
    expect(tags('Cuts take effect next fiscal year.')).toEqual([['next fiscal year', 'DATE', '2025']]);
  });
});

describe('"that night", "that morning"', () => {
  it('are the story\'s day; a bare "that day" and "that evening gown" stay untagged', () => {
    expect(tags('The storm reached the coast on May 3. That night, the river burst its banks.')).toEqual([
      ['May 3', 'DATE', '2024-05-03'],
      ['That night', 'TIME', '2024-05-03TNI'],
    ]);
    expect(tags('She had bought that evening gown in Paris.')).toEqual([]);
  });
});

describe('"by the end of the day"', () => {
  it('is the document\'s day; the idiom "at the end of the day" is no time', () => {
    expect(tags('Lawmakers hope to pass the bill by the end of the day.')).toEqual([
      ['the end of the day', 'DATE', '2024-05-14'],
    ]);
    expect(tags('At the end of the day, voters will decide.')).toEqual([]);
  });
});

describe('numbers of things that look like years', () => {
  it('"Flight 1990", "Resolution 1973" are no years', () => {
    expect(tags('Flight 1990 landed safely in Denver.')).toEqual([]);
    expect(tags('Resolution 1973 authorised a no-fly zone.')).toEqual([]);
  });
});

describe('Black Friday and Cyber Monday', () => {
  it('are the Friday and Monday after Thanksgiving', () => {
    expect(tags('Shoppers queued overnight for Black Friday.', '2023-12-01')).toEqual([
      ['Black Friday', 'DATE', '2023-11-24'],
    ]);
    expect(tags('Online sales jumped on Cyber Monday.', '2023-12-01')).toEqual([
      ['Cyber Monday', 'DATE', '2023-11-27'],
    ]);
  });
});

describe('"the next year" in a past-tense story', () => {
  it('is the year after the one the story named; under a future verb it is next year', () => {
    expect(tags('She joined the band in 2016 and left the next year.')).toEqual([
      ['2016', 'DATE', '2016'],
      ['next year', 'DATE', '2017'],
    ]);
    expect(tags('The line will close for repairs over the next year.')).toEqual([['next year', 'DATE', '2025']]);
  });
});

describe('deadlines and postponements before a weekday', () => {
  it('look ahead unless the clause reports the past', () => {
    expect(tags('The union has until Friday to respond.')).toEqual([['Friday', 'DATE', '2024-05-17']]);
    expect(tags('The judge adjourned the hearing until Monday.')).toEqual([['Monday', 'DATE', '2024-05-20']]);
    expect(tags('He stayed in hospital until Monday.')).toEqual([['Monday', 'DATE', '2024-05-13']]);
  });
});
