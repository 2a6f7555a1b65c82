import { z } from 'zod';
import { TimelineView } from '../projections/timeline-view.js';
import {
  DocumentStatusResponse,
  ErrorResponse,
  EventsPageResponse,
  EventsQuery,
  HealthResponse,
  StatusResponse,
  SubmitDocumentBody,
  SubmitDocumentQuery,
  SubmitDocumentResponse,
  TimelineQuery,
  DocumentQuery,
} from './schemas.js';

type JsonSchema = Record<string, unknown>;

/** OpenAPI 3.1 uses JSON Schema 2020-12, zod's default target; only the `$schema` key must go. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: object.required?.includes(name) ?? false,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const errorResponse = (description: string) => ({ description, content: json('Error') });

export function buildOpenApiDocument(options: { bearerAuth: boolean; bodyLimitBytes: number }): JsonSchema {
  const writeSecurity = options.bearerAuth ? { security: [{ bearerAuth: [] }] } : {};
  return {
    openapi: '3.1.0',
    info: {
      title: 'timeline',
      version: '1',
      description:
        'Turns news documents into one dated, sourced timeline. Errors are `{"error": {"code", "message"}}`.',
    },
    paths: {
      '/documents': {
        post: {
          summary: 'Submit a document; it is processed in the background',
          ...writeSecurity,
          parameters: queryParameters(SubmitDocumentQuery),
          requestBody: {
            required: true,
            description: `JSON, or the bare text as text/plain with the metadata in the query string. At most ${options.bodyLimitBytes} bytes.`,
            content: {
              'application/json': { schema: ref('SubmitDocumentBody') },
              'text/plain': { schema: { type: 'string', minLength: 1 } },
            },
          },
          responses: {
            '202': { description: 'Queued', content: json('SubmitDocumentResponse') },
            '200': {
              description: 'Already submitted: nothing new was queued',
              content: json('SubmitDocumentResponse'),
            },
            '400': errorResponse('The body or the query is invalid'),
            '401': errorResponse('A bearer token is required'),
            '413': errorResponse('The body is too large'),
            '415': errorResponse('Unsupported content type'),
          },
        },
      },
      '/documents/{id}': {
        get: {
          summary: 'A document’s processing state and the events found in it',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            ...queryParameters(DocumentQuery),
          ],
          responses: {
            '200': { description: 'Its status', content: json('DocumentStatus') },
            '400': errorResponse('Invalid include'),
            '404': errorResponse('No such document'),
          },
        },
      },
      '/timeline': {
        get: {
          summary:
            "The timeline, optionally as known at a log position or an instant, one entity's entries, or one page of it by date",
          description:
            'Every entry, in date order, each with its importance `rank` (1 = most important: most distinct source documents, then a stated date, then most named actors, then date and id). ' +
            '`entity` keeps the entries naming a company or person; `source` the evidence of one document source; `all=false` only the most important entries. ' +
            '`from`, `to`, `limit`, `after` give one page: the entries that start between the first day of `from` and the last day of `to`, at most `limit` (default 200), ' +
            "after the entry `after`; the answer's `page.next` says where the next page starts (ask again with its `from` and `after`), and `documents` lists only the documents the page cites. " +
            'Filters and `all=false` apply to the entries of the page; ranks stay those of the whole timeline. Without a page, a timeline past the size of one view leaves its latest entries out with a note.',
          parameters: queryParameters(TimelineQuery),
          responses: {
            '200': { description: 'The timeline', content: json('TimelineView') },
            '400': errorResponse('Invalid asOf, source, entity, all or page (from, to, limit, after; from after to)'),
          },
        },
      },
      '/timeline.csv': {
        get: {
          summary: 'The timeline as CSV (RFC 4180), one row per entry',
          parameters: queryParameters(TimelineQuery),
          responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } } },
        },
      },
      '/timeline.timelinejs.json': {
        get: {
          summary: 'The timeline in the TimelineJS JSON format (entries without a known year are left out)',
          parameters: queryParameters(TimelineQuery),
          responses: {
            '200': { description: 'TimelineJS JSON', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
      '/events': {
        get: {
          summary: 'A page of the event log',
          parameters: queryParameters(EventsQuery),
          responses: {
            '200': { description: 'Events in position order', content: json('EventsPage') },
            '400': errorResponse('Invalid from or limit'),
          },
        },
      },
      '/events/stream': {
        get: {
          summary: 'Server-sent events: `position` with `{"position": n}` whenever the log grows',
          responses: {
            '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness: Redis reachable (when used) and queue depth',
          responses: {
            '200': { description: 'Healthy', content: json('Health') },
            '503': { description: 'Unhealthy', content: json('Health') },
          },
        },
      },
      '/status': {
        get: {
          summary: 'Counts of documents, queue and log',
          responses: { '200': { description: 'Counts', content: json('Status') } },
        },
      },
    },
    components: {
      schemas: {
        SubmitDocumentBody: jsonSchema(SubmitDocumentBody, 'input'),
        SubmitDocumentResponse: jsonSchema(SubmitDocumentResponse, 'output'),
        DocumentStatus: jsonSchema(DocumentStatusResponse, 'output'),
        TimelineView: jsonSchema(TimelineView, 'output'),
        EventsPage: jsonSchema(EventsPageResponse, 'output'),
        Health: jsonSchema(HealthResponse, 'output'),
        Status: jsonSchema(StatusResponse, 'output'),
        Error: jsonSchema(ErrorResponse, 'output'),
      },
      ...(options.bearerAuth ? { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } } : {}),
    },
  };
}
