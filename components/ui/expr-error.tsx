import type { SearchErrorAt } from '@/lib/browse/search';
import { ShownText } from './shown-text';

/**
 * An expression's error, inline under its field: the message, and the expression with the bad
 * token marked (search syntax, lib/browse/search.ts searchErrorAt). Announced as an alert.
 */
export function ExprError({
  id,
  expr,
  error,
}: {
  id?: string;
  expr: string;
  error: SearchErrorAt;
}) {
  const marked = error.end > error.start;
  return (
    <div id={id} role="alert" className="mt-1 text-xs text-bad" data-testid="expr-error">
      <p>{error.message}</p>
      {marked ? (
        <p className="mt-0.5 font-mono text-fg">
          <ShownText text={expr.slice(0, error.start)} />
          <mark
            className="rounded-sm bg-bad/20 px-0.5 text-bad underline decoration-wavy"
            data-testid="expr-error-token"
          >
            <ShownText text={expr.slice(error.start, error.end)} />
          </mark>
          <ShownText text={expr.slice(error.end)} />
        </p>
      ) : null}
    </div>
  );
}
