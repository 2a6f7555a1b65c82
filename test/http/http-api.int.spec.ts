import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import type { TimelineService } from '../../src/app/timeline-service.js';
import { createHttpServer, listen } from '../../src/http/server.js';
import type { TimelineView } from '../../src/projections/timeline-view.js';
import { waitFor } from '../support/wait-for.js';

const SEED = readFileSync('seeds/000_59b906baaf3cd259.txt', 'utf8');
const SECOND_SEED = readFileSync('seeds/002_740a51fa8534cdd4.txt', 'utf8');

/** Reads `event: position` messages off the live stream until `until` is satisfied. */
function readLiveStream(url: string): { positions: number[]; opened: Promise<void>; close(): void } {
  const positions: number[] = [];
  let response: IncomingMessage | undefined;
  const req = httpRequest(url, { headers: { accept: 'text/event-stream' } });
  const opened = new Promise<void>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      response = res;
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (/^event: position$/m.test(message) && data)
            positions.push((JSON.parse(data) as { position: number }).position);
        }
      });
      resolve();
    });
  });
  req.end();
  return {
    positions,
    opened,
    close: () => {
      response?.destroy();
      req.destroy();
    },
  };
}

describe('HTTP API over the real embedded engine', () => {
  let dataDir: string;
  let service: TimelineService;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timeline-http-'));
    service = await openTimelineService({ dataDir });
    app = createHttpServer(service, { apiToken: 'token-for-tests' });
    base = await listen(app, { port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await service?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (body: unknown, token = 'token-for-tests') =>
    fetch(`${base}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('binds 127.0.0.1 by default', () => {
    expect(new URL(base).hostname).toBe('127.0.0.1');
  });

  it('takes a document, processes it, and shows its events in the timeline, live', async () => {
    const live = readLiveStream(`${base}/events/stream`);
    try {
      await live.opened;
      await waitFor('the initial head position', async () => (live.positions.length > 0 ? true : undefined));
      const headBefore = live.positions[0] ?? 0;

      expect((await post({ text: SEED }, 'wrong')).status).toBe(401);

      const response = await post({
        text: SEED,
        title: 'Russia seeking military equipment from China',
        source: 'seeds/000.txt',
        publishedAt: '2022-03-13',
      });
      expect(response.status).toBe(202);
      const submitted = (await response.json()) as {
        documentId: string;
        jobId: string;
        accepted: boolean;
        statusUrl: string;
      };
      expect(submitted).toMatchObject({ accepted: true, statusUrl: `/documents/${submitted.documentId}` });
      expect(response.headers.get('location')).toBe(submitted.statusUrl);

      const status = await waitFor('the document to be processed', async () => {
        const body = (await (await fetch(`${base}${submitted.statusUrl}`)).json()) as {
          state: string;
          events: unknown[];
        };
        return body.state === 'processed' || body.state === 'failed' ? body : undefined;
      });
      expect(status.state).toBe('processed');
      expect(status.events.length).toBeGreaterThan(0);
      expect(status).not.toHaveProperty('text');
      // With the text: the quotes' offsets index it.
      const withText = (await (await fetch(`${base}${submitted.statusUrl}?include=text`)).json()) as {
        text: string;
        events: Array<{ quote: string; quoteStart: number; quoteEnd: number }>;
      };
      expect(withText.text).toBe(SEED);
      for (const event of withText.events) expect(SEED.slice(event.quoteStart, event.quoteEnd)).toBe(event.quote);
      expect((await fetch(`${base}${submitted.statusUrl}?include=everything`)).status).toBe(400);

      const view = (await (await fetch(`${base}/timeline`)).json()) as TimelineView;
      expect(view.documents.map((d) => d.id)).toContain(submitted.documentId);
      const evidence = view.entries
        .flatMap((entry) => entry.sources)
        .filter((s) => s.documentId === submitted.documentId);
      expect(evidence.length).toBeGreaterThan(0);
      // The offsets the page highlights with really point at the date expression in the original text.
      for (const source of evidence) {
        expect(SEED.slice(source.dateStart, source.dateEnd)).toBe(source.dateText);
        expect(SEED.slice(source.start, source.end)).toBe(source.quote);
      }

      await waitFor('a live notice of the new events', async () =>
        live.positions.some((p) => p > headBefore) ? true : undefined,
      );
      expect(Math.max(...live.positions)).toBeLessThanOrEqual(view.position);
    } finally {
      live.close();
    }
  });

  it('answers a repeated submission with 200 and the same id', async () => {
    const again = await post({ text: SEED });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: false });
  });

  it('shows the timeline as it was: asOf a position and asOf an instant', async () => {
    const empty = (await (await fetch(`${base}/timeline?asOf=0`)).json()) as TimelineView;
    expect(empty).toMatchObject({ position: 0, entries: [], documents: [] });
    const beforeAnything = (await (await fetch(`${base}/timeline?asOf=2000-01-01T00:00:00Z`)).json()) as TimelineView;
    expect(beforeAnything.entries).toEqual([]);
    const now = (await (
      await fetch(`${base}/timeline?asOf=${encodeURIComponent(new Date().toISOString())}`)
    ).json()) as TimelineView;
    expect(now.entries.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/timeline?asOf=last-tuesday`)).status).toBe(400);
  });

  it('exports CSV and TimelineJS from the same view', async () => {
    const view = (await (await fetch(`${base}/timeline`)).json()) as TimelineView;
    const csv = await (await fetch(`${base}/timeline.csv`)).text();
    expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(view.entries.length + 1);
    const timelineJs = (await (await fetch(`${base}/timeline.timelinejs.json`)).json()) as {
      events: Array<{ unique_id: string }>;
    };
    expect(timelineJs.events.length).toBe(view.entries.filter((e) => /^\d/.test(e.date)).length);
  });

  it('pages through the log', async () => {
    const first = (await (await fetch(`${base}/events?limit=2`)).json()) as {
      events: Array<{ position: number; type: string }>;
      next: number;
    };
    expect(first.events.map((e) => e.position)).toEqual([1, 2]);
    expect(first.events[0]?.type).toBe('DocumentReceived');
    const second = (await (await fetch(`${base}/events?from=${first.next}&limit=2`)).json()) as {
      events: Array<{ position: number }>;
    };
    expect(second.events[0]?.position).toBe(3);
  });

  it("passes the engine's own refusals on as 400 with its message", async () => {
    const response = await fetch(`${base}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', authorization: 'Bearer token-for-tests' },
      body: 'Bad bytes \uFFFD here',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/UTF-8/);
  });

  it('closes promptly while a live stream is open', async () => {
    const second = createHttpServer(service);
    const address = await listen(second, { port: 0 });
    const live = readLiveStream(`${address}/events/stream`);
    try {
      await live.opened;
      // A server that waited for its streams to end would never finish closing: the test's timeout
      // would fail it. Closing ends the stream from the server side.
      await second.close();
      await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    } finally {
      live.close();
    }
  });

  it('is healthy and reports the queue depth', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { ok: boolean; queueDepth: number };
    expect(health.ok).toBe(true);
    expect(typeof health.queueDepth).toBe('number');
  });

  it('processes a second document without a restart', async () => {
    const response = await post({ text: SECOND_SEED, source: 'seeds/002.txt', publishedAt: '2022-03-14' });
    expect(response.status).toBe(202);
    const { documentId } = (await response.json()) as { documentId: string };
    await waitFor('the second document', async () => {
      const view = (await (await fetch(`${base}/timeline`)).json()) as TimelineView;
      return view.documents.some((d) => d.id === documentId && d.state !== 'received') ? true : undefined;
    });
  });

  it('queues a resubmission that corrects the publication day (202), and the document moves to it', async () => {
    const response = await post({ text: SECOND_SEED, publishedAt: '2022-03-15' });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { documentId: string; jobId: string; accepted: boolean };
    expect(body.accepted).toBe(true);
    expect(body.jobId).toMatch(new RegExp(`^${body.documentId}-r1-[0-9a-f]{8}$`));
    const status = await waitFor('the corrected day', async () => {
      const document = (await (await fetch(`${base}/documents/${body.documentId}`)).json()) as {
        publishedAt?: string;
        source?: string;
      };
      return document.publishedAt === '2022-03-15' ? document : undefined;
    });
    expect(status.source).toBe('seeds/002.txt'); // left out, so kept
    expect((await post({ text: SECOND_SEED, publishedAt: '2022-03-15' })).status).toBe(200);
  });

  it('a resubmission stating null removes a field: the title given before goes, the day stays', async () => {
    const titled = await post({ text: SECOND_SEED, title: 'Wire copy' });
    expect(titled.status).toBe(202);
    const { documentId } = (await titled.json()) as { documentId: string };
    const documentOf = async (): Promise<{ title?: string; publishedAt?: string }> =>
      (await (await fetch(`${base}/documents/${documentId}`)).json()) as { title?: string };
    await waitFor('the given title', async () => ((await documentOf()).title === 'Wire copy' ? true : undefined));

    const untitled = await post({ text: SECOND_SEED, title: null });
    expect(untitled.status).toBe(202);
    expect(((await untitled.json()) as { jobId: string }).jobId).toMatch(new RegExp(`^${documentId}-r3-`));
    const after = await waitFor('the title removed', async () => {
      const document = await documentOf();
      return document.title !== 'Wire copy' ? document : undefined;
    });
    expect(after.title).toBeTruthy(); // the analysis's headline again
    expect(after.publishedAt).toBe('2022-03-15');
    // Stating null again, or for a field the document does not have, changes nothing.
    expect((await post({ text: SECOND_SEED, title: null, yearHint: null })).status).toBe(200);
  });
});

describe('HTTP health over the Redis engine', () => {
  it('says Redis is up', async () => {
    const service = await openTimelineService({
      redisUrl: inject('redisUrl'),
      prefix: `timeline-http-${process.pid}-${Date.now()}`,
    });
    const app = createHttpServer(service);
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ ok: true, redis: 'up' });
    } finally {
      await app.close();
      await service.close();
    }
  });
});
