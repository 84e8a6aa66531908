/** Jest runs TypeScript (and the ESM-only p-queue and canonicalize) through SWC; no type-checking here (`npm run typecheck`). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic', importSource: 'preact' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${require('./scripts/esm-only-packages.json').join('|')})/)`],
  // canonicalize exports only an `import` condition; point jest's CommonJS resolver at its file (SWC transforms it).
  moduleNameMapper: { '^canonicalize$': '<rootDir>/node_modules/canonicalize/lib/canonicalize.js' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 30000,
  maxWorkers: 2,
  // On a fresh clone (no timings yet) the known-slow files start first: see test/support/test-sequencer.js.
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  // A folder per run for what its files share (one Chromium, one build of the apps), made on first use:
  // test/support/shared-chromium.ts and shared-apps.ts.
  globalSetup: '<rootDir>/test/support/open-test-run.js',
  globalTeardown: '<rootDir>/test/support/close-test-run.js',
  // A worker that has grown past this after a test file is replaced before the next one. Module registries that
  // tests leak (timers, listeners, the parsed 3.5 MB model per file) otherwise pile up until a worker runs out of heap.
  workerIdleMemoryLimit: '1GB',
  // A worker told to exit at the end of the run has that long before jest kills it and warns ("failed to exit
  // gracefully"; default 500 ms). Measured in round 31 on the browser and e2e files: both workers exited the moment
  // they were told, with nothing left open, and six runs of six still warned; tearing down a heap of up to 1 GB on a
  // busy 2-core machine can outlast 500 ms. With 3000 ms the next run did not warn.
  workerGracefulExitTimeout: 3000,
};
