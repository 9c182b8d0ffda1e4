'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { useState, type ReactNode } from 'react';
import type { RuntimeConfig } from '@/lib/config';
import { NatsProvider } from '@/components/nats/nats-provider';

/** Browser-wide providers: one QueryClient per tab, URL state, and the NATS connection. */
export function Providers({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <NuqsAdapter>
        <NatsProvider config={config}>{children}</NatsProvider>
      </NuqsAdapter>
    </QueryClientProvider>
  );
}
