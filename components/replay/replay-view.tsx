'use client';

import { useEffect, useMemo, useState, useSyncExternalStore, type ComponentProps } from 'react';
import { throttle } from 'nuqs';
import dynamic from 'next/dynamic';
import { useIdlePreload } from '@/components/ui/use-idle-preload';
import { FileActions } from './file-actions';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Notice } from '@/components/ui/notice';
import { formatCount } from '@/lib/format';
import { mayWriteUrl } from '@/lib/navigation-intent';
import {
  formatBreakParam,
  parseBreakParam,
  type Breakpoint,
  type BreakpointIndex,
} from '@/lib/replay/breakpoints';
import { parseSpeed, type Speed } from '@/lib/replay/clock';
import type { ReplayController } from '@/lib/replay/controller';
import { createController } from '@/lib/replay/controller';
import { replayFromNdjson } from '@/lib/replay/import';
import { describeScope, parseSpec } from '@/lib/replay/scope';
import type { ReplayData } from '@/lib/replay/store';
import { PlayerBar } from './player-bar';
import { RangeForm } from './range-form';
import { Transcript } from './transcript';
import { useBackgroundSnapshots } from './use-background-snapshots';
import { useBreakpoints } from './use-breakpoints';
import { useDataVersion } from './use-data-version';
import { useReplayData } from './use-replay-data';
import { useReplayParams } from './use-replay-params';
import { usePlayheadUrlSync } from './use-playhead-url-sync';

// Each in its own Suspense boundary (a `loading`), so its load never hides the rest of the page.
// (An object literal per call: next/dynamic's compiler transform reads it.)
const NOTHING = () => null;
// Off the first load (the transcript and its first row do not need them): each panel's code
// loads once the page has hydrated and the browser is idle (while it connects and reads: they
// show with the first events), or when it first renders.
const loadSequenceDiagram = () => import('./sequence-diagram');
const loadStatePanel = () => import('./state-panel');
const loadBreakpointsPanel = () => import('./breakpoints-panel');
const loadDiffPanel = () => import('./diff-panel');
const loadMessageDrawer = () => import('./message-drawer');
const SequenceDiagram = dynamic(() => loadSequenceDiagram().then((m) => m.SequenceDiagram), {
  loading: NOTHING,
});
const StatePanel = dynamic(() => loadStatePanel().then((m) => m.StatePanel), { loading: NOTHING });
const BreakpointsPanel = dynamic(() => loadBreakpointsPanel().then((m) => m.BreakpointsPanel), {
  loading: NOTHING,
});
const DiffPanel = dynamic(() => loadDiffPanel().then((m) => m.DiffPanel), { loading: NOTHING });
const MessageDrawer = dynamic(() => loadMessageDrawer().then((m) => m.MessageDrawer), {
  loading: NOTHING,
});

/** /replay: load a range by scope, then play it with transcript, state, sequence and diff views. */
export function ReplayView() {
  const [stream] = useStreamName();
  const client = useNatsClient();
  const status = useConnectionStatus();
  const [params, setParams] = useReplayParams();
  const { from, to, at, task, agent, filter } = params;
  const parsed = useMemo(
    () => parseSpec({ from, to, at, task, agent, filter }),
    [from, to, at, task, agent, filter],
  );
  const [offline, setOffline] = useState<{
    data: ReplayData;
    errors: string[];
    name: string;
  } | null>(null);
  // Bumped by Load: the range is read again, never taken from the cache (it may have been purged).
  const [loads, setLoads] = useState(0);
  // A load keeps going through a reconnect: the reader resumes after its last sequence
  // (lib/stream/follow.ts), so dropping it would only restart the read on a degraded server.
  const online = useReplayData(
    client,
    status.state === 'connected' || status.state === 'reconnecting',
    stream,
    offline || parsed.errors.length ? null : parsed.spec,
    loads,
  );
  const data = offline?.data ?? online;
  // One controller per loaded replay; the URL's speed is applied to it (and kept on reloads).
  const ctl = useMemo(() => (data ? createController(data, '1') : null), [data]);
  // A playhead following the load moves in the frame that shows the load's progress: one render.
  const version = useDataVersion(data, ctl?.clock.follow);
  useBackgroundSnapshots(data, version);
  useIdlePreload(
    true,
    loadSequenceDiagram,
    loadStatePanel,
    loadBreakpointsPanel,
    loadDiffPanel,
    loadMessageDrawer,
  );
  const [detail, setDetail] = useState<number | null>(null);
  // Breakpoints from the URL (`break=`, repeated): their hits are scanned off React.
  const bps = useMemo(() => parseBreakParam(params.break), [params.break]);
  const { ix, version: bpVersion } = useBreakpoints(data, ctl, bps);
  const { hit, hitSeq } = useHitAt(ctl, ix, bpVersion, data);
  const onBreakpoints = (next: Breakpoint[]) => void setParams({ break: formatBreakParam(next) });

  const speed = parseSpeed(params.speed);
  useEffect(() => () => ctl?.dispose(), [ctl]);
  useEffect(() => ctl?.setSpeed(speed), [ctl, speed]);
  // The playhead's resting place goes into the URL 300 ms after it stops. A navigation away can
  // start meanwhile (the old page stays mounted until the new route commits): write only while
  // the URL is still this page's and no link click is pending (a write then cancelled it:
  // lib/navigation-intent.ts), and at once rather than after nuqs's throttle, whose late flush
  // wrote `?at=` onto the next page's URL (seen: Replay → Timeline gave /timeline?at=1).
  const writeAt = (seq: number) => {
    if (!mayWriteUrl('/replay')) return false;
    void setParams({ at: String(seq) }, { limitUrlUpdates: throttle(0) });
    return true;
  };
  usePlayheadUrlSync(ctl, data, offline ? null : parsed.spec.at, version, writeAt, !offline);

  const onApply = (p: Parameters<ComponentProps<typeof RangeForm>['onApply']>[0]) => {
    setLoads((l) => l + 1);
    void setParams({ ...p, at: null });
  };
  const onSpeed = (s: Speed) => void setParams({ speed: s === '1' ? null : s });
  const openFile = async (f: File) => {
    const r = replayFromNdjson(await f.text(), f.name);
    setOffline({ ...r, name: f.name });
  };

  const n = data?.events.length ?? 0;
  const first = data?.events.seqAt(0);
  const last = data?.events.seqAt(n - 1);
  const atOutside =
    !offline &&
    parsed.spec.at !== null &&
    first !== undefined &&
    last !== undefined &&
    (parsed.spec.at < first || parsed.spec.at > last) &&
    data?.info.status === 'done';

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">Replay</h1>
          <p
            className="text-sm text-muted"
            data-testid="replay-summary"
            role="status"
            aria-label="Replay summary"
          >
            {offline ? (
              `Offline file ${offline.name}`
            ) : (
              <>
                Stream <span className="font-mono">{stream}</span> · {describeScope(parsed.spec)}
              </>
            )}
            {n > 0 ? ` · ${formatCount(n)} events, seq ${first}–${last}` : ''}
          </p>
        </div>
        <FileActions
          data={data}
          name={offline ? offline.name.replace(/\.[^.]+$/, '') : stream}
          onOpen={(f) => void openFile(f)}
        />
      </div>
      {offline ? (
        <Notice title="Replaying a file offline, without NATS">
          {offline.name}.{' '}
          <button type="button" className="text-accent underline" onClick={() => setOffline(null)}>
            Back to the stream
          </button>
        </Notice>
      ) : (
        <RangeForm
          key={JSON.stringify([from, to, task, agent, filter])}
          params={params}
          onApply={onApply}
        />
      )}
      {offline?.errors.length ? (
        <Notice tone="warn" title="Some lines of the file could not be read and were skipped">
          {offline.errors.join(' ')}
        </Notice>
      ) : null}
      {!offline && parsed.errors.length ? (
        <Notice tone="error" title="The replay range is not valid">
          {parsed.errors.join(' ')}
        </Notice>
      ) : null}
      {!offline && !parsed.errors.length && status.state !== 'connected' && !data ? (
        <Notice>Waiting for the NATS connection…</Notice>
      ) : null}
      {data?.info.status === 'loading' ? (
        <Notice data-testid="replay-loading">
          Reading… {formatCount(n)} events kept of {formatCount(data.info.read)} messages read.
        </Notice>
      ) : null}
      {data?.info.status === 'error' ? (
        <Notice tone="error" title="Could not read the range">
          {data.info.error}
        </Notice>
      ) : null}
      {data?.info.vanished ? (
        <Notice
          tone="warn"
          title={`The stream was purged during the load: ${formatCount(data.info.read)} of ${formatCount(data.info.read + data.info.vanished)} messages read`}
        >
          At least {formatCount(data.info.vanished)} messages of the range left the stream before
          they could be read; the replay holds only what was read.{' '}
          <button
            type="button"
            className="text-accent underline"
            onClick={() => setLoads((l) => l + 1)}
          >
            Load again
          </button>{' '}
          to read what the stream holds now.
        </Notice>
      ) : null}
      {atOutside ? (
        <Notice tone="warn">
          Sequence {parsed.spec.at} is outside the loaded range (seq {first}–{last}); the playhead
          starts at the nearest event.
        </Notice>
      ) : null}
      {data?.info.status === 'done' && n === 0 ? (
        <Notice>
          No events in this range{offline ? ' (empty file)' : ''}. Change the range or scope above.
        </Notice>
      ) : null}
      {data && ctl && n > 0 ? (
        <>
          <PlayerBar
            data={data}
            ctl={ctl}
            version={version}
            onSpeed={onSpeed}
            bp={ix}
            hit={hit}
            hitSeq={hitSeq}
          />
          {/* Above the fold: the part an audience watches while the replay plays. */}
          <SequenceDiagram
            data={data}
            ctl={ctl}
            version={version}
            large={params.large === true}
            onLarge={(on) => void setParams({ large: on ? true : null })}
            hit={hit}
          />
          <div className="grid gap-3 lg:grid-cols-2">
            <Transcript
              data={data}
              ctl={ctl}
              version={version}
              onDetails={offline ? undefined : setDetail}
              hit={hit}
            />
            <StatePanel data={data} ctl={ctl} />
          </div>
          <BreakpointsPanel
            data={data}
            ctl={ctl}
            ix={ix}
            version={bpVersion}
            bps={bps}
            onChange={onBreakpoints}
          />
          <DiffPanel data={data} ctl={ctl} />
        </>
      ) : null}
      {detail !== null && !offline ? (
        <MessageDrawer stream={stream} seq={detail} onClose={() => setDetail(null)} />
      ) : null}
    </div>
  );
}

const noSub = () => () => {};

/**
 * The enabled breakpoints (numbers from 1, "1, 3") that match the event at the playhead ('' when
 * none) and that event's index. Read as one string key, so a playhead move re-renders the page
 * only when it lands on a hit or leaves one, not on every move.
 */
function useHitAt(
  ctl: ReplayController | null,
  ix: BreakpointIndex | null,
  version: number,
  data: ReplayData | null,
) {
  void version; // the scan found more: getSnapshot is read again on this render
  const get = () => {
    if (!ctl || !ix) return '';
    const i = ctl.playhead.getSnapshot().index;
    const bs = ix.at(i);
    return bs.length ? `${i}|${bs.map((b) => b + 1).join(', ')}` : '';
  };
  const key = useSyncExternalStore(ctl?.playhead.subscribe ?? noSub, get, () => '');
  const bar = key.indexOf('|');
  return {
    hit: bar < 0 ? '' : key.slice(bar + 1),
    hitSeq: bar < 0 ? null : (data?.events.seqAt(Number(key.slice(0, bar))) ?? null),
  };
}
