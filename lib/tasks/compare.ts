/**
 * Compare: what a side is (a task, one attempt of a task, or a range of sequences/times),
 * the alignment of two conversations by turn (message type and roles), and a word diff of
 * their contents. Pure.
 */
import type { MessageEvent } from '@/lib/replay/event';

export type Side =
  | { kind: 'task'; task: string; attempt: number | null }
  | { kind: 'range'; from: string; to: string };

/**
 * Parses one side: `<task id>`, `<task id>@<attempt>`, `<from>-<to>` (sequences) or
 * `<from>..<to>` (sequences or ISO times). Errors are sentences a user can act on.
 */
export function parseSide(
  v: string | null | undefined,
  name: string,
): { side: Side | null; error?: string } {
  const t = (v ?? '').trim();
  if (!t)
    return {
      side: null,
      error: `"${name}" is empty: give a task id, a task id@attempt, or a range like 100-200.`,
    };
  const dots = t.split('..');
  const dash = /^(\d+)-(\d+)$/.exec(t);
  if (dash || dots.length === 2) {
    const [from, to] = dash
      ? [dash[1] as string, dash[2] as string]
      : [(dots[0] as string).trim(), (dots[1] as string).trim()];
    for (const b of [from, to]) {
      if (
        /^\d+$/.test(b)
          ? Number(b) < 1
          : !/^\d{4}-\d{2}-\d{2}/.test(b) || !Number.isFinite(Date.parse(b))
      ) {
        return {
          side: null,
          error: `"${name}=${t}": "${b}" is neither a sequence ≥ 1 nor an ISO time.`,
        };
      }
    }
    return { side: { kind: 'range', from, to } };
  }
  const at = /^([^\s.*>@]+)(?:@(\d+))?$/.exec(t);
  if (!at)
    return {
      side: null,
      error: `"${name}=${t}" is not a task id (no spaces, dots, * or >), task id@attempt, or range.`,
    };
  const attempt = at[2] !== undefined ? Number(at[2]) : null;
  if (attempt !== null && attempt < 1)
    return { side: null, error: `"${name}=${t}": attempts count from 1.` };
  return { side: { kind: 'task', task: at[1] as string, attempt } };
}

/** A side as a URL value (inverse of parseSide). */
export function sideValue(s: Side): string {
  return s.kind === 'task'
    ? s.attempt
      ? `${s.task}@${s.attempt}`
      : s.task
    : /^\d+$/.test(s.from) && /^\d+$/.test(s.to)
      ? `${s.from}-${s.to}`
      : `${s.from}..${s.to}`;
}

export type Turn = Pick<
  MessageEvent,
  'seq' | 'type' | 'from' | 'to' | 'fromRole' | 'toRole' | 'content'
>;

export type AlignedRow<T extends Turn = Turn> = {
  a: T | null;
  b: T | null;
  /** What differs between a and b (empty when only one side has the turn, or none differ). */
  diffs: ('type' | 'sender' | 'recipient' | 'content')[];
};

const turnKey = (m: Turn) => `${m.type}\u0000${m.fromRole ?? ''}\u0000${m.toRole ?? ''}`;

/** Longest common subsequence of two key arrays as index pairs (O(n·m); callers cap sizes). */
function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const dp = new Uint32Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        a[i] === b[j]
          ? (dp[(i + 1) * w + j + 1] as number) + 1
          : Math.max(dp[(i + 1) * w + j] as number, dp[i * w + j + 1] as number);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push([i, j]);
      i++;
      j++;
    } else if ((dp[(i + 1) * w + j] as number) >= (dp[i * w + j + 1] as number)) i++;
    else j++;
  }
  return out;
}

/** Most turns per side aligned by LCS; past it, turns are paired by position. */
export const ALIGN_MAX = 3000;

function differences(a: Turn, b: Turn): AlignedRow['diffs'] {
  const d: AlignedRow['diffs'] = [];
  if (a.type !== b.type) d.push('type');
  if (a.from !== b.from) d.push('sender');
  if (a.to !== b.to) d.push('recipient');
  if (a.content !== b.content) d.push('content');
  return d;
}

/**
 * Aligns two conversations turn by turn: turns with the same message type and roles are
 * matched in order (longest common subsequence); between two matches, the unmatched turns of
 * both sides are paired by position (a changed turn) and the rest stand alone (only one
 * side has them).
 */
export function alignTurns<T extends Turn>(a: readonly T[], b: readonly T[]): AlignedRow<T>[] {
  const pairs =
    a.length <= ALIGN_MAX && b.length <= ALIGN_MAX ? lcs(a.map(turnKey), b.map(turnKey)) : [];
  const rows: AlignedRow<T>[] = [];
  let i = 0;
  let j = 0;
  const gap = (ti: number, tj: number) => {
    while (i < ti && j < tj) {
      const x = a[i++] as T;
      const y = b[j++] as T;
      rows.push({ a: x, b: y, diffs: differences(x, y) });
    }
    while (i < ti) rows.push({ a: a[i++] as T, b: null, diffs: [] });
    while (j < tj) rows.push({ a: null, b: b[j++] as T, diffs: [] });
  };
  for (const [pi, pj] of pairs) {
    gap(pi, pj);
    const x = a[i++] as T;
    const y = b[j++] as T;
    rows.push({ a: x, b: y, diffs: differences(x, y) });
  }
  gap(a.length, b.length);
  return rows;
}

export type WordOp = { op: 'same' | 'del' | 'add'; text: string };

/** Most words per side diffed word by word; longer texts are shown as one change. */
export const WORD_DIFF_MAX = 2000;

/** Word diff of two texts (whitespace kept with the words), consecutive ops merged. */
export function wordDiff(a: string, b: string): WordOp[] {
  if (a === b) return a ? [{ op: 'same', text: a }] : [];
  const wa = a ? a.split(/(?<=\s)(?=\S)/) : [];
  const wb = b ? b.split(/(?<=\s)(?=\S)/) : [];
  if (wa.length > WORD_DIFF_MAX || wb.length > WORD_DIFF_MAX) {
    return [
      ...(a ? [{ op: 'del' as const, text: a }] : []),
      ...(b ? [{ op: 'add' as const, text: b }] : []),
    ];
  }
  const out: WordOp[] = [];
  const push = (op: WordOp['op'], text: string) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of lcs(wa, wb)) {
    while (i < pi) push('del', wa[i++] as string);
    while (j < pj) push('add', wb[j++] as string);
    push('same', wa[i++] as string);
    j++;
  }
  while (i < wa.length) push('del', wa[i++] as string);
  while (j < wb.length) push('add', wb[j++] as string);
  return out;
}
