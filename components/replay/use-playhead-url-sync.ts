'use client';

import { useEffect, useEffectEvent, useRef } from 'react';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';
import { shouldWriteAt } from '@/lib/replay/scope';

/**
 * Puts the playhead at `at` once that part of the range has loaded (else at the start), again
 * whenever the URL gets a new `at` for the same range (a followed link, back/forward), then
 * mirrors the playhead into `?at=` whenever it rests (not while playing), so a copied link
 * reproduces the moment. Its own write-backs are recognised and never seek.
 */
export function usePlayheadUrlSync(
  ctl: ReplayController | null,
  data: ReplayData | null,
  at: number | null,
  version: number,
  /** Writes `?at=`; false when it may not now (a navigation away is under way). */
  writeAt: (seq: number) => boolean,
  enabled: boolean,
): void {
  // The `at` in effect for a controller (after its first placement), and the last one we wrote.
  const applied = useRef<{ ctl: ReplayController; at: number | null } | null>(null);
  const written = useRef<number | null>(null);
  const currentAt = useEffectEvent(() => at);
  // `armedAt`: the URL's `at` when the playhead came to rest (see shouldWriteAt).
  const rest = useEffectEvent((seq: number, armedAt: number | null) => {
    if (!shouldWriteAt(seq, at, armedAt, written.current)) return;
    if (writeAt(seq)) written.current = seq;
  });

  useEffect(() => {
    if (!ctl || !data) return;
    const t = enabled ? at : null;
    const prev = applied.current?.ctl === ctl ? applied.current : null;
    if (prev && prev.at === t) return; // already in effect
    if (prev && t !== null && t === written.current) {
      applied.current = { ctl, at: t }; // our own write-back of where the playhead rests
      return;
    }
    const n = data.events.length;
    if (n === 0) return;
    const lastSeq = data.events.seqAt(n - 1) ?? 0;
    if (t !== null && lastSeq < t && data.info.status === 'loading') return; // not loaded yet
    applied.current = { ctl, at: t };
    if (t !== null) ctl.seekSeq(t);
    else ctl.seek(0);
  }, [ctl, data, version, at, enabled]);

  useEffect(() => {
    if (!ctl || !data || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const un = ctl.playhead.subscribe(() => {
      clearTimeout(timer);
      const s = ctl.playhead.getSnapshot();
      if (s.playing || applied.current?.ctl !== ctl) return;
      const armedAt = currentAt();
      timer = setTimeout(() => {
        const seq = data.events.seqAt(s.index);
        if (seq !== undefined) rest(seq, armedAt);
      }, 300);
    });
    return () => {
      un();
      clearTimeout(timer);
    };
  }, [ctl, data, enabled]);
}
