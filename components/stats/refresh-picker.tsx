'use client';

import { REFRESH_CHOICES, type RefreshChoice } from './use-refresh';

/** Refresh interval choice (kept in the URL as `refresh`). Reads pause while the tab is hidden. */
export function RefreshPicker({
  value,
  onChange,
}: {
  value: RefreshChoice;
  onChange: (c: RefreshChoice) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-muted">
      Refresh
      <select
        className="h-8 rounded-md border border-border bg-panel px-2 text-fg"
        value={value}
        onChange={(e) => onChange(e.target.value as RefreshChoice)}
        aria-label="Refresh interval"
      >
        {REFRESH_CHOICES.map((c) => (
          <option key={c} value={c}>
            {c === 'off' ? 'off' : `every ${c}`}
          </option>
        ))}
      </select>
    </label>
  );
}
