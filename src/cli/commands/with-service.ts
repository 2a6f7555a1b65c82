import { openTimelineService, type ServiceConfig } from '../../app/open-service.js';
import type { Engine } from '../../app/engine.js';
import type { TimelineService } from '../../app/timeline-service.js';
import { isLogLockedError } from '../../events/store/errors.js';
import type { RedisTarget } from '../../workers/bullmq/redis-connection.js';

export interface GlobalOptions {
  readonly dataDir: string;
  readonly prefix: string;
  /** REDIS_CLUSTER_NODES or REDIS_URL; absent: the embedded engine. */
  readonly redis?: RedisTarget;
  readonly maxDocumentBytes?: number;
}

export const serviceConfigOf = (options: GlobalOptions): ServiceConfig => ({
  dataDir: options.dataDir,
  prefix: options.prefix,
  ...options.redis,
  ...(options.maxDocumentBytes ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
  onWarning: (message) => process.stderr.write(`timeline: warning: ${message}\n`),
});

/** How a command reached the data: read-only beside the process that holds it (`timeline serve`). */
export interface ServiceAccess {
  readonly readOnly: boolean;
  readonly holderPid?: number;
}

/**
 * Opens the service the environment asks for, runs `use`, always closes it. `reading`: a command
 * that only reads may open an embedded log another process holds (`timeline serve`), read-only.
 */
export async function withService<T>(
  config: ServiceConfig,
  use: (service: TimelineService & { readonly engine: Engine }, access: ServiceAccess) => Promise<T>,
  options: { reading?: boolean } = {},
): Promise<T> {
  let access: ServiceAccess = { readOnly: false };
  const service = await openTimelineService(config).catch(async (error: unknown) => {
    if (!options.reading || config.redisUrl || config.redisClusterNodes || !isLogLockedError(error)) throw error;
    process.stderr.write(
      `timeline: the data dir is in use by ${error.holderPid ? `pid ${error.holderPid}` : 'another process'}; reading its log as it stands now\n`,
    );
    access = { readOnly: true, ...(error.holderPid ? { holderPid: error.holderPid } : {}) };
    return openTimelineService({ ...config, readOnly: true });
  });
  try {
    return await use(service, access);
  } finally {
    await service.close();
  }
}
