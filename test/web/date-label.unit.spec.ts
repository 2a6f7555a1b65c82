import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDate } from '../../src/http/date-label.js';
import type { Granularity } from '../../src/model/timeline-model.js';

interface PageDateLabel {
  describeDate(value: string, granularity: string): string;
  agreementOf(sourceDate: string, entryDate: string): 'agrees' | 'compatible' | 'disagrees';
  yearOf(value: string): number | undefined;
}

// The page's module is plain browser JS; it is loaded by URL so that tsc does not look for its types.
const page = (await import(pathToFileURL(resolve('src/web/static/date-label.js')).href)) as PageDateLabel;

const CASES: Array<[string, Granularity, string]> = [
  ['2022-03-14T11:50', 'time', '14 March 2022, 11:50'],
  ['2022-03-14', 'day', '14 March 2022'],
  ['XXXX-03-13', 'day', '13 March (year unknown)'],
  ['2022-03', 'month', 'March 2022'],
  ['XXXX-02', 'month', 'February (year unknown)'],
  ['2022-W11', 'week', 'Week 11, 2022'],
  ['2022-Q1', 'quarter', 'Q1 2022'],
  ['2022-H2', 'half', 'Second half of 2022'],
  ['2022-SP', 'season', 'Spring 2022'],
  ['2021-WI', 'season', 'Winter 2021'],
  ['1998', 'year', '1998'],
  ['195', 'decade', '1950s'],
  ['195X', 'decade', '1950s'],
  ['19', 'century', '20th century'],
  ['19XX', 'century', '20th century'],
  ['20XX', 'century', '21st century'],
  ['XXXX-XX-05', 'day', 'Day 5 of an unknown month'],
  ['PAST_REF', 'unknown', 'Unknown date (PAST_REF)'],
];

describe('date labels', () => {
  it.each(CASES)('%s (%s) reads "%s" on the page and in the exports alike', (value, granularity, expected) => {
    expect(describeDate(value, granularity)).toBe(expected);
    expect(page.describeDate(value, granularity)).toBe(expected);
  });
});

describe('whether a document agrees with an entry', () => {
  it.each([
    ['2022-03-13', '2022-03-13', 'agrees'],
    ['XXXX-03-13', '2022-03-13', 'compatible'],
    ['2022-03', '2022-03-13', 'compatible'],
    ['2022-W10', '2022-03-13', 'compatible'],
    ['2022-W11', '2022-03-13', 'disagrees'],
    ['2022-03-12', '2022-03-13', 'disagrees'],
    ['202X', '2022-03-13', 'compatible'],
    ['2021', '2022-03-13', 'disagrees'],
  ] as const)('%s against %s: %s', (source, entry, expected) => {
    expect(page.agreementOf(source, entry)).toBe(expected);
  });

  it('groups years, decades and unknown years', () => {
    expect(page.yearOf('2022-03-13')).toBe(2022);
    expect(page.yearOf('195')).toBe(1950);
    expect(page.yearOf('195X')).toBe(1950);
    expect(page.yearOf('19')).toBe(1900);
    expect(page.yearOf('XXXX-03-13')).toBeUndefined();
  });
});
