'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { isTypingTarget } from '@/components/shell/shortcuts';
import { Button } from '@/components/ui/button';
import { ShownText } from '@/components/ui/shown-text';
import {
  BreakpointIcon,
  ContinueIcon,
  PauseIcon,
  PlayIcon,
  StepBackIcon,
  StepForwardIcon,
  ToEndIcon,
  ToStartIcon,
} from '@/components/ui/icons';
import type { BreakpointIndex } from '@/lib/replay/breakpoints';
import { KeyLine, REPLAY_KEYS } from '@/components/shell/page-keys';
import { SPEEDS, speedLabel, type Speed } from '@/lib/replay/clock';
import type { ReplayController } from '@/lib/replay/controller';
import type { ReplayData } from '@/lib/replay/store';
import { PlayheadReadout } from './playhead-readout';
import { SeekSlider } from './seek-slider';

/**
 * Play/pause, step, jump, speed, breakpoint continue / previous hit and the seek slider; keys:
 * REPLAY_KEYS (space, ←/→, Home/End, F8/Shift+F8; keep in step). `hit`: the breakpoints
 * (numbers from 1) that stopped on the current event.
 */
export function PlayerBar({
  data,
  ctl,
  version,
  onSpeed,
  bp = null,
  hit = '',
  hitSeq = null,
}: {
  data: ReplayData;
  ctl: ReplayController;
  version: number;
  onSpeed: (s: Speed) => void;
  bp?: BreakpointIndex | null;
  hit?: string;
  hitSeq?: number | null;
}) {
  const playing = useSyncExternalStore(
    ctl.playhead.subscribe,
    () => ctl.playhead.getSnapshot().playing,
    () => false,
  );
  const speed = useSyncExternalStore(
    ctl.playhead.subscribe,
    () => ctl.playhead.getSnapshot().speed,
    () => '1' as Speed,
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      const k = e.key;
      // A focused button already activates on space; toggling here too would undo it.
      if (k === ' ' && (e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
      if (k === 'F8' && e.shiftKey) ctl.previousHit();
      else if (k === 'F8') ctl.continueToHit();
      else if (k === ' ') ctl.toggle();
      else if (k === 'ArrowRight') ctl.step(1);
      else if (k === 'ArrowLeft') ctl.step(-1);
      else if (k === 'Home') ctl.toStart();
      else if (k === 'End') ctl.toEnd();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctl]);
  const empty = data.events.length === 0;
  const breaking = bp?.active === true;
  return (
    <div className="space-y-2 rounded-lg border border-border bg-panel p-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          onClick={ctl.toStart}
          disabled={empty}
          aria-label="Jump to start"
          title="Jump to start (Home)"
        >
          <ToStartIcon />
        </Button>
        <Button
          size="sm"
          onClick={() => ctl.step(-1)}
          disabled={empty}
          aria-label="Step back"
          title="Step back (←)"
        >
          <StepBackIcon />
        </Button>
        <Button
          size="sm"
          variant="default"
          className="w-20"
          onClick={ctl.toggle}
          disabled={empty}
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play/pause (space)"
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
          <span className="ml-1">{playing ? 'Pause' : 'Play'}</span>
        </Button>
        <Button
          size="sm"
          onClick={() => ctl.step(1)}
          disabled={empty}
          aria-label="Step forward"
          title="Step forward (→)"
        >
          <StepForwardIcon />
        </Button>
        <Button
          size="sm"
          onClick={ctl.toEnd}
          disabled={empty}
          aria-label="Jump to end"
          title="Jump to end (End)"
        >
          <ToEndIcon />
        </Button>
        <Button
          size="sm"
          onClick={ctl.previousHit}
          disabled={empty || !breaking}
          aria-label="Previous hit"
          title="Back to the previous breakpoint hit (Shift+F8)"
        >
          <BreakpointIcon />
          <span>Previous hit</span>
        </Button>
        <Button
          size="sm"
          onClick={ctl.continueToHit}
          disabled={empty || !breaking}
          aria-label="Continue"
          title="Continue to the next breakpoint hit (F8)"
        >
          <ContinueIcon />
          <span>Continue</span>
        </Button>
        <label className="ml-2 flex items-center gap-1.5 text-sm">
          <span className="text-muted">Speed</span>
          <select
            aria-label="Speed"
            value={speed}
            onChange={(e) => onSpeed(e.target.value as Speed)}
            className="h-7 rounded-md border border-border bg-panel px-1.5 text-sm"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <div className="ml-auto">
          <PlayheadReadout data={data} ctl={ctl} version={version} />
        </div>
      </div>
      {hit ? (
        <p
          role="status"
          aria-label="Breakpoint stop"
          className="rounded-md border border-bad/40 bg-bad/10 px-2 py-1 text-sm"
          data-testid="breakpoint-stop"
        >
          <span className="font-medium text-bad">
            <BreakpointIcon size={12} /> Stopped on breakpoint {hit}
          </span>{' '}
          <span className="text-muted">
            at seq {hitSeq}: <ShownText text={hitExprs(bp, hit)} />
          </span>
        </p>
      ) : null}
      <SeekSlider data={data} ctl={ctl} version={version} />
      <p className="text-xs text-muted">
        <KeyLine keys={REPLAY_KEYS} />. Real time follows created_at (else stream time); idle gaps
        over 10 s play as 1 s.
      </p>
    </div>
  );
}

/** The expressions of the breakpoints in `hit` ("1, 3"), for the stop line. */
function hitExprs(bp: BreakpointIndex | null, hit: string): string {
  return hit
    .split(', ')
    .map((n) => bp?.breakpoints[Number(n) - 1]?.expr ?? '')
    .join(' · ');
}
