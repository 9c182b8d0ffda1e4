'use client';

import { useConnectionStatus } from '@/components/nats/nats-provider';
import { Card, CardHeader, Stat } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { CapabilityLine } from '@/components/shell/capability-line';

/** What the connection layer knows: servers, state, server name and version. */
export function ConnectionCard() {
  const s = useConnectionStatus();
  return (
    <Card>
      <CardHeader title="Connection" />
      <div className="grid grid-cols-2 gap-4 p-4 sm:grid-cols-4">
        <Stat label="State" value={<span data-testid="overview-state">{s.state}</span>} />
        <Stat label="Server" value={s.server?.name ?? '—'} />
        <Stat
          label="Version"
          value={<span data-testid="server-version">{s.server?.version ?? '—'}</span>}
        />
        <Stat
          label="JetStream"
          value={s.server ? (s.server.jetstream ? 'enabled' : 'disabled') : '—'}
        />
        <div className="col-span-full text-xs text-muted">
          Servers: <span className="font-mono">{s.servers.join(', ')}</span>
          {s.server ? (
            <>
              {' '}
              · connected to <span className="font-mono">{s.server.url}</span>
            </>
          ) : null}
          {s.reconnects > 0 ? <> · reconnected {s.reconnects}×</> : null}
        </div>
        <CapabilityLine className="col-span-full text-xs text-muted" />
        {s.server && !s.server.jetstream ? (
          <Notice
            tone="error"
            className="col-span-full"
            title="JetStream is not enabled on this server"
          >
            Start nats-server with -js or a jetstream {'{}'} block; every view here reads JetStream.
          </Notice>
        ) : null}
      </div>
    </Card>
  );
}
