import { describe, expect, it } from 'vitest';
import { nextCursor, selectPage, TimelinePageRequest } from '../../src/projections/timeline-page.js';

/** Entries in timeline order (by date, coarse first, unknown years last). */
const entries = [
  '2021',
  '2022-02-28',
  '2022-03',
  '2022-03-01',
  '2022-W11',
  '2022-03-14',
  '2022-03-14T11:50',
  '2022-Q2',
  '2022-04-01',
  '2022-12-31',
  'XXXX-03-01',
].map((date, i) => ({ id: `e${i}`, date }));

const ids = (page: TimelinePageRequest) => selectPage(entries, page).entries.map((entry) => entry.date);

describe('paging by date', () => {
  it('keeps the entries that start between the first day of from and the last day of to', () => {
    expect(ids({ from: '2022-03', to: '2022-03' })).toEqual([
      '2022-03',
      '2022-03-01',
      '2022-W11',
      '2022-03-14',
      '2022-03-14T11:50',
    ]);
    expect(ids({ from: '2022-03-14', to: '2022-03-14' })).toEqual(['2022-W11', '2022-03-14', '2022-03-14T11:50']);
    expect(ids({ from: '2022-03-02', to: '2022-04' })).toEqual([
      '2022-W11',
      '2022-03-14',
      '2022-03-14T11:50',
      '2022-Q2',
      '2022-04-01',
    ]);
    // A year reaches to its last day; unknown years come last and only a page without `to` holds them.
    expect(ids({ from: '2022-04', to: '2022' })).toEqual(['2022-Q2', '2022-04-01', '2022-12-31']);
    expect(ids({ from: '2022-12-31' })).toEqual(['2022-12-31', 'XXXX-03-01']);
    expect(ids({ to: '2021' })).toEqual(['2021']);
  });

  it('walks every entry once by limit and cursor; a cursor no longer there starts at from again', () => {
    expect(selectPage(entries, { limit: 3 })).toMatchObject({ total: entries.length, remaining: entries.length - 3 });
    const seen: string[] = [];
    let page: TimelinePageRequest = { limit: 3 };
    for (;;) {
      const selection = selectPage(entries, page);
      seen.push(...selection.entries.map((entry) => entry.id));
      const last = selection.entries.at(-1);
      if (selection.remaining === 0 || !last) break;
      const next = nextCursor(last, page);
      page = { limit: 3, after: next.after, ...(next.from ? { from: next.from } : {}) };
    }
    expect(seen).toEqual(entries.map((entry) => entry.id));
    expect(selectPage(entries, { from: '2022-03-14', after: 'gone', limit: 2 }).entries.map((e) => e.date)).toEqual([
      '2022-W11',
      '2022-03-14',
    ]);
    // The cursor of an unknown-year entry keeps the page's own from.
    expect(nextCursor({ id: 'e10', date: 'XXXX-03-01' }, { from: '2022' })).toEqual({ from: '2022', after: 'e10' });
  });

  it('ends a page early at its size budget, but always takes its first entry', () => {
    let left = 2;
    expect(selectPage(entries, { limit: 10 }, () => left-- > 0).entries).toHaveLength(2);
    expect(selectPage(entries, { limit: 10 }, () => false).entries).toHaveLength(1);
  });

  it('validates the request as the HTTP query and the CLI do', () => {
    expect(TimelinePageRequest.safeParse({ from: '2022-02-29' }).success).toBe(false);
    expect(TimelinePageRequest.safeParse({ from: '2024-02-29', to: '2024-03' }).success).toBe(true);
    expect(TimelinePageRequest.safeParse({ from: '2022-04', to: '2022-03-31' }).error?.issues[0]?.message).toBe(
      'from must not be after to',
    );
    expect(TimelinePageRequest.safeParse({ limit: 1001 }).success).toBe(false);
    expect(TimelinePageRequest.safeParse({ limit: 0 }).success).toBe(false);
    expect(TimelinePageRequest.safeParse({ extra: 1 }).success).toBe(false);
  });
});
