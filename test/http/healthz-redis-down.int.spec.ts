import { describe, expect, it } from 'vitest';
import { openTimelineService } from '../../src/app/open-service.js';
import { freePort } from '../../src/devtools/private-redis.js';
import { createHttpServer } from '../../src/http/server.js';

describe('GET /healthz while Redis is unreachable', () => {
  // Before the fix the queue client waited for Redis forever and this test hit vitest's timeout.
  it('answers 503 instead of waiting for Redis to come back', async () => {
    const closedPort = await freePort();
    const service = await openTimelineService({ redisUrl: `redis://127.0.0.1:${closedPort}`, prefix: 'unreachable' });
    const app = createHttpServer(service);
    try {
      const response = await app.listen({ port: 0, host: '127.0.0.1' }).then((address) => fetch(`${address}/healthz`));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, redis: 'down', queueDepth: -1 });
    } finally {
      await app.close();
      await service.close().catch(() => undefined);
    }
  });
});
