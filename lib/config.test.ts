import { describe, expect, it } from 'vitest';
import { DEFAULT_WS_URL, parseServerList, runtimeConfigFrom } from './config';

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
