/**
 * The message protocol between the page and the stream-reader worker (reader.worker.ts: range
 * reads for the replay, whole-stream scans for the search), and the compact form a
 * batch of stream messages crosses the thread boundary in. A StreamMessage's `data` is a view
 * into nats.js's receive buffer: posted as is, structured clone would copy that whole buffer
 * per message. So a batch travels as columns (sequences and times in typed arrays) and one
 * byte buffer holding every payload back to back, transferred, not copied; the page gets views
 * into it. The bytes are the exact payload bytes (NDJSON export stays byte-exact).
 */
import type { ConnectSpec } from '@/lib/nats/connection';
import type { ReadOptions, ReadResult, StreamMessage } from '@/lib/stream/reader';
import type { ScanProgress, ScanRequest, ScanResult } from '@/lib/browse/scan';

/** A batch of stream messages as columns plus one payload buffer. */
export type PackedBatch = {
  seq: Float64Array;
  timeMs: Float64Array;
  time: string[];
  subject: string[];
  /** Header pairs per message, or null when no message of the batch has any. */
  headers: [string, string][][] | null;
  /** Payload i is bytes[offsets[i] .. offsets[i + 1]). */
  offsets: Uint32Array;
  bytes: Uint8Array;
};

/** What a read asks the worker for: ReadOptions without the callbacks and the signal. */
export type ReadRequest = Omit<ReadOptions, 'onBatch' | 'signal'>;

/** An error as plain data (name, message and the fields explainNatsError reads). */
export type WireError = { name: string; message: string; code?: string; api_error?: { err_code?: number } };

export type ToWorker =
  | { type: 'open'; spec: ConnectSpec; stream: string; preferFirst: boolean }
  | { type: 'read'; id: number; req: ReadRequest }
  | { type: 'scan'; id: number; req: ScanRequest }
  | { type: 'abort'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'batch'; id: number; batch: PackedBatch; pending: number }
  | { type: 'result'; id: number; result: ReadResult }
  | { type: 'matches'; id: number; batch: PackedBatch }
  | { type: 'progress'; id: number; progress: ScanProgress }
  | { type: 'scanned'; id: number; result: ScanResult }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'closed' };

/** Packs a batch (payloads copied once into one buffer). */
export function packBatch(msgs: readonly StreamMessage[]): PackedBatch {
  const n = msgs.length;
  const seq = new Float64Array(n);
  const timeMs = new Float64Array(n);
  const time: string[] = new Array<string>(n);
  const subject: string[] = new Array<string>(n);
  const offsets = new Uint32Array(n + 1);
  let headers: [string, string][][] | null = null;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const m = msgs[i] as StreamMessage;
    seq[i] = m.seq;
    timeMs[i] = m.timeMs;
    time[i] = m.time;
    subject[i] = m.subject;
    if (m.headers.length > 0) {
      headers ??= msgs.map(() => []);
      headers[i] = m.headers;
    }
    offsets[i] = total;
    total += m.data.length;
  }
  offsets[n] = total;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) bytes.set((msgs[i] as StreamMessage).data, offsets[i] as number);
  return { seq, timeMs, time, subject, headers, offsets, bytes };
}

/** What to transfer (not copy) when posting a packed batch. */
export function transferables(b: PackedBatch): ArrayBuffer[] {
  return [b.seq.buffer, b.timeMs.buffer, b.offsets.buffer, b.bytes.buffer] as ArrayBuffer[];
}

const NO_HEADERS: [string, string][] = [];

/** Unpacks a batch into stream messages whose `data` are views into the batch's buffer. */
export function unpackBatch(b: PackedBatch): StreamMessage[] {
  const n = b.seq.length;
  const out: StreamMessage[] = new Array<StreamMessage>(n);
  for (let i = 0; i < n; i++) {
    const lo = b.offsets[i] as number;
    const hi = b.offsets[i + 1] as number;
    out[i] = {
      seq: b.seq[i] as number,
      subject: b.subject[i] as string,
      timeMs: b.timeMs[i] as number,
      time: b.time[i] as string,
      // A fresh empty array per message would be garbage; nobody mutates headers.
      headers: b.headers?.[i] ?? NO_HEADERS,
      data: b.bytes.subarray(lo, hi),
      size: hi - lo,
    };
  }
  return out;
}

/** An error as plain data for postMessage. */
export function toWireError(e: unknown): WireError {
  const err = e as { name?: unknown; message?: unknown; code?: unknown; api_error?: { err_code?: number } } | null;
  const out: WireError = {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
  if (err?.code !== undefined) out.code = String(err.code);
  if (err?.api_error?.err_code !== undefined) out.api_error = { err_code: err.api_error.err_code };
  return out;
}

/** Rebuilds an Error (same name, message, code, api_error) from its wire form. */
export function fromWireError(w: WireError): Error {
  const e = new Error(w.message) as Error & { code?: string; api_error?: { err_code?: number } };
  e.name = w.name;
  if (w.code !== undefined) e.code = w.code;
  if (w.api_error) e.api_error = w.api_error;
  return e;
}
