import { describe, expect, it } from 'vitest';
import { tagDocumentJson, tagJsonlLine } from '../../src/tagger/tag-jsonl.js';

describe('tagJsonlLine', () => {
  it('tags one {"id","dct","text"} line', () => {
    const out = JSON.parse(
      tagJsonlLine(JSON.stringify({ id: 'd1', dct: '2022-03-13', text: 'Sullivan told CNN on Sunday' })),
    );
    expect(out).toEqual({
      id: 'd1',
      timexes: [{ start: 21, end: 27, text: 'Sunday', type: 'DATE', value: '2022-03-13' }],
    });
  });

  it('accepts a line without dct and keeps X values', () => {
    const out = JSON.parse(tagJsonlLine('{"id":"d2","text":"Feb. 24"}'));
    expect(out.timexes[0].value).toBe('XXXX-02-24');
  });

  it('throws clear errors for bad JSON, a bad schema and an invalid dct', () => {
    expect(() => tagJsonlLine('{"id":')).toThrow(/not JSON/);
    expect(() => tagJsonlLine('{"id":"x"}')).toThrow(/bad input line: text/);
    expect(() => tagJsonlLine('{"id":"x","dct":"2022-02-30","text":"t"}')).toThrow(/dct/);
  });
});

describe('tagDocumentJson', () => {
  it('returns offsets into the text', () => {
    const text = 'Talks resumed on Monday, March 14.';
    const { timexes } = tagDocumentJson(text, '2022-03-14');
    for (const t of timexes) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(timexes.length).toBeGreaterThan(0);
  });

  it('rejects an invalid dct', () => {
    expect(() => tagDocumentJson('x', '14/03/2022')).toThrow(/dct/);
  });
});
