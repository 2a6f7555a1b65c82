import { Redis } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors/index.js';

/**
 * Connections for BullMQ and the Redis event log. `maxRetriesPerRequest: null` keeps commands
 * queued while Redis restarts instead of failing them after a few retries: workers then resume
 * on reconnect rather than dropping jobs.
 */
export function connectRedis(
  url: string,
  name: string,
  onError: (error: Error) => void = warnOncePerOutage(name),
): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
  // ioredis reconnects by itself; without a listener every failed attempt is printed as "unhandled".
  redis.on('error', onError);
  return redis;
}

/**
 * For commands and the API: a person or an HTTP client is waiting, so a Redis that is down is
 * reported after a few seconds instead of waiting for it forever.
 */
export function connectRedisClient(url: string, name: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 3000, connectionName: name });
  redis.on('error', warnOncePerOutage(name));
  return redis;
}

/** One line when a connection starts failing, none for each reconnect attempt after it. */
function warnOncePerOutage(name: string): (error: Error) => void {
  let failing = false;
  return (error) => {
    if (failing) return;
    failing = true;
    process.stderr.write(`timeline: ${name}: Redis connection failed (${error.message}); reconnecting\n`);
    setTimeout(() => (failing = false), 30_000).unref();
  };
}

/**
 * BullMQ keys live under `${prefix}:bull`, the log under `${prefix}:{log}` (the braces are a hash
 * tag: every log key lands in one Redis Cluster slot, so the append script may touch them all):
 * one prefix per deployment, and `${prefix}:*` covers everything.
 */
export const bullPrefixOf = (prefix: string): string => `${prefix}:bull`;
export const logPrefixOf = (prefix: string): string => `${prefix}:{log}`;
export const projectionPrefixOf = (prefix: string): string => `${prefix}:projections`;

export const DEFAULT_PREFIX = 'timeline';

/** The system error codes of a connection that could not be made or was lost. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Whether a command failed because Redis could not be reached: ioredis gave up on it
 * (MaxRetriesPerRequestError, what a client connection raises) or the socket's own error.
 */
export function isRedisUnreachableError(error: unknown): error is Error {
  if (error instanceof MaxRetriesPerRequestError) return true;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}
