/**
 * The message protocol between the page and the stream-reader worker (lib/workers/reader.worker.ts: range
 * reads for the replay, whole-stream scans for the search): requests, answers, and errors as
 * plain data rebuilt into nats.js's classes on the page. Batches travel packed (pack.ts).
 */
import type { ConnectSpec } from '@/lib/nats/connection';
import {
  AuthorizationError,
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  NoRespondersError,
  PermissionViolationError,
  RequestError,
  TimeoutError,
  UserAuthenticationExpiredError,
} from '@nats-io/nats-core';
import { JetStreamApiError, type ApiError } from '@nats-io/jetstream';
import {
  ConsumerNotFoundError,
  JetStreamNotEnabled,
  JetStreamStatusError,
  StreamNotFoundError,
} from '@/lib/nats/internals';
import type { ReadOptions, ReadResult } from './range';
import type { PackedBatch, RawBatch } from './pack';
import type { ScanProgress, ScanRequest, ScanResult } from './scan-job';

/**
 * What a read asks the worker for: ReadOptions without the callbacks (functions do not cross)
 * and the signal.
 */
export type ReadRequest = Omit<ReadOptions, 'onBatch' | 'signal' | 'onStart'>;

/**
 * An error as plain data: its class name and message, and what its class carries that
 * lib/nats/errors.ts tells errors apart by (the JetStream API's answer, a pull's status, the
 * refused permission, the subject nobody answered), then its cause. fromWireError rebuilds
 * the nats.js class from it, so `instanceof` and nats.js's helpers work on the page.
 */
export type WireError = {
  name: string;
  message: string;
  /** JetStreamApiError and subclasses: the API's error (HTTP-like code, err_code, description). */
  api?: ApiError;
  /** JetStreamStatusError: the status code (408, 409, 503…). */
  status?: number;
  /** PermissionViolationError: what was refused. */
  permission?: { operation: 'publish' | 'subscription'; subject: string; queue?: string };
  /** NoRespondersError: the subject nobody answered on. */
  subject?: string;
  cause?: WireError;
};

export type ToWorker =
  | { type: 'open'; spec: ConnectSpec; stream: string; preferFirst: boolean }
  | { type: 'read'; id: number; req: ReadRequest }
  | { type: 'scan'; id: number; req: ScanRequest }
  /** A range read whose batches cross as RawBatch (the replay: decoded on the page). */
  | { type: 'readRaw'; id: number; req: ReadRequest }
  | { type: 'abort'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'batch'; id: number; batch: PackedBatch; pending: number }
  | { type: 'result'; id: number; result: ReadResult }
  | { type: 'matches'; id: number; batch: PackedBatch }
  | { type: 'progress'; id: number; progress: ScanProgress }
  | { type: 'scanned'; id: number; result: ScanResult }
  | { type: 'rawBatch'; id: number; batch: RawBatch; pending: number }
  | { type: 'error'; id: number; error: WireError }
  /** The worker's live consumers ([name, stream]), for the page to delete if the tab goes. */
  | { type: 'consumers'; consumers: [string, string][] }
  | { type: 'closed' };

/** An error as plain data for postMessage (see WireError). */
export function toWireError(e: unknown, depth = 0): WireError {
  const err = e as { name?: unknown; message?: unknown; cause?: unknown } | null;
  const out: WireError = {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
  if (e instanceof JetStreamApiError) out.api = e.apiError();
  if (e instanceof JetStreamStatusError) out.status = e.code;
  if (e instanceof PermissionViolationError)
    out.permission = {
      operation: e.operation,
      subject: e.subject,
      ...(e.queue ? { queue: e.queue } : {}),
    };
  if (e instanceof NoRespondersError) out.subject = e.subject;
  if (err?.cause !== undefined && err.cause !== null && depth < 4)
    out.cause = toWireError(err.cause, depth + 1);
  return out;
}

/** Rebuilds an error from its wire form: the nats.js class it was when known, else an Error with its name. */
export function fromWireError(w: WireError): Error {
  const cause = w.cause ? { cause: fromWireError(w.cause) } : undefined;
  const e = rebuild(w, cause);
  if (e.message !== w.message) e.message = w.message;
  if (e.name !== w.name) e.name = w.name;
  return e;
}

const apiClasses: Record<string, new (a: ApiError, o?: ErrorOptions) => JetStreamApiError> = {
  StreamNotFoundError,
  ConsumerNotFoundError,
};

function rebuild(w: WireError, cause: ErrorOptions | undefined): Error {
  if (w.api) return new (apiClasses[w.name] ?? JetStreamApiError)(w.api, cause);
  if (w.status !== undefined) return new JetStreamStatusError(w.message, w.status, cause);
  if (w.permission)
    return new PermissionViolationError(
      w.message,
      w.permission.operation,
      w.permission.subject,
      w.permission.queue,
      cause,
    );
  if (w.subject !== undefined) return new NoRespondersError(w.subject, cause);
  switch (w.name) {
    case 'TimeoutError':
      return new TimeoutError(cause);
    case 'RequestError':
      return new RequestError(w.message, cause);
    case 'JetStreamNotEnabled':
      return new JetStreamNotEnabled(w.message, cause);
    case 'ClosedConnectionError':
      return new ClosedConnectionError();
    case 'DrainingConnectionError':
      return new DrainingConnectionError();
    case 'ConnectionError':
      return new ConnectionError(w.message, cause);
    case 'AuthorizationError':
      return new AuthorizationError(w.message, cause);
    case 'UserAuthenticationExpiredError':
      return new UserAuthenticationExpiredError(w.message, cause);
    default:
      return new Error(w.message, cause);
  }
}
