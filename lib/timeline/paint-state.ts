/**
 * What the timeline canvas needs from the page to draw a frame, as plain data: the page sends
 * it to the painter worker, which draws into an OffscreenCanvas (see painter.ts), and the
 * in-page fallback draws from it too.
 * Plus the pure redraw decision both painters share.
 */
import type { Gap } from './snapshot';
import type { TimeZone } from '@/lib/time-zone';

export type Theme = {
  fg: string;
  muted: string;
  border: string;
  panel: string;
  panel2: string;
  accent: string;
  bad: string;
};

export type PaintState = {
  /** CSS pixels. */
  width: number;
  dpr: number;
  spanMs: number;
  /** Right edge of the view; null follows "now". */
  endMs: number | null;
  /** While paused: the frozen "now" and the newest sequence shown; null when live. */
  pausedAtMs: number | null;
  pausedSeq: number | null;
  kinds: string[];
  task: string | null;
  tz: TimeZone;
  /** Agent lanes to show (empty = all). */
  agents: string[];
  theme: Theme;
  gaps: Gap[];
};

/** A string that changes whenever anything the page sends would change the drawing. */
export function paintStateKey(s: PaintState): string {
  const g = s.gaps.length ? s.gaps[s.gaps.length - 1]! : null;
  return [
    s.width,
    s.dpr,
    s.spanMs,
    s.endMs,
    s.pausedAtMs,
    s.pausedSeq,
    s.kinds.join(),
    s.task,
    s.tz,
    s.agents.join(),
    Object.values(s.theme).join(),
    s.gaps.length,
    g?.fromMs,
    g?.toMs,
  ].join('|');
}

/** Shortest interval between two redraws caused by new data alone. */
export const DATA_REDRAW_MS = 50;

/**
 * Whether a frame redraws: never when nothing changed (`key` = data + view), at once when the
 * view changed (`viewKey`: zoom, pan, size, filters, theme, "now" moved a pixel), and for new
 * data alone at most every `minMs` (a full redraw is the costly part; 20 a second is smooth).
 */
export function shouldRedraw(o: {
  key: string;
  lastKey: string;
  viewKey: string;
  lastViewKey: string;
  now: number;
  lastDrawAt: number;
  minMs?: number;
}): boolean {
  if (o.key === o.lastKey) return false;
  if (o.viewKey !== o.lastViewKey) return true;
  return o.now - o.lastDrawAt >= (o.minMs ?? DATA_REDRAW_MS);
}

/** Milliseconds from `nowMs` until a time axis of `msPerPx` next moves by a whole pixel. */
export function msToNextPixel(nowMs: number, msPerPx: number): number {
  if (!(msPerPx > 0)) return Infinity;
  return (Math.floor(nowMs / msPerPx) + 1) * msPerPx - nowMs;
}
