/**
 * JetStream advisories about a stream, parsed and validated. Anyone allowed to publish on
 * `$JS.EVENT.ADVISORY.>` can forge one, so nothing is taken on trust: integers must be
 * integers, times must be times within the stream's span (plus a margin), the subject, the
 * `type` and the body must agree. What fails is kept as a "malformed advisory" with its
 * problems named, never counted as a dead letter. Subjects and types are nats-server's
 * (`server/jetstream_api.go`, `server/jetstream_events.go`).
 */

export type DeadLetterKind = 'max-deliveries' | 'terminated';
/** Advisories that are not dead letters but concern the stream or its consumers (2.11+). */
export type EventKind =
  'paused' | 'resumed' | 'pinned' | 'unpinned' | 'batch-abandoned' | 'api-limit';

type Common = {
  /** The advisory's id (unique; dedupes live and history). */
  id: string;
  /** The subject it arrived on. */
  subject: string;
  stream: string;
  consumer: string;
  /** Epoch ms of the advisory. */
  timeMs: number;
  /** Sequence of the advisory in the advisory stream (history only). */
  advisorySeq?: number;
};

export type DeadLetter = Common & {
  kind: DeadLetterKind;
  /** Sequence of the original message in `stream`. */
  streamSeq: number;
  deliveries: number;
  reason?: string;
};

export type AdvisoryEvent = Common & {
  kind: EventKind;
  /** What happened, in words. */ detail: string;
};

export type MalformedAdvisory = Common & {
  kind: 'malformed';
  /** What the subject says it is (e.g. "max deliveries"). */
  claims: string;
  /** Each problem found, in words. */
  problems: string[];
  /** Receipt order (live arrival or advisory-stream sequence): the list's order, never the claimed time. */
  order: number;
};

export type Advisory = DeadLetter | AdvisoryEvent | MalformedAdvisory;

type Spec = {
  kind: DeadLetterKind | 'pause' | 'pinned' | 'unpinned' | 'batch-abandoned' | 'api-limit';
  claims: string;
  /** The `type` suffix after `io.nats.jetstream.advisory.v<N>.` */
  type: string;
  /** Tokens after the prefix: stream and consumer (2), stream only (1), none (0). */
  tokens: 0 | 1 | 2;
};

const PRE = '$JS.EVENT.ADVISORY.';
const SPECS: Record<string, Spec> = {
  'CONSUMER.MAX_DELIVERIES': {
    kind: 'max-deliveries',
    claims: 'max deliveries',
    type: 'max_deliver',
    tokens: 2,
  },
  'CONSUMER.MSG_TERMINATED': {
    kind: 'terminated',
    claims: 'terminated',
    type: 'terminated',
    tokens: 2,
  },
  'CONSUMER.PAUSE': { kind: 'pause', claims: 'consumer pause', type: 'consumer_pause', tokens: 2 },
  'CONSUMER.PINNED': {
    kind: 'pinned',
    claims: 'consumer pinned',
    type: 'consumer_group_pinned',
    tokens: 2,
  },
  'CONSUMER.UNPINNED': {
    kind: 'unpinned',
    claims: 'consumer unpinned',
    type: 'consumer_group_unpinned',
    tokens: 2,
  },
  'STREAM.BATCH_ABANDONED': {
    kind: 'batch-abandoned',
    claims: 'batch abandoned',
    type: 'stream_batch_abandoned',
    tokens: 1,
  },
  'API.LIMIT_REACHED': {
    kind: 'api-limit',
    claims: 'API limit reached',
    type: 'api_limit_reached',
    tokens: 0,
  },
};

/** Subjects of every advisory about `stream` this app lists (live subscription, advisory stream). */
export function advisorySubjects(stream: string): string[] {
  return [
    `${PRE}CONSUMER.MAX_DELIVERIES.${stream}.*`,
    `${PRE}CONSUMER.MSG_TERMINATED.${stream}.*`,
    `${PRE}CONSUMER.PAUSE.${stream}.*`,
    `${PRE}CONSUMER.PINNED.${stream}.*`,
    `${PRE}CONSUMER.UNPINNED.${stream}.*`,
    `${PRE}STREAM.BATCH_ABANDONED.${stream}`,
  ];
}

/**
 * The same subjects with `>` tails: what an advisory stream captures and a read-only user may
 * subscribe to (server/simulator/setup.ts, server/nats/auth.ts).
 */
export function advisoryCaptureSubjects(stream: string): string[] {
  return advisorySubjects(stream).map((s) => s.replace(/\.\*$/, '.>'));
}

function specOf(subject: string): { spec: Spec; rest: string[] } | null {
  if (!subject.startsWith(PRE)) return null;
  // Every advisory name here is two tokens (CONSUMER.PAUSE, API.LIMIT_REACHED…).
  const t = subject.slice(PRE.length).split('.');
  const spec = SPECS[t.slice(0, 2).join('.')];
  return spec ? { spec, rest: t.slice(2) } : null;
}

/** Largest count nats-server sends (uint64), as far as a JS number is exact. */
const isCount = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** RFC 3339 as nats-server writes it (Go's time.Time: up to 9 fraction digits, Z or an offset). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseTime(v: unknown): number | null {
  if (typeof v !== 'string' || !RFC3339.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A field as text for ids and details. Never `String(v)`: a forged `{"toString": 1}` would
 * make that throw ("Cannot convert object to primitive value").
 */
function plain(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'missing');
}

function show(v: unknown): string {
  const s = v === undefined ? 'missing' : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/**
 * Parses one advisory by its subject. Null when the subject is not one of the advisories
 * listed here (the caller ignores it); otherwise a dead letter, an event, or a malformed
 * advisory naming every problem (not JSON, wrong types, non-integers, missing fields, a
 * body that disagrees with its subject). Times are checked against bounds by `checkTimes`.
 */
export function parseAdvisory(
  subject: string,
  data: Uint8Array | string,
  advisorySeq?: number,
): Advisory | null {
  const hit = specOf(subject);
  if (!hit) return null;
  const { spec, rest } = hit;
  const problems: string[] = [];
  const subjStream = rest[0] ?? '';
  const subjConsumer = rest[1] ?? '';
  if (rest.length !== spec.tokens)
    problems.push(
      `subject has ${rest.length} tokens after the advisory name, expected ${spec.tokens}`,
    );
  let a: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(
      typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data),
    );
    if (v && typeof v === 'object' && !Array.isArray(v)) a = v as Record<string, unknown>;
    else problems.push('body is not a JSON object');
  } catch {
    problems.push('body is not JSON');
  }
  const typeRe = new RegExp(`^io\\.nats\\.jetstream\\.advisory\\.v\\d+\\.${spec.type}$`);
  if (typeof a.type !== 'string' || !typeRe.test(a.type))
    problems.push(`type ${show(a.type)} is not io.nats.jetstream.advisory.v1.${spec.type}`);
  if (!isText(a.id)) problems.push(`id ${show(a.id)} is not a non-empty string`);
  const t = parseTime(a.timestamp);
  if (t === null) problems.push(`timestamp ${show(a.timestamp)} is not an RFC 3339 time`);
  if (spec.tokens >= 1 && a.stream !== subjStream)
    problems.push(`stream ${show(a.stream)} does not match the subject's "${subjStream}"`);
  if (spec.tokens === 2 && a.consumer !== subjConsumer)
    problems.push(`consumer ${show(a.consumer)} does not match the subject's "${subjConsumer}"`);

  const common: Common = {
    id: isText(a.id) ? a.id : `${subject}#${advisorySeq ?? ''}#${plain(a.timestamp)}`,
    subject,
    stream: typeof a.stream === 'string' ? a.stream : subjStream,
    consumer: typeof a.consumer === 'string' ? a.consumer : subjConsumer,
    timeMs: t ?? 0,
  };
  if (advisorySeq !== undefined) common.advisorySeq = advisorySeq;

  let out: Advisory | null = null;
  switch (spec.kind) {
    case 'max-deliveries':
    case 'terminated': {
      if (!isCount(a.stream_seq, 1))
        problems.push(`stream_seq ${show(a.stream_seq)} is not a whole number ≥ 1`);
      if (!isCount(a.deliveries, 1))
        problems.push(`deliveries ${show(a.deliveries)} is not a whole number ≥ 1`);
      if (spec.kind === 'terminated' && !isCount(a.consumer_seq, 1))
        problems.push(`consumer_seq ${show(a.consumer_seq)} is not a whole number ≥ 1`);
      if (a.reason !== undefined && typeof a.reason !== 'string')
        problems.push(`reason ${show(a.reason)} is not a string`);
      const d: DeadLetter = {
        ...common,
        kind: spec.kind,
        streamSeq: isCount(a.stream_seq, 1) ? a.stream_seq : 0,
        deliveries: isCount(a.deliveries, 1) ? a.deliveries : 0,
      };
      if (typeof a.reason === 'string' && a.reason) d.reason = a.reason;
      out = d;
      break;
    }
    case 'pause': {
      if (typeof a.paused !== 'boolean')
        problems.push(`paused ${show(a.paused)} is not true or false`);
      const until = a.paused === true ? parseTime(a.pause_until) : null;
      if (a.paused === true && until === null)
        problems.push(`pause_until ${show(a.pause_until)} is not an RFC 3339 time`);
      out = {
        ...common,
        kind: a.paused === true ? 'paused' : 'resumed',
        detail:
          a.paused === true && until !== null
            ? `paused until ${new Date(until).toISOString()}`
            : 'resumed',
      };
      break;
    }
    case 'pinned':
      if (!isText(a.group)) problems.push(`group ${show(a.group)} is not a non-empty string`);
      if (!isText(a.pinned_id))
        problems.push(`pinned_id ${show(a.pinned_id)} is not a non-empty string`);
      out = {
        ...common,
        kind: 'pinned',
        detail: `group ${plain(a.group)} pinned to client ${plain(a.pinned_id)}`,
      };
      break;
    case 'unpinned':
      if (!isText(a.group)) problems.push(`group ${show(a.group)} is not a non-empty string`);
      if (typeof a.reason !== 'string') problems.push(`reason ${show(a.reason)} is not a string`);
      out = {
        ...common,
        kind: 'unpinned',
        detail: `group ${plain(a.group)} unpinned${a.reason ? ` (${plain(a.reason)})` : ''}`,
      };
      break;
    case 'batch-abandoned':
      if (!isText(a.batch)) problems.push(`batch ${show(a.batch)} is not a non-empty string`);
      if (typeof a.reason !== 'string') problems.push(`reason ${show(a.reason)} is not a string`);
      out = {
        ...common,
        consumer: '',
        kind: 'batch-abandoned',
        detail: `atomic batch ${plain(a.batch)} abandoned${a.reason ? ` (${plain(a.reason)})` : ''}`,
      };
      break;
    case 'api-limit':
      if (!isText(a.server)) problems.push(`server ${show(a.server)} is not a non-empty string`);
      if (!isCount(a.dropped, 0))
        problems.push(`dropped ${show(a.dropped)} is not a whole number ≥ 0`);
      out = {
        ...common,
        stream: '',
        consumer: '',
        kind: 'api-limit',
        detail: `server ${plain(a.server)} dropped ${plain(a.dropped)} JetStream API requests (queue limit)`,
      };
      break;
  }
  if (problems.length > 0) return malformed(common, spec.claims, problems, advisorySeq);
  return out;
}

function malformed(
  c: Common,
  claims: string,
  problems: string[],
  advisorySeq?: number,
): MalformedAdvisory {
  return { ...c, kind: 'malformed', claims, problems, order: advisorySeq ?? Date.now() };
}

/** The span an advisory about the stream may fall in: the stream's life, plus a margin. */
export type TimeBounds = { fromMs: number; toMs: number };

/** Clock differences (server vs. browser, server vs. server) tolerated at either end. */
export const TIME_MARGIN_MS = 10 * 60_000;

/**
 * Bounds from the stream's creation time and its last message time (server clock) and the
 * browser's now: an advisory about the stream cannot predate the stream, nor come from the
 * future. Null when the stream's times are not known yet (no time check then).
 */
export function timeBounds(
  created: string | undefined,
  lastTs: string | undefined,
  nowMs: number,
): TimeBounds | null {
  const c = created ? Date.parse(created) : NaN;
  if (!Number.isFinite(c)) return null;
  const l = lastTs ? Date.parse(lastTs) : NaN;
  return {
    fromMs: c - TIME_MARGIN_MS,
    toMs: Math.max(nowMs, Number.isFinite(l) ? l : 0) + TIME_MARGIN_MS,
  };
}

/** `a`, or a malformed advisory when its time falls outside `bounds`. */
export function checkTime(a: Advisory, bounds: TimeBounds | null): Advisory {
  if (a.kind === 'malformed' || !bounds || (a.timeMs >= bounds.fromMs && a.timeMs <= bounds.toMs))
    return a;
  const when = new Date(a.timeMs).toISOString();
  const problem =
    a.timeMs < bounds.fromMs
      ? `timestamp ${when} is before the stream was created (${new Date(bounds.fromMs + TIME_MARGIN_MS).toISOString()})`
      : `timestamp ${when} is in the future`;
  const claims =
    a.kind === 'max-deliveries'
      ? 'max deliveries'
      : a.kind === 'terminated'
        ? 'terminated'
        : a.kind;
  return malformed(a, claims, [problem], a.advisorySeq);
}

/** True for a (valid) dead letter: max deliveries or terminated. */
export function isDeadLetter(a: Advisory): a is DeadLetter {
  return a.kind === 'max-deliveries' || a.kind === 'terminated';
}

export type SortedAdvisories = {
  deadLetters: DeadLetter[];
  events: AdvisoryEvent[];
  malformed: MalformedAdvisory[];
};

/**
 * Splits advisories (deduplicated by id) into dead letters and events (newest first, by their
 * validated time) and malformed ones (latest received first: a forged far-future time cannot
 * pin one to the top), keeping at most `cap` of each.
 */
export function sortAdvisories(
  items: readonly Advisory[],
  bounds: TimeBounds | null,
  cap: number,
): SortedAdvisories {
  const seen = new Set<string>();
  const out: SortedAdvisories = { deadLetters: [], events: [], malformed: [] };
  for (const raw of items) {
    // The same advisory read live and from history is identical; a forged one reusing a real
    // id differs in subject, time or validity and so cannot hide the real one.
    const key = `${raw.id}\u0000${raw.subject}\u0000${raw.timeMs}\u0000${raw.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = checkTime(raw, bounds);
    if (a.kind === 'malformed') out.malformed.push(a);
    else if (isDeadLetter(a)) out.deadLetters.push(a);
    else out.events.push(a);
  }
  out.deadLetters.sort((x, y) => y.timeMs - x.timeMs || y.streamSeq - x.streamSeq);
  out.events.sort((x, y) => y.timeMs - x.timeMs);
  out.malformed.sort((x, y) => y.order - x.order);
  return {
    deadLetters: out.deadLetters.slice(0, cap),
    events: out.events.slice(0, cap),
    malformed: out.malformed.slice(0, cap),
  };
}
