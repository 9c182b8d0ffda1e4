import { describe, expect, it } from 'vitest';
import { atLeast, capabilitiesFrom, capabilityLine, parseVersion } from './capabilities';

// INFO and $JS.API.INFO answers as 2.9.10, 2.11.17, 2.12.15 and 2.15.3 sent them here (trimmed to
// the fields read); 2.10 has neither api_lvl nor api.level (both came with 2.11 / 2.12).
const INFO = {
  '2.9.10': { version: '2.9.10', proto: 1, headers: true, jetstream: true },
  '2.10.22': { version: '2.10.22', proto: 1, headers: true, jetstream: true },
  '2.11.17': { version: '2.11.17', proto: 1, headers: true, jetstream: true },
  '2.12.15': { version: '2.12.15', proto: 1, headers: true, jetstream: true, api_lvl: 3 },
  '2.15.3': { version: '2.15.3', proto: 1, headers: true, jetstream: true, api_lvl: 5 },
};
const ACCOUNT = {
  '2.9.10': {
    type: 'io.nats.jetstream.api.v1.account_info_response',
    api: { total: 0, errors: 0 },
  },
  '2.10.22': {
    type: 'io.nats.jetstream.api.v1.account_info_response',
    api: { total: 3, errors: 0 },
  },
  '2.11.17': {
    type: 'io.nats.jetstream.api.v1.account_info_response',
    api: { level: 1, total: 0, errors: 0 },
  },
  '2.12.15': {
    type: 'io.nats.jetstream.api.v1.account_info_response',
    api: { level: 3, total: 0, errors: 0 },
  },
  '2.15.3': {
    type: 'io.nats.jetstream.api.v1.account_info_response',
    api: { level: 5, total: 0, errors: 0 },
  },
};
const caps = (v: keyof typeof INFO) => capabilitiesFrom(INFO[v], ACCOUNT[v]);

describe('capabilities', () => {
  it('parses versions, pre-releases and junk', () => {
    expect(parseVersion('2.11.0-beta.1')).toEqual([2, 11, 0]);
    expect(parseVersion('v2.10.3')).toEqual([2, 10, 3]);
    expect(parseVersion(undefined)).toEqual([0, 0, 0]);
    expect(parseVersion('dev')).toEqual([0, 0, 0]);
    expect(atLeast('2.10.0', 2, 10)).toBe(true);
    expect(atLeast('2.9.25', 2, 10)).toBe(false);
    expect(atLeast('3.0.0', 2, 11)).toBe(true);
  });

  it('2.9: single filters and single gets only', () => {
    expect(caps('2.9.10')).toEqual({
      version: '2.9.10',
      apiLevel: 0,
      multiFilter: false,
      batchGet: false,
      multiLast: false,
      exactBatchPending: false,
    });
  });

  it('2.10: multi-filter consumers, no batch get', () => {
    expect(caps('2.10.22')).toMatchObject({ apiLevel: 0, multiFilter: true, batchGet: false });
  });

  it('2.11: batch get whose pending counts one more', () => {
    expect(caps('2.11.17')).toMatchObject({
      apiLevel: 1,
      multiFilter: true,
      batchGet: true,
      multiLast: true,
      exactBatchPending: false,
    });
  });

  it('2.12 and 2.15: API level from INFO or JS API INFO, exact pending', () => {
    expect(caps('2.12.15')).toMatchObject({ apiLevel: 3, batchGet: true, exactBatchPending: true });
    expect(caps('2.15.3')).toMatchObject({ apiLevel: 5, batchGet: true, exactBatchPending: true });
    // The JS API INFO request may be denied: the INFO's api_lvl and version still tell.
    expect(capabilitiesFrom(INFO['2.15.3'], null)).toMatchObject({ apiLevel: 5, batchGet: true });
    expect(capabilitiesFrom(INFO['2.11.17'], null)).toMatchObject({ apiLevel: 0, batchGet: true });
  });

  it('an unknown version falls back to the 2.9 paths', () => {
    expect(capabilitiesFrom(undefined)).toMatchObject({
      version: 'unknown',
      multiFilter: false,
      batchGet: false,
    });
  });

  it('says it in one line', () => {
    expect(capabilityLine(caps('2.12.15'))).toBe(
      'nats-server 2.12.15 · JetStream API level 3 · batch direct get ✓ · multi-filter consumers ✓',
    );
    expect(capabilityLine(caps('2.9.10'))).toBe(
      'nats-server 2.9.10 · JetStream API level – (before 2.11) · batch direct get ✗ · multi-filter consumers ✗',
    );
  });
});
