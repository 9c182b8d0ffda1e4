'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { parseAsStringLiteral, useQueryState } from 'nuqs';
import { parseTimeZone, TZ_STORAGE_KEY, type TimeZone } from '@/lib/time-zone';

const EVENT = 'agent-replay-tz';

function readDefault(): TimeZone {
  try {
    return parseTimeZone(localStorage.getItem(TZ_STORAGE_KEY)) ?? 'local';
  } catch {
    return 'local';
  }
}
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
  const [param, setParam] = useQueryState('tz', parseAsStringLiteral(['utc', 'local'] as const));
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
