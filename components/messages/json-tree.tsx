'use client';

import { memo, useState } from 'react';
import {
  JSON_OPEN_DEPTH,
  JSON_PAGE,
  childCount,
  childSlice,
  jsonKind,
  summarize,
} from '@/lib/browse/payload';
import { ShownText } from '@/components/ui/shown-text';

const valueClass: Record<string, string> = {
  string: 'text-emerald-700 dark:text-emerald-300',
  number: 'text-sky-700 dark:text-sky-300',
  boolean: 'text-amber-700 dark:text-amber-300',
  null: 'text-muted',
};

/**
 * A collapsible JSON tree. Only expanded nodes render; levels deeper than JSON_OPEN_DEPTH start
 * collapsed and containers show JSON_PAGE children per step, so 10,000-level nesting or
 * million-element arrays cost only what is on screen.
 */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div role="tree" aria-label="Payload JSON" className="font-mono text-xs leading-5">
      <JsonNode name={null} value={value} depth={0} />
    </div>
  );
}

const JsonNode = memo(function JsonNode({
  name,
  value,
  depth,
}: {
  name: string | null;
  value: unknown;
  depth: number;
}) {
  const kind = jsonKind(value);
  const container = kind === 'object' || kind === 'array';
  const [open, setOpen] = useState(depth < JSON_OPEN_DEPTH);
  const [shown, setShown] = useState(JSON_PAGE);
  const label =
    name === null ? null : (
      <span className="text-fg">
        <ShownText text={kind === 'array' ? name : JSON.stringify(name)} />:{' '}
      </span>
    );
  if (!container) {
    // String values are often ids: every hidden character is marked (JSON.stringify has already
    // escaped newlines and controls; a zero-width joiner inside an emoji is marked too).
    return (
      <div
        role="treeitem"
        aria-selected={false}
        className="break-all whitespace-pre-wrap"
        style={{ paddingLeft: depth ? 14 : 0 }}
      >
        {label}
        <span className={valueClass[kind]}>
          {kind === 'string' ? <ShownText text={JSON.stringify(value)} /> : String(value)}
        </span>
      </div>
    );
  }
  const n = childCount(value);
  return (
    <div
      role="treeitem"
      aria-expanded={open}
      aria-selected={false}
      style={{ paddingLeft: depth ? 14 : 0 }}
    >
      <button
        type="button"
        className="text-left hover:bg-panel-2"
        onClick={() => setOpen((o) => !o)}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`}
      >
        <span className="inline-block w-3 text-muted">{open ? '▾' : '▸'}</span>
        {label}
        <span className="text-muted">
          {open ? (kind === 'array' ? `[ ${n} items` : `{ ${n} keys`) : summarize(value)}
        </span>
      </button>
      {open ? (
        <div role="group">
          {childSlice(value, 0, shown).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {n > shown ? (
            <button
              type="button"
              className="ml-4 text-accent hover:underline"
              onClick={() => setShown((s) => s + JSON_PAGE * (s >= 1000 ? 10 : 1))}
            >
              Show more ({(n - shown).toLocaleString('en-US')} left)
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});
