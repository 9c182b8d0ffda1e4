/**
 * What kind of stored message this is, read from the headers newer servers write: delete
 * markers (2.11+, `Nats-Marker-Reason`), per-message TTLs (2.11+, `Nats-TTL`), counter
 * increments (2.12+, `Nats-Incr`, the running value in the payload), schedules (2.12+,
 * `Nats-Schedule`…) and the messages a schedule produced (`Nats-Scheduler`). Header names are
 * nats-server's (server/stream.go). Pure, so the detail view only renders what this says.
 */
import { formatDuration, formatTime } from '../format';

export type MessageKind =
  | { kind: 'delete-marker'; reason: string; ttl: string | null }
  | { kind: 'ttl'; ttl: string; ms: number | null }
  | { kind: 'counter'; incr: string; value: string | null; sourced: boolean }
  | {
      kind: 'schedule';
      pattern: string;
      target: string | null;
      ttl: string | null;
      timeZone: string | null;
      source: string | null;
    }
  | { kind: 'scheduled'; scheduler: string; next: string | null };

/** Header names as nats-server writes them. */
export const KIND_HEADERS = {
  markerReason: 'Nats-Marker-Reason',
  ttl: 'Nats-TTL',
  incr: 'Nats-Incr',
  counterSources: 'Nats-Counter-Sources',
  schedule: 'Nats-Schedule',
  scheduleTarget: 'Nats-Schedule-Target',
  scheduleTtl: 'Nats-Schedule-TTL',
  scheduleTimeZone: 'Nats-Schedule-Time-Zone',
  scheduleSource: 'Nats-Schedule-Source',
  scheduler: 'Nats-Scheduler',
  scheduleNext: 'Nats-Schedule-Next',
} as const;

/** First value of a header, matched case-insensitively (other clients may canonicalise names). */
function header(headers: readonly (readonly [string, string])[], name: string): string | null {
  const want = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === want) return v;
  return null;
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * A `Nats-TTL` value in ms: plain seconds ("60") or a Go duration ("1m0s", "1h"); `Infinity`
 * for "never" (the message outlives the stream's max age); null when unreadable.
 */
export function parseTtlMs(raw: string): number | null {
  const s = raw.trim();
  if (s.toLowerCase() === 'never') return Infinity;
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/gy;
  let ms = 0;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    ms += Number(m[1]) * (GO_UNITS[m[2] as string] as number);
    at = re.lastIndex;
  }
  return at > 0 && at === s.length ? ms : null;
}

/** The counter's value after this increment, from a counter message's `{"val":"…"}` payload. */
function counterValue(data: Uint8Array | undefined): string | null {
  if (!data || data.length === 0 || data.length > 4096) return null;
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
    if (v && typeof v === 'object' && 'val' in v) {
      const val = (v as { val: unknown }).val;
      if (typeof val === 'string' || typeof val === 'number') return String(val);
    }
  } catch {
    // Not the server's counter body: the increment alone is still worth showing.
  }
  return null;
}

/** Every special kind this stored message has, in a fixed order (most telling first). */
export function classifyMessage(
  headers: readonly (readonly [string, string])[],
  data?: Uint8Array,
): MessageKind[] {
  const out: MessageKind[] = [];
  const h = (n: string) => header(headers, n);
  const reason = h(KIND_HEADERS.markerReason);
  const ttl = h(KIND_HEADERS.ttl);
  if (reason !== null) out.push({ kind: 'delete-marker', reason, ttl });
  else if (ttl !== null) out.push({ kind: 'ttl', ttl, ms: parseTtlMs(ttl) });
  const incr = h(KIND_HEADERS.incr);
  if (incr !== null)
    out.push({
      kind: 'counter',
      incr,
      value: counterValue(data),
      sourced: h(KIND_HEADERS.counterSources) !== null,
    });
  const pattern = h(KIND_HEADERS.schedule);
  if (pattern !== null) {
    out.push({
      kind: 'schedule',
      pattern,
      target: h(KIND_HEADERS.scheduleTarget),
      ttl: h(KIND_HEADERS.scheduleTtl),
      timeZone: h(KIND_HEADERS.scheduleTimeZone),
      source: h(KIND_HEADERS.scheduleSource),
    });
  }
  const scheduler = h(KIND_HEADERS.scheduler);
  if (scheduler !== null)
    out.push({ kind: 'scheduled', scheduler, next: h(KIND_HEADERS.scheduleNext) });
  return out;
}

/** A chip's text, its tooltip and a plain-words sentence for one kind. */
export type KindDescription = { chip: string; title: string; text: string };

const MARKER_REASONS: Record<string, string> = {
  MaxAge: 'reached its age limit (the stream’s max age or its own TTL)',
  Purge: 'was purged',
  Remove: 'was deleted',
};

function ttlWords(raw: string): string {
  const ms = parseTtlMs(raw);
  if (ms === null) return `“${raw}”`;
  if (ms === Infinity) return 'never';
  return formatDuration(ms);
}

/** A schedule pattern in words: `@at <time>`, `@every <dur>`, a predefined alias or a cron line. */
export function schedulePatternWords(pattern: string): string {
  const p = pattern.trim();
  const at = /^@at\s+(.+)$/i.exec(p);
  if (at) {
    const t = Date.parse(at[1] as string);
    return Number.isFinite(t) ? `once, at ${formatTime(t)}` : `once, at ${at[1]}`;
  }
  const every = /^@every\s+(.+)$/i.exec(p);
  if (every) return `every ${ttlWords(every[1] as string)}`;
  if (/^@\w+$/.test(p)) return `${p.slice(1)} (${p})`;
  return `on the cron schedule “${p}”`;
}

/** Chip, tooltip and sentence for one kind; `storedMs` (stream time) dates a TTL's expiry. */
export function describeKind(k: MessageKind, storedMs?: number): KindDescription {
  switch (k.kind) {
    case 'delete-marker': {
      const why = MARKER_REASONS[k.reason] ?? `was removed (reason “${k.reason}”)`;
      const gone = k.ttl
        ? ` The marker itself expires ${ttlWords(k.ttl)} after it was written.`
        : '';
      return {
        chip: `delete marker · ${k.reason}`,
        title: `Nats-Marker-Reason: ${k.reason}`,
        text: `Delete marker: the server wrote this in place of the last message on this subject, which ${why}. It has no payload of its own.${gone}`,
      };
    }
    case 'ttl': {
      const forever = k.ms === Infinity;
      const when =
        k.ms !== null && !forever && storedMs !== undefined && Number.isFinite(storedMs)
          ? ` (at ${formatTime(storedMs + k.ms)})`
          : '';
      return {
        chip: forever ? 'TTL never' : `TTL ${ttlWords(k.ttl)}`,
        title: `Nats-TTL: ${k.ttl}`,
        text: forever
          ? 'Per-message TTL “never”: this message stays even past the stream’s max age.'
          : k.ms === null
            ? `Per-message TTL “${k.ttl}” (not a duration this app reads).`
            : `Per-message TTL: the server removes this message ${ttlWords(k.ttl)} after it was stored${when}.`,
      };
    }
    case 'counter': {
      const value = k.value === null ? '' : ` The counter’s value after it: ${k.value}.`;
      return {
        chip: `counter ${k.incr}`,
        title: `Nats-Incr: ${k.incr}`,
        text: `Counter increment of ${k.incr} on this subject.${value}${k.sourced ? ' It includes counts sourced from other streams (Nats-Counter-Sources).' : ''}`,
      };
    }
    case 'schedule': {
      const target = k.target ? ` to ${k.target}` : '';
      const what = k.source ? `the last message on ${k.source}` : 'this payload';
      const extras = [
        k.timeZone ? `time zone ${k.timeZone}` : '',
        k.ttl ? `each published message has a TTL of ${ttlWords(k.ttl)}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return {
        chip: 'schedule',
        title: `Nats-Schedule: ${k.pattern}`,
        text: `Message schedule: the server publishes ${what}${target} ${schedulePatternWords(k.pattern)}.${extras ? ` (${extras}.)` : ''}`,
      };
    }
    case 'scheduled': {
      const next =
        k.next === null
          ? ''
          : k.next.toLowerCase() === 'purge'
            ? ' It was a one-off: the schedule was removed after it ran.'
            : ` Next run: ${Number.isFinite(Date.parse(k.next)) ? formatTime(Date.parse(k.next)) : k.next}.`;
      return {
        chip: 'scheduled',
        title: `Nats-Scheduler: ${k.scheduler}`,
        text: `Published by the message schedule on ${k.scheduler}.${next}`,
      };
    }
  }
}
