// Issue #14, fourth pass: classes found with a grid of sentences written in the style of news (ranges,
// numeric dates, sets, decades, schedules), one test per rule, each on a sentence of its own.
import { describe, expect, it } from 'vitest';
import { tagTemporalExpressions } from '../../src/tagger/index.js';

// 2024-05-14 is a Tuesday.
const tags = (text: string, referenceDate = '2024-05-14'): Array<[string, string, string]> =>
  tagTemporalExpressions(text, { referenceDate }).map((t) => [t.text, t.type, t.value]);

describe('tense', () => {
  it('a capital "May" inside a sentence is the month, not the modal', () => {
    expect(tags('Retail sales climbed from February to May, the agency reported.')).toEqual([
      ['February', 'DATE', '2024-02'],
      ['May', 'DATE', '2024-05'],
    ]);
    // At the head of a sentence "May" can still be the modal.
    expect(tags('The union struck. May the talks succeed in September.')).toEqual([['September', 'DATE', '2024-09']]);
  });
});

describe('sets', () => {
  it('"every" takes any count before its unit, in digits or words', () => {
    expect(tags('Shuttle buses depart every 20 minutes from the terminal.')).toEqual([
      ['every 20 minutes', 'SET', 'PT20M'],
    ]);
    expect(tags('The island votes for a new council every five years.')).toEqual([['every five years', 'SET', 'P5Y']]);
    expect(tags('Inspectors return every few months.')).toEqual([['every few months', 'SET', 'PXM']]);
  });
});

describe('numeric dates', () => {
  it('a dotted date is day-month-year, month-first only when the first number cannot be a month', () => {
    expect(tags('The treaty was ratified in Vienna on 09.04.2021.')).toEqual([['09.04.2021', 'DATE', '2021-04-09']]);
    expect(tags('Filed on 28.02.2023, the appeal is pending.')).toEqual([['28.02.2023', 'DATE', '2023-02-28']]);
    expect(tags('The memo is dated 11.23.2020.')).toEqual([['11.23.2020', 'DATE', '2020-11-23']]);
  });

  it('a version number is no date', () => {
    expect(tags('The firm shipped version 3.1.2020 of its software.')).toEqual([]);
  });
});

describe('dates a schedule puts ahead', () => {
  it('a present copula with the date as its predicate looks ahead, as it does for weekdays', () => {
    expect(tags('The sentencing hearing is Dec. 2.')).toEqual([['Dec. 2', 'DATE', '2024-12-02']]);
    expect(tags('The final is on Feb. 9, organisers said.')).toEqual([['Feb. 9', 'DATE', '2025-02-09']]);
  });

  it('a rule coming into force or effect lies ahead; one that came into force lies behind', () => {
    expect(tags('The new labelling rules come into force on Jan. 1.')).toEqual([['Jan. 1', 'DATE', '2025-01-01']]);
    expect(tags('The smoking ban goes into effect in February.')).toEqual([['February', 'DATE', '2025-02']]);
    expect(tags('The smoking ban came into effect in February.')).toEqual([['February', 'DATE', '2024-02']]);
  });
});

describe('weekdays a schedule puts ahead', () => {
  it('a third-person present of an event verb announces a schedule', () => {
    expect(tags('The appeals court hears the case on Thursday.')).toEqual([['Thursday', 'DATE', '2024-05-16']]);
    expect(tags('The senate votes on the budget Monday.')).toEqual([['Monday', 'DATE', '2024-05-20']]);
    expect(tags('The governor signs the bill on Friday, aides said.')).toEqual([['Friday', 'DATE', '2024-05-17']]);
  });

  it('after a determiner or in a relative clause of state the word is no schedule', () => {
    expect(tags('The votes on Monday went against the plan.')).toEqual([['Monday', 'DATE', '2024-05-13']]);
    expect(tags("The deal follows Monday's offer by the fund, which holds a stake.")).toEqual([
      ['Monday', 'DATE', '2024-05-13'],
    ]);
  });
});

describe('attribution', () => {
  it('"…, officials said" dates the report, not the event: it decides only when no other verb does', () => {
    expect(tags('The airline will resume flights to Kyiv on Monday, a spokeswoman said.')).toEqual([
      ['Monday', 'DATE', '2024-05-20'],
    ]);
    expect(tags('Two trains collided on Saturday, police said.')).toEqual([['Saturday', 'DATE', '2024-05-11']]);
    expect(tags('On Sunday, the ministry said.')).toEqual([['Sunday', 'DATE', '2024-05-12']]);
  });
});

describe('periods of a game', () => {
  it("a half or quarter near a score is the game's, not the calendar's", () => {
    expect(tags('The striker scored twice in the first half before limping off.')).toEqual([]);
    expect(tags('The Giants trailed 21-10 in the third quarter but rallied.')).toEqual([]);
  });

  it('basis points and earnings keep the calendar half', () => {
    expect(tags('Gross margin widened 60 basis points in the second half.')).toEqual([
      ['the second half', 'DATE', '2024-H2'],
    ]);
  });
});

describe('weekdays after "through"', () => {
  it('"through Sunday" is an end point ahead unless the clause reports the past', () => {
    expect(tags('The book fair runs through Sunday.')).toEqual([['Sunday', 'DATE', '2024-05-19']]);
    expect(tags('The heat wave lasted through Sunday.')).toEqual([['Sunday', 'DATE', '2024-05-12']]);
  });
});

describe('seasons without a determiner', () => {
  it('"autumn" is always the season; "spring" and "fall" only after a preposition of time', () => {
    expect(tags('The new terminal should open by autumn.')).toEqual([['autumn', 'DATE', '2024-FA']]);
    expect(tags('Planting starts in spring, farmers said.')).toEqual([['spring', 'DATE', '2024-SP']]);
    expect(tags('Shares could fall in value if rates spring higher.')).toEqual([]);
    expect(tags('Inflation could fall in June.')).toEqual([['June', 'DATE', '2024-06']]);
  });
});

describe("parts of the story's day", () => {
  it('"in the afternoon", "by late evening" are a part of the day the story last named', () => {
    expect(tags('The ferry sank on May 9. Divers reached the wreck in the afternoon.')).toEqual([
      ['May 9', 'DATE', '2024-05-09'],
      ['the afternoon', 'TIME', '2024-05-09TAF'],
    ]);
    expect(tags('Firefighters had the blaze contained by late evening.')).toEqual([
      ['late evening', 'TIME', '2024-05-14TEV'],
    ]);
  });

  it('"the morning" as a subject, or a compound ("the evening news"), is no time', () => {
    expect(tags('The morning brought heavy rain to the coast.')).toEqual([]);
    expect(tags('She read it in the evening paper.')).toEqual([]);
  });
});

describe('overnight', () => {
  it('in a market report "overnight" is the night before the story\'s day', () => {
    expect(tags('Tokyo stocks opened lower on Monday after overnight declines on Wall Street.')).toEqual([
      ['Monday', 'DATE', '2024-05-13'],
      ['overnight', 'TIME', '2024-05-12TNI'],
    ]);
    expect(tags('Overnight, the storm cut power to 40,000 homes.')).toEqual([['Overnight', 'TIME', '2024-05-13TNI']]);
  });

  it('the overnight rate and an overnight success are no times', () => {
    expect(tags('Banks lent to each other at the overnight rate.')).toEqual([]);
    expect(tags('The app became a hit overnight.')).toEqual([]);
  });
});

describe('abbreviated weekdays', () => {
  it('"Thurs., May 16" is one date: an abbreviated weekday with its period and comma joins the date', () => {
    expect(tags('Ballots are due Fri., June 7.')).toEqual([['Fri., June 7', 'DATE', '2024-06-07']]);
    expect(tags('The Sun on May 12 ran the story.')).toEqual([['May 12', 'DATE', '2024-05-12']]);
  });
});

describe('datelines', () => {
  it('a dateline date before "(Reuters)" keeps no trailing space in its span', () => {
    expect(tags('FRANKFURT, May 2 (Reuters) - The bund yield rose.')).toEqual([['May 2', 'DATE', '2024-05-02']]);
  });
});

describe('abbreviated months', () => {
  it('an abbreviated month without its period is a month when a year follows', () => {
    expect(tags('The plant has been idle since Oct 2022.')).toEqual([['Oct 2022', 'DATE', '2022-10']]);
    expect(tags('Output peaked in Sept 2021, the data show.')).toEqual([['Sept 2021', 'DATE', '2021-09']]);
  });
});

describe("a count of the story's days in the present", () => {
  it('"is in its third day", "is entering its second week" name the document\'s day or week', () => {
    expect(tags('The rail strike is in its fifth day.')).toEqual([['fifth day', 'DATE', '2024-05-14']]);
    expect(tags('The siege is entering its second week.')).toEqual([['second week', 'DATE', '2024-W20']]);
  });
});

describe('clock times', () => {
  it('a 24-hour clock with "local time", or "hours" after "at", is a time', () => {
    expect(tags('The truce took hold at 0500 local time.')).toEqual([['0500 local time', 'TIME', '2024-05-14T05:00']]);
    expect(tags('The convoy left at 2200 hours.')).toEqual([['2200 hours', 'TIME', '2024-05-14T22:00']]);
    expect(tags('Volunteers logged 1200 hours of work.')).toEqual([]);
  });

  it("the first clock of a range shares the second one's meridiem", () => {
    expect(tags('The museum is open between 1 and 5 p.m.')).toEqual([
      ['1', 'TIME', '2024-05-14T13:00'],
      ['5 p.m.', 'TIME', '2024-05-14T17:00'],
    ]);
    expect(tags('Roads stay closed from 10 to 2 p.m.')).toEqual([
      ['10', 'TIME', '2024-05-14T10:00'],
      ['2 p.m.', 'TIME', '2024-05-14T14:00'],
    ]);
  });
});

describe('a clock before a part of a day', () => {
  it('"10:45 Friday night" is that clock on that day, in the evening half when no meridiem is said', () => {
    expect(tags('The blast was heard at 10:45 Friday night.')).toEqual([
      ['10:45 Friday night', 'TIME', '2024-05-10T22:45'],
    ]);
    expect(tags('The ferry left at 6:20 Sunday morning.')).toEqual([
      ['6:20 Sunday morning', 'TIME', '2024-05-12T06:20'],
    ]);
  });
});

describe('bare plural units between two events', () => {
  it('"Hours later", "just days after" measure the stretch, as "three days later" does', () => {
    expect(tags('Hours later, the coast guard found the crew.')).toEqual([['Hours', 'DURATION', 'PTXH']]);
    expect(tags('The strike began just weeks after the contract expired.')).toEqual([['weeks', 'DURATION', 'PXW']]);
    expect(tags('Police said the suspects fled days before.')).toEqual([]);
  });

  it('"the coming hours" is a vague future, as "the coming days" is', () => {
    expect(tags('More aftershocks are likely in the coming hours.')).toEqual([
      ['the coming hours', 'DATE', 'FUTURE_REF'],
    ]);
  });
});

describe('more sets', () => {
  it('"every other Friday" is a set of Fridays, not one Friday', () => {
    expect(tags('The farmers market opens every other Saturday.')).toEqual([
      ['every other Saturday', 'SET', 'XXXX-WXX-6'],
    ]);
  });

  it('a frequency with an adverb of period ("twice weekly") is a set', () => {
    expect(tags('The ferry to the island sails twice weekly.')).toEqual([['twice weekly', 'SET', 'P1W']]);
  });
});

describe('a plan in a quarter that has ended', () => {
  it("under a future verb a quarter already gone is next year's, unless results are reported for it", () => {
    expect(tags('The merger is expected to close in the first quarter.')).toEqual([
      ['the first quarter', 'DATE', '2025-Q1'],
    ]);
    expect(tags('The bank will post first-quarter earnings on Friday.')).toEqual([
      ['first-quarter', 'DATE', '2024-Q1'],
      ['Friday', 'DATE', '2024-05-17'],
    ]);
  });
});

describe('ranges of days', () => {
  it('"May 30-June 2" is two dates, not the 30th of June', () => {
    expect(tags('The trade fair is held Sept. 28-Oct. 1 in Milan.')).toEqual([
      ['Sept. 28', 'DATE', '2024-09-28'],
      ['Oct. 1', 'DATE', '2024-10-01'],
    ]);
  });
});

describe('present passive', () => {
  it('a participle after "is" / "are" is no past verb', () => {
    expect(tags('The regatta is held Aug. 30 in Cowes.')).toEqual([['Aug. 30', 'DATE', '2024-08-30']]);
  });
});

describe('ranges of weekdays', () => {
  it("the second weekday of a range follows the first; a reported range is last week's", () => {
    expect(tags('Delegates met from Monday to Thursday in Geneva.')).toEqual([
      ['Monday', 'DATE', '2024-05-06'],
      ['Thursday', 'DATE', '2024-05-09'],
    ]);
    expect(tags('The hearings will run from Wednesday through Friday.')).toEqual([
      ['Wednesday', 'DATE', '2024-05-15'],
      ['Friday', 'DATE', '2024-05-17'],
    ]);
  });
});

describe('ranges of months', () => {
  it('"January-March" ends in March, and a range\'s end follows its start', () => {
    expect(tags('Car exports grew in January-March, the ministry said.')).toEqual([
      ['January', 'DATE', '2024-01'],
      ['March', 'DATE', '2024-03'],
    ]);
    expect(tags('The festival ran Dec. 27-Jan. 2 last winter.', '2024-03-01').slice(0, 2)).toEqual([
      ['Dec. 27', 'DATE', '2023-12-27'],
      ['Jan. 2', 'DATE', '2024-01-02'],
    ]);
  });
});

describe('deadlines and states', () => {
  it('a deadline for something still to do looks ahead even when reported in the past', () => {
    expect(tags('The judge gave both sides until Thursday to file briefs.')).toEqual([
      ['Thursday', 'DATE', '2024-05-16'],
    ]);
  });

  it('a participle after "remain" / "stay" is an adjective, no past verb', () => {
    expect(tags('The border crossing will stay closed until Sunday.')).toEqual([['Sunday', 'DATE', '2024-05-19']]);
  });

  it('a schedule verb after "which" still schedules, except "holds" (a state)', () => {
    expect(tags('The bill goes to the assembly, which votes on Friday.')).toEqual([['Friday', 'DATE', '2024-05-17']]);
  });
});

describe('reported periods', () => {
  it('the last month of a reported period ("the 12 months to June") is this one or one before it', () => {
    expect(tags('Exports climbed 4% in the 12 months to July, the bureau said.')).toEqual([
      ['the 12 months', 'DURATION', 'P12M'],
      ['July', 'DATE', '2023-07'],
    ]);
    expect(tags('Inflation in the year to December will ease, economists expect.')).toEqual([
      ['the year', 'DURATION', 'P1Y'],
      ['December', 'DATE', '2024-12'],
    ]);
  });
});

describe('decades written "the 60\'s"', () => {
  it('two digits with "\'s" after "the" are a decade, unless temperatures or prices are read', () => {
    expect(tags("Folk music of the 60's and 70's filled the hall.")).toEqual([
      ["the 60's", 'DATE', '196'],
      ["70's", 'DATE', '197'],
    ]);
    expect(tags("Daytime temperatures will climb into the 80's.")).toEqual([]);
  });
});

describe('headlines', () => {
  it('a headline tells past news in the present, and its last weekday stays apart from the dateline', () => {
    expect(tags('Regulator fines bank on Monday\nMay 14, 2024\nThe regulator fined the bank on Monday.')).toEqual([
      ['Monday', 'DATE', '2024-05-13'],
      ['May 14, 2024', 'DATE', '2024-05-14'],
      ['Monday', 'DATE', '2024-05-13'],
    ]);
  });
});
