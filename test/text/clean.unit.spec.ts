import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/text/clean.js';
import { toOriginalRange } from '../../src/text/offset-map.js';

const PARAGRAPH =
  'The minister said on Monday that the talks in Geneva would resume after a pause of several weeks and more.';

describe('cleanDocument', () => {
  it('drops page clutter and records each range with its kind', () => {
    const original = [
      'Home Headlines Talks resume in Geneva',
      'Talks resume in Geneva',
      'by Example Times',
      '0 comment',
      PARAGRAPH,
      'See also  Ten things to do in Geneva',
      PARAGRAPH,
      PARAGRAPH,
      'Jane Doe contributed to this report.',
      'This website uses cookies to improve your experience. Accept',
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
      'Read more:',
      'Some teaser headline',
      'Leave a Reply',
    ].join('\n\n');
    const doc = cleanDocument(original);
    const kinds = doc.clutter.map((c) => c.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'navigation',
        'byline',
        'comments',
        'see-also',
        'cookie-banner',
        'placeholder',
        'related-links',
        'page-tail',
      ]),
    );
    expect(doc.title).toBe('Talks resume in Geneva');
    expect(doc.text).not.toMatch(
      /See also|cookies|Lorem|Read more|teaser|Leave a Reply|contributed|Example Times|0 comment/,
    );
    expect(doc.text.split(PARAGRAPH).length - 1).toBe(3);
    for (const c of doc.clutter) expect(original.slice(c.start, c.end).trim().length).toBeGreaterThan(0);
  });

  it('keeps "0 comment" under a byline from ending the article', () => {
    const doc = cleanDocument(['Title here', '0 comment', PARAGRAPH, PARAGRAPH].join('\n\n'));
    expect(doc.text.split(PARAGRAPH).length - 1).toBe(2);
  });

  it('repairs damaged entities and doubled periods, mapping back to the original', () => {
    const original =
      'Headline\n\nThe official, who wasn”;t authorized, told CNN”;s “;State of the Union”; that Russia”;s request was clear.. He added. ..';
    const doc = cleanDocument(original);
    expect(doc.text).toContain('wasn’t authorized');
    expect(doc.text).toContain('CNN’s “State of the Union”');
    expect(doc.text).toContain('was clear. He added.');
    expect(doc.text).not.toMatch(/;|\.\./);
    const at = doc.text.indexOf('State of the Union');
    const back = toOriginalRange(doc, at, at + 'State of the Union'.length);
    expect(original.slice(back.start, back.end)).toBe('State of the Union');
    const whole = doc.text.indexOf('wasn’t');
    const mapped = toOriginalRange(doc, whole, whole + 'wasn’t'.length);
    expect(original.slice(mapped.start, mapped.end)).toBe('wasn”;t');
  });

  it('marks short unpunctuated lines as headings, not clutter', () => {
    const doc = cleanDocument(['Title', PARAGRAPH, 'US-China meeting on Monday', PARAGRAPH, PARAGRAPH].join('\n\n'));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['title', 'body', 'heading', 'body', 'body']);
  });
});
