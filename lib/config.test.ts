import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_WS_URL,
  hasCredentials,
  parseServerList,
  redactUrl,
  runtimeConfigFrom,
} from './config';

describe('runtime config', () => {
  it('parses comma and space separated server lists without duplicates', () => {
    expect(parseServerList('ws://a:1, ws://b:2 ws://a:1,,')).toEqual(['ws://a:1', 'ws://b:2']);
    expect(parseServerList(undefined)).toEqual([]);
  });
  it('falls back to the seed defaults', () => {
    expect(runtimeConfigFrom({})).toEqual({
      servers: [DEFAULT_WS_URL],
      stream: 'agent-messages',
      advisoryStream: 'agent-advisories',
      consumer: 'agent-processor',
    });
  });
  it('reads the seed variable names', () => {
    const c = runtimeConfigFrom({ NATS_WS_URL: 'wss://x:443', NATS_STREAM_NAME: 'other' });
    expect(c.servers).toEqual(['wss://x:443']);
    expect(c.stream).toBe('other');
  });
});

describe('credentials in NATS_WS_URL', () => {
  const SECRET = 's3cr3t-Pa55';
  it.each([
    `ws://viewer:${SECRET}@127.0.0.1:9222`,
    `wss://viewer:${SECRET}@nats.example.com`,
    `ws://${SECRET}@nats.example.com:443`, // a token as the user
    `ws://:${SECRET}@nats.example.com`, // password only
    `ws://viewer:${encodeURIComponent('p@ss/w:rd')}@h:1`,
    `ws://vi ewer:${SECRET}@h:1`, // not a valid URL: still caught
    `viewer:${SECRET}@h:1`, // no scheme
  ])('refuses %s, naming where credentials belong and never echoing them', (url) => {
    expect(hasCredentials(url)).toBe(true);
    let msg = '';
    try {
      runtimeConfigFrom({ NATS_WS_URL: `ws://ok:1, ${url}` });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/NATS_WS_URL must not contain credentials/);
    expect(msg).toMatch(/connect dialog/);
    expect(msg).toMatch(/creds file/);
    expect(msg).toContain('***@');
    expect(msg).not.toContain(SECRET);
    expect(msg).not.toContain('viewer');
    expect(msg).not.toContain('p@ss');
  });

  it('accepts URLs without user info (an @ in the path or query is not user info)', () => {
    for (const url of [
      'ws://127.0.0.1:9222',
      'wss://nats.example.com/ws?x=a@b',
      'wss://nats.example.com/a@b',
    ]) {
      expect(hasCredentials(url)).toBe(false);
      expect(runtimeConfigFrom({ NATS_WS_URL: url }).servers).toEqual([url]);
    }
  });

  it('redacts the whole user info', () => {
    expect(redactUrl('ws://u:p@h:1/x')).toBe('ws://***@h:1/x');
    expect(redactUrl('u:p@h:1')).toBe('***@h:1');
    expect(redactUrl('ws://h:1/a@b')).toBe('ws://h:1/a@b');
  });
});
