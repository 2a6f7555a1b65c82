import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import type { TimelineService } from '../../src/app/timeline-service.js';
import { createHttpServer, listen } from '../../src/http/server.js';
import type { TimelineEntry, TimelineView } from '../../src/projections/timeline-view.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { DEFAULT_TOP_ENTRIES } from '../../src/projections/timeline-ranking.js';
import { COMPANY_NEWS_PUBLISHED, companyNewsText } from '../support/company-news.js';

const SEED_TEXT = readFileSync('seeds/000_59b906baaf3cd259.txt', 'utf8');

interface Harness {
  dataDir: string;
  service: TimelineService;
  app: FastifyInstance;
  base: string;
}

async function startServer(options: { apiToken?: string } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'timeline-page-'));
  const service = await openTimelineService({ dataDir });
  const app = createHttpServer(service, options);
  const base = await listen(app, { port: 0 });
  return { dataDir, service, app, base };
}

async function stopServer(harness: Harness | undefined): Promise<void> {
  if (!harness) return;
  await harness.app.close();
  await harness.service.close();
  rmSync(harness.dataDir, { recursive: true, force: true });
}

async function timeline(base: string): Promise<TimelineView> {
  return (await (await fetch(`${base}/timeline`)).json()) as TimelineView;
}

const PATIENCE = { timeout: 20_000, interval: 100 };

/** How many entries the page lists before "Show all entries": the most important, up to 40. */
function shownByDefault(view: TimelineView): number {
  return Math.min(view.entries.length, DEFAULT_TOP_ENTRIES);
}

/** Waits until the page shows the server's latest view (workers may still be appending), and returns it. */
async function settledView(page: Page, base: string): Promise<TimelineView> {
  let view = await timeline(base);
  await expect
    .poll(async () => {
      view = await timeline(base);
      return (await page.locator('body').getAttribute('data-position')) === String(view.position);
    }, PATIENCE)
    .toBe(true);
  return view;
}

/** Reconciliation follows the last analysis: waits until the log stops growing. */
async function quietTimeline(base: string): Promise<TimelineView> {
  let view = await timeline(base);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const next = await timeline(base);
    if (next.position === view.position) return next;
    view = next;
  }
}

/** Fails the test on any script error or console error, CSP violations included. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the timeline page, in Chromium, over the real embedded engine', () => {
  let harness: Harness;
  let page: Page;
  let errors: string[];

  beforeEach(async () => {
    harness = await startServer();
    page = await browser.context.newPage();
    errors = watchForErrors(page);
  });

  afterEach(async () => {
    await page?.close();
    await stopServer(harness);
  });

  it(
    'posts a document, sees its entry appear live, opens it and finds the date expression highlighted',
    { timeout: 60_000 },
    async () => {
      await page.goto(harness.base);
      await expect.poll(() => page.locator('#summary').textContent(), PATIENCE).toMatch(/^0 entries from 0 documents/);
      await expect.poll(() => page.locator('#live-status').getAttribute('data-state'), PATIENCE).toBe('live');
      // A marker that a reload would wipe: entries must arrive without one.
      await page.evaluate(() => Object.assign(globalThis, { stayedOnPage: true }));

      await page.getByText('Add a document', { exact: true }).click();
      await page.getByLabel('Text').fill(SEED_TEXT);
      await page.getByLabel('Title').fill('Russia seeking military equipment from China');
      await page.getByLabel('Source: file name or URL').fill('seeds/000_59b906baaf3cd259.txt');
      await page.getByLabel('Published on').fill('2022-03-13');
      await page.getByRole('button', { name: 'Add document' }).click();
      await expect.poll(() => page.locator('#submit-status').textContent(), PATIENCE).toMatch(/Queued as doc-/);

      await page.locator('[data-entry-id]').first().waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => (globalThis as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);

      const view = await settledView(page, harness.base);
      expect(view.entries.length).toBeGreaterThan(0);
      expect(await page.locator('[data-entry-id]').count()).toBe(shownByDefault(view));

      // Prefer an entry whose quote does not begin with its date expression, so the mark sits inside text.
      const listed = view.entries.filter((e) => (e.rank ?? Infinity) <= DEFAULT_TOP_ENTRIES);
      const entry: TimelineEntry = listed.find((e) => e.sources.some((s) => s.dateStart > s.start)) ?? listed[0]!;
      const source = entry.sources[0]!;
      const item = page.locator(`[data-entry-id="${entry.id}"]`);
      expect(await item.getAttribute('data-certainty')).toBe(entry.certainty);
      expect(await item.locator('.granularity').textContent()).toBe(entry.granularity);
      expect(await item.locator('.badge.certainty').textContent()).toBe(entry.certainty);
      expect(await item.locator('.source-count').textContent()).toMatch(/^\d+ sources?$/);

      const toggle = item.getByRole('button', { name: entry.title });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');

      const evidence = page.getByRole('region', { name: `Evidence for: ${entry.title}` });
      await evidence.waitFor();
      const quote = evidence.locator(`[data-event-id="${source.eventId}"] blockquote`);
      expect(await quote.textContent()).toBe(source.quote);
      expect(await quote.locator('mark').textContent()).toBe(source.dateText);
      expect(SEED_TEXT.slice(source.dateStart, source.dateEnd)).toBe(source.dateText);
      expect(await evidence.locator('.evidence-document h4').first().textContent()).toBe(
        'Russia seeking military equipment from China',
      );
      expect(await evidence.locator('.agreement').textContent()).toMatch(/Agree|Consistent|Disagree/);

      // The whole report, with this entry's quote marked where it stands.
      const documentItem = evidence.locator(`[data-document-id="${source.documentId}"]`);
      await documentItem.getByText('Full text', { exact: true }).click();
      const fullText = documentItem.locator('.document-text');
      await fullText.waitFor();
      expect(await fullText.textContent()).toBe(SEED_TEXT);
      expect(await fullText.locator('mark.quote-in-text').first().textContent()).toBe(source.quote);

      expect(errors).toEqual([]);
    },
  );

  it(
    'looks back in time with the slider, filters by source, and exports what it shows',
    { timeout: 60_000 },
    async () => {
      const first = await harness.service.submitDocument({
        text: SEED_TEXT,
        source: 'seeds/000.txt',
        publishedAt: '2022-03-13',
      });
      await expect
        .poll(async () => (await harness.service.getDocument(first.documentId)).state, PATIENCE)
        .toBe('processed');
      const afterFirst = await quietTimeline(harness.base);
      const second = await harness.service.submitDocument({
        text: readFileSync('seeds/002_740a51fa8534cdd4.txt', 'utf8'),
        source: 'seeds/002.txt',
        publishedAt: '2022-03-14',
      });
      await expect
        .poll(async () => (await harness.service.getDocument(second.documentId)).state, PATIENCE)
        .toBe('processed');
      await quietTimeline(harness.base);

      await page.goto(harness.base);
      const latest = await settledView(page, harness.base);
      expect(await page.locator('[data-entry-id]').count()).toBe(shownByDefault(latest));
      expect(latest.position).toBeGreaterThan(afterFirst.position);

      const slider = page.getByLabel(/As of log position/);
      await slider.fill('0');
      await expect.poll(() => page.locator('body').getAttribute('data-position'), PATIENCE).toBe('0');
      expect(await page.locator('[data-entry-id]').count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('asOf')).toBe('0');
      expect(await page.locator('#export-csv').getAttribute('href')).toBe('/timeline.csv?asOf=0');

      await slider.fill(String(afterFirst.position));
      await expect
        .poll(() => page.locator('body').getAttribute('data-position'), PATIENCE)
        .toBe(String(afterFirst.position));
      expect(await page.locator('[data-entry-id]').count()).toBe(shownByDefault(afterFirst));

      await page.getByRole('button', { name: 'Latest' }).click();
      await expect.poll(() => page.locator('[data-entry-id]').count(), PATIENCE).toBe(shownByDefault(latest));

      await page.getByLabel('Filter by source').selectOption('seeds/002.txt');
      const filtered = (await (await fetch(`${harness.base}/timeline?source=seeds%2F002.txt`)).json()) as TimelineView;
      await expect.poll(() => page.locator('[data-entry-id]').count(), PATIENCE).toBe(shownByDefault(filtered));
      const csvHref = await page.locator('#export-csv').getAttribute('href');
      expect(csvHref).toBe('/timeline.csv?source=seeds%2F002.txt');
      const csv = await (await page.request.get(`${harness.base}${csvHref}`)).text();
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(filtered.entries.length + 1);
      const timelineJs = await page.request.get(
        `${harness.base}${await page.locator('#export-timelinejs').getAttribute('href')}`,
      );
      expect(timelineJs.ok()).toBe(true);

      expect(errors).toEqual([]);
    },
  );
});

describe('a long timeline on the page: the most important entries, all of them, one entity', () => {
  it(
    'lists the 40 most important in date order, shows all on request, and filters by a company',
    { timeout: 60_000 },
    async () => {
      const harness = await startServer();
      const page = await browser.context.newPage();
      try {
        const errors = watchForErrors(page);
        const news = await harness.service.submitDocument({
          text: companyNewsText(),
          source: 'company-news.txt',
          publishedAt: COMPANY_NEWS_PUBLISHED,
        });
        await expect
          .poll(async () => (await harness.service.getDocument(news.documentId)).state, PATIENCE)
          .toBe('processed');
        const full = await quietTimeline(harness.base);
        expect(full.entries.length).toBeGreaterThan(DEFAULT_TOP_ENTRIES);

        await page.goto(harness.base);
        await settledView(page, harness.base);
        const ids = () =>
          page
            .locator('[data-entry-id]')
            .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-entry-id')));
        const mostImportant = full.entries
          .filter((entry) => (entry.rank ?? Infinity) <= DEFAULT_TOP_ENTRIES)
          .map((entry) => entry.id);
        expect(await ids()).toEqual(mostImportant);
        const omitted = full.entries.length - DEFAULT_TOP_ENTRIES;
        expect(await page.locator('#more-entries-text').textContent()).toBe(
          `… and ${omitted} more ${omitted === 1 ? 'entry' : 'entries'}.`,
        );
        expect(await page.locator('#summary').textContent()).toMatch(/the 40 most important shown, in date order/);

        await page.getByRole('button', { name: 'Show all entries' }).click();
        await expect.poll(ids, PATIENCE).toEqual(full.entries.map((entry) => entry.id));
        expect(new URL(page.url()).searchParams.get('all')).toBe('true');
        // Entries held back before are not announced as new when shown.
        expect(await page.locator('.entry.is-new').count()).toBe(0);
        await page.getByRole('button', { name: 'Show the 40 most important' }).click();
        await expect.poll(ids, PATIENCE).toEqual(mostImportant);

        const boeing = (await (await fetch(`${harness.base}/timeline?entity=Boeing`)).json()) as TimelineView;
        expect(boeing.entries.length).toBeGreaterThan(0);
        await page.getByLabel('Company or person').fill('Boeing');
        await page.getByLabel('Company or person').press('Enter');
        await expect.poll(ids, PATIENCE).toEqual(boeing.entries.map((entry) => entry.id));
        expect(await page.locator('#summary').textContent()).toMatch(/entries naming “Boeing”/);
        expect(await page.locator('#more-entries').isHidden()).toBe(true);
        expect(new URL(page.url()).searchParams.get('entity')).toBe('Boeing');
        expect(await page.locator('#export-csv').getAttribute('href')).toBe('/timeline.csv?entity=Boeing');

        // A shared link opens the same entity view.
        const again = await browser.context.newPage();
        try {
          await again.goto(`${harness.base}/?entity=Boeing`);
          await expect.poll(() => again.locator('[data-entry-id]').count(), PATIENCE).toBe(boeing.entries.length);
          expect(await again.getByLabel('Company or person').inputValue()).toBe('Boeing');
        } finally {
          await again.close();
        }

        await page.getByLabel('Company or person').fill('');
        await page.getByLabel('Company or person').press('Enter');
        await expect.poll(ids, PATIENCE).toEqual(mostImportant);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await stopServer(harness);
      }
    },
  );
});

describe('the page when writes need a token', () => {
  it('asks for the token on 401 and sends it', { timeout: 60_000 }, async () => {
    const harness = await startServer({ apiToken: 'page-token' });
    const page = await browser.context.newPage();
    try {
      const errors = watchForErrors(page);
      await page.goto(harness.base);
      await page.getByText('Add a document', { exact: true }).click();
      expect(await page.getByLabel('API token').isVisible()).toBe(false);
      await page.getByLabel('Text').fill('On March 3, 2022, the talks began in Antalya.');
      await page.getByRole('button', { name: 'Add document' }).click();
      await expect.poll(() => page.locator('#submit-status').textContent(), PATIENCE).toMatch(/Authorization: Bearer/);
      expect(await page.getByLabel('API token').isVisible()).toBe(true);
      await page.getByLabel('API token').fill('page-token');
      await page.getByRole('button', { name: 'Add document' }).click();
      await expect.poll(() => page.locator('#submit-status').textContent(), PATIENCE).toMatch(/Queued as doc-/);
      // The browser logs the 401 response itself; nothing else may fail.
      expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    } finally {
      await page.close();
      await stopServer(harness);
    }
  });
});

interface Manifest {
  documents: Array<{ file: string; publishedAt?: string }>;
}

describe("the seeds' timeline", () => {
  it(
    'renders every entry of the five seed reports (UPDATE_SCREENSHOT=1 writes docs/timeline.png)',
    { timeout: 120_000 },
    async () => {
      const harness = await startServer();
      const page = await browser.context.newPage();
      try {
        const errors = watchForErrors(page);
        const manifest = JSON.parse(readFileSync('seeds/manifest.json', 'utf8')) as Manifest;
        for (const seed of manifest.documents) {
          await harness.service.submitDocument({
            text: readFileSync(join('seeds', seed.file), 'utf8'),
            source: `seeds/${seed.file}`,
            ...(seed.publishedAt ? { publishedAt: seed.publishedAt } : {}),
          });
        }
        await expect
          .poll(
            async () => {
              const status = await harness.service.status();
              return (
                status.documents.processed + status.documents.failed === manifest.documents.length &&
                status.queue.waiting + status.queue.active === 0
              );
            },
            { timeout: 60_000, interval: 200 },
          )
          .toBe(true);
        await quietTimeline(harness.base);

        await page.goto(harness.base);
        const view = await settledView(page, harness.base);
        // Every entry: the most important at first, the rest behind "Show all entries".
        expect(await page.locator('[data-entry-id]').count()).toBe(shownByDefault(view));
        if (process.env.UPDATE_SCREENSHOT === '1') {
          // The default view as a reader first sees it, a story told by several outlets opened.
          const opened =
            view.entries.find((entry) => new Set(entry.sources.map((s) => s.documentId)).size > 1) ?? view.entries[0]!;
          await page.locator(`[data-entry-id="${opened.id}"] .entry-toggle`).click();
          await page.locator(`[data-entry-id="${opened.id}"] mark`).first().waitFor();
          await page.mouse.move(0, 0);
          mkdirSync('docs', { recursive: true });
          const height = await page.evaluate<number>('document.documentElement.scrollHeight');
          await page.screenshot({
            path: 'docs/timeline.png',
            fullPage: true,
            clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 2200) },
          });
        }
        if (view.entries.length > DEFAULT_TOP_ENTRIES) {
          await page.getByRole('button', { name: 'Show all entries' }).click();
          await expect.poll(() => page.locator('[data-entry-id]').count(), PATIENCE).toBe(view.entries.length);
        }
        expect(view.entries.length).toBeGreaterThan(0);

        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await stopServer(harness);
      }
    },
  );
});
