'use client';

import { timeZoneLabel, zoneTag, type TimeZone } from '@/lib/time-zone';

/** The visible zone label and the UTC/local switch (a two-button group, keyboard reachable). */
export function TimeZoneSwitch({
  tz,
  onChange,
}: {
  tz: TimeZone;
  onChange: (tz: TimeZone) => void;
}) {
  return (
    <div
      role="group"
      aria-label="Time zone"
      className="inline-flex shrink-0 items-center gap-1 text-xs"
    >
      {/* Narrow screens (the app header at 1024 px) get the short form: the pressed button
          says UTC, and local says its offset; the full label is the tooltip. */}
      <span
        className="whitespace-nowrap text-muted"
        data-testid="tz-label"
        title={`Times in ${timeZoneLabel(tz)}`}
      >
        <span className="hidden xl:inline">Times in </span>
        {tz === 'utc' ? (
          <span className="hidden xl:inline">UTC</span>
        ) : (
          <>
            <span className="hidden xl:inline">{timeZoneLabel(tz)}</span>
            <span className="xl:hidden">{zoneTag(tz)}</span>
          </>
        )}
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
