/**
 * Turns NATS/JetStream errors into a code and a sentence a user can act on.
 * Pure: works on the error's message and code fields only.
 */

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

/** Classifies an error from nats.js and explains it. `what` names the object involved. */
export function explainNatsError(err: unknown, what?: { stream?: string; consumer?: string }): ExplainedError {
  const detail = err instanceof Error ? err.message : String(err);
  const apiCode = (err as { api_error?: { err_code?: number } } | null)?.api_error?.err_code;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const stream = what?.stream ? `"${what.stream}"` : 'the stream';
  if (apiCode === 10059 || /stream not found/i.test(detail)) {
    return {
      code: 'stream-not-found',
      message: `Stream ${stream} does not exist on this server. Pick another stream, or create it (the demo does: npm run demo).`,
      detail,
    };
  }
  if (apiCode === 10014 || /consumer not found/i.test(detail)) {
    return { code: 'consumer-not-found', message: `Consumer "${what?.consumer ?? ''}" does not exist.`, detail };
  }
  // nats.js v3 says "jetstream is not enabled" (JetStreamNotEnabled) when the API has no responders.
  if (/jetstream (is )?not enabled/i.test(detail) || apiCode === 10039 || apiCode === 10076) {
    return {
      code: 'jetstream-disabled',
      message: 'JetStream is not enabled on this server or account. Start nats-server with -js (or a jetstream {} block).',
      detail,
    };
  }
  if (/permissions? violation|authorization|not authorized/i.test(detail) || code === 'PERMISSIONS_VIOLATION') {
    const m = /Permissions Violation for (\w+) to "?([^"\s]+)"?/i.exec(detail);
    const which = m ? `${m[1]?.toLowerCase()} on "${m[2]}"` : 'this operation';
    return {
      code: 'permission',
      message: `Your NATS user lacks the permission for ${which}. Ask for it to be added to the user's permissions.`,
      detail,
    };
  }
  if (/no responders/i.test(detail) || code === '503') {
    return {
      code: 'no-responders',
      message: 'Nothing answered the JetStream API request: JetStream is probably not enabled for this account.',
      detail,
    };
  }
  if (/timeout/i.test(detail) || code === 'TIMEOUT') {
    return { code: 'timeout', message: 'NATS did not answer in time. The server may be overloaded or unreachable.', detail };
  }
  if (/closed|disconnect/i.test(detail)) {
    return { code: 'disconnected', message: 'The connection to NATS is down; the app reconnects by itself.', detail };
  }
  return { code: 'unknown', message: detail || 'Unknown error', detail };
}

/**
 * True for errors of a connection or server that is going away or coming back (a request lost
 * with its server, the link down, JetStream electing a leader or still recovering its store,
 * "temporarily unavailable" 10008): worth trying again. API answers (no stream, bad filter, no
 * permission) are final.
 */
export function isTransientNatsError(e: unknown): boolean {
  const err = e as { name?: unknown; message?: unknown } | null;
  return /timeout|timed out|disconnect|closed|no responders|temporarily unavailable/i.test(`${String(err?.name ?? '')} ${String(err?.message ?? e)}`);
}
