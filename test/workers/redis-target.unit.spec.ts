import { describe, expect, it } from 'vitest';
import {
  bullPrefixOf,
  isInvalidClusterNodesError,
  logPrefixOf,
  parseClusterNodes,
  redisTargetFromEnv,
} from '../../src/workers/bullmq/redis-connection.js';
import { redisEventLogKeys } from '../../src/events/store/redis/redis-event-log.js';
import { DOCUMENTS_QUEUE, RECONCILE_QUEUE } from '../../src/workers/queue-names.js';

describe('REDIS_CLUSTER_NODES and the key layout', () => {
  it('parses host:port lists, IPv6 in brackets, and rejects anything else with a typed error', () => {
    expect(parseClusterNodes('10.0.0.1:7000, redis-2:7001,[::1]:7002')).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of ['', ',', 'host', 'host:0', 'host:70000', 'host:port', ':7000']) {
      let caught: unknown;
      try {
        parseClusterNodes(bad);
      } catch (error) {
        caught = error;
      }
      expect(isInvalidClusterNodesError(caught), bad).toBe(true);
    }
  });

  it('REDIS_CLUSTER_NODES wins over REDIS_URL; neither means the embedded engine', () => {
    expect(redisTargetFromEnv({ REDIS_URL: 'redis://x:1', REDIS_CLUSTER_NODES: 'a:1' })).toEqual({
      redisClusterNodes: [{ host: 'a', port: 1 }],
    });
    expect(redisTargetFromEnv({ REDIS_URL: 'redis://x:1' })).toEqual({ redisUrl: 'redis://x:1' });
    expect(redisTargetFromEnv({ REDIS_CLUSTER_NODES: '  ' })).toBeUndefined();
  });

  it('one Redis keeps the untagged BullMQ prefix; a cluster gives each queue its own hash tag', () => {
    expect(bullPrefixOf('timeline')).toBe('timeline:bull');
    expect(bullPrefixOf('timeline', 'cluster', DOCUMENTS_QUEUE)).toBe('timeline:bull:{timeline-documents}');
    expect(bullPrefixOf('timeline', 'cluster', RECONCILE_QUEUE)).toBe('timeline:bull:{timeline-reconcile}');
    // The log's keys share one tag (its append script touches all of them).
    const log = redisEventLogKeys(logPrefixOf('timeline'));
    expect(
      [log.events, log.versions, log.ids, log.head, log.stream('s')].every((key) => key.startsWith('timeline:{log}:')),
    ).toBe(true);
  });
});
