'use client';

import { useEffect } from 'react';
import { MessageDetail } from '@/components/messages/message-detail';

/** The message browser's detail view in a side drawer over the replay (Escape closes). */
export function MessageDrawer({
  stream,
  seq,
  onClose,
}: {
  stream: string;
  seq: number;
  onClose: () => void;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-black/30" onClick={onClose}>
      <div
        role="dialog"
        aria-label={`Message ${seq}`}
        className="h-full w-full max-w-2xl overflow-auto border-l border-border bg-panel shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <MessageDetail stream={stream} seq={seq} onClose={onClose} />
      </div>
    </div>
  );
}
