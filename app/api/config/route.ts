import { ConfigError, runtimeConfigFrom } from '@/lib/config';

// Read at request time so one build serves any deployment.
export const dynamic = 'force-dynamic';

export function GET() {
  try {
    return Response.json(runtimeConfigFrom(process.env), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (e) {
    // The server refuses to start with such a config (instrumentation.ts); should the env
    // change under a running server, answer with the redacted reason, never the URL itself.
    if (!(e instanceof ConfigError)) throw e;
    return Response.json(
      { error: e.message },
      { status: 500, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
