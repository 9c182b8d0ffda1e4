// The floor baseline of the cold bench (bench/scenarios/cold.ts): a bare Next.js App Router app,
// built with the repository's own next/react/@nats-io from the root node_modules.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** @type {import('next').NextConfig} */
const config = {
  // Git-, lint- and format-ignored (`.next*`); the bench builds it once per run.
  distDir: '.next-floor',
  reactStrictMode: true,
  poweredByHeader: false,
  // The packages live in the repository's node_modules, two levels up.
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default config;
