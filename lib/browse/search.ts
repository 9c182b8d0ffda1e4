/**
 * Whole-stream search: a small query language (`type:question from:qa_tester to:broadcast
 * task:… agent:… status:… event:… header:Name=value free text`) compiled into a fast matcher
 * over raw messages. Cheap checks first (subject, header, raw-text contains), JSON parse only
 * for candidates. The same language names replay breakpoints and the timeline's pause-on
 * (lib/replay/breakpoints.ts). Pure.
 */
import type { StreamMessage } from '@/lib/stream/reader';

export type SearchQuery = {
  type?: string;
  from?: string;
  to?: string;
  task?: string;
  agent?: string;
  /**
   * Sender role of a message, as its subject names it (agent.message.<role>.<type>): exact,
   * so a scan can read only that role's subjects (pushdown.ts).
   */
  role?: string;
  /** `Name` (present) or `Name=value` (value contains, case-insensitive). */
  header?: string;
  /** Free text, case-insensitive, anywhere in the payload text. */
  text?: string;
  /** An agent status event (agent.status.…) whose `status` is this (case-insensitive). */
  status?: string;
  /** A task lifecycle event (agent.task.…) whose `event` is this (case-insensitive). */
  event?: string;
};

const FIELDS = [
  'type',
  'from',
  'to',
  'task',
  'agent',
  'role',
  'header',
  'status',
  'event',
] as const;
const ALIASES: Record<string, (typeof FIELDS)[number]> = {
  sender: 'from',
  recipient: 'to',
  msgtype: 'type',
};

/**
 * The scan direction that runs down the table in `order`: newest-first, down is toward older
 * messages (backward); oldest-first, toward newer ones (forward).
 */
export function downDirection(order: 'asc' | 'desc'): 'forward' | 'backward' {
  return order === 'desc' ? 'backward' : 'forward';
}

/** Parses the `q` URL value. Unknown `word:` prefixes stay part of the free text. */
export function parseSearch(q: string): SearchQuery {
  const out: SearchQuery = {};
  const text: string[] = [];
  for (const tok of q.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const m = /^([a-z]+):(.+)$/i.exec(tok);
    const key = m
      ? (FIELDS as readonly string[]).includes(m[1]!.toLowerCase())
        ? m[1]!.toLowerCase()
        : ALIASES[m[1]!.toLowerCase()]
      : undefined;
    if (m && key) out[key as (typeof FIELDS)[number]] = unquote(m[2]!);
    else text.push(unquote(tok));
  }
  if (text.length) out.text = text.join(' ');
  return out;
}

const unquote = (s: string) => s.replace(/"/g, '');

/** Field names (and aliases) the query language knows, lower case. */
const KNOWN = new Set<string>([...FIELDS, ...Object.keys(ALIASES)]);

/**
 * Why `q` cannot be searched, or null when it can: a known field with no value (`type:`,
 * `from:""`) or a header with no name (`header:=x`) would otherwise fall back to free text
 * (or match everything) and scan the whole stream for nothing. An empty query is an error
 * too. Pure; the search panel shows the message and does not start a scan.
 */
export function searchError(q: string): string | null {
  return searchErrorAt(q)?.message ?? null;
}

/** A query's error and where it is: the bad token's [start, end) in the query (empty: 0, 0). */
export type SearchErrorAt = { message: string; start: number; end: number };

/** searchError with the place of the token it is about, for an inline mark under it. */
export function searchErrorAt(q: string): SearchErrorAt | null {
  const re = /(?:[^\s"]+|"[^"]*")+/g;
  let found = false;
  for (let t = re.exec(q); t; t = re.exec(q)) {
    found = true;
    const tok = t[0];
    const start = t.index;
    const at = (message: string) => ({ message, start, end: start + tok.length });
    const m = /^([a-z]+):(.*)$/i.exec(tok);
    if (!m || !KNOWN.has(m[1]!.toLowerCase())) continue;
    const name = m[1]!.toLowerCase();
    const value = unquote(m[2]!).trim();
    if (!value)
      return at(
        `“${m[1]}:” needs a value, e.g. ${EXAMPLES[ALIASES[name] ?? name] ?? `${name}:…`}.`,
      );
    if ((ALIASES[name] ?? name) === 'header' && value.startsWith('='))
      return at(`“${tok}” needs a header name before “=”, e.g. header:Nats-Msg-Id=….`);
  }
  return found ? null : { message: 'Type something to search for.', start: 0, end: 0 };
}

const EXAMPLES: Record<string, string> = {
  type: 'type:question',
  from: 'from:qa_tester',
  to: 'to:broadcast',
  task: 'task:<task id>',
  agent: 'agent:<agent id>',
  role: 'role:qa_tester',
  header: 'header:Nats-Msg-Id or header:Name=value',
  status: 'status:error',
  event: 'event:failed',
};

/** True when the query has no condition (a scan would match everything). */
export function isEmptySearch(s: SearchQuery): boolean {
  return !Object.values(s).some((v) => v);
}

const dec = new TextDecoder('utf-8', { fatal: false });
const lc = (v: unknown) =>
  typeof v === 'string'
    ? v.toLowerCase()
    : v === null || v === undefined
      ? ''
      : String(v).toLowerCase();
const get = (o: Record<string, unknown>, k: string) => o[k];
const md = (o: Record<string, unknown>) =>
  o.metadata && typeof o.metadata === 'object' ? (o.metadata as Record<string, unknown>) : {};

/** Compiles a query into a predicate over raw stream messages. */
export function compileSearch(s: SearchQuery): (m: StreamMessage) => boolean {
  const text = s.text?.toLowerCase();
  const want = {
    type: s.type?.toLowerCase(),
    from: s.from?.toLowerCase(),
    to: s.to?.toLowerCase(),
    task: s.task?.toLowerCase(),
    agent: s.agent?.toLowerCase(),
  };
  const fieldNeedles = Object.entries(want)
    .filter(([k, v]) => v && !(k === 'to' && v === 'broadcast'))
    .map(([, v]) => v as string);
  const needsJson = Object.values(want).some(Boolean);
  const [hName, hValue] = s.header ? splitHeader(s.header) : [undefined, undefined];
  const role = s.role;
  const status = s.status?.toLowerCase();
  const event = s.event?.toLowerCase();
  // The subject space the event must be on; its payload field is checked below.
  const kind = status ? 'agent.status.' : event ? 'agent.task.' : undefined;
  // A raw-text precheck only for ASCII values: nats-py writes other characters \u-escaped.
  for (const v of [status, event])
    if (v && /^[\x20-\x7e]*$/.test(v) && !/["\\]/.test(v)) fieldNeedles.push(v);
  const needsPayload = needsJson || Boolean(status || event);

  return (m) => {
    if (role !== undefined) {
      const t = m.subject.split('.');
      if (t.length !== 4 || t[0] !== 'agent' || t[1] !== 'message' || t[2] !== role) return false;
    }
    // status: and event: together match nothing (an event is on one subject space).
    if (kind !== undefined && (!m.subject.startsWith(kind) || (status && event))) return false;
    if (hName !== undefined) {
      const ok = m.headers.some(
        ([k, v]) =>
          k.toLowerCase() === hName && (hValue === undefined || v.toLowerCase().includes(hValue)),
      );
      if (!ok) return false;
    }
    if (!text && !needsPayload) return true;
    const raw = dec.decode(m.data);
    const low = raw.toLowerCase();
    if (text && !low.includes(text)) return false;
    for (const n of fieldNeedles) if (!low.includes(n)) return false;
    if (!needsPayload) return true;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      return false;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    if (status && lc(o.status) !== status) return false;
    if (event && lc(o.event) !== event) return false;
    return matchFields(o, want);
  };
}

function splitHeader(h: string): [string, string | undefined] {
  const i = h.indexOf('=');
  return i < 0
    ? [h.toLowerCase(), undefined]
    : [h.slice(0, i).toLowerCase(), h.slice(i + 1).toLowerCase()];
}

/** Field semantics across the three Agent Squad payloads (message, status, task). */
function matchFields(
  o: Record<string, unknown>,
  w: Record<'type' | 'from' | 'to' | 'task' | 'agent', string | undefined>,
): boolean {
  const meta = md(o);
  if (
    w.type &&
    ![get(o, 'message_type'), get(o, 'status'), get(o, 'event')].some((x) => lc(x) === w.type)
  )
    return false;
  if (w.from) {
    const c = [
      get(o, 'sender_id'),
      meta.sender_role,
      meta.sender_name,
      get(o, 'created_by'),
      'message_type' in o ? undefined : get(o, 'agent_id'),
      'message_type' in o ? undefined : get(o, 'agent_role'),
    ];
    if (!c.some((x) => lc(x) === w.from)) return false;
  }
  if (w.to) {
    if (w.to === 'broadcast') {
      if (!('recipient_id' in o) || o.recipient_id !== null) return false;
    } else if (
      ![
        get(o, 'recipient_id'),
        meta.recipient_role,
        meta.recipient_name,
        get(o, 'assignee_id'),
        get(o, 'assignee_role'),
      ].some((x) => lc(x) === w.to)
    )
      return false;
  }
  if (w.task && ![get(o, 'task_execution_id'), get(o, 'task_id')].some((x) => lc(x) === w.task))
    return false;
  if (
    w.agent &&
    ![get(o, 'agent_id'), get(o, 'sender_id'), get(o, 'recipient_id'), get(o, 'assignee_id')].some(
      (x) => lc(x) === w.agent,
    )
  )
    return false;
  return true;
}
