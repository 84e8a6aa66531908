// @ts-check
/**
 * Lint = the layer rules of docs/architecture.md plus typescript-eslint's checks. `npm run lint`.
 * Formatting is prettier's job (`npm run format`), not ESLint's.
 */
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const C = './connector/src';
/** Folders above a layer: code in the layer may not import from them. */
const above = {
  events: [
    'decide',
    'hosts',
    'store',
    'evidence',
    'webhooks',
    'pipeline',
    'api',
    'admin',
    'sandbox',
    'ops',
    'policy',
    'auth',
    'server',
    'cli',
    'config',
  ],
  decide: ['store', 'evidence', 'webhooks', 'pipeline', 'api', 'admin', 'sandbox', 'ops', 'policy', 'auth', 'server', 'cli', 'config'],
  hosts: [
    'decide',
    'store',
    'evidence',
    'webhooks',
    'pipeline',
    'api',
    'admin',
    'sandbox',
    'ops',
    'policy',
    'auth',
    'reconcile',
    'server',
    'cli',
    'config',
  ],
  // store/ may use evidence/'s chain (hashing, entry types, the SQLite log) for its Store implementations; never the reverse.
  store: ['webhooks', 'pipeline', 'api', 'admin', 'sandbox', 'ops', 'policy', 'auth', 'server', 'cli', 'config'],
  evidence: [
    'decide',
    'hosts',
    'store',
    'webhooks',
    'pipeline',
    'api',
    'admin',
    'sandbox',
    'ops',
    'policy',
    'auth',
    'server',
    'cli',
    'config',
  ],
  ops: ['webhooks', 'pipeline', 'api', 'admin', 'sandbox', 'policy', 'auth', 'reconcile', 'server', 'cli', 'config'],
  webhooks: ['decide', 'store', 'evidence', 'pipeline', 'api', 'admin', 'sandbox', 'policy', 'cli', 'config'],
  pipeline: ['webhooks', 'api', 'admin', 'sandbox', 'policy', 'auth', 'server', 'cli', 'config'],
};
const zones = Object.entries(above).map(([layer, froms]) => ({
  target: `${C}/${layer}`,
  from: [...froms.map((f) => `${C}/${f}`), `${C}/start-connector.ts`, `${C}/main.ts`],
  message: `connector/src/${layer} is a lower layer (docs/architecture.md "Layers").`,
}));
// Of hosts/, the pure decisions see only the port's types (TicketChange, NewTicket), never a client or transport.
zones.push({
  target: `${C}/decide`,
  from: `${C}/hosts`,
  except: ['./host-client.ts'],
  message: 'decide/ is pure: of hosts/ it may import only the HostClient port types (hosts/host-client.ts).',
});
// The pure core: decide/ and the policy engine name no effectful module.
const effectful = [
  'express',
  'better-sqlite3',
  'pg',
  'pino',
  'prom-client',
  'p-queue',
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:net',
  'node:child_process',
  'fs',
  'http',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Host SDK objects (ZAF, Freshworks) and parsed JSON in tests are untyped: `any` is allowed there, flagged elsewhere.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'apps/**/*.mts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['policies/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$)(?!\\.)', message: 'policies/src imports nothing but its own files and zod (it runs in the browser too).' },
          ],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './policies/src',
              from: '.',
              except: ['./policies/src', './node_modules/zod'],
              message: 'policies/src imports nothing but its own files and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sidebar runs in the agent's browser: of the connector it may only read the view's types.
    files: ['apps/sidebar/src/**/*.ts', 'apps/sidebar/src/**/*.tsx'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './apps/sidebar/src',
              from: './connector/src',
              except: ['./api/ticket-view.ts'],
              message: 'the sidebar talks to the connector over HTTP; import only the view types (connector/src/api/ticket-view.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['connector/src/decide/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: effectful.map((name) => ({ name, message: 'decide/ is pure: pass data in, return a Decision; I/O lives in pipeline/.' })),
        },
      ],
    },
  },
);
