import { cn } from './cn';

/** A legend entry: a swatch in `color` (a dot, a bar or a thin strip) and its meaning. */
export type LegendItem = {
  label: string;
  color: string;
  shape?: 'dot' | 'bar' | 'strip';
  opacity?: number;
};

/**
 * A small legend for charts whose colours carry meaning: text, not colour alone, says what
 * each colour is. 12 px text (readable on a projector), swatches with a border so light
 * colours show on both themes; wraps on narrow screens.
 */
export function Legend({
  title,
  items,
  className,
  label,
}: {
  title?: string;
  items: readonly LegendItem[];
  className?: string;
  label: string;
}) {
  return (
    <ul
      aria-label={label}
      className={cn('flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted', className)}
    >
      {title ? <li className="font-medium text-fg">{title}</li> : null}
      {items.map((it) => (
        <li key={it.label} className="flex items-center gap-1.5 whitespace-nowrap">
          <span
            aria-hidden
            className={cn(
              'inline-block shrink-0 border border-black/10 dark:border-white/20',
              it.shape === 'bar'
                ? 'h-2.5 w-4 rounded-sm'
                : it.shape === 'strip'
                  ? 'h-1.5 w-4 rounded-sm'
                  : 'h-2.5 w-2.5 rounded-full',
            )}
            style={{ background: it.color, opacity: it.opacity }}
          />
          {it.label}
        </li>
      ))}
    </ul>
  );
}
