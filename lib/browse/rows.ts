/**
 * The table's compact row for one message: decoded once when its page arrives, holding no
 * payload bytes (the detail view fetches the message again), so 100k scrolled rows stay small.
 */
import { createdAtMs, decodeEvent } from '@/lib/agents/decode';
import { learnRole, roleOfId, shortId } from '@/lib/agents/roles';
import { roleLabel } from '@/lib/agents/schema';
import type { StreamMessage } from '@/lib/stream/reader';

export type Row = {
  seq: number;
  subject: string;
  timeMs: number;
  /** The payload's created_at (ms), null when it has none or it does not parse. */
  createdMs: number | null;
  size: number;
  kind: 'message' | 'status' | 'task' | 'generic';
  /** message_type, `status`, task event, or '' for generic payloads. */
  type: string;
  /**
   * Sender role/name, or an agent id when the payload has no role (task events' `created_by`):
   * the table shows such an id as its learned role (lib/agents/roles.ts) or shortened.
   */
  from: string;
  /** Recipient role/name/id, 'broadcast' for a null recipient, '' when not applicable. */
  to: string;
  preview: string;
};

/** Longest preview kept per row. */
export const PREVIEW_CHARS = 160;
/** Payloads larger than this are not decoded for the table (a generic row says so). */
const DECODE_LIMIT = 64 * 1024;

/** Most distinct strings kept by `intern` before it starts over (bounds its memory). */
export const INTERN_MAX = 4096;
const interned = new Map<string, string>();

/**
 * The one shared instance of a repeated string (subjects, roles, types): a window of 20,000
 * rows then holds a few hundred strings instead of ~80,000 copies. Fewer live objects make each
 * major GC (marking, compaction) shorter, and the DOM gets the same string every time, which
 * Blink converts once instead of once per row rendered. Bounded: it starts over when full.
 */
export function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size >= INTERN_MAX) interned.clear();
  interned.set(s, s);
  return s;
}

/**
 * The preview, whitespace collapsed, as one flat string. How it is built matters for the heap:
 * `replace(/\s+/g, ' ')` returns a rope (a cons string per word, ~35 objects a row: a heap
 * snapshot of a full 20,000-row window had 340,000 of them, half the JS heap, all marked and
 * moved by every major GC), and `slice` + '…' keeps the whole payload text alive behind the
 * slice. `join` of two or more non-empty parts copies into a new flat string instead.
 */
export function clip(s: string): string {
  const cut = s.length > PREVIEW_CHARS ? [s.slice(0, PREVIEW_CHARS - 1), '…'].join('') : s;
  // Most previews have nothing to collapse: then the string itself (flat: JSON.parse's or the
  // join's copy) without the split into words and the join (~0.7 KB of garbage a row).
  return NEEDS_COLLAPSE.test(cut) ? cut.split(/\s+/).join(' ') : cut;
}

/** Whitespace other than a single space (tab, newline, no-break space…), or two in a row. */
const NEEDS_COLLAPSE = /[^\S ]|\s\s/;

/** Builds the table row for a message. Never throws. */
export function toRow(m: StreamMessage): Row {
  const head = { seq: m.seq, subject: intern(m.subject), timeMs: m.timeMs, size: m.size };
  if (m.size > DECODE_LIMIT) {
    return {
      ...head,
      createdMs: null,
      kind: 'generic',
      type: '',
      from: '',
      to: '',
      preview: clip(new TextDecoder().decode(m.data.subarray(0, 400))),
    };
  }
  const { payload, event } = decodeEvent(m.subject, m.data);
  const base = { ...head, createdMs: createdAtMs(event) };
  switch (event.kind) {
    case 'message': {
      const x = event.message;
      const md = x.metadata ?? {};
      const to =
        x.recipient_id === null
          ? 'broadcast'
          : (md.recipient_role ?? md.recipient_name ?? x.recipient_id);
      // Teach the id → role map (no allocation: a lookup, a set only for a new id).
      learnRole(x.sender_id, md.sender_role);
      learnRole(x.recipient_id, md.recipient_role);
      return {
        ...base,
        kind: 'message',
        type: intern(x.message_type),
        from: intern(md.sender_role ?? md.sender_name ?? x.sender_id),
        to: intern(String(to)),
        preview: clip(x.content),
      };
    }
    case 'status': {
      const s = event.status;
      const prev = s.previous_status ? `${s.previous_status} → ` : '';
      learnRole(s.agent_id, s.agent_role);
      return {
        ...base,
        kind: 'status',
        type: intern(s.status),
        from: intern(s.agent_role !== 'unknown' ? s.agent_role : s.agent_id),
        to: '',
        preview: clip(`${s.agent_name}: ${prev}${s.status}${s.reason ? ` (${s.reason})` : ''}`),
      };
    }
    case 'task': {
      const t = event.task;
      learnRole(t.assignee_id, t.assignee_role);
      // `created_by` is an id only: the table shows its role from the map when known (at render).
      return {
        ...base,
        kind: 'task',
        type: intern(t.event),
        from: intern(t.created_by ?? ''),
        to: intern(t.assignee_role ?? t.assignee_id ?? ''),
        preview: clip(`${t.task_id}: ${t.title}`),
      };
    }
    default: {
      const preview =
        payload.kind === 'empty'
          ? '(empty)'
          : payload.kind === 'binary'
            ? `(binary, ${m.size} bytes)`
            : clip(payload.text);
      return { ...base, kind: 'generic', type: '', from: '', to: '', preview };
    }
  }
}

/** Display text of a sender/recipient value: a role's label, a name, or a shortened id. */
function labelOf(v: string): string {
  if (v === 'broadcast') return v;
  return v.includes('_') || /^[a-z]+$/.test(v) ? roleLabel(v) : shortId(v);
}
/**
 * `f` with its results kept (bounded: starts over after `max` keys), so repeated calls hand out
 * the same string: what the table's rows render on every fast-scroll frame.
 */
export function memo1<K, V>(f: (k: K) => V, max = 2048): (k: K) => V {
  const m = new Map<K, V>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) {
      if (m.size >= max) m.clear();
      v = f(k);
      m.set(k, v);
    }
    return v;
  };
}
const label = memo1(labelOf, INTERN_MAX);

/**
 * What the table shows for a row's `from`/`to`: the role learned for an id (lib/agents/roles.ts,
 * from the events decoded so far), else the value itself — a role as its label
 * (`qa_tester` → "QA tester"), a name as is, an opaque id shortened to 8 characters. Called for
 * every row rendered: the results are shared strings (bounded cache), so a render allocates
 * nothing once a value has been seen.
 */
export function agentLabel(v: string): string {
  return label(roleOfId(v) ?? v);
}

/** The role (or the value itself) to colour a sender/recipient by. */
export function agentColorKey(v: string): string {
  return roleOfId(v) ?? v;
}

/** True when the table shows `v` shortened (an id with no known role): its tooltip gives it in full. */
export function isShortened(v: string): boolean {
  return roleOfId(v) === undefined && shortId(v) !== v;
}
