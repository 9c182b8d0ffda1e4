/**
 * The tab's WebSocket, opened by the document itself (EARLY_SOCKET_SCRIPT, an inline script in
 * <head>) while the app's scripts still load, and handed to nats.js when the client code
 * connects (`wsFactory`). A cold page's handshake and the server's INFO then happen while its
 * JavaScript downloads instead of after it, when the main thread is busy hydrating (measured:
 * the `open` event waited 60–130 ms behind hydration). nats.js still sends CONNECT itself
 * (auth, nonce signing), so nothing about the protocol changes. Used once: a reconnect, or a
 * server other than the one the document guessed, opens its socket the usual way.
 */
import type { WsSocketFactory } from '@nats-io/nats-core';

/** Where the inline script leaves its socket (a window global: the script runs before any module). */
export const EARLY_SOCKET_GLOBAL = '__agentReplayEarlySocket';

/** What the inline script leaves: its socket and the events that came before nats.js took it. */
export type EarlySocket = { url: string; ws: WebSocket; events: Event[] };

/** How long the document keeps an untaken socket open (ms): the app's code never came. */
export const EARLY_SOCKET_TTL_MS = 30_000;

/**
 * The inline script (ES5, no imports): reads the servers the client will use (the connect
 * dialog's from localStorage `serversKey`, else the runtime config's <meta name=`metaName`>) and
 * opens a WebSocket to the first when it is a ws:// or wss:// URL, buffering its events.
 */
export function earlySocketScript(serversKey: string, metaName: string): string {
  const ok = `function ok(v){return Array.isArray(v)&&v.length>0&&v.every(function(x){return typeof x==='string'})}`;
  return `(function(){try{${ok}var s=null;try{s=JSON.parse(localStorage.getItem(${JSON.stringify(serversKey)})||'null')}catch(e){}if(!ok(s)){var m=document.querySelector('meta[name=${JSON.stringify(metaName)}]');s=m?JSON.parse(m.getAttribute('content')||'null'):null}if(!ok(s)||!/^wss?:\\/\\//i.test(s[0]))return;var ws=new WebSocket(s[0]);ws.binaryType='arraybuffer';var e={url:s[0],ws:ws,events:[]};ws.onopen=ws.onmessage=ws.onclose=ws.onerror=function(v){e.events.push(v)};window[${JSON.stringify(EARLY_SOCKET_GLOBAL)}]=e;setTimeout(function(){if(window[${JSON.stringify(EARLY_SOCKET_GLOBAL)}]===e){window[${JSON.stringify(EARLY_SOCKET_GLOBAL)}]=null;ws.close()}},${EARLY_SOCKET_TTL_MS})}catch(x){}})();`;
}

/** Same endpoint: nats.js writes `ws://host:port/`, the config may say `ws://host:port`. */
export function sameSocketUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

type Handler<E extends Event> = ((e: E) => void) | null;

/**
 * The early socket as nats.js's WsTransport uses a WebSocket (binaryType, the four on*
 * handlers, send, close, bufferedAmount). The events that came before nats.js set its handlers
 * are given to them, in order, right after it set them: it sets all four in one go, so no
 * socket event can come in between.
 */
export class TakenSocket {
  onopen: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;
  private onmsg: Handler<MessageEvent> = null;
  private pending: Event[] | null;

  constructor(
    private readonly ws: WebSocket,
    before: Event[],
  ) {
    this.pending = before.slice();
    before.length = 0;
    ws.onopen = (e) => this.onopen?.(e);
    ws.onmessage = (e) => this.onmsg?.(e);
    ws.onclose = (e) => this.onclose?.(e);
    ws.onerror = (e) => this.onerror?.(e);
  }

  get onmessage(): Handler<MessageEvent> {
    return this.onmsg;
  }
  set onmessage(h: Handler<MessageEvent>) {
    this.onmsg = h;
    if (h && this.pending) queueMicrotask(() => this.replay());
  }

  private replay(): void {
    const events = this.pending;
    this.pending = null;
    for (const e of events ?? []) {
      if (e.type === 'message') this.onmsg?.(e as MessageEvent);
      else if (e.type === 'open') this.onopen?.(e);
      else if (e.type === 'close') this.onclose?.(e as CloseEvent);
      else if (e.type === 'error') this.onerror?.(e);
    }
  }

  get binaryType(): BinaryType {
    return this.ws.binaryType;
  }
  set binaryType(t: BinaryType) {
    this.ws.binaryType = t;
  }
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
  get readyState(): number {
    return this.ws.readyState;
  }
  send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
    this.ws.send(data as ArrayBuffer);
  }
  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }
}

/** Takes the document's socket for `url` (once); closes it when nats.js wants another server. */
export function takeEarlySocket(url: string, scope: object = globalThis): TakenSocket | null {
  const slot = scope as Record<string, EarlySocket | null | undefined>;
  const early = slot[EARLY_SOCKET_GLOBAL];
  if (!early) return null;
  slot[EARLY_SOCKET_GLOBAL] = null;
  // CONNECTING (0) or OPEN (1): usable; closing or closed (e.g. the server's auth timeout ran
  // out while the page loaded): the usual way.
  const usable = early.ws.readyState <= 1 && sameSocketUrl(early.url, url);
  if (!usable) {
    early.ws.close();
    return null;
  }
  return new TakenSocket(early.ws, early.events);
}

/** nats.js `wsFactory`: the document's early socket when it fits, else a new WebSocket. */
export const earlySocketFactory: WsSocketFactory = async (url) => {
  const encrypted = /^wss:/i.test(url);
  const taken = takeEarlySocket(url);
  return { socket: (taken as unknown as WebSocket | null) ?? new WebSocket(url), encrypted };
};
