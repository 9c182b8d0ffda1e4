/**
 * How a replay reads payloads again once they are past its budget (events.ts): on
 * nats-server 2.11+ with a stream that allows direct gets, batch direct gets of the window's
 * sequences (no consumer is made); else a short ordered-consumer read of the same span.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { batchGetChunks } from '@/lib/browse/batch-get';
import { capabilitiesOf, type Capabilities } from '@/lib/nats/capabilities';
import { readRange, type ReadResult } from '@/lib/stream/reader';
import type { RangeReader } from '@/lib/stream/remote-reader';

/** Which way a read went (tests and diagnostics). */
export type PayloadPath = 'direct' | 'consumer';

/** A RangeReader for bounded re-reads of a replay's range (see the module comment). */
export function payloadRangeReader(
  js: JetStreamClient,
  stream: string,
  onPath?: (p: PayloadPath) => void,
): RangeReader {
  // Asked once: the server's capabilities and whether the stream allows direct gets.
  let direct: Promise<Capabilities | null> | null = null;
  const canDirect = () =>
    (direct ??= (async () => {
      const caps = await capabilitiesOf(js);
      if (!caps.batchGet) return null;
      const info = await (await js.jetstreamManager(false)).streams.info(stream);
      return info.config.allow_direct ? caps : null;
    })().catch(() => null));
  return async (o): Promise<ReadResult> => {
    const bounded = o.start.kind === 'seq' && o.endSeq !== undefined && !o.filters;
    const caps = bounded ? await canDirect() : null;
    if (!caps || o.start.kind !== 'seq' || o.endSeq === undefined) {
      onPath?.('consumer');
      return readRange(js, stream, o);
    }
    onPath?.('direct');
    let count = 0;
    let lastSeq = 0;
    for await (const chunk of batchGetChunks(js, stream, caps, {
      start: o.start.seq,
      end: o.endSeq,
      filter: o.filter,
      signal: o.signal,
    })) {
      count += chunk.length;
      lastSeq = chunk[chunk.length - 1]?.seq ?? lastSeq;
      o.onBatch(chunk, 0);
    }
    return { count, lastSeq, reason: 'endSeq' };
  };
}
