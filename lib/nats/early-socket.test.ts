import { describe, expect, it, vi } from 'vitest';
import {
  EARLY_SOCKET_GLOBAL,
  TakenSocket,
  earlySocketScript,
  sameSocketUrl,
  takeEarlySocket,
  type EarlySocket,
} from './early-socket';

/** The part of a browser WebSocket the script and TakenSocket touch. */
class FakeSocket {
  static opened: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  bufferedAmount = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(d: unknown) {
    this.sent.push(d);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  /** The browser dispatching a frame. */
  receive(text: string) {
    this.onmessage?.({ type: 'message', data: text } as unknown as MessageEvent);
  }
}

/** Runs the inline script with the given storage and <meta> content; what it left behind. */
function runScript(stored: string | null, meta: string | null) {
  const win: Record<string, unknown> = {};
  const storage = { getItem: () => stored };
  const doc = {
    querySelector: (sel: string) =>
      meta !== null && sel === 'meta[name="servers-meta"]' ? { getAttribute: () => meta } : null,
  };
  FakeSocket.opened = [];
  const timers: (() => void)[] = [];
  const run = new Function(
    'window',
    'localStorage',
    'document',
    'WebSocket',
    'setTimeout',
    earlySocketScript('servers-key', 'servers-meta'),
  );
  run(win, storage, doc, FakeSocket, (f: () => void) => timers.push(f));
  return { early: win[EARLY_SOCKET_GLOBAL] as EarlySocket | undefined, win, timers };
}

describe('the early socket script', () => {
  it("opens the dialog's server when one is stored, else the runtime config's", () => {
    const stored = runScript(JSON.stringify(['ws://dialog:1']), JSON.stringify(['ws://config:2']));
    expect(stored.early?.url).toBe('ws://dialog:1');
    expect((stored.early?.ws as unknown as FakeSocket).binaryType).toBe('arraybuffer');
    const config = runScript(null, JSON.stringify(['wss://config:2', 'wss://config:3']));
    expect(config.early?.url).toBe('wss://config:2');
    expect(FakeSocket.opened.map((s) => s.url)).toEqual(['wss://config:2']);
  });

  it('opens nothing for bad or non-WebSocket settings, and never throws', () => {
    for (const [stored, meta] of [
      ['not json', '["nats://h:4222"]'],
      ['[]', 'nope'],
      ['[1]', null],
      [null, '["localhost:9222"]'],
    ] as const) {
      expect(runScript(stored, meta).early).toBeUndefined();
      expect(FakeSocket.opened).toEqual([]);
    }
  });

  it('buffers what arrives and closes a socket nobody took', () => {
    const { early, win, timers } = runScript(null, '["ws://h:1"]');
    const ws = early?.ws as unknown as FakeSocket;
    ws.receive('INFO {}\r\n');
    expect(early?.events.map((e) => e.type)).toEqual(['message']);
    timers.forEach((t) => t());
    expect(ws.closed).toBe(true);
    expect(win[EARLY_SOCKET_GLOBAL]).toBeNull();
  });
});

describe('taking the early socket', () => {
  const leave = (url: string, readyState = 1) => {
    const ws = new FakeSocket(url);
    ws.readyState = readyState;
    const early: EarlySocket = { url, ws: ws as unknown as WebSocket, events: [] };
    ws.onmessage = (e) => early.events.push(e);
    return { scope: { [EARLY_SOCKET_GLOBAL]: early }, ws, early };
  };

  it('gives the buffered frames to the handlers nats.js sets, before any later frame', async () => {
    const { scope, ws } = leave('ws://h:1');
    ws.receive('INFO a');
    const taken = takeEarlySocket('ws://h:1/', scope);
    expect(taken).toBeInstanceOf(TakenSocket);
    // As WsTransport does: all four handlers in one go.
    const got: string[] = [];
    const t = taken as TakenSocket;
    t.binaryType = 'arraybuffer';
    t.onopen = () => got.push('open');
    t.onmessage = (e) => got.push(String(e.data));
    t.onclose = () => got.push('close');
    t.onerror = () => got.push('error');
    expect(got).toEqual([]);
    await Promise.resolve();
    expect(got).toEqual(['INFO a']);
    ws.receive('PONG');
    expect(got).toEqual(['INFO a', 'PONG']);
    t.send('CONNECT');
    expect(ws.sent).toEqual(['CONNECT']);
    // Taken once: a reconnect opens its own.
    expect(takeEarlySocket('ws://h:1/', scope)).toBeNull();
  });

  it('replays a close that came early after the frames before it', async () => {
    const { scope, ws, early } = leave('ws://h:1', 0);
    ws.receive('INFO a');
    early.events.push({ type: 'close' } as Event);
    const t = takeEarlySocket('ws://h:1', scope) as TakenSocket;
    const got: string[] = [];
    t.onmessage = (e) => got.push(String(e.data));
    t.onclose = () => got.push('close');
    await Promise.resolve();
    expect(got).toEqual(['INFO a', 'close']);
  });

  it('closes and leaves the early socket for another server or once it closed', () => {
    const other = leave('ws://h:1');
    expect(takeEarlySocket('ws://elsewhere:1/', other.scope)).toBeNull();
    expect(other.ws.closed).toBe(true);
    const gone = leave('ws://h:1', 3);
    expect(takeEarlySocket('ws://h:1/', gone.scope)).toBeNull();
    expect(takeEarlySocket('ws://h:1/', {})).toBeNull();
  });

  it('compares URLs as nats.js writes them', () => {
    expect(sameSocketUrl('ws://127.0.0.1:9222', 'ws://127.0.0.1:9222/')).toBe(true);
    expect(sameSocketUrl('wss://h', 'wss://h:443/')).toBe(true);
    expect(sameSocketUrl('ws://h:1', 'ws://h:2/')).toBe(false);
    expect(sameSocketUrl('::', 'ws://h')).toBe(false);
  });

  it('never touches a socket without an early one', () => {
    const spy = vi.fn();
    expect(takeEarlySocket('ws://h:1', { other: spy })).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  });
});
