'use client';

import { useEffect, useRef } from 'react';
import { isTypingTarget } from '@/components/shell/shortcuts';

/** Each action returns true when it handled the key (only then is the default prevented). */
export type MessageKeyActions = {
  step: (d: 1 | -1) => boolean;
  openCursor: () => boolean;
  close: () => boolean;
  focusFilter: () => boolean;
  first: () => boolean;
  newest: () => boolean;
  match: (d: 1 | -1) => boolean;
};

/**
 * The page's keys: j/k rows, Enter open, Esc close, / filter, Home/End, n/N next/previous
 * search match. Ignored while typing or with Ctrl/Meta/Alt; Enter on a button or link keeps
 * its own meaning. The list users see (the page's Keys line and the `?` overlay) is
 * MESSAGES_KEYS in components/shell/page-keys.tsx: keep it in step with this handler.
 */
export function useMessageKeys(actions: MessageKeyActions) {
  // The latest actions, without re-binding the listener on every render.
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      const a = ref.current;
      const t = e.target as HTMLElement | null;
      const handled =
        e.key === 'j'
          ? a.step(1)
          : e.key === 'k'
            ? a.step(-1)
            : e.key === 'Enter'
              ? !t?.closest?.('button, a, [role="tab"], [role="separator"]') && a.openCursor()
              : e.key === 'Escape'
                ? a.close()
                : e.key === '/'
                  ? a.focusFilter()
                  : e.key === 'Home'
                    ? a.first()
                    : e.key === 'End'
                      ? a.newest()
                      : e.key === 'n'
                        ? a.match(1)
                        : e.key === 'N'
                          ? a.match(-1)
                          : false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
