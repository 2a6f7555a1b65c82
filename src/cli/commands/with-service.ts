import { openTimelineService, type ServiceConfig } from '../../app/open-service.js';
import type { Engine } from '../../app/engine.js';
import type { TimelineService } from '../../app/timeline-service.js';

export interface GlobalOptions {
  readonly dataDir: string;
  readonly prefix: string;
  readonly redisUrl?: string;
  readonly maxDocumentBytes?: number;
}

export const serviceConfigOf = (options: GlobalOptions): ServiceConfig => ({
  dataDir: options.dataDir,
  prefix: options.prefix,
  ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  ...(options.maxDocumentBytes ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
  onWarning: (message) => process.stderr.write(`timeline: warning: ${message}\n`),
});

/** Opens the service the environment asks for, runs `use`, always closes it. */
export async function withService<T>(config: ServiceConfig, use: (service: TimelineService & { readonly engine: Engine }) => Promise<T>): Promise<T> {
  const service = await openTimelineService(config);
  try {
    return await use(service);
  } finally {
    await service.close();
  }
}
