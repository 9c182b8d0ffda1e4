import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import pluginQuery from '@tanstack/eslint-plugin-query';

const config = [
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs['flat/recommended'],
  {
    ignores: ['.next*/**', 'node_modules/**', '.data/**', 'bench/results/**', 'next-env.d.ts'],
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ['e2e/**', 'bench/**', 'server/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default config;
