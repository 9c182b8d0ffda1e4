'use client';

import { useConnectionStatus } from '@/components/nats/nats-provider';
import { cn } from '@/components/ui/cn';

const dot: Record<string, string> = {
  idle: 'bg-muted',
  connecting: 'bg-warn animate-pulse',
  connected: 'bg-ok',
  reconnecting: 'bg-warn animate-pulse',
  closed: 'bg-muted',
  error: 'bg-bad',
};

/** The connection state, server name and version, for the header. */
export function ConnectionBadge({ onClick }: { onClick: () => void }) {
  const s = useConnectionStatus();
  const label =
    s.state === 'connected' && s.server ? (
      <>
        {/* Narrow headers keep the version (the title has the rest): no name below 1280 px,
            no "nats-server" below 1200 px. */}
        <span className="hidden xl:inline">{s.server.name} · </span>
        <span className="hidden min-[1200px]:inline">nats-server </span>
        {s.server.version}
      </>
    ) : s.state === 'idle' ? (
      'starting…'
    ) : (
      s.state
    );
  return (
    <button
      type="button"
      onClick={onClick}
      data-testid="connection-status"
      data-state={s.state}
      title={
        s.error ??
        (s.server
          ? `${s.server.name} · nats-server ${s.server.version} · ${s.server.url}`
          : s.servers.join(', '))
      }
      className="flex min-w-0 items-center gap-2 rounded-md border border-border px-2.5 py-1 text-xs hover:bg-panel-2"
    >
      <span className={cn('h-2 w-2 shrink-0 rounded-full', dot[s.state])} aria-hidden />
      <span className="truncate">
        <span className="sr-only">Connection: </span>
        {label}
      </span>
    </button>
  );
}
