import { runtimeConfigFrom } from '@/lib/config';

// Read at request time so one build serves any deployment.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(runtimeConfigFrom(process.env), {
    headers: { 'Cache-Control': 'no-store' },
  });
}
