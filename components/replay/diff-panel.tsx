'use client';

import { memo, useMemo, useState } from 'react';
import { diffStates, type EntityDiff } from '@/lib/replay/diff';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';

function DiffList({ title, items }: { title: string; items: EntityDiff[] }) {
  return (
    <div>
      <h3 className="px-3 pt-2 text-xs font-semibold text-muted">
        {title} ({items.length} changed)
      </h3>
      <ul className="max-h-56 overflow-auto text-sm">
        {items.map((d) => (
          <li key={d.id} className="border-t border-border px-3 py-1">
            <span className="font-medium">{d.label}</span>{' '}
            <span className="text-xs text-muted">{d.change}</span>
            <div className="flex flex-wrap gap-x-3 text-xs">
              {d.fields.map((f) => (
                <span key={f.field}>
                  <span className="text-muted">{f.field}</span>{' '}
                  <span className="text-bad line-through">{f.before}</span> →{' '}
                  <span className="text-ok">{f.after}</span>
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Pick two points (A, B) and see what changed in agent and task state between them. */
export const DiffPanel = memo(function DiffPanel({
  data,
  ctl,
}: {
  data: ReplayData;
  ctl: ReplayController;
}) {
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const here = () => data.events.seqAt(ctl.playhead.getSnapshot().index) ?? null;
  // Two folds from snapshots: only when A or B change, not on every render of the page.
  const diff = useMemo(() => {
    if (a === null || b === null) return null;
    return diffStates(
      data.index.stateAt(data.indexAtOrBefore(a) + 1),
      data.index.stateAt(data.indexAtOrBefore(b) + 1),
    );
  }, [data, a, b]);
  return (
    <Card>
      <CardHeader title="Diff between two points" />
      <div className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
        <Button size="sm" onClick={() => setA(here())}>
          Set A = playhead
        </Button>
        <span className="font-mono text-xs" data-testid="diff-a">
          A {a ?? '—'}
        </span>
        <Button size="sm" onClick={() => setB(here())}>
          Set B = playhead
        </Button>
        <span className="font-mono text-xs" data-testid="diff-b">
          B {b ?? '—'}
        </span>
        {a !== null ? (
          <Button size="sm" variant="ghost" onClick={() => ctl.seekSeq(a)}>
            Go to A
          </Button>
        ) : null}
        {b !== null ? (
          <Button size="sm" variant="ghost" onClick={() => ctl.seekSeq(b)}>
            Go to B
          </Button>
        ) : null}
      </div>
      {diff ? (
        <div className="pb-2">
          <DiffList title="Agents" items={diff.agents} />
          <DiffList title="Tasks" items={diff.tasks} />
        </div>
      ) : (
        <p className="px-3 pb-3 text-xs text-muted">Move the playhead, set A, move again, set B.</p>
      )}
    </Card>
  );
});
