/**
 * The table's compact row for one message: decoded once when its page arrives, holding no
 * payload bytes (the detail view fetches the message again), so 100k scrolled rows stay small.
 */
import { decodeEvent } from '@/lib/agents/decode';
import type { StreamMessage } from '@/lib/stream/reader';

export type Row = {
  seq: number;
  subject: string;
  timeMs: number;
  size: number;
  kind: 'message' | 'status' | 'task' | 'generic';
  /** message_type, `status`, task event, or '' for generic payloads. */
  type: string;
  from: string;
  /** Recipient role/name/id, 'broadcast' for a null recipient, '' when not applicable. */
  to: string;
  preview: string;
};

/** Longest preview kept per row. */
export const PREVIEW_CHARS = 160;
/** Payloads larger than this are not decoded for the table (a generic row says so). */
const DECODE_LIMIT = 64 * 1024;

const clip = (s: string) => (s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS - 1)}…` : s).replace(/\s+/g, ' ');

/** Builds the table row for a message. Never throws. */
export function toRow(m: StreamMessage): Row {
  const base = { seq: m.seq, subject: m.subject, timeMs: m.timeMs, size: m.size };
  if (m.size > DECODE_LIMIT) {
    return { ...base, kind: 'generic', type: '', from: '', to: '', preview: clip(new TextDecoder().decode(m.data.subarray(0, 400))) };
  }
  const { payload, event } = decodeEvent(m.subject, m.data);
  switch (event.kind) {
    case 'message': {
      const x = event.message;
      const md = x.metadata ?? {};
      const to = x.recipient_id === null ? 'broadcast' : (md.recipient_role ?? md.recipient_name ?? x.recipient_id);
      return { ...base, kind: 'message', type: x.message_type, from: md.sender_role ?? md.sender_name ?? x.sender_id, to: String(to), preview: clip(x.content) };
    }
    case 'status': {
      const s = event.status;
      const prev = s.previous_status ? `${s.previous_status} → ` : '';
      return { ...base, kind: 'status', type: s.status, from: s.agent_role !== 'unknown' ? s.agent_role : s.agent_id, to: '', preview: clip(`${s.agent_name}: ${prev}${s.status}${s.reason ? ` (${s.reason})` : ''}`) };
    }
    case 'task': {
      const t = event.task;
      return { ...base, kind: 'task', type: t.event, from: t.created_by ?? '', to: t.assignee_role ?? t.assignee_id ?? '', preview: clip(`${t.task_id}: ${t.title}`) };
    }
    default: {
      const preview =
        payload.kind === 'empty' ? '(empty)' : payload.kind === 'binary' ? `(binary, ${m.size} bytes)` : clip(payload.text);
      return { ...base, kind: 'generic', type: '', from: '', to: '', preview };
    }
  }
}
