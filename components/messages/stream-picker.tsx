'use client';

import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { streamNamesQuery } from '@/components/queries/stream';

/** Picks the stream to browse (sets `?stream=`); the configured default when unset. */
export function StreamPicker({ stream, onPick }: { stream: string; onPick: (s: string) => void }) {
  const status = useConnectionStatus();
  const names = useQuery({ ...streamNamesQuery(), enabled: status.state === 'connected' });
  const list = names.data ?? [];
  const all = list.includes(stream) ? list : [stream, ...list];
  return (
    <select
      aria-label="Stream"
      value={stream}
      onChange={(e) => onPick(e.target.value)}
      className="h-8 max-w-[14rem] rounded-md border border-border bg-panel px-1 font-mono text-sm"
    >
      {all.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}
