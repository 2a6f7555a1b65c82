import { defineConfig } from 'vitest/config';

// Two tiers, as in Emmett: *.unit.spec.ts are pure and fast; *.int.spec.ts talk to a real
// redis-server (started privately by the global setup), real files, real HTTP servers.
export default defineConfig({
  test: {
    globalSetup: ['test/support/redis-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.unit.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['test/**/*.int.spec.ts'],
          exclude: ['test/hostile/**', 'node_modules/**'],
          // Integration files share one redis-server and the two cores of this machine.
          maxWorkers: 2,
          // Projects with different maxWorkers must run in separate groups (vitest 4).
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'hostile',
          include: ['test/hostile/**/*.int.spec.ts'],
          // Freak documents keep a core busy for seconds on purpose: after the other integration
          // files, one file at a time, so they do not starve tests with tight timeouts.
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
