'use client';

import type { MessageEvent } from '@/lib/replay/event';
import { wordDiff, type AlignedRow } from '@/lib/tasks/compare';
import { ShownText } from '@/components/ui/shown-text';
import { cn } from '@/components/ui/cn';

const DIFF_LABEL = {
  type: 'type differs',
  sender: 'sender differs',
  recipient: 'recipient differs',
  content: 'content differs',
} as const;

function who(id: string | null, name: string | null): string {
  return id === null ? 'everyone' : (name ?? id);
}

/** One side's cell: type, sender → recipient, content (with the word diff when it differs). */
function Cell({
  m,
  other,
  row,
  side,
}: {
  m: MessageEvent | null;
  other: MessageEvent | null;
  row: AlignedRow<MessageEvent>;
  side: 'a' | 'b';
}) {
  if (!m)
    return (
      <div className="rounded border border-dashed border-border px-2 py-1.5 text-xs text-muted">
        not on this side
      </div>
    );
  const d = new Set(row.diffs);
  const ops =
    d.has('content') && other
      ? wordDiff(side === 'a' ? m.content : other.content, side === 'a' ? other.content : m.content)
      : null;
  return (
    <div className="min-w-0 rounded border border-border px-2 py-1.5">
      <div className="flex flex-wrap gap-x-2 text-xs">
        <span className={cn('font-mono', d.has('type') && 'rounded bg-warn/25 px-1')}>
          {m.type}
        </span>
        <span className={cn(d.has('sender') && 'rounded bg-warn/25 px-1')}>
          <ShownText text={who(m.from, m.fromName)} />
        </span>
        →
        <span className={cn(d.has('recipient') && 'rounded bg-warn/25 px-1')}>
          <ShownText text={who(m.to, m.toName)} />
        </span>
        <span className="ml-auto text-muted">seq {m.seq}</span>
      </div>
      <p className="mt-0.5 text-sm break-words">
        {ops
          ? ops
              .filter((o) => o.op === 'same' || o.op === (side === 'a' ? 'del' : 'add'))
              .map((o, i) =>
                o.op === 'same' ? (
                  <span key={i}>{o.text}</span>
                ) : side === 'a' ? (
                  <del key={i} className="bg-bad/20 text-fg decoration-bad">
                    {o.text}
                  </del>
                ) : (
                  <ins key={i} className="bg-ok/20 text-fg no-underline">
                    {o.text}
                  </ins>
                ),
              )
          : m.content}
      </p>
    </div>
  );
}

/** The aligned turns of both sides, differences marked; `current` is the difference in focus. */
export function CompareRows({
  rows,
  current,
}: {
  rows: AlignedRow<MessageEvent>[];
  current: number | null;
}) {
  return (
    <ol className="space-y-1.5" aria-label="Aligned turns">
      {rows.map((r, i) => {
        const only = !r.a ? 'only in B' : !r.b ? 'only in A' : null;
        const marks = only ? [only] : r.diffs.map((d) => DIFF_LABEL[d]);
        return (
          <li
            key={`${r.a?.seq ?? '-'}:${r.b?.seq ?? '-'}`}
            id={`turn-${i}`}
            data-differs={marks.length > 0 || undefined}
            className={cn(
              'grid grid-cols-[1fr_1fr] gap-2 rounded p-1',
              marks.length > 0 && 'bg-warn/5',
              current === i && 'ring-2 ring-accent',
            )}
          >
            {marks.length ? (
              <div className="col-span-2 text-xs font-medium text-warn" data-testid="turn-diff">
                Turn {i + 1}: {marks.join(', ')}
              </div>
            ) : null}
            <Cell m={r.a} other={r.b} row={r} side="a" />
            <Cell m={r.b} other={r.a} row={r} side="b" />
          </li>
        );
      })}
    </ol>
  );
}
