import type { z } from 'zod';
import { isInvalidDocumentError } from '../documents/document-errors.js';
import { EventLogError } from '../events/store/errors.js';

export interface ErrorIssue {
  readonly path: string;
  readonly message: string;
}

/** An error whose message is written for the client: it is sent as is. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly ErrorIssue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

/** One sentence naming every problem, so a client that only shows `message` still says what is wrong. */
/** An error names at most this many problems (a body with 100,000 bad fields gets a short answer). */
export const MAX_ERROR_ISSUES = 10;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function validationError(where: 'body' | 'query' | 'path', error: z.ZodError): HttpError {
  const all = error.issues.map((issue) => ({
    path: clip(pathOf(issue.path), 200),
    message: clip(issue.message, 1000),
  }));
  const issues = all.slice(0, MAX_ERROR_ISSUES);
  const more = all.length > issues.length ? `; and ${all.length - issues.length} more problems` : '';
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return new HttpError(400, 'invalid_request', `Invalid ${where}: ${summary}${more}`, issues);
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: readonly ErrorIssue[] };
}

export function errorBody(code: string, message: string, issues?: readonly ErrorIssue[]): ErrorBody {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

interface FrameworkError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message: string;
}

/**
 * Turns anything thrown while handling a request into a status and a body. Only client errors keep
 * their message (fastify's own are written for clients); anything else is reported without detail.
 */
export function describeError(
  error: unknown,
  limits: { bodyLimitBytes: number },
): { statusCode: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    return { statusCode: error.statusCode, body: errorBody(error.code, error.message, error.issues) };
  }
  if (isInvalidDocumentError(error)) {
    // The engine's own checks (size, encoding) come after ours; their messages are written for users.
    const statusCode = error.code === 'TOO_LARGE' ? 413 : 400;
    return {
      statusCode,
      body: errorBody(statusCode === 413 ? 'payload_too_large' : 'invalid_document', error.message),
    };
  }
  if (error instanceof EventLogError && error.retryable) {
    return { statusCode: 503, body: errorBody('unavailable', 'The event log is busy or unreachable; retry shortly.') };
  }
  const framework = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as FrameworkError;
  switch (framework.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        body: errorBody(
          'payload_too_large',
          `The request body is larger than the limit of ${limits.bodyLimitBytes} bytes.`,
        ),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        body: errorBody(
          'unsupported_media_type',
          'Unsupported content type: send application/json or text/plain; charset=utf-8.',
        ),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, body: errorBody('invalid_json', 'The body is empty but the content type says JSON.') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { statusCode: 400, body: errorBody('invalid_json', 'The body is not valid JSON.') };
  }
  const statusCode = framework.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = error instanceof SyntaxError ? 'invalid_json' : 'bad_request';
    const message =
      error instanceof SyntaxError ? `The body is not valid JSON: ${framework.message}` : framework.message;
    return { statusCode, body: errorBody(code, message) };
  }
  return {
    statusCode: 500,
    body: errorBody('internal_error', 'The server could not handle this request; the error was logged.'),
  };
}
