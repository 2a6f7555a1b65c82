import type { TestProject } from 'vitest/node';
import type {} from 'vitest';
import { startPrivateRedis } from '../../src/devtools/private-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Starts a private redis-server on a free port for the integration tests, so they never
 * touch (or wipe) a Redis that somebody else uses. REDIS_URL, when set, is used instead.
 * A missing redis-server fails the run with install instructions: never a silent skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    project.provide('redisUrl', fromEnv);
    return async () => {};
  }
  const redis = await startPrivateRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
