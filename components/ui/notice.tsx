import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

const tones = {
  info: 'border-border bg-panel-2 text-fg',
  warn: 'border-warn/40 bg-warn/10 text-fg',
  error: 'border-bad/40 bg-bad/10 text-fg',
} as const;

/** An inline message: what is wrong and what to do. Errors are announced to screen readers. */
export function Notice({
  tone = 'info',
  title,
  children,
  className,
  ...rest
}: Omit<HTMLAttributes<HTMLDivElement>, 'title'> & {
  tone?: keyof typeof tones;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      {...rest}
      className={cn('rounded-md border px-3 py-2 text-sm', tones[tone], className)}
    >
      {title ? <div className="font-medium">{title}</div> : null}
      {children ? <div className="text-muted">{children}</div> : null}
    </div>
  );
}
