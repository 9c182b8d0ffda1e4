'use client';

import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { childrenOf, type SubjectNode } from '@/lib/browse/tree';
import { formatCount } from '@/lib/format';
import { explainNatsError } from '@/lib/nats/errors';
import { subjectCountsQuery } from '@/components/queries/stream';
import { ShownText } from '@/components/ui/shown-text';
import { showHidden } from '@/lib/hidden-chars';

/** Up to this many distinct subjects are fetched in one STREAM.INFO; beyond, per expanded node. */
const EAGER_SUBJECTS = 20_000;

/** The explorer's width (its `w-72`) plus the gap after it: what it takes from the table. */
export const EXPLORER_PX = 288 + 8;

/**
 * The stream's subjects as a tree by token with message counts. Small subject spaces are read
 * at once; large ones (100k+ task subjects) per expanded node. Clicking a node sets the filter.
 */
export function SubjectExplorer({
  stream,
  numSubjects,
  numMessages,
  active = null,
  onPick,
}: {
  stream: string;
  numSubjects: number;
  numMessages: number;
  /** The filter in use (its node is marked selected). */ active?: string | null;
  onPick: (filter: string) => void;
}) {
  const eager = numSubjects <= EAGER_SUBJECTS;
  return (
    <nav
      aria-label="Subjects"
      className="w-72 shrink-0 overflow-auto rounded-lg border border-border bg-panel p-2 text-sm"
      data-testid="subject-explorer"
    >
      <div className="mb-2 border-b border-border pb-2">
        <div className="flex items-center justify-between gap-2">
          <span className="font-semibold">Subjects</span>
          <button
            type="button"
            className="text-xs text-accent hover:underline"
            onClick={() => onPick('>')}
            title="Clear the filter: every subject"
          >
            Show all
          </button>
        </div>
        {/* Distinct subjects (STREAM.INFO num_subjects) and stored messages: the tree's figures are message counts. */}
        <p className="mt-0.5 text-xs text-muted tabular-nums" data-testid="subject-totals">
          {formatCount(numSubjects)} {numSubjects === 1 ? 'subject' : 'subjects'} ·{' '}
          {formatCount(numMessages)} {numMessages === 1 ? 'message' : 'messages'}
        </p>
        <p className="text-xs text-muted">Counts below are messages per subject.</p>
      </div>
      <Level
        stream={stream}
        prefix=""
        fetchFilter={eager ? '>' : null}
        active={active}
        onPick={onPick}
        depth={0}
      />
    </nav>
  );
}

function Level({
  stream,
  prefix,
  fetchFilter,
  active,
  onPick,
  depth,
}: {
  stream: string;
  prefix: string;
  fetchFilter: string | null;
  active: string | null;
  onPick: (f: string) => void;
  depth: number;
}) {
  const status = useConnectionStatus();
  // Lazy mode: the root level lists the first token via `*`-patterns of growing depth is not
  // possible server-side, so each expanded node fetches `prefix.>` (root: `>` capped by the server).
  const filter = fetchFilter ?? (prefix ? `${prefix}.>` : '>');
  const q = useQuery({
    ...subjectCountsQuery(stream, filter),
    enabled: status.state === 'connected',
  });
  const level = useMemo(() => (q.data ? childrenOf(q.data, prefix) : null), [q.data, prefix]);
  if (q.error) return <p className="text-bad">{explainNatsError(q.error, { stream }).message}</p>;
  if (!level) return <p className="text-muted">Loading…</p>;
  return (
    <ul role={depth === 0 ? 'tree' : 'group'} className={depth ? 'ml-3' : undefined}>
      {level.nodes.map((n) => (
        <Node
          key={n.path}
          node={n}
          stream={stream}
          fetchFilter={fetchFilter}
          active={active}
          onPick={onPick}
          depth={depth}
        />
      ))}
      {level.hidden > 0 ? (
        <li className="text-muted">+{formatCount(level.hidden)} more (type a filter to narrow)</li>
      ) : null}
    </ul>
  );
}

function Node({
  node,
  stream,
  fetchFilter,
  active,
  onPick,
  depth,
}: {
  node: SubjectNode;
  stream: string;
  fetchFilter: string | null;
  active: string | null;
  onPick: (f: string) => void;
  depth: number;
}) {
  const [open, setOpen] = useState(false);
  const selected = active === node.filter;
  return (
    <li role="treeitem" aria-expanded={node.leaf ? undefined : open} aria-selected={selected}>
      <div
        className={`flex items-center gap-1 rounded px-1 py-0.5 ${selected ? 'bg-accent/15' : 'hover:bg-panel-2'}`}
      >
        {node.leaf ? (
          <span className="w-3" />
        ) : (
          <button
            type="button"
            className="w-3 text-muted"
            aria-label={`${open ? 'Collapse' : 'Expand'} ${showHidden(node.path)}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </button>
        )}
        <button
          type="button"
          className="min-w-0 flex-1 truncate text-left font-mono"
          title={`Filter ${showHidden(node.filter)}`}
          onClick={() => onPick(node.filter)}
        >
          <ShownText text={node.token} />
        </button>
        <span
          className="text-xs tabular-nums text-muted"
          title={`${formatCount(node.count)} messages`}
        >
          {formatCount(node.count)}
        </span>
      </div>
      {open ? (
        <Level
          stream={stream}
          prefix={node.path}
          fetchFilter={fetchFilter}
          active={active}
          onPick={onPick}
          depth={depth + 1}
        />
      ) : null}
    </li>
  );
}
