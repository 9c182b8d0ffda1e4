'use client';

import { GapIcon } from '@/components/ui/icons';
import { useEffect, useRef } from 'react';
import { formatTime, offsetTag } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { eventTime } from '@/lib/replay/event';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';

/**
 * The playhead's sequence, position and time, written straight to the DOM on every move
 * (no React render per tick). `data-testid="playhead-seq"` is what benchmarks observe. The
 * loaded count ("n / total") follows the throttled `version`, not every loaded batch: each
 * text change costs a layout and a paint, CPU the read needs.
 */
export function PlayheadReadout({
  data,
  ctl,
  version,
}: {
  data: ReplayData;
  ctl: ReplayController;
  version: number;
}) {
  const seqRef = useRef<HTMLSpanElement>(null);
  const posRef = useRef<HTMLSpanElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const gapRef = useRef<HTMLSpanElement>(null);
  const [tz] = useTimeZone();
  useEffect(() => {
    const paint = () => {
      const { index, gap } = ctl.playhead.getSnapshot();
      const e = index >= 0 && index < data.events.length ? data.events.meta(index) : undefined;
      if (seqRef.current) seqRef.current.textContent = e ? String(e.seq) : '—';
      if (posRef.current) posRef.current.textContent = `${index + 1} / ${data.events.length}`;
      if (timeRef.current)
        timeRef.current.textContent = e
          ? `${formatTime(eventTime(e), tz)} ${offsetTag(tz, eventTime(e))}`
          : '';
      if (gapRef.current) gapRef.current.hidden = !gap;
    };
    paint();
    return ctl.playhead.subscribe(paint);
  }, [data, ctl, version, tz]);
  return (
    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
      <span>
        <span className="text-muted">seq </span>
        <span
          ref={seqRef}
          data-testid="playhead-seq"
          // A named readout; not announced, it changes on every frame of a replay.
          role="status"
          aria-live="off"
          aria-label="Playhead sequence"
          className="font-mono font-semibold tabular-nums"
        />
      </span>
      <span ref={posRef} className="font-mono text-xs text-muted tabular-nums" />
      <span ref={timeRef} className="font-mono text-xs tabular-nums" />
      <span
        ref={gapRef}
        hidden
        className="rounded bg-warn/15 px-1.5 text-xs text-warn"
        title="An idle gap longer than 10 s was shown as 1 s"
      >
        <GapIcon size={11} /> idle gap compressed
      </span>
    </div>
  );
}
