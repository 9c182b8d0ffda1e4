'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { replayToNdjson } from '@/lib/replay/ndjson';
import type { ReplayData } from '@/lib/replay/store';

/** Export the loaded range as NDJSON; open an NDJSON file to replay it offline. */
export function FileActions({
  data,
  name,
  onOpen,
}: {
  data: ReplayData | null;
  name: string;
  onOpen: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportFile = async () => {
    if (!data || data.events.length === 0) return;
    setBusy(true);
    setError(null);
    let chunks: string[];
    try {
      // Past the payload budget the range is read again: the file holds the exact bytes.
      chunks = await replayToNdjson(data.events, data.seed?.events);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    } finally {
      setBusy(false);
    }
    const blob = new Blob(chunks, { type: 'application/x-ndjson' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    const first = data.events.seqAt(0) ?? 0;
    const last = data.events.seqAt(data.events.length - 1) ?? 0;
    a.download = `${name.replace(/[^\w.-]+/g, '_')}-${first}-${last}.ndjson`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="flex items-center gap-2">
      <Button
        size="sm"
        onClick={() => void exportFile()}
        disabled={busy || !data || data.events.length === 0 || data.info.status === 'loading'}
      >
        {busy ? 'Exporting…' : 'Export NDJSON'}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-bad">
          Export failed: {error}
        </span>
      ) : null}
      <Button size="sm" onClick={() => input.current?.click()}>
        Open NDJSON…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".ndjson,.jsonl,.json,application/x-ndjson,text/plain"
        aria-label="Open NDJSON file"
        className="hidden"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onOpen(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}
