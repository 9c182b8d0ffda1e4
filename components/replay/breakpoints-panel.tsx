'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { ExprError } from '@/components/ui/expr-error';
import { Kbd } from '@/components/ui/kbd';
import { breakpointError, type Breakpoint, type BreakpointIndex } from '@/lib/replay/breakpoints';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';
import { BreakpointRow } from './breakpoint-row';

/**
 * The breakpoints of the replay: add, edit, disable, remove; each with its hits in the loaded
 * range to jump to. The list lives in the URL (`break=`), so a link reproduces it.
 */
export function BreakpointsPanel({
  data,
  ctl,
  ix,
  version,
  bps,
  onChange,
}: {
  data: ReplayData;
  ctl: ReplayController;
  ix: BreakpointIndex | null;
  version: number;
  bps: readonly Breakpoint[];
  onChange: (bps: Breakpoint[]) => void;
}) {
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const error = tried ? breakpointError(text) : null;
  void version; // re-render as the scan reports hits
  const scanning = ix !== null && !ix.done && ix.error === null;
  return (
    <Card>
      <CardHeader
        title="Breakpoints"
        actions={
          <span className="text-xs text-muted">
            {scanning
              ? `looking… ${ix.scanned.toLocaleString('en-US')} of ${data.events.length.toLocaleString('en-US')} events · `
              : ''}
            <Kbd>F8</Kbd> continue · <Kbd>Shift</Kbd>+<Kbd>F8</Kbd> previous hit
          </span>
        }
      />
      <div className="space-y-2 p-3">
        {ix?.error ? (
          <p role="alert" className="text-sm text-bad">
            Hits are known up to event {ix.scanned.toLocaleString('en-US')} only: {ix.error}
          </p>
        ) : null}
        <form
          className="flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (breakpointError(text)) return;
            onChange([...bps, { expr: text.trim(), enabled: true }]);
            setText('');
            setTried(false);
          }}
        >
          <div className="min-w-64 flex-1">
            <label htmlFor="breakpoint-new" className="sr-only">
              New breakpoint
            </label>
            <input
              id="breakpoint-new"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setTried(false);
              }}
              placeholder="event:failed · status:error · from:qa_tester type:error · header:Name=value · text"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'breakpoint-new-error' : undefined}
              className="h-8 w-full rounded-md border border-border bg-panel px-2 font-mono text-sm"
              spellCheck={false}
            />
            {error ? <ExprError id="breakpoint-new-error" expr={text} error={error} /> : null}
          </div>
          <Button type="submit" size="md">
            Add breakpoint
          </Button>
        </form>
        {bps.length === 0 ? (
          <p className="text-sm text-muted">
            No breakpoints. Playing stops on the next event an expression matches (the search syntax
            of Messages, plus status: and event:).
          </p>
        ) : (
          <ol className="space-y-1.5" aria-label="Breakpoints">
            {bps.map((b, i) => (
              <BreakpointRow
                key={`${i}:${b.expr}`}
                n={i}
                bp={b}
                hits={ix?.hits[i] ?? []}
                error={ix?.errors[i] ?? null}
                data={data}
                onJump={(index) => {
                  ctl.clock.pause();
                  ctl.seek(index);
                }}
                onChange={(nb) => onChange(bps.map((x, k) => (k === i ? nb : x)))}
                onRemove={() => onChange(bps.filter((_, k) => k !== i))}
              />
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
