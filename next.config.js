// @ts-check
/**
 * Next.js configuration. The NATS servers are NOT baked in here: the browser reads them at
 * runtime from /api/config, so one build runs anywhere. NEXT_DIST_DIR lets parallel builds
 * (tests, benchmarks) use separate output folders.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // `npm run typecheck` checks types once for the whole project; builds skip it (2-core machine).
  // Next rewrites the tsconfig it is given for each distDir, so it gets its own file.
  typescript: { ignoreBuildErrors: true, tsconfigPath: 'tsconfig.next.json' },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          // The Content-Security-Policy is set per request in proxy.ts (NATS URLs are runtime config).
          {
            key: 'Permissions-Policy',
            value:
              'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
          },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
          { key: 'X-DNS-Prefetch-Control', value: 'off' },
          // Ignored over plain HTTP; effective once the app is served over HTTPS.
          { key: 'Strict-Transport-Security', value: 'max-age=31536000' },
        ],
      },
    ];
  },
};

export default nextConfig;
