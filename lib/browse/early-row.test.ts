import { describe, expect, it } from 'vitest';
import { NOT_OPEN } from './browse-store';
import { deepLinkOf, earlyState } from './early-row';
import type { Row } from './rows';

const row = (seq: number, subject = 'agent.message.tech_lead.question') =>
  ({ seq, subject }) as unknown as Row;

describe('deepLinkOf', () => {
  it('reads the stream and target of a /messages deep link', () => {
    expect(deepLinkOf({ pathname: '/messages', search: '?seq=42' }, 'S')).toEqual({
      stream: 'S',
      seq: 42,
    });
    expect(
      deepLinkOf({ pathname: '/messages/', search: '?stream=T&seq=7&order=asc' }, 'S'),
    ).toEqual({ stream: 'T', seq: 7 });
    // An empty ?stream= is the default stream, as in the view.
    expect(deepLinkOf({ pathname: '/messages', search: '?stream=&seq=7' }, 'S')).toEqual({
      stream: 'S',
      seq: 7,
    });
  });
  it('is null for another page, no or a bad sequence, or no stream', () => {
    expect(deepLinkOf({ pathname: '/replay', search: '?seq=42' }, 'S')).toBeNull();
    expect(deepLinkOf({ pathname: '/messages', search: '?time=2026-01-01' }, 'S')).toBeNull();
    expect(deepLinkOf({ pathname: '/messages', search: '?seq=-3' }, 'S')).toBeNull();
    expect(deepLinkOf({ pathname: '/messages', search: '?seq=1e3' }, 'S')).toBeNull();
    expect(deepLinkOf({ pathname: '/messages', search: '?seq=4' }, null)).toBeNull();
  });
});

describe('earlyState', () => {
  it('shows the target alone, both sides loading, until the store has opened', () => {
    const s = earlyState(NOT_OPEN, 9, row(9), null);
    expect(s).toMatchObject({ rows: [row(9)], anchor: 9, ready: true, error: null });
    expect(s).toMatchObject({ loadingOlder: true, loadingNewer: true, hasOlder: true });
  });
  it("gives way to the store's state once it is ready (rows, a notice or an error)", () => {
    expect(earlyState({ ...NOT_OPEN, ready: true, error: 'x' }, 9, row(9), null)).toBeNull();
    expect(earlyState({ ...NOT_OPEN, ready: true, rows: [row(9)] }, 9, row(9), null)).toBeNull();
  });
  it('shows nothing early without the row, for another target, or outside the filter', () => {
    expect(earlyState(NOT_OPEN, 9, undefined, null)).toBeNull();
    expect(earlyState(NOT_OPEN, 9, null, null)).toBeNull();
    expect(earlyState(NOT_OPEN, null, row(9), null)).toBeNull();
    expect(earlyState(NOT_OPEN, 10, row(9), null)).toBeNull();
    expect(earlyState(NOT_OPEN, 9, row(9), 'agent.status.>')).toBeNull();
    expect(earlyState(NOT_OPEN, 9, row(9), 'agent.message.*.question')).not.toBeNull();
  });
});
