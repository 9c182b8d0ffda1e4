'use client';

import { createPortal } from 'react-dom';
import { usePathname } from 'next/navigation';
import { Kbd } from '@/components/ui/kbd';
import { KeyCombo, pageKeysFor } from './page-keys';

/** The `?` help: this page's keys and the global ones (components/shell/shortcuts.tsx). */
export function ShortcutsHelp({
  globalKeys,
  onClose,
}: {
  globalKeys: [string, string][];
  onClose: () => void;
}) {
  const pathname = usePathname();
  const page = pageKeysFor(pathname);
  // In a portal at the document root: inside the header (backdrop-blur makes it the containing
  // block of fixed children) the backdrop would cover only the header.
  return createPortal(
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 pt-24"
      onClick={() => onClose()}
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
            {globalKeys.map(([k, d]) => (
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
