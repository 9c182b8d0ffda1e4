'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { StreamBounds } from '@/lib/browse/seek';

type Seek = { seq?: string | null; time?: string | null; order?: 'asc' | 'desc' | null };

/** First / newest / to a sequence / to a time, and the order toggle (which keeps the place). */
export function SeekControls({
  order,
  bounds,
  onSeek,
  onNewest,
  onToggleOrder,
}: {
  order: 'asc' | 'desc';
  bounds: StreamBounds | null;
  onSeek: (p: Seek) => void;
  /** Opens the true newest (read again even when the view is already there) and follows it. */ onNewest: () => void;
  /** Flips the order, keeping the open message / the row at the top of the view. */ onToggleOrder: () => void;
}) {
  const [seq, setSeq] = useState('');
  const [time, setTime] = useState('');
  return (
    <div className="flex flex-wrap items-center gap-1">
      <Button
        onClick={() =>
          onSeek({ seq: bounds ? String(bounds.first) : null, time: null, order: 'asc' })
        }
        title="Oldest first from the first message (Home)"
      >
        First
      </Button>
      <Button
        onClick={onNewest}
        title="Newest first from the last message, following new ones (End)"
      >
        Newest
      </Button>
      <form
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (seq.trim()) onSeek({ seq: seq.trim(), time: null });
        }}
      >
        <input
          aria-label="Go to sequence"
          placeholder="seq"
          value={seq}
          onChange={(e) => setSeq(e.target.value)}
          className="h-8 w-24 rounded-md border border-border bg-panel px-2 font-mono text-sm"
        />
      </form>
      <form
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (time.trim()) onSeek({ time: time.trim(), seq: null });
        }}
      >
        <input
          aria-label="Go to time"
          placeholder="time (ISO 8601)"
          value={time}
          onChange={(e) => setTime(e.target.value)}
          className="h-8 w-44 rounded-md border border-border bg-panel px-2 font-mono text-sm"
        />
      </form>
      <Button
        onClick={onToggleOrder}
        title="Switch the order (keeps the open message, else the row at the top of the view)"
        aria-label={`Order: ${order === 'desc' ? 'newest first' : 'oldest first'}`}
      >
        {order === 'desc' ? 'Newest first ↓' : 'Oldest first ↑'}
      </Button>
    </div>
  );
}
