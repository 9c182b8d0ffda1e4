'use client';

import { useMemo, useState } from 'react';
import { decodePayload } from '@/lib/agents/decode';
import { TRUNCATE_BYTES, hexDump, textPreview } from '@/lib/browse/payload';
import { formatBytes } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Tabs } from '@/components/ui/tabs';
import { ShownText } from '@/components/ui/shown-text';
import { JsonTree } from './json-tree';
import { VirtualLines } from './virtual-lines';

type Mode = 'tree' | 'text' | 'hex';

/** Hex view shows at most this many bytes until "show all" (64 KiB = 4,096 lines). */
const HEX_BYTES = 64 * 1024;
/** Text longer than this is shown as virtualized lines (a plain <pre> of 1 MiB freezes layout for seconds). */
const VIRTUAL_CHARS = 32 * 1024;

/**
 * A payload as a JSON tree, text or hex. Payloads over 256 KiB are shown truncated (text and
 * hex of the first bytes, no parse) until the user asks for all of it.
 */
export function PayloadView({ data }: { data: Uint8Array }) {
  const big = data.length > TRUNCATE_BYTES;
  const [all, setAll] = useState(false);
  const truncated = big && !all;
  const payload = useMemo(() => (truncated ? null : decodePayload(data)), [data, truncated]);
  const natural: Mode =
    payload?.kind === 'json' ? 'tree' : payload?.kind === 'binary' ? 'hex' : 'text';
  const [picked, setPicked] = useState<Mode | null>(null);
  const mode: Mode = picked === 'tree' && payload?.kind !== 'json' ? natural : (picked ?? natural);
  const modes: Mode[] = payload?.kind === 'json' ? ['tree', 'text', 'hex'] : ['text', 'hex'];

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Tabs
          label="Payload view"
          look="pill"
          value={mode}
          onChange={setPicked}
          items={modes.map((m) => ({
            id: m,
            label: m === 'tree' ? 'JSON tree' : m === 'text' ? 'Text' : 'Hex',
          }))}
        />
        {payload?.kind === 'empty' ? (
          <span className="text-xs text-muted">Empty payload</span>
        ) : null}
        {payload?.kind === 'binary' ? (
          <span className="text-xs text-muted">Binary payload (not UTF-8 text)</span>
        ) : null}
      </div>
      {truncated ? (
        <div
          role="status"
          className="flex items-center gap-2 rounded border border-warn/40 bg-warn/10 px-2 py-1 text-xs"
        >
          Showing the first {formatBytes(TRUNCATE_BYTES)} of {formatBytes(data.length)}.
          <Button size="sm" onClick={() => setAll(true)}>
            Show all
          </Button>
        </div>
      ) : null}
      <div
        className="max-h-[60vh] overflow-auto rounded border border-border bg-panel-2 p-2"
        role="region"
        aria-label="Payload"
        data-testid="payload"
      >
        {mode === 'tree' && payload?.kind === 'json' ? (
          <JsonTree value={payload.value} />
        ) : mode === 'hex' ? (
          <HexBlock data={data} limit={all ? data.length : HEX_BYTES} />
        ) : (
          <TextBlock
            text={
              payload && (payload.kind === 'json' || payload.kind === 'text')
                ? payload.text
                : textPreview(data, TRUNCATE_BYTES)
            }
          />
        )}
      </div>
    </div>
  );
}

function TextBlock({ text }: { text: string }) {
  if (text.length > VIRTUAL_CHARS) return <VirtualLines text={text} label="Payload text" />;
  // Bidi controls marked (the copy and download actions use the stored bytes, not this text).
  return (
    <pre className="font-mono text-xs break-all whitespace-pre-wrap">
      <ShownText text={text} only="bidi" />
    </pre>
  );
}

function HexBlock({ data, limit: initial }: { data: Uint8Array; limit: number }) {
  const [more, setMore] = useState(false);
  const limit = more ? data.length : initial;
  const dump = useMemo(() => hexDump(data, limit), [data, limit]);
  return (
    <>
      {dump.length > VIRTUAL_CHARS ? (
        <VirtualLines text={dump} width={100} label="Payload hex" />
      ) : (
        <pre className="font-mono text-xs whitespace-pre">{dump}</pre>
      )}
      {limit < data.length ? (
        <p className="mt-1 text-xs text-muted">
          Hex shows the first {formatBytes(limit)}.{' '}
          <button
            type="button"
            className="text-accent hover:underline"
            onClick={() => setMore(true)}
          >
            Show all hex
          </button>
        </p>
      ) : null}
    </>
  );
}
