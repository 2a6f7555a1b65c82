import { describe, expect, it } from 'vitest';
import { sameSurname } from '../../src/extraction/actors.js';
import { findAnchoredExpressions } from '../../src/extraction/anchored.js';
import { analyzeDocument } from '../../src/pipeline/analyze-document.js';

function analyze(body: string, extra: { publishedAt?: string; yearHint?: number } = {}) {
  return analyzeDocument({ documentId: 'doc', text: `Headline\n\n${body}`, source: 'test', ...extra });
}

describe('events from temporal expressions', () => {
  it('attaches the date to its clause and writes a present-tense headline with the actors', () => {
    const a = analyze(
      'National security adviser Jake Sullivan told CNN on Sunday that Beijing would face consequences.',
      { publishedAt: '2022-03-13' },
    );
    expect(a.events).toHaveLength(1);
    // The subject by its whole name as the text gives it.
    expect(a.events[0]).toMatchObject({
      title: expect.stringMatching(/^National security adviser Jake Sullivan tells CNN/),
      date: { value: '2022-03-13', granularity: 'day' },
      resolution: 'document-relative',
      relative: { kind: 'weekday', weekday: 7, direction: 'past' },
    });
    expect(a.events[0]?.actors).toEqual(expect.arrayContaining(['Jake Sullivan', 'CNN']));
  });

  it('dates an introductory "on Sunday" to the main clause, and a plan to the coming weekday', () => {
    const a = analyze(
      'Earlier on Sunday, Sullivan told CNN that the sanctions would hold. Sullivan is set to meet Yang Jiechi in Rome on Monday.',
      { publishedAt: '2022-03-13' },
    );
    expect(a.events.map((e) => [e.date.value, e.title])).toEqual([
      ['2022-03-13', expect.stringMatching(/^Sullivan tells CNN/)],
      ['2022-03-14', expect.stringMatching(/^Sullivan to meet Yang Jiechi/)],
    ]);
  });

  it('resolves "on the day Russian troops entered Ukraine" through the invasion date in the text', () => {
    const a = analyze(
      'Russia invaded Ukraine on Feb. 24. On the day Russian troops entered Ukraine, a Chinese Foreign Ministry spokesman said Beijing would not send arms.',
      { publishedAt: '2022-03-13' },
    );
    const statement = a.events.find((e) => e.resolution === 'event-anchored');
    expect(statement).toMatchObject({
      date: { value: '2022-02-24' },
      anchorLink: { keywords: ['invade'], offsetDays: 0 },
    });
    expect(statement?.title).toMatch(/spokesman says Beijing not to send arms/);
  });

  it('dates "a day before [the meeting]" from the report date and keeps the plan as an event', () => {
    const a = analyze(
      'The revelation comes a day before national security adviser Jake Sullivan is set to meet Yang Jiechi in Rome.',
      { publishedAt: '2022-03-13' },
    );
    // "The revelation comes" speaks of the report itself: no event of its own.
    expect(a.events).toHaveLength(1);
    expect(a.events[0]).toMatchObject({
      date: { value: '2022-03-14' },
      relative: { kind: 'offset', unit: 'day', amount: 1 },
    });
    expect(a.events[0]?.title).toMatch(/^National security adviser Jake Sullivan to meet Yang Jiechi/);
  });

  it('resolves "two weeks into the war" from the war start, approximately', () => {
    const a = analyze(
      'Russia invaded Ukraine on Feb. 24. Seeking military assistance just two weeks into the war could indicate trouble.',
      { publishedAt: '2022-03-13' },
    );
    expect(a.events.find((e) => e.resolution === 'event-anchored')?.date).toEqual({
      value: '2022-03-10',
      granularity: 'day',
      certainty: 'approximate',
    });
  });

  it('drops generic references and yardsticks', () => {
    const a = analyze(
      'The partnership has strengthened in recent years. They are closer than at any point since the mid-1950s. Officials now say so.',
      { publishedAt: '2022-03-13' },
    );
    // No expression dates anything; what the verbs report is dated by their tense alone.
    // ("Officials now say so" says nothing a headline could carry.)
    expect(a.events.map((e) => [e.dateRule, e.date.value, e.title])).toEqual([
      ['report-perfect', '2022-03-13', 'Partnership strengthens'],
    ]);
  });

  it('offsets index the original text even after repairs', () => {
    const text =
      'Headline\n\nThe official, who wasn”;t authorized, told POLITICO on Sunday that Russia”;s request was real.';
    const a = analyzeDocument({ documentId: 'd', text, source: 't', publishedAt: '2022-03-13' });
    const e = a.events[0];
    expect(e && text.slice(e.quote.start, e.quote.end)).toBe(e?.quote.text);
    expect(e?.quote.text).toContain('wasn”;t');
    expect(e && text.slice(e.timex.start, e.timex.end)).toBe('Sunday');
  });
});

describe('document dates', () => {
  it('takes the calendar day of publishedAt', () => {
    expect(analyze('Nothing dated.', { publishedAt: '2022-03-13T22:10:00Z' }).documentDate).toEqual({
      value: '2022-03-13',
      inferred: false,
      method: 'provided',
      confidence: 1,
    });
  });

  it('infers the day from a weekday checked against an anchored fact, with a year hint', () => {
    const a = analyze(
      'Since Russia invaded Ukraine on Feb. 24, the campaign has stalled. A U.S. official told POLITICO on Sunday that Moscow is struggling more than two weeks into its invasion.',
      { yearHint: 2022 },
    );
    expect(a.documentDate).toMatchObject({ value: '2022-03-13', inferred: true, method: 'anchors' });
  });

  it('reads a dateline at the head of the article', () => {
    const a = analyze('WASHINGTON, March 13, 2022 — Sullivan told CNN on Sunday that the sanctions would hold.');
    expect(a.documentDate).toMatchObject({ value: '2022-03-13', method: 'text', inferred: true });
    expect(a.events.map((e) => [e.date.value, e.title])).toEqual([
      ['2022-03-13', expect.stringMatching(/^Sullivan tells CNN/)],
    ]);
  });

  it('keeps what is unknown as X, never today', () => {
    const a = analyze('Sullivan told CNN on Sunday that the sanctions would hold.');
    expect(a.documentDate).toMatchObject({ value: 'XXXX-XX-XX', inferred: true, method: 'unknown' });
    expect(a.events[0]?.date.value).toBe('XXXX-WXX-7');
    expect(analyze('Sullivan spoke on Sunday.', { yearHint: 2021 }).documentDate.value).toBe('2021-XX-XX');
  });
});

describe('anchored expressions and names', () => {
  it('finds the anchored shapes', () => {
    const kinds = (s: string) => findAnchoredExpressions(s, 0).map((a) => a.kind);
    expect(kinds('On the day Russian troops entered Ukraine, he spoke.')).toEqual(['same-day']);
    expect(kinds('It came more than two weeks into its invasion.')).toEqual(['into']);
    expect(kinds('It comes a day before the meeting in Rome.')).toEqual(['before-after']);
    expect(kinds('Losses since the start of the war more than two weeks ago.')).toEqual(['ago']);
    expect(kinds('He said it before the vote.')).toEqual([]);
  });

  it('treats spelling variants of a surname as one, and different names as different', () => {
    expect(sameSurname('siluanov', 'silvanov')).toBe(true);
    expect(sameSurname('siluanov', 'siranov')).toBe(true);
    expect(sameSurname('kofman', 'kaufman')).toBe(true);
    expect(sameSurname('gonzales', 'gonzalez')).toBe(true);
    expect(sameSurname('sayers', 'sanders')).toBe(false);
    expect(sameSurname('johnson', 'jackson')).toBe(false);
    expect(sameSurname('haines', 'haynes')).toBe(true);
    expect(sameSurname('sullivan', 'siluanov')).toBe(false);
    expect(sameSurname('burns', 'biden')).toBe(false);
  });
});
