import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/server.js';
import { timelineToCsv } from '../../src/http/timeline-export.js';
import { createFakeService, sampleView, type FakeService } from './fake-service.js';

let service: FakeService;
let app: FastifyInstance;

beforeEach(() => {
  service = createFakeService();
  app = createHttpServer(service, { bodyLimitBytes: 2048, onServerError: () => undefined });
});

afterEach(async () => {
  await app.close();
});

function postJson(body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/documents',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
}

function errorOf(response: { json(): unknown }): {
  code: string;
  message: string;
  issues?: Array<{ path: string; message: string }>;
} {
  return (response.json() as { error: { code: string; message: string } }).error;
}

describe('POST /documents', () => {
  it('queues a JSON document and answers 202 with its ids and where to follow it', async () => {
    const response = await postJson({
      text: 'On Sunday, Sullivan spoke.',
      title: 'T',
      source: 's.txt',
      publishedAt: '2022-03-13',
      yearHint: 2022,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({
      documentId: 'doc-new',
      jobId: 'job-1',
      accepted: true,
      statusUrl: '/documents/doc-new',
    });
    expect(response.headers.location).toBe('/documents/doc-new');
    expect(service.submitted).toEqual([
      { text: 'On Sunday, Sullivan spoke.', title: 'T', source: 's.txt', publishedAt: '2022-03-13', yearHint: 2022 },
    ]);
  });

  it('says 200, not 202, when the same text was already submitted', async () => {
    await postJson({ text: 'same' });
    const again = await postJson({ text: 'same' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ accepted: false });
  });

  it('accepts text/plain with the metadata in the query string', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/documents?title=Plain&publishedAt=2022-03-14T09:30:00Z&yearHint=2022',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      payload: 'Yesterday, talks resumed.',
    });
    expect(response.statusCode).toBe(202);
    expect(service.submitted[0]).toEqual({
      text: 'Yesterday, talks resumed.',
      title: 'Plain',
      publishedAt: '2022-03-14T09:30:00Z',
      yearHint: 2022,
    });
  });

  it.each([
    [{}, 'text'],
    [{ text: '' }, 'text must not be empty'],
    [{ text: '   \n ' }, 'text must not be empty'],
    [{ text: 42 }, 'text'],
    [{ text: 'a\u0000b' }, 'NUL'],
    [{ text: 'ok', publishedAt: '2022-02-30' }, 'publishedAt must be a real calendar day'],
    [{ text: 'ok', publishedAt: 'yesterday' }, 'publishedAt'],
    [{ text: 'ok', publishedAt: '2022-13-01T00:00:00Z' }, 'publishedAt'],
    [{ text: 'ok', yearHint: 20.5 }, 'yearHint'],
    [{ text: 'ok', yearHint: '2022' }, 'yearHint'],
    [{ text: 'ok', yearHint: 99 }, 'yearHint must be between 1000 and 2999'],
    [{ text: 'ok', color: 'red' }, 'unknown field(s): color'],
    [['text'], 'JSON object'],
  ])('refuses %j with a 400 that names the problem (%s)', async (body, expected) => {
    const response = await postJson(body);
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(expected);
    expect(service.submitted).toEqual([]);
  });

  it('accepts a leap day and an instant with an offset', async () => {
    expect((await postJson({ text: 'a', publishedAt: '2024-02-29' })).statusCode).toBe(202);
    expect((await postJson({ text: 'b', publishedAt: '2022-03-14T10:00+01:00' })).statusCode).toBe(202);
  });

  it('refuses malformed JSON, an empty JSON body and binary text/plain with 400', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).code).toBe('invalid_json');

    const empty = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);

    const binary = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain' },
      payload: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]),
    });
    expect(binary.statusCode).toBe(400);
    expect(errorOf(binary).message).toMatch(/not valid UTF-8/);

    const nul = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain' },
      payload: 'a\u0000b',
    });
    expect(nul.statusCode).toBe(400);

    const blank = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain' },
      payload: '',
    });
    expect(blank.statusCode).toBe(400);
    expect(errorOf(blank).message).toContain('text must not be empty');
  });

  it('refuses other content types and charsets with 415', async () => {
    const octets = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('x'),
    });
    expect(octets.statusCode).toBe(415);
    expect(errorOf(octets)).toEqual({
      code: 'unsupported_media_type',
      message: expect.stringContaining('application/json or text/plain'),
    });

    const latin1 = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'text/plain; charset=iso-8859-1' },
      payload: 'x',
    });
    expect(latin1.statusCode).toBe(415);
  });

  it('refuses a body over the limit with 413 and says the limit', async () => {
    const response = await postJson({ text: 'x'.repeat(4000) });
    expect(response.statusCode).toBe(413);
    expect(errorOf(response)).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than the limit of 2048 bytes.',
    });
  });

  it('refuses query metadata alongside a JSON body rather than silently dropping it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/documents?title=x',
      headers: { 'content-type': 'application/json' },
      payload: '{"text":"a"}',
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('bearer token for writes', () => {
  let guarded: FastifyInstance;
  beforeEach(() => {
    guarded = createHttpServer(service, { apiToken: 's3cret' });
  });
  afterEach(async () => {
    await guarded.close();
  });

  const post = (headers: Record<string, string>) =>
    guarded.inject({
      method: 'POST',
      url: '/documents',
      headers: { 'content-type': 'application/json', ...headers },
      payload: '{"text":"a"}',
    });

  it('answers 401 without a token or with a wrong one, before reading the body', async () => {
    const missing = await post({});
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(errorOf(missing).code).toBe('unauthorized');
    expect((await post({ authorization: 'Bearer nope' })).statusCode).toBe(401);
    expect((await post({ authorization: 's3cret' })).statusCode).toBe(401);
    expect(service.submitted).toEqual([]);
  });

  it('accepts the right token and leaves reads open', async () => {
    expect((await post({ authorization: 'Bearer s3cret' })).statusCode).toBe(202);
    expect((await guarded.inject({ method: 'GET', url: '/timeline' })).statusCode).toBe(200);
  });

  it('declares the scheme in the OpenAPI document', async () => {
    const doc = (await guarded.inject({ method: 'GET', url: '/openapi.json' })).json() as Record<string, any>;
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/documents'].post.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe('GET /documents/:id', () => {
  it('returns the status of a known document', async () => {
    const response = await app.inject({ method: 'GET', url: '/documents/doc-a' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      documentId: 'doc-a',
      state: 'processed',
      events: [{ date: '2022-03-13' }],
    });
  });

  it('adds the text with ?include=text, and refuses other includes with 400', async () => {
    expect((await app.inject({ method: 'GET', url: '/documents/doc-a?include=text' })).json()).toMatchObject({
      text: 'q.',
      events: [{ quoteStart: 0, quoteEnd: 1 }],
    });
    const bad = await app.inject({ method: 'GET', url: '/documents/doc-a?include=all' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toMatch(/include/);
  });

  it('answers 404 for an unknown one', async () => {
    const response = await app.inject({ method: 'GET', url: '/documents/doc-zzz' });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('document_not_found');
  });
});

describe('GET /timeline', () => {
  it('returns the view, asking the service for the latest when no asOf is given', async () => {
    const response = await app.inject({ method: 'GET', url: '/timeline' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(sampleView);
    expect(service.timelineCalls).toEqual([{}]);
  });

  it('passes a log position as a number and an instant as UTC', async () => {
    await app.inject({ method: 'GET', url: '/timeline?asOf=0' });
    await app.inject({ method: 'GET', url: '/timeline?asOf=7' });
    await app.inject({ method: 'GET', url: `/timeline?asOf=${encodeURIComponent('2022-03-14T12:00:00+02:00')}` });
    expect(service.timelineCalls).toEqual([{ asOf: 0 }, { asOf: 7 }, { asOf: '2022-03-14T10:00:00.000Z' }]);
  });

  it('passes a page (from, to, limit, after) to the service, with an as-of too', async () => {
    await app.inject({ method: 'GET', url: '/timeline?from=2022&to=2022-03-14&limit=5&after=entry%3Ax' });
    await app.inject({ method: 'GET', url: '/timeline?asOf=7&limit=1000' });
    expect(service.timelineCalls).toEqual([
      { page: { from: '2022', to: '2022-03-14', limit: 5, after: 'entry:x' } },
      { asOf: 7, page: { limit: 1000 } },
    ]);
  });

  it.each(['-1', '1.5', 'yesterday', '2022-02-30T00:00:00Z', '2022-03-14', '', '1e3'])(
    'refuses asOf=%s with 400',
    async (asOf) => {
      const response = await app.inject({ method: 'GET', url: `/timeline?asOf=${encodeURIComponent(asOf)}` });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).message).toContain('asOf must be a log position');
    },
  );

  it('refuses unknown query parameters, naming them', async () => {
    const response = await app.inject({ method: 'GET', url: '/timeline?asof=3' });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toContain('asof');
  });

  it('filters evidence by source and drops entries left without any', async () => {
    const view = (
      await app.inject({ method: 'GET', url: '/timeline?source=https%3A%2F%2Fexample.org%2Fb' })
    ).json() as typeof sampleView;
    expect(view.entries.map((e) => e.id)).toEqual(['entry-1', 'entry-3']);
    expect(view.entries[0]?.sources.map((s) => s.documentId)).toEqual(['doc-b']);
  });

  it('hides what went wrong inside: 500 with a generic message, no stack', async () => {
    service.failNextTimeline(new Error('ENOENT /secret/path/log.jsonl at Object.readFile'));
    const response = await app.inject({ method: 'GET', url: '/timeline' });
    expect(response.statusCode).toBe(500);
    expect(errorOf(response).code).toBe('internal_error');
    expect(response.body).not.toMatch(/secret|ENOENT|at Object/);
  });
});

describe('exports', () => {
  it('CSV: a header, one row per entry, RFC 4180 quoting and formula-safe cells', async () => {
    const response = await app.inject({ method: 'GET', url: '/timeline.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('timeline.csv');
    const csv = response.body;
    expect(csv.split('\r\n')[0]).toBe(
      'entry_id,date,date_label,granularity,certainty,title,source_count,documents,quotes',
    );
    expect(csv).toContain('entry-1,2022-03-13,13 March 2022,day,inferred,"Sullivan tells CNN, ""no lifeline""",2,');
    // Two quotes in one cell, separated by a line break.
    expect(csv).toContain(`"Sullivan said on Sunday that Beijing was warned.\n=cmd on Sunday, ""quoted"", then more"`);
    expect(csv).toContain('entry-2,2022-W11,"Week 11, 2022",week,approximate');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('CSV: a cell that a spreadsheet would run as a formula is disarmed', () => {
    const entry = { ...sampleView.entries[1]!, title: '=HYPERLINK("http://evil")' };
    const csv = timelineToCsv({ ...sampleView, entries: [entry] });
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('TimelineJS: dated slides with ranges, marked quotes, and a note for what has no year', async () => {
    const response = await app.inject({ method: 'GET', url: '/timeline.timelinejs.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { title: { text: { text: string } }; events: Array<Record<string, any>> };
    expect(doc.events).toHaveLength(2);
    expect(doc.events[0]).toMatchObject({
      unique_id: 'entry-1',
      start_date: { year: 2022, month: 3, day: 13 },
      display_date: '13 March 2022',
      group: 'inferred',
      text: { headline: 'Sullivan tells CNN, &quot;no lifeline&quot;' },
    });
    expect(doc.events[0]?.text.text).toContain('Sullivan said on <mark>Sunday</mark> that Beijing was warned.');
    expect(doc.events[1]).toMatchObject({
      start_date: { year: 2022, month: 3, day: 14 },
      end_date: { year: 2022, month: 3, day: 20 },
    });
    expect(doc.title.text.text).toContain('1 entry with an unknown year is not shown');
  });
});

describe('GET /events', () => {
  it('pages the log and says where the next page starts', async () => {
    const first = (await app.inject({ method: 'GET', url: '/events?limit=2' })).json() as {
      events: Array<{ position: number }>;
      next: number | null;
    };
    expect(first.events.map((e) => e.position)).toEqual([1, 2]);
    expect(first.next).toBe(3);
    const last = (await app.inject({ method: 'GET', url: '/events?from=4&limit=10' })).json() as {
      events: unknown[];
      next: number | null;
    };
    expect(last.events).toHaveLength(2);
    expect(last.next).toBeNull();
    expect(service.eventCalls).toEqual([
      { from: 1, limit: 2 },
      { from: 4, limit: 10 },
    ]);
  });

  it.each(['from=-1', 'from=x', 'limit=0', 'limit=1001', 'limit=2.5'])('refuses %s', async (query) => {
    const response = await app.inject({ method: 'GET', url: `/events?${query}` });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('invalid_request');
  });
});

describe('health, status, OpenAPI, unknown routes', () => {
  it('GET /healthz is 200 when healthy and 503 when Redis is down', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true, queueDepth: 0 });
    service.setHealth({ ok: false, redis: 'down', queueDepth: -1 });
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ ok: false, redis: 'down', queueDepth: -1 });
  });

  it('GET /status passes the counts through', async () => {
    expect((await app.inject({ method: 'GET', url: '/status' })).json()).toMatchObject({ log: { length: 12 } });
  });

  it('GET /openapi.json is generated from the zod schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as Record<string, any>;
    expect(doc.openapi).toBe('3.1.0');
    const body = doc.components.schemas.SubmitDocumentBody;
    expect(body.required).toEqual(['text']);
    expect(Object.keys(body.properties)).toEqual(['text', 'title', 'source', 'publishedAt', 'yearHint']);
    // null states "none" (a resubmission removes a former year hint).
    expect(body.properties.yearHint.anyOf).toEqual([
      expect.objectContaining({ type: 'integer', minimum: 1000, maximum: 2999 }),
      { type: 'null' },
    ]);
    expect(doc.components.schemas.TimelineView.properties.entries.items.properties.certainty.enum).toEqual([
      'explicit',
      'inferred',
      'approximate',
    ]);
    const timelineParams = doc.paths['/timeline'].get.parameters.map((p: { name: string }) => p.name);
    expect(timelineParams).toEqual(['asOf', 'source', 'entity', 'all', 'from', 'to', 'limit', 'after']);
    expect(doc.paths['/documents'].post.requestBody.content).toHaveProperty('text/plain');
    expect(doc.paths['/documents'].post.security).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'There is no GET /nope; see /openapi.json.' },
    });
  });

  it('sends protective headers on every response', async () => {
    const response = await app.inject({ method: 'GET', url: '/timeline' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('the page', () => {
  it('serves the page with a strict content security policy, and its assets', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script type="module" src="/static/app.js"></script>');
    for (const name of ['app.js', 'date-label.js', 'style.css', 'favicon.svg']) {
      expect((await app.inject({ method: 'GET', url: `/static/${name}` })).statusCode, name).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/static/app.js' })).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('serves only the files it lists: no traversal', async () => {
    for (const url of ['/static/..%2F..%2Fpackage.json', '/static/../../package.json', '/static/nope.js', '/static/']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('"dependencies"');
    }
  });
});
