import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import type { TimelineService } from '../../src/app/timeline-service.js';
import type { Engine } from '../../src/app/engine.js';
import { startPrivateRedisCluster, type PrivateRedisCluster } from '../../src/devtools/private-redis-cluster.js';
import type { DocumentJobPayload } from '../../src/documents/document-job.js';
import { loadDocuments } from '../../src/documents/load-documents.js';
import { readAll, type EventLog } from '../../src/events/store/event-log.js';
import type { TimelineView } from '../../src/projections/timeline-view.js';
import type { RedisTarget } from '../../src/workers/bullmq/redis-connection.js';
import { startRedisWorkers } from '../../src/workers/bullmq/redis-workers.js';
import { CLI, REPO_ROOT } from '../support/cli.js';
import { corpusDocuments } from '../support/documents.js';
import { deletePrefix, testRedis } from '../support/redis.js';
import { expectSeedTimeline, withoutPosition } from '../support/seed-expectations.js';

/**
 * The same work on a real three-node Redis Cluster and on one Redis gives the same timeline: the
 * log, the projections and the BullMQ queues carry hash tags, every Lua script's keys share a slot,
 * and the keys spread over the nodes. The fault tests of test/workers/faults.int.spec.ts again,
 * on the cluster: a document worker and a reconciler SIGKILLed.
 */

let cluster: PrivateRedisCluster;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  cluster = await startPrivateRedisCluster({ nodes: 3 });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await cluster?.stop();
});

const clusterTarget = (): RedisTarget => ({ redisClusterNodes: cluster.nodes });
const clusterNodesEnv = (): string => cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',');

type OpenService = TimelineService & { readonly engine: Engine };

async function openService(target: RedisTarget, prefix: string): Promise<OpenService> {
  const service = await openTimelineService({ ...target, prefix });
  cleanups.push(() => service.close());
  return service;
}

/** Submits the documents, lets in-process workers process them, and returns the settled timeline. */
async function timelineThroughWorkers(
  target: RedisTarget,
  prefix: string,
  documents: readonly DocumentJobPayload[],
): Promise<{ view: TimelineView; service: OpenService }> {
  const workers = await startRedisWorkers({ ...target, prefix, concurrency: 2 });
  cleanups.push(() => workers.close(5000));
  const service = await openService(target, prefix);
  for (const document of documents) await service.submitDocument(document);
  await service.engine.whenIdle({ timeoutMs: 90_000 });
  return { view: await service.getTimeline(), service };
}

/** The reference: the same documents through the same workers on the one private test Redis. */
async function singleRedisTimeline(documents: readonly DocumentJobPayload[]): Promise<TimelineView> {
  const { url, prefix } = testRedis();
  cleanups.push(() => deletePrefix(url, prefix));
  return (await timelineThroughWorkers({ redisUrl: url }, prefix, documents)).view;
}

function spawnWorker(prefix: string, role: 'documents' | 'reconcile'): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_CLUSTER_NODES: clusterNodesEnv(), TIMELINE_PREFIX: prefix };
  delete env.REDIS_URL;
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--role', role, '--concurrency', '2', '--lock-duration', '2000'],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.resume();
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function countByType(log: EventLog): Promise<{ analyses: Map<string, number>; reconciliations: number }> {
  const analyses = new Map<string, number>();
  let reconciliations = 0;
  for await (const event of readAll(log)) {
    if (event.type === 'TimelineReconciled') reconciliations++;
    if (event.type !== 'DocumentAnalyzed') continue;
    const documentId = (event.data as { documentId: string }).documentId;
    analyses.set(documentId, (analyses.get(documentId) ?? 0) + 1);
  }
  return { analyses, reconciliations };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a real Redis Cluster (three local redis-server --cluster-enabled nodes)', () => {
  // Timeouts, not speed assertions: worker processes on two shared cores.
  it('runs the seeds to the same timeline as one Redis, with keys on every node', { timeout: 180_000 }, async () => {
    const { documents, failures } = await loadDocuments(['seeds']);
    expect(failures).toEqual([]);
    const payloads = documents.map((document) => document.payload);

    const prefix = 'seeds';
    const { view, service } = await timelineThroughWorkers(clusterTarget(), prefix, payloads);
    expectSeedTimeline(view);
    expect(withoutPosition(view)).toEqual(withoutPosition(await singleRedisTimeline(payloads)));

    // The same text again is recognised on the cluster too: nothing queued, nothing appended.
    const head = (await service.status()).log.length;
    expect((await service.submitDocument(payloads[0]!)).accepted).toBe(false);
    expect((await service.status()).log.length).toBe(head);

    // The log ({log}), the projection ({timeline}) and the two queues ({timeline-documents},
    // {timeline-reconcile}) hash to slots of all three nodes.
    for (const url of cluster.nodeUrls) {
      const node = new Redis(url, { maxRetriesPerRequest: 1 });
      const keys = await node.dbsize();
      node.disconnect();
      expect(keys, `keys on the node at ${url}`).toBeGreaterThan(0);
    }
  });

  it(
    'a document worker and a reconciler SIGKILLed mid-run, then restarted: every document exactly once, the timeline of one Redis',
    { timeout: 300_000 },
    async () => {
      const documents = corpusDocuments(40);
      const prefix = 'faults';
      const service = await openService(clusterTarget(), prefix);
      const ids: string[] = [];
      for (const document of documents) ids.push((await service.submitDocument(document)).documentId);

      const documentWorker = spawnWorker(prefix, 'documents');
      const reconciler = spawnWorker(prefix, 'reconcile');
      await waitFor('a few documents', async () => (await countByType(service.engine.log)).analyses.size >= 5);
      await kill(documentWorker);
      expect((await countByType(service.engine.log)).analyses.size).toBeLessThan(40);
      await waitFor('a reconciliation', async () => (await countByType(service.engine.log)).reconciliations >= 1);
      await kill(reconciler);

      spawnWorker(prefix, 'documents');
      spawnWorker(prefix, 'reconcile');
      await waitFor('all documents', async () => (await countByType(service.engine.log)).analyses.size === 40);
      await service.engine.whenIdle({ timeoutMs: 90_000 });

      const { analyses } = await countByType(service.engine.log);
      expect([...analyses.keys()].sort()).toEqual([...ids].sort());
      expect([...analyses.values()].every((n) => n === 1)).toBe(true);
      // Positions are contiguous: nothing half-written, nothing skipped.
      let expected = 1;
      for await (const event of readAll(service.engine.log)) expect(event.position).toBe(expected++);

      const view = await service.getTimeline();
      expect(view.entries.length).toBeGreaterThan(20);
      expect(withoutPosition(view)).toEqual(withoutPosition(await singleRedisTimeline(documents)));
    },
  );
});
