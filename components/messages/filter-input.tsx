'use client';

import { forwardRef, useState } from 'react';
import { validateSubjectFilter } from '@/lib/nats/subjects';
import { Button } from '@/components/ui/button';

/** Subject filter field, validated as typed; applies on Enter (empty = every subject). */
export const FilterInput = forwardRef<
  HTMLInputElement,
  { value: string; onApply: (f: string | null) => void }
>(function FilterInput({ value, onApply }, ref) {
  const [text, setText] = useState(value);
  const check = text === '' ? ({ ok: true } as const) : validateSubjectFilter(text);
  const apply = () => check.ok && onApply(text === '' || text === '>' ? null : text);
  return (
    <div className="flex min-w-[18rem] flex-1 flex-col gap-1">
      <div className="flex gap-1">
        <label className="sr-only" htmlFor="subject-filter">
          Subject filter
        </label>
        <input
          id="subject-filter"
          ref={ref}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
          placeholder="Subject filter, e.g. agent.message.*.question or agent.task.>"
          aria-invalid={!check.ok}
          aria-describedby={check.ok ? undefined : 'subject-filter-error'}
          spellCheck={false}
          className="h-8 flex-1 rounded-md border border-border bg-panel px-2 font-mono text-sm aria-invalid:border-bad"
        />
        <Button onClick={apply} disabled={!check.ok}>
          Apply
        </Button>
      </div>
      {!check.ok ? (
        <p id="subject-filter-error" role="alert" className="text-xs text-bad">
          {check.error}
        </p>
      ) : null}
    </div>
  );
});
