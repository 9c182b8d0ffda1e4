import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

/** A bordered panel. */
export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('rounded-lg border border-border bg-panel', className)} {...props} />;
}

/** A card's title row. */
export function CardHeader({
  title,
  actions,
  className,
}: {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        'flex items-center justify-between gap-2 border-b border-border px-4 py-2.5',
        className,
      )}
    >
      <h2 className="text-sm font-semibold">{title}</h2>
      {actions}
    </div>
  );
}

/** A label/value figure. */
export function Stat({
  label,
  value,
  hint,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
}) {
  // A named group, so a reader (and a test) finds the figure by its label.
  const named = typeof label === 'string';
  return (
    <div
      className="min-w-0"
      role={named ? 'group' : undefined}
      aria-label={named ? label : undefined}
    >
      <div className="text-xs text-muted">{label}</div>
      <div className="truncate font-mono text-lg tabular-nums">{value}</div>
      {hint ? <div className="text-xs text-muted">{hint}</div> : null}
    </div>
  );
}
