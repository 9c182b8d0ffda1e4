import { describe, expect, it } from 'vitest';
import {
  compareHref,
  messagesHref,
  replayFromHereHref,
  replayHref,
  statsHref,
  taskHref,
  tasksHref,
  timelineHref,
} from './links';

describe('links', () => {
  it('drops empty params and encodes the rest', () => {
    expect(messagesHref({ filter: 'agent.status.>', seq: 42, open: 42, stream: null })).toBe(
      '/messages?filter=agent.status.%3E&seq=42&open=42',
    );
    expect(replayHref({ from: 10, at: 15, task: 't-1' })).toBe('/replay?from=10&task=t-1&at=15');
    expect(timelineHref({})).toBe('/timeline');
    expect(replayHref({ from: 1, break: ['event:failed', '~status:error'] })).toBe(
      '/replay?from=1&break=event%3Afailed&break=%7Estatus%3Aerror',
    );
    expect(timelineHref({ pauseOn: 'event:failed' })).toBe('/timeline?pauseOn=event%3Afailed');
    expect(statsHref({ stream: 's' })).toBe('/stats?stream=s');
  });
  it("carries the timeline clock (the agents' clock is the default, left out)", () => {
    expect(timelineHref({ task: 't1', clock: 'stream' })).toBe('/timeline?task=t1&clock=stream');
    expect(timelineHref({ task: 't1', clock: 'agent' })).toBe('/timeline?task=t1');
  });
  it('carries a chosen time zone to every page, and none when there is none', () => {
    const tz = 'utc' as const;
    expect(replayHref({ task: 't1', tz })).toBe('/replay?task=t1&tz=utc');
    expect(replayFromHereHref({ seq: 4, task: 't1', tz })).toBe('/replay?task=t1&at=4&tz=utc');
    expect(replayFromHereHref({ seq: 4, tz })).toBe('/replay?from=4&at=4&tz=utc');
    expect(timelineHref({ task: 't1', clock: 'stream', tz: 'local' })).toBe(
      '/timeline?task=t1&clock=stream&tz=local',
    );
    expect(statsHref({ tab: 'dead', tz })).toBe('/stats?tab=dead&tz=utc');
    expect(taskHref({ task: 'a b', tz })).toBe('/tasks/a%20b?tz=utc');
    expect(tasksHref({ q: 'x', tz })).toBe('/tasks?q=x&tz=utc');
    expect(compareHref({ a: '1', b: '2', tz })).toBe('/compare?a=1&b=2&tz=utc');
    expect(taskHref({ task: 't', tz: null })).toBe('/tasks/t');
  });
  it('replays from a message: its task when it has one, else the stream from it', () => {
    expect(replayFromHereHref({ seq: 42, task: 'SQD-1' })).toBe('/replay?task=SQD-1&at=42');
    expect(replayFromHereHref({ stream: 's', seq: 42, task: null })).toBe(
      '/replay?stream=s&from=42&at=42',
    );
  });
  it('carries the search, live, columns and time zone of a /messages view', () => {
    expect(
      messagesHref({
        seq: 5,
        open: 5,
        q: 'task:t1',
        dir: 'forward',
        range: 'here',
        live: 'off',
        cols: 'created',
        tz: 'utc',
      }),
    ).toBe(
      '/messages?seq=5&open=5&q=task%3At1&dir=forward&range=here&live=off&cols=created&tz=utc',
    );
  });
});

describe('task and compare links', () => {
  it('builds /tasks/<id>, /tasks and /compare URLs', () => {
    expect(taskHref({ task: 'a b/c' })).toBe('/tasks/a%20b%2Fc');
    expect(tasksHref({ q: 'outcome:failed', sort: '-duration' })).toBe(
      '/tasks?q=outcome%3Afailed&sort=-duration',
    );
    expect(compareHref({ a: 'T@1', b: 'T@2' })).toBe('/compare?a=T%401&b=T%402');
  });
});
