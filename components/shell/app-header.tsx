'use client';

import Link from 'next/link';
import dynamic from 'next/dynamic';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { ConnectionBadge } from './connection-badge';
import { NAV_ITEMS } from './nav';
import { Shortcuts, loadShortcutsHelp } from './shortcuts';
import { ThemeToggle } from './theme-toggle';
import { TimeZoneSwitch } from '@/components/ui/time-zone-switch';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { useStreamName } from './use-stream-name';
import { useIdlePreload } from '@/components/ui/use-idle-preload';
import { useLatePrefetch } from './use-late-prefetch';
// Registers its listener now: refusals before the dialog's first opening are still named.
import './csp-blocked';

// Off the first load: the dialog's code loads when idle, or when it is first opened.
const loadConnectDialog = () => import('./connect-dialog');
const ConnectDialog = dynamic(() => loadConnectDialog().then((m) => m.ConnectDialog), {
  ssr: false,
});

/**
 * Navigation, stream name, connection status, time zone, theme. The time-zone switch lives
 * here, not in each page's toolbar: the choice is app-wide, so it sits where it reads as one.
 */
export function AppHeader() {
  const pathname = usePathname();
  const params = useSearchParams();
  const [stream] = useStreamName();
  const [connectOpen, setConnectOpen] = useState(false);
  const openConnect = useCallback(() => setConnectOpen(true), []);
  const [tz, setTz] = useTimeZone();
  useIdlePreload(true, loadConnectDialog, loadShortcutsHelp);
  // Page links keep the stream and a zone chosen in the URL (a remembered one applies anyway).
  const keep = new URLSearchParams();
  for (const k of ['stream', 'tz']) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const q = keep.toString() ? `?${keep.toString()}` : '';
  const links = NAV_ITEMS.slice(1).map((n) => `${n.href}${q}`);
  // The links' own prefetch would run during a cold page's first read: later, when idle.
  useLatePrefetch([`/${q}`, ...links]);
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-panel/95 backdrop-blur">
      <div className="flex h-12 items-center gap-4 px-4">
        <Link
          href={`/${q}`}
          prefetch={false}
          className="flex shrink-0 items-center gap-2 font-semibold tracking-tight whitespace-nowrap"
        >
          <span
            aria-hidden
            className="grid h-6 w-6 place-items-center rounded bg-accent text-accent-fg"
          >
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="currentColor">
              <path d="M2 3.5v9l6-4.5zM8.5 3.5v9l6-4.5z" />
            </svg>
          </span>
          agent-replay
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          {NAV_ITEMS.slice(1).map((n) => {
            const active = pathname === n.href || pathname.startsWith(`${n.href}/`);
            return (
              <Link
                key={n.href}
                href={`${n.href}${q}`}
                prefetch={false}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'rounded-md px-2.5 py-1 hover:bg-panel-2',
                  active ? 'bg-panel-2 font-medium text-fg' : 'text-muted',
                )}
              >
                {n.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <span className="hidden text-xs text-muted xl:inline">stream</span>
          <span
            data-testid="stream-name"
            className="rounded bg-panel-2 px-2 py-0.5 font-mono text-xs whitespace-nowrap"
          >
            {stream}
          </span>
          <ConnectionBadge onClick={openConnect} />
          <TimeZoneSwitch tz={tz} onChange={setTz} />
          <ThemeToggle />
        </div>
      </div>
      {connectOpen ? <ConnectDialog open onClose={() => setConnectOpen(false)} /> : null}
      <Shortcuts onConnect={openConnect} />
    </header>
  );
}
