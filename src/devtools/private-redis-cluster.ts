import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { RedisNode } from '../workers/bullmq/redis-connection.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

const run = promisify(execFile);

/**
 * A throw-away Redis Cluster: `nodes` redis-server processes with `--cluster-enabled yes` on free
 * loopback ports, each in its own temporary directory, joined by `redis-cli --cluster create`
 * (masters only, the slots split evenly in port order). For tests and benchmarks that must run on a
 * real cluster without touching a Redis somebody else uses.
 */
export interface PrivateRedisCluster {
  readonly nodes: readonly RedisNode[];
  /** Every node's own URL (a plain client sees only that node's keys: for per-node counts). */
  readonly nodeUrls: readonly string[];
  stop(): Promise<void>;
}

export async function startPrivateRedisCluster(options: { nodes?: number } = {}): Promise<PrivateRedisCluster> {
  const count = options.nodes ?? 3;
  const servers: PrivateRedis[] = [];
  const stop = async (): Promise<void> => {
    for (const server of servers.splice(0)) await server.stop();
  };
  try {
    for (let i = 0; i < count; i++) {
      servers.push(
        await startPrivateRedis({
          // nodes.conf in the node's own temporary directory (its --dir), removed with it.
          extraArgs: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            'nodes.conf',
            '--cluster-node-timeout',
            '5000',
          ],
        }),
      );
    }
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 30_000,
    });
    await Promise.all(servers.map((server) => untilClusterOk(server.url)));
    return {
      nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })),
      nodeUrls: servers.map((server) => server.url),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the node reports `cluster_state:ok` (every slot covered, the nodes agree). */
async function untilClusterOk(url: string, timeoutMs = 30_000): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = String(await redis.call('CLUSTER', 'INFO'));
      if (/^cluster_state:ok\s*$/m.test(info)) return;
      if (Date.now() > deadline) throw new Error(`the cluster node at ${url} is not ok:\n${info}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    redis.disconnect();
  }
}
