import { describe, expect, it } from 'vitest';
import { errors } from '@nats-io/nats-core';
import { describeConnectError, isMalformedServerUrl } from './connection';

const servers = ['ws://127.0.0.1:9222'];

describe('describeConnectError', () => {
  it('names refused credentials by class: the words alone are not a refusal', () => {
    expect(describeConnectError(new Error('Authorization Violation'), servers)).toContain(
      'Cannot reach NATS',
    );
    expect(
      describeConnectError(
        new errors.UserAuthenticationExpiredError('User Authentication Expired'),
        servers,
      ),
    ).toContain('NATS refused the credentials');
  });

  it('names refused credentials, with the server’s words', () => {
    const e = errors.AuthorizationError.parse("'Authorization Violation'");
    expect(describeConnectError(e, servers)).toBe(
      "NATS refused the credentials ('Authorization Violation'). Check the user, token, NKey or creds in the connect dialog.",
    );
  });

  it('does not call an authentication timeout a refusal: the client was too slow, and it retries', () => {
    const e = errors.AuthorizationError.parse("'Authentication Timeout'");
    expect(e).toBeInstanceOf(errors.AuthorizationError); // nats.js files it with the refusals
    const text = describeConnectError(e, servers);
    expect(text).not.toContain('refused');
    expect(text).toContain('auth_timeout');
    expect(text).toContain('Retrying');
  });

  it('tells an unreachable server from a malformed URL', () => {
    expect(describeConnectError(new Error('connection refused'), servers)).toBe(
      'Cannot reach NATS over WebSocket at ws://127.0.0.1:9222: connection refused. Is nats-server running with a websocket listener?',
    );
    // Told by the URL itself (as nats.js's transport parses it), not by the error's words.
    expect(describeConnectError(new TypeError('Invalid URL'), ['ws://[nope'])).toBe(
      '"ws://[nope" is not a valid WebSocket URL. Use ws://host:port or wss://host:port.',
    );
    expect(
      describeConnectError(new Error('anything'), ['ws://127.0.0.1:9222', 'ftp://x']),
    ).toContain('"ftp://x" is not a valid WebSocket URL');
    expect(isMalformedServerUrl('localhost:9222')).toBe(false);
    expect(describeConnectError(new Error(''), [])).toContain(
      '(no server configured): connection failed',
    );
  });
});
