'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { parseTimeZone, TZ_STORAGE_KEY, type TimeZone } from '@/lib/time-zone';

const EVENT = 'agent-replay-tz';

function readStored(): TimeZone | null {
  try {
    return parseTimeZone(localStorage.getItem(TZ_STORAGE_KEY));
  } catch {
    return null;
  }
}
const readDefault = (): TimeZone => readStored() ?? 'local';
const tzParser = parseAsStringLiteral(['utc', 'local'] as const);
function subscribe(l: () => void): () => void {
  window.addEventListener(EVENT, l);
  window.addEventListener('storage', l);
  return () => {
    window.removeEventListener(EVENT, l);
    window.removeEventListener('storage', l);
  };
}

/**
 * [tz, setTz]: the page's time zone (URL `tz`, else the remembered default, else local).
 * Setting it writes both, so the next page opened without `tz` shows the same zone.
 */
export function useTimeZone(): [TimeZone, (tz: TimeZone) => void] {
  const [param, setParam] = useQueryState('tz', tzParser);
  // The server render has no localStorage: local until hydrated.
  const remembered = useSyncExternalStore(subscribe, readDefault, () => 'local' as TimeZone);
  const set = useCallback(
    (tz: TimeZone) => {
      try {
        localStorage.setItem(TZ_STORAGE_KEY, tz);
      } catch {
        // Private mode: the URL still carries it.
      }
      window.dispatchEvent(new Event(EVENT));
      void setParam(tz, { history: 'replace' });
    },
    [setParam],
  );
  return [param ?? remembered, set];
}

/**
 * The zone the user chose (URL, else remembered), or null when they never chose: what deep
 * links to other pages carry (lib/links.ts), so a copied link shows what its sender saw.
 */
export function useChosenTimeZone(): TimeZone | null {
  const [param] = useQueryState('tz', tzParser);
  const stored = useSyncExternalStore(subscribe, readStored, () => null);
  return param ?? stored;
}
