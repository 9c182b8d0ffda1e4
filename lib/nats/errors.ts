/**
 * Turns NATS/JetStream errors into a code and a sentence a user can act on. Errors are told
 * apart by nats.js v3's error classes and the JetStream API's `err_code` (JetStreamApiError
 * `.code`), never by their text: a server or client release that rewords a message changes
 * nothing here. nats.js wraps request failures (RequestError with the real reason as `cause`),
 * so the cause chain is searched.
 */
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
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { JetStreamNotEnabled, JetStreamStatusError, isMessageNotFound } from './internals';

export type NatsErrorCode =
  | 'stream-not-found'
  | 'consumer-not-found'
  | 'jetstream-disabled'
  | 'permission'
  | 'timeout'
  | 'no-responders'
  | 'disconnected'
  | 'unknown';

export type ExplainedError = { code: NatsErrorCode; message: string; detail: string };

/** JetStream API error codes (the server's `err_code`) the app reacts to. */
export const ApiCode = {
  ...JetStreamApiCodes,
  /** JetStream system temporarily unavailable (a leader election, a store recovering). */
  ClusterNotAvailable: 10008,
  /** JetStream not enabled (for the server, not the account). */
  JetStreamNotEnabled: 10076,
} as const;

/** The error and its causes, outermost first (nats.js puts the reason in `cause`). */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (
    let e = err;
    e !== undefined && e !== null && out.length < 8;
    e = (e as { cause?: unknown }).cause
  ) {
    out.push(e);
    if (typeof e !== 'object') break;
  }
  return out;
}

function find<T>(err: unknown, cls: abstract new (...a: never[]) => T): T | undefined {
  return chain(err).find((e): e is T => e instanceof cls);
}

/** The JetStream API's answer behind an error (JetStreamApiError or a subclass), if any. */
export function jetStreamApiError(err: unknown): JetStreamApiError | undefined {
  return find(err, JetStreamApiError);
}

/** True when the JetStream API answered with this `err_code`. */
export function hasApiCode(err: unknown, code: number): boolean {
  return jetStreamApiError(err)?.code === code;
}

/** True for the JetStream API's "stream not found" (10059). */
export function isStreamNotFound(err: unknown): boolean {
  return hasApiCode(err, ApiCode.StreamNotFound);
}

/**
 * True for a get's "no message there" (deleted, expired, or no match): the API's 10037
 * (nats.js's isMessageNotFound) or a direct get's 404 status.
 */
export function isNoMessageError(err: unknown): boolean {
  const api = jetStreamApiError(err);
  if (api && isMessageNotFound(api)) return true;
  const status = find(err, JetStreamStatusError);
  return status?.code === 404;
}

/** True when JetStream is off for the server or the account (nats.js: JetStreamNotEnabled). */
export function isJetStreamDisabled(err: unknown): boolean {
  if (find(err, JetStreamNotEnabled)) return true;
  const code = jetStreamApiError(err)?.code;
  return code === ApiCode.JetStreamNotEnabledForAccount || code === ApiCode.JetStreamNotEnabled;
}

/** The permission the server refused (a publish or a subscription on a subject), if that is the error. */
export function permissionViolation(err: unknown): PermissionViolationError | undefined {
  return find(err, PermissionViolationError);
}

function isTimeout(err: unknown): boolean {
  const status = find(err, JetStreamStatusError);
  return find(err, TimeoutError) !== undefined || status?.code === 408;
}

export function isNoResponders(err: unknown): boolean {
  const status = find(err, JetStreamStatusError);
  return find(err, NoRespondersError) !== undefined || status?.code === 503;
}

/**
 * True for a connection going away: closed, draining, lost, or a request nats.js failed
 * because of it (a RequestError without a cause: "connection closed" / "disconnected").
 */
function isConnectionLoss(err: unknown): boolean {
  return chain(err).some(
    (e) =>
      e instanceof ClosedConnectionError ||
      e instanceof DrainingConnectionError ||
      e instanceof ConnectionError ||
      (e instanceof RequestError && e.cause === undefined),
  );
}

/** Classifies an error from nats.js and explains it. `what` names the object involved. */
export function explainNatsError(
  err: unknown,
  what?: { stream?: string; consumer?: string },
): ExplainedError {
  const detail = err instanceof Error ? err.message : String(err);
  const stream = what?.stream ? `"${what.stream}"` : 'the stream';
  if (isStreamNotFound(err)) {
    return {
      code: 'stream-not-found',
      message: `Stream ${stream} does not exist on this server. Pick another stream, or create it (the demo does: npm run demo).`,
      detail,
    };
  }
  if (hasApiCode(err, ApiCode.ConsumerNotFound)) {
    return {
      code: 'consumer-not-found',
      message: `Consumer "${what?.consumer ?? ''}" does not exist.`,
      detail,
    };
  }
  // nats.js v3 throws JetStreamNotEnabled when the JetStream API has no responders.
  if (isJetStreamDisabled(err)) {
    return {
      code: 'jetstream-disabled',
      message:
        'JetStream is not enabled on this server or account. Start nats-server with -js (or a jetstream {} block).',
      detail,
    };
  }
  const denied = permissionViolation(err);
  if (denied || find(err, AuthorizationError) || find(err, UserAuthenticationExpiredError)) {
    const which = denied ? `${denied.operation} on "${denied.subject}"` : 'this operation';
    return {
      code: 'permission',
      message: `Your NATS user lacks the permission for ${which}. Ask for it to be added to the user's permissions.`,
      detail,
    };
  }
  if (isNoResponders(err)) {
    return {
      code: 'no-responders',
      message:
        'Nothing answered the JetStream API request: JetStream is probably not enabled for this account.',
      detail,
    };
  }
  if (isTimeout(err)) {
    return {
      code: 'timeout',
      message: 'NATS did not answer in time. The server may be overloaded or unreachable.',
      detail,
    };
  }
  if (isConnectionLoss(err)) {
    return {
      code: 'disconnected',
      message: 'The connection to NATS is down; the app reconnects by itself.',
      detail,
    };
  }
  return { code: 'unknown', message: detail || 'Unknown error', detail };
}

/**
 * True for errors of a connection or server that is going away or coming back (a request lost
 * with its server, the link down, JetStream electing a leader or still recovering its store,
 * "temporarily unavailable" 10008): worth trying again. API answers (no stream, bad filter, no
 * permission) are final, and so is JetStream not being enabled (waiting would not help).
 */
export function isTransientNatsError(e: unknown): boolean {
  if (isJetStreamDisabled(e) || permissionViolation(e)) return false;
  const api = jetStreamApiError(e);
  if (api) return api.code === ApiCode.ClusterNotAvailable;
  return isTimeout(e) || isNoResponders(e) || isConnectionLoss(e);
}
