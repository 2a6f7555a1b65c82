import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
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
  MAX_DOCUMENT_ID_CHARS,
} from './schemas.js';
import { filterTimelineBySource, timelineToCsv, timelineToTimelineJs } from './timeline-export.js';
import { filterTimelineByEntity } from '../projections/entity-filter.js';
import { isPaged, TimelinePageRequest } from '../projections/timeline-page.js';
import { DEFAULT_TOP_ENTRIES, mostImportantEntries } from '../projections/timeline-ranking.js';
import type { TimelineView } from '../projections/timeline-view.js';

export interface HttpServerOptions {
  /** When set, POST /documents needs `Authorization: Bearer <token>`. */
  readonly apiToken?: string;
  readonly bodyLimitBytes?: number;
  readonly logger?: boolean;
  /**
   * Without a token, POST /documents is taken only with a Host header naming this server: an IP
   * literal, `localhost`, or one of these names (DNS rebinding: a page on evil.example resolving to
   * 127.0.0.1 sends `Host: evil.example`). `*`: any host. Default: `TIMELINE_ALLOWED_HOSTS` (comma-separated).
   */
  readonly allowedHosts?: readonly string[];
  /** Where a 500 is reported when the fastify logger is off (default: one JSON line on stderr). */
  readonly onServerError?: (error: unknown, request: { method: string; url: string }) => void;
  /** Live streams one client (remote address) may hold at once (default 16). */
  readonly liveStreamsPerClient?: number;
  /** A live stream that sent nothing for this long is closed; the page's EventSource reconnects (default `TIMELINE_LIVE_STREAM_IDLE_MS`, else 10 min). */
  readonly liveStreamIdleMs?: number;
  /** As-of views computed at once; past it, 503 with Retry-After (default 2). */
  readonly maxConcurrentAsOf?: number;
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
const DEFAULT_LIVE_STREAMS_PER_CLIENT = 16;
const DEFAULT_LIVE_STREAM_IDLE_MS = 10 * 60_000;
const DEFAULT_MAX_CONCURRENT_AS_OF = 2;
/** DEFAULT_LIVE_STREAM_IDLE_MS, or `TIMELINE_LIVE_STREAM_IDLE_MS` (whole milliseconds, at least 1). */
function liveStreamIdleMsFromEnv(): number {
  const value = Number(process.env.TIMELINE_LIVE_STREAM_IDLE_MS);
  return Number.isSafeInteger(value) && value >= 1 ? value : DEFAULT_LIVE_STREAM_IDLE_MS;
}

/** Seconds a client told 503 should wait. */
const RETRY_AFTER_SECONDS = 1;

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
      throw new HttpError(
        401,
        'unauthorized',
        match ? 'The bearer token is not valid.' : 'This endpoint needs an Authorization: Bearer <token> header.',
      );
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
    throw new HttpError(
      400,
      'invalid_request',
      'Invalid body: the text is not valid UTF-8 (binary data?); send the plain text of the document.',
    );
  }
}

function hostNameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed?.[1]) return bracketed[1].toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** A host a DNS name cannot rebind: an IP literal, or localhost. */
function isLoopbackOrIp(host: string): boolean {
  return isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost');
}

/** JSON bodies need a CORS preflight this server never grants: a cross-site page cannot send one. */
function isJsonRequest(request: FastifyRequest): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '');
}

/**
 * Without a token, a write must come from this server's own origin: a Host a DNS name cannot
 * rebind (or an allowed name), and no Origin (command-line clients) or one naming the same host
 * (this server's page). A cross-site page could otherwise POST text/plain, which needs no preflight.
 */
function sameOriginWriteCheck(allowedHosts: readonly string[]): (request: FastifyRequest) => Promise<void> {
  const allowAny = allowedHosts.includes('*');
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return async (request) => {
    const hostHeader = request.headers.host ?? '';
    const host = hostNameOf(hostHeader);
    if (!allowAny && !isLoopbackOrIp(host) && !allowed.has(host)) {
      throw new HttpError(
        403,
        'forbidden_host',
        `Writes without a token are taken only for this server's own host names; "${host.slice(0, 200)}" is not one (set TIMELINE_ALLOWED_HOSTS or TIMELINE_API_TOKEN).`,
      );
    }
    const fetchSite = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const crossSite = fetchSite === 'cross-site' || fetchSite === 'same-site';
    let originHost: string | undefined;
    if (origin !== undefined) {
      try {
        originHost = new URL(origin).host.toLowerCase();
      } catch {
        originHost = origin === 'null' ? 'null' : '';
      }
    }
    if (crossSite || (originHost !== undefined && originHost !== hostHeader.toLowerCase())) {
      throw new HttpError(
        403,
        'cross_origin',
        "Writes without a token are taken only from this server's own pages or from clients that send no Origin; send a bearer token.",
      );
    }
  };
}

/** Runs at most `limit` tasks at once; past it, a 503 the client may retry. */
function concurrencyLimit(limit: number, what: string): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  return async (task) => {
    if (running >= limit)
      throw new HttpError(503, 'busy', `Too many ${what} are being computed; retry in ${RETRY_AFTER_SECONDS} s.`);
    running++;
    try {
      return await task();
    } finally {
      running--;
    }
  };
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
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    return503OnClosing: true,
    // Long enough for any id the API takes: the id's own check answers, in the documented shape.
    maxParamLength: 4 * MAX_DOCUMENT_ID_CHARS,
    // The router's own refusals (a bad %-escape, an overlong parameter) in the documented shape too.
    frameworkErrors: (error, _request, frameworkReply) => {
      const tooLong = (error as { code?: string }).code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (frameworkReply as unknown as FastifyReply)
        .code(tooLong ? 414 : 400)
        .headers({ ...COMMON_HEADERS, 'cache-control': 'no-store' })
        .type('application/json; charset=utf-8')
        .send(
          errorBody(
            tooLong ? 'uri_too_long' : 'bad_request',
            tooLong
              ? `A path parameter is longer than ${4 * MAX_DOCUMENT_ID_CHARS} characters.`
              : 'The URL is not valid (a malformed %-escape?).',
          ),
        );
    },
  });
  const requireToken = options.apiToken ? bearerTokenCheck(options.apiToken) : undefined;
  const allowedHosts =
    options.allowedHosts ??
    (process.env.TIMELINE_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter(Boolean);
  const writeGuard = { onRequest: requireToken ?? sameOriginWriteCheck(allowedHosts) };
  const reportServerError =
    options.onServerError ??
    ((error: unknown, request: { method: string; url: string }) => {
      const detail =
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : { message: String(error) };
      process.stderr.write(
        `${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: 'request failed', method: request.method, url: request.url.slice(0, 500), err: detail })}\n`,
      );
    });
  const asOfLimit = concurrencyLimit(options.maxConcurrentAsOf ?? DEFAULT_MAX_CONCURRENT_AS_OF, 'as-of views');
  const liveStreamsPerClient = options.liveStreamsPerClient ?? DEFAULT_LIVE_STREAMS_PER_CLIENT;
  const liveStreamIdleMs = options.liveStreamIdleMs ?? liveStreamIdleMsFromEnv();
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
    if (statusCode >= 500 && !(error instanceof HttpError)) {
      if (options.logger) request.log.error({ err: error }, 'request failed');
      else reportServerError(error, { method: request.method, url: request.url });
    }
    if (statusCode === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
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
    if (!isJsonRequest(request)) {
      submission = {
        ...parse(SubmitDocumentQuery, request.query, 'query'),
        text: parse(DocumentText, request.body, 'body'),
      };
    } else {
      if (Object.keys(request.query as object).length > 0) {
        throw new HttpError(
          400,
          'invalid_request',
          'Invalid query: with a JSON body, send title, source, publishedAt and yearHint in the body.',
        );
      }
      if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
        throw new HttpError(
          400,
          'invalid_request',
          'Invalid body: the body must be a JSON object such as {"text": "..."}; send a bare text as text/plain.',
        );
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
    if (status.state === 'unknown')
      throw new HttpError(404, 'document_not_found', `No document with id ${id} was submitted.`);
    return status;
  });

  async function timelineFor(query: unknown): Promise<TimelineView> {
    const { asOf, source, entity, all, from, to, limit, after } = parse(TimelineQuery, query, 'query');
    // Checked again as a whole: from after to is refused.
    const page = parse(TimelinePageRequest, { from, to, limit, after }, 'query');
    const paging = isPaged(page) ? { page } : {};
    // An as-of view replays part of the log: a few at once, the others are asked to retry.
    const view =
      asOf === undefined
        ? await service.getTimeline(paging)
        : await asOfLimit(() => service.getTimeline({ asOf, ...paging }));
    // Filters and the short view apply to the entries of the page (ranks stay those of the whole timeline).
    // The entity first: whether a name is a person's is learnt from the whole timeline.
    const filtered = filterTimelineBySource(filterTimelineByEntity(view, entity), source);
    // The JSON keeps every entry unless asked for the short view; an entity's timeline is never cut.
    if (all !== false || entity !== undefined) return filtered;
    const { view: top, omitted } = mostImportantEntries(filtered, DEFAULT_TOP_ENTRIES);
    if (omitted === 0) return filtered;
    const note = `Showing the ${top.entries.length} most important of ${filtered.entries.length} entries, in date order: ${omitted} more with all=true.`;
    return { ...top, notes: [...top.notes, note] };
  }

  app.get('/timeline', async (request) => timelineFor(request.query));

  app.get('/timeline.csv', async (request, reply) => {
    const csv = timelineToCsv(await timelineFor(request.query));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="timeline.csv"')
      .send(csv);
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

  const streamsByClient = new Map<string, number>();
  app.get('/events/stream', (request, reply) => {
    const client = request.ip;
    const ofClient = streamsByClient.get(client) ?? 0;
    if (ofClient >= liveStreamsPerClient) {
      void reply
        .code(429)
        .header('retry-after', '30')
        .send(
          errorBody(
            'too_many_streams',
            `This client already holds ${ofClient} live streams, the most one client may; close one, or poll GET /status.`,
          ),
        );
      return;
    }
    if (liveStreams.size >= MAX_LIVE_STREAMS) {
      void reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS * 30))
        .send(
          errorBody('too_many_streams', 'Too many live streams are open; poll GET /status instead, or retry later.'),
        );
      return;
    }
    streamsByClient.set(client, ofClient + 1);
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
      markActive();
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
    // A stream nothing was sent on for a while is closed (the page's EventSource reconnects): idle
    // connections do not pile up.
    let idleSince = Date.now();
    const idleCheck = setInterval(
      () => {
        if (Date.now() - idleSince >= liveStreamIdleMs) stream.end();
      },
      Math.min(liveStreamIdleMs, 30_000),
    );
    const markActive = (): void => {
      idleSince = Date.now();
    };
    service.status().then(
      (status) => nudge(status.log.length),
      (error: unknown) => request.log.warn({ err: error }, 'live stream: could not read the log head'),
    );
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      const left = (streamsByClient.get(client) ?? 1) - 1;
      if (left > 0) streamsByClient.set(client, left);
      else streamsByClient.delete(client);
      unsubscribe();
      clearInterval(heartbeat);
      clearInterval(idleCheck);
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
