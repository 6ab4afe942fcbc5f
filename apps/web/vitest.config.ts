import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests of pure helpers, and the browser journeys that start a real server.
export default defineConfig({
  test: {
    projects: [
      {
        // Node-side tests resolve through the SSR environment; the workspace packages are
        // symlinked into node_modules, so their `source` export must be an external condition too.
        resolve: { conditions: ['source'] },
        ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
        test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' },
      },
      {
        // Journeys import workspace packages too (the billing journey validates the downloaded
        // XRechnung with @verbund/einvoice), which a fresh clone has not built.
        resolve: { conditions: ['source'] },
        ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['./e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
