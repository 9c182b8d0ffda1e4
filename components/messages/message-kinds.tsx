'use client';

import { classifyMessage, describeKind } from '@/lib/browse/message-kind';
import type { StreamMessage } from '@/lib/stream/reader';

/**
 * Chips and a plain-words line for the special kinds newer servers store (delete markers,
 * TTLs, counters, schedules); nothing for an ordinary message. The reading is lib/'s.
 */
export function MessageKinds({ m }: { m: StreamMessage }) {
  const kinds = classifyMessage(m.headers, m.data);
  if (kinds.length === 0) return null;
  const described = kinds.map((k) => ({ kind: k.kind, ...describeKind(k, m.timeMs) }));
  return (
    <div
      role="group"
      aria-label="Message kind"
      className="space-y-1 rounded-md border border-accent/40 bg-accent/5 px-2 py-1.5"
      data-testid="message-kinds"
    >
      <ul className="flex flex-wrap gap-1" aria-label="Kind chips">
        {described.map((d) => (
          <li
            key={d.kind}
            title={d.title}
            data-kind={d.kind}
            className="rounded-full border border-accent/50 px-2 py-0.5 font-mono text-xs text-accent"
          >
            {d.chip}
          </li>
        ))}
      </ul>
      {described.map((d) => (
        <p key={d.kind} className="text-xs">
          {d.text}
        </p>
      ))}
    </div>
  );
}
