import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import pluginQuery from '@tanstack/eslint-plugin-query';

/** What no lib/ module may import: a framework, or an outer layer. */
const LIB_LAYER = [
  {
    group: [
      'react',
      'react-dom',
      'react/*',
      'react-dom/*',
      'next',
      'next/*',
      'nuqs',
      'nuqs/*',
      '@tanstack/react-*',
    ],
    message: 'lib/ is framework-free: React and Next belong in components/ or app/.',
  },
  {
    group: [
      '@/components/*',
      '@/app/*',
      '@/server/*',
      '**/components/*',
      '**/app/*',
      '**/server/*',
    ],
    message: 'lib/ imports only lib/ and npm packages (app → components → lib).',
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs['flat/recommended'],
  {
    ignores: ['**/.next*/**', 'node_modules/**', '.data/**', 'bench/results/**', 'next-env.d.ts'],
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ['e2e/**', 'bench/**', 'server/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  // Layers: app → components → lib, and server/ (Node tools) apart. lib/ is framework-free
  // TypeScript (tests may start a nats-server from server/); components/ never reach server/.
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts', 'lib/**/*.test-util.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...LIB_LAYER],
        },
      ],
    },
  },
  // NATS access and the event contract know no feature: a feature's logic reaches them only
  // through what they take (the scan job's query text, compiled by lib/browse; lib/workers wires).
  {
    files: ['lib/stream/**/*.ts', 'lib/nats/**/*.ts', 'lib/agents/**/*.ts'],
    ignores: ['lib/**/*.test.ts', 'lib/**/*.test-util.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...LIB_LAYER,
            {
              group: [
                '@/lib/browse/*',
                '@/lib/replay/*',
                '@/lib/timeline/*',
                '@/lib/stats/*',
                '@/lib/tasks/*',
                '../browse/*',
                '../replay/*',
                '../timeline/*',
                '../stats/*',
                '../tasks/*',
              ],
              message:
                'lib/stream, lib/nats and lib/agents import no feature folder: inject what they need (lib/workers wires a worker to a feature).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.test.ts', 'lib/**/*.test-util.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/components/*', '@/app/*', '**/components/*', '**/app/*'],
              message: 'lib/ tests test lib/: move the code under test there.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/*', '@/server/*', '**/app/*', '**/server/*'],
              message: 'components/ import lib/ only (server/ is Node-only; app/ is routes).',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
];

export default config;
