'use client';

import { useState } from 'react';
import { parseAsString, useQueryState } from 'nuqs';
import { Button } from '@/components/ui/button';
import { ExprError } from '@/components/ui/expr-error';
import { ShownText } from '@/components/ui/shown-text';
import { searchErrorAt } from '@/lib/browse/search';
import type { NatsClient } from '@/lib/nats/connection';
import type { TimelineStore } from '@/lib/timeline/store';
import { usePauseOn } from './use-pause-on';
import type { ViewStore } from '@/lib/timeline/view-store';

/**
 * "Pause on": an expression in the search syntax (`pauseOn=` in the URL) that pauses the live
 * timeline on the next new event it matches (use-pause-on.ts); an inline error marks a bad token.
 */
export function PauseOnField(o: {
  client: NatsClient;
  stream: string;
  store: TimelineStore;
  view: ViewStore;
  paused: boolean;
  setPaused: (p: boolean) => void;
  onSelect: (seq: number) => void;
}) {
  const [expr, setExpr] = useQueryState(
    'pauseOn',
    parseAsString.withOptions({ history: 'replace' }),
  );
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? expr ?? '';
  const urlError = expr ? searchErrorAt(expr) : null;
  const [tried, setTried] = useState(false);
  const draftError = tried && draft !== null ? searchErrorAt(draft) : null;
  const s = usePauseOn({ ...o, expr: expr && !urlError ? expr : null });
  const error = draftError ?? (draft === null ? urlError : null);
  return (
    <div className="text-sm" data-testid="pause-on">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          const v = text.trim();
          if (v && searchErrorAt(v)) return;
          void setExpr(v || null);
          setDraft(null);
          setTried(false);
        }}
      >
        <label htmlFor="pause-on" className="text-muted">
          Pause on
        </label>
        <input
          id="pause-on"
          value={text}
          onChange={(e) => {
            setDraft(e.target.value);
            setTried(false);
          }}
          placeholder="event:failed · status:error · from:qa_tester type:error"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'pause-on-error' : undefined}
          className="h-7 w-72 rounded-md border border-border bg-panel px-2 font-mono text-sm"
          spellCheck={false}
        />
        <Button type="submit" size="sm">
          Set
        </Button>
        {expr ? (
          <Button size="sm" variant="ghost" onClick={() => (setDraft(null), void setExpr(null))}>
            Clear
          </Button>
        ) : null}
        <span
          className="text-xs text-muted"
          role="status"
          aria-label="Pause-on state"
          data-testid="pause-on-state"
        >
          {s.hit ? (
            <span className="font-medium text-bad">
              Paused on seq {s.hit.seq}: <ShownText text={s.hit.what} />
            </span>
          ) : s.error ? (
            `cannot watch: ${s.error}`
          ) : s.armed ? (
            'watching new events'
          ) : null}
        </span>
      </form>
      {error ? <ExprError id="pause-on-error" expr={draft ?? expr ?? ''} error={error} /> : null}
    </div>
  );
}
