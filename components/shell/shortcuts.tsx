'use client';

import { useEffect, useState } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { NAV_ITEMS } from './nav';
import { currentTheme, setTheme } from './theme';
import { markLeaving, watchLinkClicks } from '@/lib/navigation-intent';

/** True when a key event comes from a field where typing must not trigger shortcuts. */
export function isTypingTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The `?` help's code, off the first load: loaded when idle, or when `?` first opens it. */
export const loadShortcutsHelp = () => import('./shortcuts-help');
const ShortcutsHelp = dynamic(() => loadShortcutsHelp().then((m) => m.ShortcutsHelp), {
  ssr: false,
});

const GLOBAL_KEYS: [string, string][] = [
  ...NAV_ITEMS.map((n): [string, string] => [`g ${n.key}`, `Go to ${n.label}`]),
  ['t', 'Toggle light/dark theme'],
  ['c', 'Connection settings'],
  ['?', 'This help'],
];

/** Global keyboard shortcuts (g-prefixed navigation, theme, help). Pages add their own. */
export function Shortcuts({ onConnect }: { onConnect: () => void }) {
  const router = useRouter();
  const [help, setHelp] = useState(false);
  // Link clicks mark a navigation as pending, so deferred URL writes wait (lib/navigation-intent).
  useEffect(() => watchLinkClicks(), []);
  useEffect(() => {
    let g = false;
    let gTimer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'Escape') setHelp(false);
      if (g) {
        g = false;
        const item = NAV_ITEMS.find((n) => n.key === e.key);
        if (item) {
          e.preventDefault();
          const stream = new URLSearchParams(window.location.search).get('stream');
          markLeaving();
          router.push(stream ? `${item.href}?stream=${encodeURIComponent(stream)}` : item.href);
        }
        return;
      }
      if (e.key === 'g') {
        g = true;
        clearTimeout(gTimer);
        gTimer = setTimeout(() => (g = false), 1200);
        return;
      }
      const action =
        e.key === 't'
          ? toggleTheme
          : e.key === '?'
            ? () => setHelp((h) => !h)
            : e.key === 'c'
              ? onConnect
              : null;
      if (action) {
        // The key must not also reach what the action focuses (the connect dialog's URL field).
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(gTimer);
    };
  }, [router, onConnect]);
  if (!help) return null;
  return <ShortcutsHelp globalKeys={GLOBAL_KEYS} onClose={() => setHelp(false)} />;
}

const toggleTheme = () => setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
