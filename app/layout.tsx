import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { headers } from 'next/headers';
import { runtimeConfigFrom } from '@/lib/config';
import { Providers } from '@/components/shell/providers';
import { AppHeader } from '@/components/shell/app-header';
import { ConnectionBanner } from '@/components/shell/connection-banner';
import { THEME_SCRIPT } from '@/components/shell/theme';
import { SERVERS_META, STREAM_META } from '@/lib/config';
import { EARLY_SOCKET_SCRIPT } from '@/components/nats/early-socket-script';
import './globals.css';

// Runtime config is read from the environment per request: one build runs anywhere.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'agent-replay',
  description: 'Browse, replay and watch agent conversations on NATS JetStream',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = runtimeConfigFrom(process.env);
  // The per-request CSP nonce from proxy.ts: the only inline script allowed to run.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        {/* Read by the client code as soon as it runs, to connect before hydration (client-registry.ts). */}
        <meta name={SERVERS_META} content={JSON.stringify(config.servers)} />
        {/* Read with the servers: a deep link's target is read as the code runs (use-browse.ts). */}
        <meta name={STREAM_META} content={config.stream} />
        {/* Opens the WebSocket while the scripts load; the client takes it (lib/nats/early-socket.ts). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: EARLY_SOCKET_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans antialiased">
        <Providers config={config}>
          <Suspense>
            <AppHeader />
          </Suspense>
          <ConnectionBanner />
          {/* A page marked data-wide-page (the timeline: its lanes are as wide as the screen) has no cap. */}
          <main className="mx-auto w-full max-w-[1600px] p-4 has-[[data-wide-page]]:max-w-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
