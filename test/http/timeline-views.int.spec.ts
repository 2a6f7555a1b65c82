import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import type { TimelineService } from '../../src/app/timeline-service.js';
import { createHttpServer, listen } from '../../src/http/server.js';
import { TimelineView } from '../../src/projections/timeline-view.js';
import { COMPANY_NEWS_PUBLISHED, companyNewsText } from '../support/company-news.js';

const SEED = readFileSync('seeds/000_59b906baaf3cd259.txt', 'utf8');

async function getJson(url: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, text };
}

/** Reconciliation follows the last analysis: waits until no entry is pending and the log stops growing. */
async function settledTimeline(base: string): Promise<TimelineView> {
  let previous = -1;
  for (;;) {
    const view = TimelineView.parse((await getJson(`${base}/timeline`)).body);
    if (view.position === previous && !view.entries.some((entry) => entry.id.startsWith('pending:'))) return view;
    previous = view.position;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

interface OpenApiShape {
  paths: Record<string, { get: { parameters: Array<{ name: string; schema: Record<string, unknown> }> } }>;
}

describe('GET /timeline: ranks, entity timelines and the short view, over the real embedded engine', () => {
  let dataDir: string;
  let service: TimelineService;
  let app: FastifyInstance;
  let base: string;
  let full: TimelineView;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timeline-views-'));
    service = await openTimelineService({ dataDir });
    app = createHttpServer(service);
    base = await listen(app, { port: 0 });
    const news = await service.submitDocument({
      text: companyNewsText(),
      source: 'company-news.txt',
      publishedAt: COMPANY_NEWS_PUBLISHED,
    });
    const seed = await service.submitDocument({ text: SEED, source: 'seeds/000.txt', publishedAt: '2022-03-13' });
    for (const { documentId } of [news, seed]) {
      while (!['processed', 'failed'].includes((await service.getDocument(documentId)).state))
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    full = await settledTimeline(base);
  });

  afterAll(async () => {
    await app?.close();
    await service?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives every entry a rank, 1..n, most sources first, and the same bytes when asked again', async () => {
    expect(full.entries.length).toBeGreaterThan(40);
    const ranks = full.entries.map((entry) => entry.rank);
    expect([...ranks].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(full.entries.map((_, i) => i + 1));
    const first = full.entries.find((entry) => entry.rank === 1)!;
    const mostDocuments = Math.max(
      ...full.entries.map((entry) => new Set(entry.sources.map((s) => s.documentId)).size),
    );
    expect(new Set(first.sources.map((s) => s.documentId)).size).toBe(mostDocuments);
    expect(full.entries.every((entry) => Array.isArray(entry.actors))).toBe(true);
    // Deterministic: the same log, the same bytes.
    expect((await getJson(`${base}/timeline`)).text).toBe((await getJson(`${base}/timeline`)).text);
  });

  it('?entity= lists every entry naming the entity, in date order, with the ranks of the whole timeline', async () => {
    const { status, body } = await getJson(`${base}/timeline?entity=boeing`);
    expect(status).toBe(200);
    const boeing = TimelineView.parse(body);
    const expected = full.entries.filter(
      (entry) => entry.sources.some((s) => /\bBoeing\b/.test(s.quote)) || entry.actors?.includes('Boeing'),
    );
    expect(boeing.entries.map((entry) => entry.id)).toEqual(expected.map((entry) => entry.id));
    expect(boeing.entries.length).toBeGreaterThanOrEqual(10);
    expect(boeing.entries.map((entry) => entry.rank)).toEqual(expected.map((entry) => entry.rank));
    expect(boeing.documents).toEqual(full.documents);

    // A person: the full name or the surname.
    const sullivan = TimelineView.parse(
      (await getJson(`${base}/timeline?entity=${encodeURIComponent('Jake Sullivan')}`)).body,
    );
    expect(sullivan.entries.length).toBeGreaterThan(0);
    for (const entry of sullivan.entries)
      expect(entry.sources.some((s) => /Sullivan/.test(s.quote)) || entry.actors?.some((a) => /Sullivan/.test(a))).toBe(
        true,
      );
    // "Acme Corp" is an organisation: its last word alone names nothing.
    const acme = TimelineView.parse((await getJson(`${base}/timeline?entity=${encodeURIComponent('Acme Corp')}`)).body);
    expect(acme.entries.length).toBeGreaterThan(0);
    expect(TimelineView.parse((await getJson(`${base}/timeline?entity=Corporation`)).body).entries).toEqual([]);
  });

  it('?all=true lists every entry (the default); ?all=false the 40 most important, in date order, with a note', async () => {
    const all = TimelineView.parse((await getJson(`${base}/timeline?all=true`)).body);
    expect(all).toEqual(full);
    const short = TimelineView.parse((await getJson(`${base}/timeline?all=false`)).body);
    expect(short.entries).toHaveLength(40);
    expect(short.entries.map((entry) => entry.rank).every((rank) => (rank ?? 0) <= 40)).toBe(true);
    expect(short.entries).toEqual(full.entries.filter((entry) => (entry.rank ?? 0) <= 40));
    expect(short.notes.at(-1)).toBe(
      `Showing the 40 most important of ${full.entries.length} entries, in date order: ${full.entries.length - 40} more with all=true.`,
    );
    // An entity's timeline is never cut.
    expect(TimelineView.parse((await getJson(`${base}/timeline?entity=Boeing&all=false`)).body).entries.length).toBe(
      TimelineView.parse((await getJson(`${base}/timeline?entity=Boeing`)).body).entries.length,
    );
    // The exports take the same parameters.
    const csv = await (await fetch(`${base}/timeline.csv?entity=Boeing`)).text();
    expect(
      csv
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .every((row) => /Boeing/.test(row)),
    ).toBe(true);
  });

  it('refuses a bad entity or all in the documented error shape', async () => {
    for (const [query, path] of [
      ['entity=', 'entity'],
      [`entity=${'x'.repeat(201)}`, 'entity'],
      ['entity=%20%2B%20', 'entity'],
      ['all=yes', 'all'],
    ] as const) {
      const { status, body } = await getJson(`${base}/timeline?${query}`);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({ error: { code: 'invalid_request', issues: [{ path }] } });
    }
    expect((await getJson(`${base}/timeline?entity=${'x'.repeat(200)}`)).status).toBe(200);
  });

  it('pages by date: walking ?limit= pages with their next cursor gives every entry once, in order, with the ranks of the whole timeline', async () => {
    const seen: TimelineView['entries'] = [];
    let query = 'limit=7';
    for (let pages = 0; pages < 100; pages++) {
      const { status, body, text } = await getJson(`${base}/timeline?${query}`);
      expect(status).toBe(200);
      const page = TimelineView.parse(body);
      expect(page.entries.length).toBeLessThanOrEqual(7);
      expect(page.page).toMatchObject({
        from: pages === 0 ? null : expect.any(String),
        to: null,
        limit: 7,
        total: expect.any(Number),
      });
      // Only the documents the page cites.
      const cited = new Set(page.entries.flatMap((entry) => entry.sources.map((s) => s.documentId)));
      expect(page.documents.map((d) => d.id).sort()).toEqual([...cited].sort());
      expect(text.length).toBeLessThan(JSON.stringify(full).length);
      seen.push(...page.entries);
      const next = page.page?.next;
      if (!next) break;
      query = `limit=7${next.from ? `&from=${next.from}` : ''}&after=${encodeURIComponent(next.after)}`;
    }
    expect(seen).toEqual(full.entries);
  });

  it('?from=&to= keeps the entries that start within those days; as-of views page too', async () => {
    const march = TimelineView.parse((await getJson(`${base}/timeline?from=2022-03&to=2022-03-31&limit=1000`)).body);
    const expected = full.entries.filter((entry) => /^2022-03-\d\d/.test(entry.date));
    expect(expected.length).toBeGreaterThan(3);
    // Days of March, and coarser values that start in March (a week, the month itself).
    expect(march.entries.filter((entry) => /^2022-03-\d\d/.test(entry.date))).toEqual(expected);
    for (const entry of march.entries)
      expect(entry.date.startsWith('2022-03') || entry.date.startsWith('2022-W')).toBe(true);
    expect(march.page).toMatchObject({ from: '2022-03', to: '2022-03-31', total: march.entries.length, next: null });
    const asOf = TimelineView.parse(
      (await getJson(`${base}/timeline?asOf=${full.position}&from=2022-03&to=2022-03-31&limit=1000`)).body,
    );
    expect(asOf).toEqual(march);
    // A page of one day.
    const day = expected[0]!.date.slice(0, 10);
    const oneDay = TimelineView.parse((await getJson(`${base}/timeline?from=${day}&to=${day}`)).body);
    expect(oneDay.entries.map((e) => e.id)).toEqual(
      full.entries.filter((entry) => entry.date.startsWith(day)).map((e) => e.id),
    );
  });

  it('refuses a bad page in the documented error shape', async () => {
    for (const [query, path] of [
      ['from=2022-13', 'from'],
      ['to=2022-02-30', 'to'],
      ['from=yesterday', 'from'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=-1', 'limit'],
      ['from=2022-04&to=2022-03', 'from'],
      [`after=${'x'.repeat(401)}`, 'after'],
    ] as const) {
      const { status, body } = await getJson(`${base}/timeline?${query}`);
      expect(status, query).toBe(400);
      expect(body, query).toMatchObject({ error: { code: 'invalid_request', issues: [{ path }] } });
    }
  });

  it('describes entity, all and the page in /openapi.json', async () => {
    const { body } = await getJson(`${base}/openapi.json`);
    const parameters = (body as OpenApiShape).paths['/timeline']!.get.parameters;
    expect(parameters.map((p) => p.name)).toEqual(['asOf', 'source', 'entity', 'all', 'from', 'to', 'limit', 'after']);
    expect(parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'string' });
    expect(parameters.find((p) => p.name === 'entity')?.schema).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 200,
    });
    expect(parameters.find((p) => p.name === 'all')?.schema).toMatchObject({ enum: ['true', 'false'] });
  });
});
