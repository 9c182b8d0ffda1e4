'use client';

import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { capabilitiesQuery } from '@/components/queries/capabilities';
import { capabilityLine } from '@/lib/nats/capabilities';

/**
 * "nats-server 2.12.5 · JetStream API level 3 · batch direct get ✓ · …": which fast read paths
 * this server gives (the overview's connection card and the connect dialog show it).
 */
export function CapabilityLine({ className }: { className?: string }) {
  const s = useConnectionStatus();
  const connected = s.state === 'connected' && s.server !== null;
  const caps = useQuery({
    ...capabilitiesQuery(s.server?.url, s.server?.version),
    enabled: connected,
  });
  if (!connected || !caps.data) return null;
  return (
    <p className={className} data-testid="capability-line">
      {capabilityLine(caps.data)}
    </p>
  );
}
