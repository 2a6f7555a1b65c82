import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listStaticAssets, resolveStaticDir } from '../../src/web/static-assets.js';

describe('where the page is served from', () => {
  const expected = resolve('src/web/static');

  it('finds src/web/static from the sources (vitest) and from dist/ after tsc, which copies no assets', () => {
    expect(resolveStaticDir(resolve('src/web'))).toBe(expected);
    expect(resolveStaticDir(resolve('dist/web'))).toBe(expected);
    expect(resolveStaticDir()).toBe(expected);
  });

  it('says what is missing when there is no page above', () => {
    expect(() => resolveStaticDir('/')).toThrow(/src\/web\/static\/index.html/);
  });

  it('lists only the page files, with their content types', () => {
    const assets = listStaticAssets(expected);
    expect([...assets.keys()].sort()).toEqual(['app.js', 'date-label.js', 'favicon.svg', 'index.html', 'style.css']);
    expect(assets.get('style.css')?.contentType).toBe('text/css; charset=utf-8');
  });
});
