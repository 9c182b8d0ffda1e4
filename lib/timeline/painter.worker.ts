/// <reference lib="webworker" />
/**
 * The timeline's painter: draws the page's canvas (transferred as an OffscreenCanvas) from its
 * own model, fed by the reader worker through a MessageChannel (see painter.ts). It holds no
 * connection and nothing to clean up: the page terminates it when the session ends.
 */
import { Painter } from './painter';
import type { FromPainter, ToPainter, ToPainterFromReader } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const painter = new Painter((r) =>
  scope.postMessage({ type: 'drawn', ...r } satisfies FromPainter),
);

scope.onmessage = (ev: MessageEvent<ToPainter>) => {
  const m = ev.data;
  if (m.type === 'port')
    m.port.onmessage = (e: MessageEvent<ToPainterFromReader>) => painter.push(e.data.events);
  else if (m.type === 'canvas') painter.setCanvas(m.canvas);
  else if (m.type === 'paint') painter.setState(m.state);
  else painter.setCanvas(null);
};
