import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SubmitDocumentRequest, TimelineService } from '../app/timeline-service.js';
import { listStaticAssets, type StaticAsset } from '../web/static-assets.js';
import { describeError, errorBody, HttpError, validationError } from './errors.js';
import { buildOpenApiDocument } from './openapi.js';
import {
  DocumentIdParams,
  DocumentText,
  EventsQuery,
  SubmitDocumentBody,
  SubmitDocumentQuery,
  TimelineQuery,
  DocumentQuery,
} from './schemas.js';
import { filterTimelineBySource, timelineToCsv, timelineToTimelineJs } from './timeline-export.js';

export interface HttpServerOptions {
  /** When set, POST /documents needs `Authorization: Bearer <token>`. */
  readonly apiToken?: string;
  readonly bodyLimitBytes?: number;
  readonly logger?: boolean;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
const DEFAULT_EVENTS_PAGE = 100;
/** Workers append a burst of events per document; the page needs one nudge per burst, not one per event. */
const LIVE_NUDGE_INTERVAL_MS = 250;
const LIVE_HEARTBEAT_MS = 15_000;
/** Each live stream holds a socket and a log listener; past this many, new ones are turned away. */
const MAX_LIVE_STREAMS = 200;

const PAGE_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares digests so that neither the content nor the length of the token leaks through timing. */
function bearerTokenCheck(apiToken: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = digest(apiToken);
  return async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      reply.header('www-authenticate', 'Bearer realm="timeline"');
      throw new HttpError(401, 'unauthorized', match ? 'The bearer token is not valid.' : 'This endpoint needs an Authorization: Bearer <token> header.');
    }
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodePlainText(contentType: string, body: Buffer): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new HttpError(415, 'unsupported_media_type', `Unsupported charset ${charset}: send text/plain in UTF-8.`);
  }
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new HttpError(400, 'invalid_request', 'Invalid body: the text is not valid UTF-8 (binary data?); send the plain text of the document.');
  }
}

function documentStatusUrl(documentId: string): string {
  return `/documents/${encodeURIComponent(documentId)}`;
}

/**
 * The HTTP API and the timeline page over a TimelineService. The caller listens (see `listen`)
 * and closes the service after the server.
 */
export function createHttpServer(service: TimelineService, options: HttpServerOptions = {}): FastifyInstance {
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: bodyLimitBytes, return503OnClosing: true });
  const requireToken = options.apiToken ? bearerTokenCheck(options.apiToken) : undefined;
  const writeGuard = requireToken ? { onRequest: requireToken } : {};
  const openApiDocument = buildOpenApiDocument({ bearerAuth: requireToken !== undefined, bodyLimitBytes });
  const assets = listStaticAssets();

  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, decodePlainText(request.headers['content-type'] ?? '', body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = describeError(error, { bodyLimitBytes });
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    void reply.code(statusCode).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    void reply.code(404).send(errorBody('not_found', `There is no ${request.method} ${path}; see /openapi.json.`));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) reply.header(name, value);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // ------------------------------------------------------------------ write

  app.post('/documents', writeGuard, async (request, reply) => {
    let submission: SubmitDocumentRequest;
    if (typeof request.body === 'string') {
      submission = { ...parse(SubmitDocumentQuery, request.query, 'query'), text: parse(DocumentText, request.body, 'body') };
    } else {
      if (Object.keys(request.query as object).length > 0) {
        throw new HttpError(400, 'invalid_request', 'Invalid query: with a JSON body, send title, source, publishedAt and yearHint in the body.');
      }
      submission = parse(SubmitDocumentBody, request.body, 'body');
    }
    const result = await service.submitDocument(submission);
    const statusUrl = documentStatusUrl(result.documentId);
    return reply
      .code(result.accepted ? 202 : 200)
      .header('location', statusUrl)
      .send({ documentId: result.documentId, jobId: result.jobId, accepted: result.accepted, statusUrl });
  });

  // ------------------------------------------------------------------ read

  app.get('/documents/:id', async (request) => {
    const { id } = parse(DocumentIdParams, request.params, 'path');
    const { include } = parse(DocumentQuery, request.query, 'query');
    const status = await service.getDocument(id, { includeText: include === 'text' });
    if (status.state === 'unknown') throw new HttpError(404, 'document_not_found', `No document with id ${id} was submitted.`);
    return status;
  });

  async function timelineFor(query: unknown) {
    const { asOf, source } = parse(TimelineQuery, query, 'query');
    const view = await service.getTimeline(asOf === undefined ? {} : { asOf });
    return filterTimelineBySource(view, source);
  }

  app.get('/timeline', async (request) => timelineFor(request.query));

  app.get('/timeline.csv', async (request, reply) => {
    const csv = timelineToCsv(await timelineFor(request.query));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="timeline.csv"').send(csv);
  });

  app.get('/timeline.timelinejs.json', async (request) => timelineToTimelineJs(await timelineFor(request.query)));

  app.get('/events', async (request) => {
    const { from, limit } = parse(EventsQuery, request.query, 'query');
    const pageSize = limit ?? DEFAULT_EVENTS_PAGE;
    const events = await service.readEvents({ from: from ?? 1, limit: pageSize });
    const last = events[events.length - 1];
    return { events, next: last && events.length === pageSize ? last.position + 1 : null };
  });

  app.get('/healthz', async (request, reply) => {
    try {
      const health = await service.health();
      return reply.code(health.ok ? 200 : 503).send(health);
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      return reply.code(503).send({ ok: false, queueDepth: 0 });
    }
  });

  app.get('/status', async () => service.status());

  app.get('/openapi.json', async () => openApiDocument);

  // ------------------------------------------------------------------ live

  const liveStreams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of liveStreams) stream.end();
    liveStreams.clear();
  });

  app.get('/events/stream', (request, reply) => {
    if (liveStreams.size >= MAX_LIVE_STREAMS) {
      void reply.code(503).send(errorBody('too_many_streams', 'Too many live streams are open; poll GET /status instead, or retry later.'));
      return;
    }
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 3000\n\n');
    liveStreams.add(stream);

    let latest = -1;
    let sent = -1;
    let lastSentAt = 0;
    let pending: NodeJS.Timeout | undefined;
    const flush = (): void => {
      pending = undefined;
      if (latest <= sent || stream.writableEnded) return;
      sent = latest;
      lastSentAt = Date.now();
      stream.write(`event: position\ndata: ${JSON.stringify({ position: latest })}\n\n`);
    };
    const nudge = (position: number): void => {
      latest = Math.max(latest, position);
      if (pending) return;
      const wait = LIVE_NUDGE_INTERVAL_MS - (Date.now() - lastSentAt);
      if (wait <= 0) flush();
      else pending = setTimeout(flush, wait);
    };

    const unsubscribe = service.onLogAppended(nudge);
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), LIVE_HEARTBEAT_MS);
    service.status().then(
      (status) => nudge(status.log.length),
      (error: unknown) => request.log.warn({ err: error }, 'live stream: could not read the log head'),
    );
    const stop = (): void => {
      unsubscribe();
      clearInterval(heartbeat);
      if (pending) clearTimeout(pending);
      liveStreams.delete(stream);
    };
    request.raw.once('close', stop);
    stream.once('close', stop);
  });

  // ------------------------------------------------------------------ page

  const sendAsset = async (reply: FastifyReply, asset: StaticAsset) => {
    const headers: Record<string, string> = { 'content-type': asset.contentType, 'cache-control': 'no-cache' };
    if (asset.contentType.startsWith('text/html')) headers['content-security-policy'] = PAGE_SECURITY_POLICY;
    return reply.headers(headers).send(await asset.read());
  };

  app.get('/', async (request, reply) => {
    const page = assets.get('index.html');
    if (!page) throw new HttpError(404, 'not_found', 'The timeline page is not installed.');
    return sendAsset(reply, page);
  });

  app.get('/static/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const asset = assets.get(name);
    if (!asset || name === 'index.html') throw new HttpError(404, 'not_found', `There is no static file ${name}.`);
    return sendAsset(reply, asset);
  });

  return app;
}

/** Binds 127.0.0.1 unless told otherwise; resolves with the address, e.g. http://127.0.0.1:8080. */
export async function listen(app: FastifyInstance, options: { port?: number; host?: string } = {}): Promise<string> {
  return app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
}
