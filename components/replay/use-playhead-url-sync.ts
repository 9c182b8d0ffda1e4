'use client';

import { useEffect, useEffectEvent, useRef } from 'react';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';

/**
 * Puts the playhead at `at` once that part of the range has loaded (else at the start), then
 * mirrors the playhead into `?at=` whenever it rests (not while playing), so a copied link
 * reproduces the moment.
 */
export function usePlayheadUrlSync(
  ctl: ReplayController | null,
  data: ReplayData | null,
  at: number | null,
  version: number,
  writeAt: (seq: number) => void,
  enabled: boolean,
): void {
  const done = useRef<ReplayController | null>(null);
  const target = useEffectEvent(() => (enabled ? at : null));
  const rest = useEffectEvent((seq: number) => {
    if (seq !== at) writeAt(seq);
  });

  useEffect(() => {
    if (!ctl || !data || done.current === ctl) return;
    const n = data.events.length;
    if (n === 0) return;
    const t = target();
    const lastSeq = data.events[n - 1]?.seq ?? 0;
    if (t !== null && lastSeq < t && data.info.status === 'loading') return; // not loaded yet
    done.current = ctl;
    if (t !== null) ctl.seekSeq(t);
    else ctl.seek(0);
  }, [ctl, data, version]);

  useEffect(() => {
    if (!ctl || !data || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const un = ctl.playhead.subscribe(() => {
      clearTimeout(timer);
      const s = ctl.playhead.getSnapshot();
      if (s.playing || done.current !== ctl) return;
      timer = setTimeout(() => {
        const seq = data.events[s.index]?.seq;
        if (seq !== undefined) rest(seq);
      }, 300);
    });
    return () => {
      un();
      clearTimeout(timer);
    };
  }, [ctl, data, enabled]);
}
