'use client';

import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { usePathname, useRouter } from 'next/navigation';
import { Kbd } from '@/components/ui/kbd';
import { NAV_ITEMS } from './nav';
import { KeyCombo, pageKeysFor } from './page-keys';
import { currentTheme, setTheme } from './theme';
import { markLeaving, watchLinkClicks } from '@/lib/navigation-intent';

/** True when a key event comes from a field where typing must not trigger shortcuts. */
export function isTypingTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

const GLOBAL_KEYS: [string, string][] = [
  ...NAV_ITEMS.map((n): [string, string] => [`g ${n.key}`, `Go to ${n.label}`]),
  ['t', 'Toggle light/dark theme'],
  ['c', 'Connection settings'],
  ['?', 'This help'],
];

/** Global keyboard shortcuts (g-prefixed navigation, theme, help). Pages add their own. */
export function Shortcuts({ onConnect }: { onConnect: () => void }) {
  const router = useRouter();
  const pathname = usePathname();
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
  const page = pageKeysFor(pathname);
  // In a portal at the document root: inside the header (backdrop-blur makes it the containing
  // block of fixed children) the backdrop would cover only the header.
  return createPortal(
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 pt-24"
      onClick={() => setHelp(false)}
    >
      <div
        role="dialog"
        aria-label="Keyboard shortcuts"
        className="max-h-[calc(100vh-8rem)] w-[26rem] max-w-[calc(100vw-2rem)] overflow-auto rounded-lg border border-border bg-panel p-4 shadow-xl"
      >
        <h2 className="mb-2 font-semibold">Keyboard shortcuts</h2>
        {page ? (
          <section aria-label={`${page.title} keys`} className="mb-3" data-testid="page-keys">
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">
              On this page ({page.title})
            </h3>
            <ul className="space-y-1 text-sm">
              {page.keys.map((k) => (
                <li key={k.keys.join()} className="flex justify-between gap-4">
                  <span>{k.label.charAt(0).toUpperCase() + k.label.slice(1)}</span>
                  <span className="flex shrink-0 items-center gap-1">
                    <KeyCombo keys={k.keys} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-label="Global keys">
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">
            Everywhere
          </h3>
          <ul className="space-y-1 text-sm">
            {GLOBAL_KEYS.map(([k, d]) => (
              <li key={k} className="flex justify-between gap-4">
                <span>{d}</span>
                <span className="flex gap-1">
                  {k.split(' ').map((p) => (
                    <Kbd key={p}>{p}</Kbd>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <p className="mt-3 text-xs text-muted">
          Keys are ignored while typing in a field. Esc or a click closes this.
        </p>
      </div>
    </div>,
    document.body,
  );
}

const toggleTheme = () => setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
