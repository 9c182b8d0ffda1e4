'use client';

import { useConnectionStatus } from '@/components/nats/nats-provider';

/** A banner while the connection is down; it disappears by itself on recovery. */
export function ConnectionBanner() {
  const s = useConnectionStatus();
  if (s.state === 'reconnecting') {
    return (
      <div
        role="status"
        className="border-b border-warn/40 bg-warn/15 px-4 py-1.5 text-center text-sm"
      >
        Connection to NATS lost — reconnecting… Views resume where they left off.
      </div>
    );
  }
  if (s.state === 'error' && s.error) {
    return (
      <div
        role="alert"
        className="border-b border-bad/40 bg-bad/10 px-4 py-1.5 text-center text-sm"
      >
        {s.error} Retrying…
      </div>
    );
  }
  return null;
}
