'use client';

import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReplayController } from '@/lib/replay/controller';
import { RowOffsets } from '@/lib/replay/row-offsets';
import type { ReplayData } from '@/lib/replay/store';
import { Card, CardHeader } from '@/components/ui/card';
import { ROW_HEIGHT, TranscriptRow } from './transcript-row';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { zoneTag } from '@/lib/time-zone';
import { eventTime } from '@/lib/replay/event';

/** Height of the scroll area (px, matches h-[560px]) and rows rendered beyond it. */
const VIEW_H = 560;
const OVERSCAN_PX = 300;
/** py-1 above and below the rows: the followed position shows the last row whole. */
const PAD_PX = 8;

/**
 * The conversation up to the playhead, as chat bubbles (later events stay hidden).
 * Windowed by hand over fixed row heights (RowOffsets: a binary search per render, so a
 * playhead move costs the visible rows, not the row count), keyed by sequence; follows the
 * playhead: whenever the playhead moves, the view shows the rows ending at it.
 */
export const Transcript = memo(function Transcript({
  data,
  ctl,
  version,
  onDetails,
  hit = '',
}: {
  data: ReplayData;
  ctl: ReplayController;
  version: number;
  onDetails?: (seq: number) => void;
  hit?: string;
}) {
  const index = useSyncExternalStore(
    ctl.playhead.subscribe,
    () => ctl.playhead.getSnapshot().index,
    () => -1,
  );
  const parent = useRef<HTMLDivElement>(null);
  const count = index + 1;
  const events = data.events;
  // Re-render when payloads read again for the screen arrive (past the payload budget).
  useSyncExternalStore(events.subscribe, events.getSnapshot, () => 0);
  const measure = useMeasuredHeights(data);
  const rows = measure.rows;
  const compressed = data.timeline().compressed;
  const total = rows.top(count);
  // Where the user scrolled to, valid while the playhead stays where it was then.
  const [tz] = useTimeZone();
  const [scrolled, setScrolled] = useState<{ count: number; top: number } | null>(null);
  const follow = Math.max(0, total + PAD_PX - VIEW_H);
  const y = scrolled && scrolled.count === count ? scrolled.top : follow;
  const first = rows.indexAt(Math.max(0, y - OVERSCAN_PX), count);
  const last = Math.min(count - 1, rows.indexAt(y + VIEW_H + OVERSCAN_PX, count));
  // Scrolled in the next frame, not here: setting scrollTop forces a synchronous layout, and
  // the rows are already placed for the followed position, so this only aligns the scrollbar.
  // Our own follow scroll fires a scroll event in the next frame (before its animation frame
  // callbacks); `ownScroll` marks that window so the handler neither reads scrollTop (a forced
  // layout) nor takes it for the user's scroll (a second render of the rows per move).
  const ownScroll = useRef(false);
  useEffect(() => {
    let clear = 0;
    const raf = requestAnimationFrame(() => {
      if (!parent.current || count === 0) return;
      ownScroll.current = true;
      parent.current.scrollTop = follow;
      clear = requestAnimationFrame(() => (ownScroll.current = false));
    });
    return () => {
      cancelAnimationFrame(raf);
      cancelAnimationFrame(clear);
    };
  }, [count, follow]);
  const items = [];
  for (let i = first; i <= last && count > 0; i++) {
    if (i >= events.length) continue;
    const e = events.meta(i);
    // Null past the payload budget until the rows on screen are read again (one read).
    const full = events.full(i);
    items.push(
      <div
        key={e.seq}
        ref={e.kind === 'message' ? measure.observe : undefined}
        data-index={i}
        style={{
          position: 'absolute',
          top: 0,
          left: 0,
          right: 0,
          height: e.kind === 'message' ? undefined : ROW_HEIGHT.other,
          transform: `translateY(${rows.top(i)}px)`,
        }}
      >
        <TranscriptRow
          e={e}
          full={full}
          failed={!full && events.payloadState(i) === 'failed'}
          current={i === index}
          hit={i === index ? hit : ''}
          gapBefore={compressed[i] === 1}
          onSelect={ctl.seekSeq}
          onDetails={onDetails}
          tz={tz}
        />
      </div>,
    );
  }
  void version; // re-render for the loaded count in the header
  return (
    <Card className="flex min-h-0 flex-col">
      <CardHeader
        title="Transcript"
        actions={
          <span className="text-xs text-muted">
            {count.toLocaleString('en-US')} of {events.length.toLocaleString('en-US')} events shown
            · times {zoneTag(tz, events.length ? eventTime(events.meta(0)) : undefined)}
          </span>
        }
      />
      <div
        ref={parent}
        // Opaque background + scroll-position hint: Chrome can then scroll this on the
        // compositor, so the follow scroll on every move does not repaint the rows.
        className="h-[560px] overflow-auto bg-panel py-1 [contain:strict] [will-change:scroll-position]"
        data-testid="transcript"
        role="region"
        aria-label="Transcript"
        onScroll={(ev) => {
          if (ownScroll.current) return;
          const top = ev.currentTarget.scrollTop;
          // The follow effect's own scroll needs no re-render (VIEW_H, not clientHeight: reading
          // a layout value here would force a synchronous layout on every scroll).
          if (Math.abs(top - follow) < 1 && !scrolled) return;
          setScrolled({ count, top });
        }}
      >
        {count === 0 ? (
          <p className="p-4 text-sm text-muted">
            Nothing before the playhead yet. Press play or step forward.
          </p>
        ) : null}
        <div style={{ height: total, position: 'relative' }}>{items}</div>
      </div>
    </Card>
  );
});

/**
 * Message cards grow to their text: each rendered card is measured (one ResizeObserver per
 * loaded range), its height replaces the estimate, and the rows after it move; at most one
 * re-render per frame.
 */
function useMeasuredHeights(data: ReplayData) {
  const [, setTick] = useState(0);
  const m = useMemo(() => {
    const heights = new Map<number, number>();
    const ev = data.events;
    const rows = new RowOffsets(ev, (i) =>
      ev.kind(i) === 'message' ? (heights.get(ev.seq(i)) ?? ROW_HEIGHT.message) : ROW_HEIGHT.other,
    );
    let frame = 0;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let from = Infinity;
            for (const en of entries) {
              const el = en.target as HTMLElement;
              const h = Math.round(en.borderBoxSize[0]?.blockSize ?? el.offsetHeight);
              const seq = Number(el.firstElementChild?.getAttribute('data-seq'));
              if (!el.isConnected || h === 0 || !Number.isFinite(seq) || heights.get(seq) === h)
                continue;
              heights.set(seq, h);
              from = Math.min(from, Number(el.dataset.index));
            }
            if (from === Infinity) return;
            rows.invalidateFrom(from);
            cancelAnimationFrame(frame);
            frame = requestAnimationFrame(() => setTick((t) => t + 1));
          });
    const observe = (el: HTMLDivElement | null) => {
      if (!el || !observer) return;
      observer.observe(el);
      return () => observer.unobserve(el);
    };
    const stop = () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    };
    return { rows, observe, stop };
  }, [data]);
  useEffect(() => m.stop, [m]);
  return m;
}
