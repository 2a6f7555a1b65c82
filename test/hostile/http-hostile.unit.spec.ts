import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/server.js';
import { timelineToCsv } from '../../src/http/timeline-export.js';
import { createFakeService, sampleView, type FakeService } from '../http/fake-service.js';

/** Issue #17, items 8–15 at the HTTP layer (the fake service: the HTTP contract alone). */

let service: FakeService;
let app: FastifyInstance;
let serverErrors: unknown[];

beforeEach(() => {
  service = createFakeService();
  serverErrors = [];
  app = createHttpServer(service, { onServerError: (error) => serverErrors.push(error), liveStreamsPerClient: 3 });
});

afterEach(async () => {
  await app.close();
});

function errorOf(response: { json(): unknown }): { code: string; message: string; issues?: unknown[] } {
  return (response.json() as { error: { code: string; message: string; issues?: unknown[] } }).error;
}

function expectErrorShape(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(errorOf(response).code).toBe(code);
}

describe('POST without a token: same origin only (item 8)', () => {
  const text = 'On Sunday, Sullivan spoke.';

  it('refuses text/plain from another origin, and any write naming a host a DNS name could rebind', async () => {
    const crossSite = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      payload: text,
    });
    expectErrorShape(crossSite, 403, 'cross_origin');
    const fetchMeta = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
      payload: text,
    });
    expectErrorShape(fetchMeta, 403, 'cross_origin');
    const rebound = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/json', host: 'evil.example:8080', origin: 'http://evil.example:8080' },
      payload: JSON.stringify({ text }),
    });
    expectErrorShape(rebound, 403, 'forbidden_host');
    expect(service.submitted).toEqual([]);
  });

  it('takes writes from clients without an Origin, from its own page, and from allowed host names', async () => {
    const curl = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain', host: '127.0.0.1:8080' },
      payload: text,
    });
    expect(curl.statusCode).toBe(202);
    const page = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain', host: 'localhost:8080', origin: 'http://localhost:8080' },
      payload: `${text} 2`,
    });
    expect(page.statusCode).toBe(202);
    const named = createHttpServer(service, { allowedHosts: ['timeline.internal'] });
    try {
      const response = await named.inject({
        method: 'POST',
        url: '/documents',
        headers: { 'content-type': 'application/json', host: 'timeline.internal' },
        payload: JSON.stringify({ text: `${text} 3` }),
      });
      expect(response.statusCode).toBe(202);
    } finally {
      await named.close();
    }
  });

  it('with a token, the token decides', async () => {
    const guarded = createHttpServer(service, { apiToken: 't0k3n' });
    try {
      const response = await guarded.inject({
        method: 'POST',
        url: '/documents',
        headers: {
          'content-type': 'text/plain',
          host: 'api.example',
          origin: 'http://tool.example',
          authorization: 'Bearer t0k3n',
        },
        payload: text,
      });
      expect(response.statusCode).toBe(202);
    } finally {
      await guarded.close();
    }
  });
});

describe('bodies (items 9, 10, 15)', () => {
  it('refuses lone surrogates in a JSON text: two texts must not get one id', async () => {
    for (const text of ['On June 5, 2022 x\ud800', 'On June 5, 2022 x\udfff', '\udc00 leading']) {
      const response = await app.inject({
        method: 'POST',
        url: '/documents',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ text }),
      });
      expectErrorShape(response, 400, 'invalid_request');
      expect(errorOf(response).message).toMatch(/lone UTF-16 surrogate/);
    }
    // A pair is a character, and fine.
    const pair = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'On June 5, 2022 x \ud83d\ude00' }),
    });
    expect(pair.statusCode).toBe(202);
  });

  it('refuses a JSON body that is a bare string, array or number', async () => {
    for (const payload of ['"On June 5, 2022 x"', '["On June 5, 2022 x"]', '42']) {
      const response = await app.inject({
        method: 'POST',
        url: '/documents',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expectErrorShape(response, 400, 'invalid_request');
      expect(errorOf(response).message).toMatch(/JSON object/);
    }
    expect(service.submitted).toEqual([]);
  });

  it('names at most ten of 100,000 unknown keys', async () => {
    const body: Record<string, string> = { text: 'On Sunday, Sullivan spoke.' };
    for (let i = 0; i < 100_000; i++) body[`unknown_field_${i}`] = 'x';
    const roomy = createHttpServer(service, { bodyLimitBytes: 8 * 1024 * 1024 });
    const response = await roomy.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expectErrorShape(response, 400, 'invalid_request');
    expect(response.body.length).toBeLessThan(4000);
    expect(errorOf(response).message).toContain('and 99990 more');
    await roomy.close();
  });
});

describe('CSV (item 11)', () => {
  it('quotes a cell with a semicolon, and disarms the formula in it', () => {
    const entry = { ...sampleView.entries[1]!, title: "Report;=cmd|' /C calc'!A0" };
    const row = timelineToCsv({ ...sampleView, entries: [entry] }).split('\r\n')[1] ?? '';
    expect(row).toContain(`"Report;=cmd|' /C calc'!A0"`);
    const formula =
      timelineToCsv({ ...sampleView, entries: [{ ...entry, title: "=cmd|' /C calc'!A0;x" }] }).split('\r\n')[1] ?? '';
    expect(formula).toContain(`"'=cmd|' /C calc'!A0;x"`);
  });
});

describe("the router's own errors in the documented shape (item 12)", () => {
  it('a malformed %-escape: 400 with nosniff and no-store', async () => {
    const response = await app.inject({ method: 'GET', url: '/documents/%ZZ' });
    expectErrorShape(response, 400, 'bad_request');
  });

  it("ids up to the schema's 200 characters reach the handler (404), longer ones get the schema's 400, never a bare 414", async () => {
    const found = await app.inject({ method: 'GET', url: `/documents/${'a'.repeat(150)}` });
    expectErrorShape(found, 404, 'document_not_found');
    const tooLong = await app.inject({ method: 'GET', url: `/documents/${'a'.repeat(201)}` });
    expectErrorShape(tooLong, 400, 'invalid_request');
    expect(errorOf(tooLong).message).toMatch(/at most 200 characters/);
    const absurd = await app.inject({ method: 'GET', url: `/documents/${'a'.repeat(5000)}` });
    expectErrorShape(absurd, 414, 'uri_too_long');
  });
});

describe('500s are reported (item 13)', () => {
  it('reports the error to the server log while the client sees no detail', async () => {
    service.failNextTimeline(new Error('ENOENT /secret/path'));
    const response = await app.inject({ method: 'GET', url: '/timeline' });
    expectErrorShape(response, 500, 'internal_error');
    expect(response.body).not.toContain('secret');
    expect(serverErrors).toHaveLength(1);
    expect(String((serverErrors[0] as Error).message)).toContain('/secret/path');
  });
});

describe('expensive queries are limited (item 4)', () => {
  it('past two as-of views at once, a 503 with Retry-After; the current timeline is not limited', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = {
      ...service,
      getTimeline: async (options: { asOf?: number | string } = {}) => {
        if (options.asOf !== undefined) await gate;
        return sampleView;
      },
    };
    const limited = createHttpServer(slow);
    try {
      const running = [
        limited.inject({ method: 'GET', url: '/timeline?asOf=3' }),
        limited.inject({ method: 'GET', url: '/timeline?asOf=4' }),
      ];
      await new Promise((resolve) => setTimeout(resolve, 50));
      const third = await limited.inject({ method: 'GET', url: '/timeline?asOf=5' });
      expectErrorShape(third, 503, 'busy');
      expect(third.headers['retry-after']).toBe('1');
      expect((await limited.inject({ method: 'GET', url: '/timeline' })).statusCode).toBe(200);
      release();
      expect((await Promise.all(running)).map((response) => response.statusCode)).toEqual([200, 200]);
      expect((await limited.inject({ method: 'GET', url: '/timeline.csv?asOf=5' })).statusCode).toBe(200);
    } finally {
      release();
      await limited.close();
    }
  });
});
