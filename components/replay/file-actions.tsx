'use client';

import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { eventsToNdjson } from '@/lib/replay/ndjson';
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
  const exportFile = () => {
    if (!data || data.events.length === 0) return;
    const blob = new Blob([eventsToNdjson(data.events, data.seed?.events)], {
      type: 'application/x-ndjson',
    });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    const first = data.events[0]?.seq ?? 0;
    const last = data.events[data.events.length - 1]?.seq ?? 0;
    a.download = `${name.replace(/[^\w.-]+/g, '_')}-${first}-${last}.ndjson`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="flex items-center gap-2">
      <Button
        size="sm"
        onClick={exportFile}
        disabled={!data || data.events.length === 0 || data.info.status === 'loading'}
      >
        Export NDJSON
      </Button>
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
