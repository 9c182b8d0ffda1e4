/**
 * Who draws a session's canvas: the painter worker (an OffscreenCanvas, off the main thread)
 * or the page itself. followStream decides when it starts the read — after the canvas has
 * mounted (child effects run first) — so the canvas waits for the decision here.
 */
import type { TimelineStore } from '@/lib/timeline/store';
import type { FromPainter, ToPainter } from '@/lib/timeline/worker-protocol';

/** The page's end of a worker that draws the canvas. */
export type PainterLink = {
  send(m: ToPainter, transfer?: Transferable[]): void;
  /** Set by the canvas: called for each frame the worker drew. */
  onDrawn: ((m: FromPainter) => void) | null;
};

type Decision = PainterLink | null;
const decided = new WeakMap<TimelineStore, Decision>();
const waiting = new WeakMap<TimelineStore, Set<(d: Decision) => void>>();

/** True where a canvas can be handed to a worker (and the page did not opt out, for tests). */
export function canDrawInWorker(): boolean {
  if ((globalThis as { __timelineDrawOnPage?: boolean }).__timelineDrawOnPage === true)
    return false;
  return (
    typeof OffscreenCanvas !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    'transferControlToOffscreen' in HTMLCanvasElement.prototype
  );
}

/** A link to the painter `worker`: its frame reports go to whoever set `onDrawn`. */
export function workerPainterLink(worker: Worker): PainterLink {
  const link: PainterLink = {
    send: (m, transfer = []) => worker.postMessage(m, transfer),
    onDrawn: null,
  };
  worker.onmessage = (ev: MessageEvent<FromPainter>) => link.onDrawn?.(ev.data);
  return link;
}

/** Records the decision for `store` (undefined = none yet: the read was stopped). */
export function decidePainter(store: TimelineStore, d: Decision | undefined) {
  if (d === undefined) {
    decided.delete(store);
    return;
  }
  decided.set(store, d);
  for (const cb of waiting.get(store) ?? []) cb(d);
}

/** Calls `cb` with the decision, now if made, else when it is; returns the unsubscribe. */
export function onPainter(store: TimelineStore, cb: (d: Decision) => void): () => void {
  if (decided.has(store)) {
    cb(decided.get(store)!);
    return () => {};
  }
  let set = waiting.get(store);
  if (!set) waiting.set(store, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}
