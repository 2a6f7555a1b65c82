import { resolve } from 'node:path';
import { openEmbeddedEngine } from './embedded-engine.js';
import type { Engine } from './engine.js';
import { openRedisEngine } from './redis-engine.js';
import { createTimelineService } from './create-timeline-service.js';
import type { TimelineService } from './timeline-service.js';
import type { AnalysisBudget } from '../workers/analysis-budget.js';
import { DEFAULT_PREFIX, type RedisNode } from '../workers/bullmq/redis-connection.js';

export interface ServiceConfig {
  /** Set: BullMQ + Redis log. Unset (and no cluster nodes): embedded (in-process queue, file log under dataDir). */
  readonly redisUrl?: string;
  /** Set (non-empty): BullMQ + Redis log on a Redis Cluster reached through these startup nodes; wins over redisUrl. */
  readonly redisClusterNodes?: readonly RedisNode[];
  /** Key prefix in Redis (default "timeline"). */
  readonly prefix?: string;
  /** Embedded data directory (default ./.timeline). */
  readonly dataDir?: string;
  readonly concurrency?: number;
  readonly maxDocumentBytes?: number;
  readonly onWarning?: (message: string) => void;
  /** Embedded only: worker threads for the text analysis (default 1). */
  readonly analysisThreads?: number;
  /** Embedded only: texts shorter than this are analysed on the calling thread (0: none, `timeline serve`). */
  readonly inlineAnalysisBelowChars?: number;
  /** What one document's analysis may cost (default: analysis-budget.ts, TIMELINE_ANALYSIS_TIMEOUT_MS). */
  readonly analysisBudget?: AnalysisBudget;
  /** Embedded only: open the file log read-only (see EmbeddedEngineOptions.readOnly). */
  readonly readOnly?: boolean;
  /** Embedded only: keep accepted documents on disk until processed (see EmbeddedEngineOptions.durableQueue). */
  readonly durableQueue?: boolean;
}

export async function openEngine(config: ServiceConfig): Promise<Engine> {
  const prefix = config.prefix ?? DEFAULT_PREFIX;
  if (config.redisClusterNodes && config.redisClusterNodes.length > 0)
    return openRedisEngine({ redisClusterNodes: config.redisClusterNodes, prefix });
  if (config.redisUrl) return openRedisEngine({ redisUrl: config.redisUrl, prefix });
  return openEmbeddedEngine({
    dataDir: resolve(config.dataDir ?? '.timeline'),
    concurrency: config.concurrency,
    maxDocumentBytes: config.maxDocumentBytes,
    onWarning: config.onWarning,
    analysisThreads: config.analysisThreads,
    inlineAnalysisBelowChars: config.inlineAnalysisBelowChars,
    analysisBudget: config.analysisBudget,
    readOnly: config.readOnly,
    durableQueue: config.durableQueue,
  });
}

/** The engine REDIS_CLUSTER_NODES or REDIS_URL asks for, wrapped in the use cases. */
export async function openTimelineService(
  config: ServiceConfig,
): Promise<TimelineService & { readonly engine: Engine }> {
  const engine = await openEngine(config);
  return Object.assign(createTimelineService(engine, { maxDocumentBytes: config.maxDocumentBytes }), { engine });
}
