import { Cluster, Redis } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors/index.js';
import { DOCUMENTS_QUEUE } from '../queue-names.js';

/** One Redis (`REDIS_URL`) or the nodes of a Redis Cluster (`REDIS_CLUSTER_NODES`): one of the two, never both. */
export type RedisTarget =
  | { readonly redisUrl: string; readonly redisClusterNodes?: undefined }
  | { readonly redisClusterNodes: readonly RedisNode[]; readonly redisUrl?: undefined };

/** A startup node of a Redis Cluster; the client learns the others (and the slot map) from it. */
export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/** What the adapters talk to: one Redis or a cluster client (the same commands; keys carry hash tags). */
export type RedisConnection = Redis | Cluster;

/** `REDIS_CLUSTER_NODES` is not a comma-separated list of host:port. */
export class InvalidClusterNodesError extends Error {
  readonly code = 'INVALID_CLUSTER_NODES';
  constructor(detail: string) {
    super(`REDIS_CLUSTER_NODES must be host:port,host:port,… (${detail})`);
    this.name = 'InvalidClusterNodesError';
  }
}

export const isInvalidClusterNodesError = (error: unknown): error is InvalidClusterNodesError =>
  error instanceof InvalidClusterNodesError;

/** Parses `host:port,host:port,…` (IPv6 hosts in brackets: `[::1]:7000`). */
export function parseClusterNodes(text: string): RedisNode[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new InvalidClusterNodesError('no node given');
  return items.map((item) => {
    const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(item);
    const port = Number(match?.[2]);
    if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535)
      throw new InvalidClusterNodesError(`"${item}" is not host:port`);
    return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
  });
}

/** The target the environment names: REDIS_CLUSTER_NODES wins over REDIS_URL; neither: undefined (embedded). */
export function redisTargetFromEnv(env: NodeJS.ProcessEnv): RedisTarget | undefined {
  const nodes = env.REDIS_CLUSTER_NODES?.trim();
  if (nodes) return { redisClusterNodes: parseClusterNodes(nodes) };
  return env.REDIS_URL ? { redisUrl: env.REDIS_URL } : undefined;
}

/** How the target is named in messages. */
export const describeRedisTarget = (target: RedisTarget): string =>
  target.redisClusterNodes
    ? `the Redis Cluster at ${target.redisClusterNodes.map(({ host, port }) => `${host}:${port}`).join(',')}`
    : `Redis at ${target.redisUrl}`;

/** The key layout a target needs: a cluster needs a hash tag in every BullMQ prefix (below). */
export const keyLayoutOf = (target: RedisTarget): KeyLayout => (target.redisClusterNodes ? 'cluster' : 'single');

export type KeyLayout = 'single' | 'cluster';

/**
 * Connections for BullMQ and the Redis event log. `maxRetriesPerRequest: null` keeps commands
 * queued while Redis restarts instead of failing them after a few retries: workers then resume
 * on reconnect rather than dropping jobs.
 */
export function connectRedis(
  target: RedisTarget,
  name: string,
  onError: (error: Error) => void = warnOncePerOutage(name),
): RedisConnection {
  const redis = target.redisClusterNodes
    ? new Cluster([...target.redisClusterNodes], {
        redisOptions: { maxRetriesPerRequest: null, connectionName: name },
        lazyConnect: false,
      })
    : new Redis(target.redisUrl, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
  // ioredis reconnects by itself; without a listener every failed attempt is printed as "unhandled".
  redis.on('error', onError);
  return redis;
}

/**
 * For commands and the API: a person or an HTTP client is waiting, so a Redis that is down is
 * reported after a few seconds instead of waiting for it forever.
 */
export function connectRedisClient(target: RedisTarget, name: string): RedisConnection {
  const redis = target.redisClusterNodes
    ? // No give-up strategy for the cluster as a whole: one that gives up ends the client for good, and
      // `timeline serve` would stay broken after a short outage of every node. A command against a
      // cluster none of whose nodes answers therefore waits until one does (GET /healthz still answers).
      new Cluster([...target.redisClusterNodes], {
        redisOptions: { maxRetriesPerRequest: 2, connectTimeout: 3000, connectionName: name },
      })
    : new Redis(target.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 3000, connectionName: name });
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
 * Key prefixes; one prefix per deployment, and `${prefix}:*` covers everything.
 *
 * The log lives under `${prefix}:{log}` and the projections under `${prefix}:projections:{<name>}`
 * (redis-projection-store.ts): the braces are hash tags, so every key one Lua script touches lands
 * in one Redis Cluster slot, and the log and the projections land in different slots (on different
 * nodes of a three-node cluster with the default prefix).
 *
 * BullMQ keys live under `${prefix}:bull` on one Redis. A cluster needs a hash tag in the prefix
 * (BullMQ's scripts touch several keys of one queue): there each queue gets its own,
 * `${prefix}:bull:{<queue>}`, so the documents queue and the reconcile queue spread over the nodes
 * too. One Redis keeps the untagged prefix, so a deployment that upgrades keeps its queued jobs and
 * other producers their key names. A prefix that itself holds a `{…}` puts everything in that one
 * slot (its tag comes first): still correct, only not spread.
 */
export const bullPrefixOf = (prefix: string, layout: KeyLayout = 'single', queue: string = DOCUMENTS_QUEUE): string =>
  layout === 'cluster' ? `${prefix}:bull:{${queue}}` : `${prefix}:bull`;
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

const CLUSTER_UNREACHABLE = /^(None of startup nodes is available|Failed to refresh slots cache|Cluster isn't ready)/;

/**
 * Whether a command failed because Redis could not be reached: ioredis gave up on it
 * (MaxRetriesPerRequestError, what a client connection raises; a cluster client's "none of the
 * startup nodes" or "not ready" once its retries are spent) or the socket's own error.
 */
export function isRedisUnreachableError(error: unknown): error is Error {
  if (error instanceof MaxRetriesPerRequestError) return true;
  // ioredis's cluster errors are not exported as classes: their messages are what it documents.
  if (error instanceof Error && CLUSTER_UNREACHABLE.test(error.message)) return true;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}
