import { describe, expect, it } from 'vitest';
import { KeyScanner } from '../../src/tagger/key-scan.js';

describe('KeyScanner', () => {
  it('answers what includes() answers for every key, overlapping and nested keys included', () => {
    const keys = [
      'day',
      'today',
      'days',
      'the day',
      'year',
      'year-',
      'year-end',
      "year's end",
      'ear',
      'e',
      ' z',
      '0s',
      "0's",
      'per ',
    ];
    const scanner = new KeyScanner(keys);
    const texts = [
      '',
      'today',
      'yesterday',
      'the days ahead',
      'by year-end',
      "by year's end",
      'in the 1990s',
      "the '80's",
      'ye',
      'year',
      'per',
      'per day',
      'at 1050 z',
      'ábc yeár',
      'ddaayy',
      'the  day',
      'thethe day',
      'year-year-end',
      'e',
    ];
    for (const text of texts) {
      const found = scanner.scan(text);
      keys.forEach((key, k) =>
        expect(found[k], `${JSON.stringify(key)} in ${JSON.stringify(text)}`).toBe(text.includes(key) ? 1 : 0),
      );
    }
  });

  it('matches includes() on random text over the keys’ alphabet', () => {
    const keys = ['ab', 'abc', 'bca', 'c', 'aab', 'bb', 'cab-', '-a'];
    const scanner = new KeyScanner(keys);
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: Math.floor(random() * 12) }, () => 'abc-é'[Math.floor(random() * 5)]).join('');
      const found = scanner.scan(text);
      keys.forEach((key, k) => expect(found[k], `${key} in ${text}`).toBe(text.includes(key) ? 1 : 0));
    }
  });

  it('rejects keys it could not scan for', () => {
    expect(() => new KeyScanner(['é'])).toThrow();
    expect(() => new KeyScanner([''])).toThrow();
  });
});
