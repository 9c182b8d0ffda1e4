'use client';
/**
 * A tab list per the WAI-ARIA tabs pattern: one tab in the Tab order (the selected one), arrow
 * keys, Home and End move between tabs and select them. Panels stay with the caller (they
 * differ too much to share); give them role="tabpanel".
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from './cn';

export type TabItem<T extends string> = { id: T; label: ReactNode; hidden?: boolean };

const LOOKS = {
  /** Underlined page sections (stats). */
  underline: {
    list: 'flex gap-1 border-b border-border',
    tab: (on: boolean) =>
      cn(
        '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
        on ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg',
      ),
  },
  /** Small filled pills (a view switch inside a panel). */
  pill: {
    list: 'flex gap-1',
    tab: (on: boolean) =>
      cn(
        'rounded px-2 py-0.5 text-xs',
        on ? 'bg-accent text-accent-fg' : 'bg-panel-2 text-muted hover:text-fg',
      ),
  },
  /** Plain text, the selected one bold (a header's row switch). */
  text: {
    list: 'flex shrink-0 gap-1 whitespace-nowrap',
    tab: (on: boolean) => (on ? 'font-semibold text-fg' : 'text-muted hover:text-fg'),
  },
} as const;

export function Tabs<T extends string>({
  label,
  items,
  value,
  onChange,
  look = 'underline',
  className,
}: {
  /** The tab list's accessible name. */
  label: string;
  items: readonly TabItem<T>[];
  value: T;
  onChange: (id: T) => void;
  look?: keyof typeof LOOKS;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = items.filter((t) => !t.hidden);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = shown.findIndex((t) => t.id === value);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % shown.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + shown.length) % shown.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? shown.length - 1
              : -1;
    const to = shown[next];
    if (!to) return;
    // Handled here: the page's own Home/End (first/newest row) must not also run.
    e.preventDefault();
    e.stopPropagation();
    onChange(to.id);
    ref.current?.querySelector<HTMLElement>(`[data-tab="${to.id}"]`)?.focus();
  };
  return (
    <div
      ref={ref}
      role="tablist"
      aria-label={label}
      className={cn(LOOKS[look].list, className)}
      onKeyDown={onKeyDown}
    >
      {shown.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          data-tab={t.id}
          aria-selected={t.id === value}
          tabIndex={t.id === value ? 0 : -1}
          onClick={() => onChange(t.id)}
          className={LOOKS[look].tab(t.id === value)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
