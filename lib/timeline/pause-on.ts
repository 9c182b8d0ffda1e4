/**
 * The live timeline's pause-on: a search expression (lib/browse/search.ts, the language of
 * /messages and of replay breakpoints) watched on new messages. Its own ephemeral ordered
 * consumer from "new" reads full messages (headers and payloads, which the timeline's compact
 * events do not keep), narrowed to the subject the expression allows when there is one
 * (pushdown.ts). Read-only: nothing is acked or published. Framework-free.
 */
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { pushdownFilters } from '@/lib/browse/pushdown';
import { compileSearch, parseSearch, searchErrorAt } from '@/lib/browse/search';
import { showHidden } from '@/lib/hidden-chars';
import { tailStream, type StreamMessage } from '@/lib/stream/reader';

export type PauseOnHit = { seq: number; timeMs: number; subject: string; what: string };

/** What happened, in a few words for the tab title: "task failed: SQD-4416 Fix login". */
export function describeHit(m: Pick<StreamMessage, 'subject' | 'data'>): string {
  let o: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(m.data));
    if (v && typeof v === 'object' && !Array.isArray(v)) o = v as Record<string, unknown>;
  } catch {
    // Not JSON: described by its subject.
  }
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
  const kind = m.subject.split('.')[1];
  let what = m.subject;
  if (kind === 'task' && s('event'))
    what = `task ${s('event')}: ${[s('task_id'), s('title')].filter(Boolean).join(' ')}`;
  else if (kind === 'status' && s('status'))
    what = `${s('agent_name') ?? s('agent_id') ?? 'agent'} ${s('status')}${s('reason') ? `: ${s('reason')}` : ''}`;
  else if (kind === 'message' && s('message_type'))
    what = `${s('message_type')} from ${s('sender_id') ?? '?'}: ${s('content') ?? ''}`;
  const shown = showHidden(what).replace(/\s+/g, ' ').trim();
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

/**
 * Watches new messages of `stream` for `expr` (which must be valid: searchErrorAt is null) and
 * calls `onHit` for each match, in stream order. Returns the stop function.
 */
export async function watchPauseOn(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  expr: string,
  onHit: (h: PauseOnHit) => void,
): Promise<() => Promise<void>> {
  if (searchErrorAt(expr)) throw new Error(`not a valid expression: ${expr}`);
  const q = parseSearch(expr);
  const match = compileSearch(q);
  const info = await jsm.streams.info(stream);
  const filters = pushdownFilters(q, undefined, info.config.subjects);
  // Nothing stored can match: nothing to read.
  if (filters && filters.length === 0) return async () => {};
  // One filter narrows the read on every server version; several read the stream whole.
  const filter = filters?.length === 1 ? filters[0] : undefined;
  const tail = await tailStream(js, stream, {
    start: { kind: 'new' },
    filter,
    flushMs: 20,
    onBatch: (msgs) => {
      for (const m of msgs)
        if (match(m))
          onHit({ seq: m.seq, timeMs: m.timeMs, subject: m.subject, what: describeHit(m) });
    },
  });
  return () => tail.stop();
}
