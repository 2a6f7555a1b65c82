import { Redis } from 'ioredis';

/**
 * Connections for BullMQ and the Redis event log. `maxRetriesPerRequest: null` keeps commands
 * queued while Redis restarts instead of failing them after a few retries: workers then resume
 * on reconnect rather than dropping jobs.
 */
export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
}

/** BullMQ keys live under `${prefix}:bull`, the log under `${prefix}:log`: one prefix per deployment. */
export const bullPrefixOf = (prefix: string): string => `${prefix}:bull`;
export const logPrefixOf = (prefix: string): string => `${prefix}:log`;
export const projectionPrefixOf = (prefix: string): string => `${prefix}:projections`;

export const DEFAULT_PREFIX = 'timeline';
