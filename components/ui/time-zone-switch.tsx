'use client';

import { timeZoneLabel, type TimeZone } from '@/lib/time-zone';

/** The visible zone label and the UTC/local switch (a two-button group, keyboard reachable). */
export function TimeZoneSwitch({
  tz,
  onChange,
}: {
  tz: TimeZone;
  onChange: (tz: TimeZone) => void;
}) {
  return (
    <div role="group" aria-label="Time zone" className="inline-flex items-center gap-1 text-xs">
      <span className="text-muted" data-testid="tz-label">
        Times in {timeZoneLabel(tz)}
      </span>
      <span className="inline-flex overflow-hidden rounded-md border border-border">
        {(['utc', 'local'] as const).map((z) => (
          <button
            key={z}
            type="button"
            aria-pressed={tz === z}
            onClick={() => onChange(z)}
            className={`px-1.5 py-0.5 ${tz === z ? 'bg-accent/15 font-semibold text-fg' : 'text-muted hover:bg-panel-2'}`}
          >
            {z === 'utc' ? 'UTC' : 'Local'}
          </button>
        ))}
      </span>
    </div>
  );
}
