'use client';

import { useEffect, useMemo, useRef } from 'react';
import { densityBins } from '@/lib/replay/density';
import { Legend } from '@/components/ui/legend';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';

const BINS = 160;

/** The seek slider over the loaded events, with a density strip (events per second) under it. */
export function SeekSlider({
  data,
  ctl,
  version,
}: {
  data: ReplayData;
  ctl: ReplayController;
  version: number;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const n = data.events.length;
  // Recomputed per loaded batch (version, at most once a frame), not per playhead move;
  // reads the store's event times and timeline in place (no per-event array).
  const bins = useMemo(() => {
    void version;
    return densityBins(data.times(), data.timeline().compressed, BINS);
  }, [data, version]);
  useEffect(() => {
    const paint = () => {
      if (ref.current) ref.current.value = String(Math.max(0, ctl.playhead.getSnapshot().index));
    };
    paint();
    return ctl.playhead.subscribe(paint);
  }, [ctl, n]);
  return (
    <div className="w-full">
      <div className="flex h-5 w-full items-end gap-px" aria-hidden>
        {bins.map((b, i) => (
          <div
            key={i}
            className={b.gap ? 'flex-1 bg-warn/70' : 'flex-1 bg-accent/50'}
            style={{ height: `${Math.max(8, b.level * 100)}%` }}
            title={b.gap ? 'contains a compressed idle gap' : undefined}
          />
        ))}
      </div>
      <input
        ref={ref}
        type="range"
        aria-label="Seek"
        min={0}
        max={Math.max(0, n - 1)}
        step={1}
        defaultValue={0}
        disabled={n === 0}
        onChange={(e) => ctl.seek(Number(e.target.value))}
        className="w-full accent-[var(--accent)]"
      />
      <Legend
        label="Density strip colours"
        className="mt-0.5"
        items={[
          {
            label: 'events over time (taller: busier)',
            color: 'color-mix(in srgb, var(--accent) 50%, transparent)',
            shape: 'bar',
          },
          // Only when the strip shows one: a legend entry for a colour not on screen misleads.
          ...(bins.some((b) => b.gap)
            ? [
                {
                  label: 'contains a compressed idle gap',
                  color: 'color-mix(in srgb, var(--warn) 70%, transparent)',
                  shape: 'bar' as const,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
