/**
 * The stream's actual configuration side by side with the seed's intended one
 * (SEED_STREAM_CONFIG). Values are compared in JetStream API units and shown formatted.
 * Fields the seed does not specify are listed with "—" and never count as a difference.
 */
import { formatBytes, formatCount, formatDuration } from '../format';
import { formatUserMetadata } from './metadata';

export type ConfigRow = {
  key: string;
  label: string;
  actual: string;
  seed: string;
  /** True when the seed specifies the field and the stream differs from it. */
  differs: boolean;
};

type Field = { key: string; label: string; fmt: (v: unknown) => string };

const limit = (f: (n: number) => string) => (v: unknown) =>
  typeof v !== 'number' ? '—' : v < 0 ? 'unlimited' : f(v);
const nanosDur = (v: unknown) =>
  typeof v !== 'number' ? '—' : v === 0 ? 'unlimited' : formatDuration(v / 1e6);
const text = (v: unknown) =>
  v === undefined || v === null ? '—' : Array.isArray(v) ? v.join(', ') : String(v);

const FIELDS: Field[] = [
  { key: 'subjects', label: 'Subjects', fmt: text },
  { key: 'retention', label: 'Retention', fmt: text },
  { key: 'max_msgs', label: 'Max messages', fmt: limit(formatCount) },
  { key: 'max_bytes', label: 'Max bytes', fmt: limit(formatBytes) },
  { key: 'max_age', label: 'Max age', fmt: nanosDur },
  { key: 'max_msgs_per_subject', label: 'Max per subject', fmt: limit(formatCount) },
  { key: 'max_msg_size', label: 'Max message size', fmt: limit(formatBytes) },
  { key: 'storage', label: 'Storage', fmt: text },
  { key: 'discard', label: 'Discard', fmt: text },
  { key: 'duplicate_window', label: 'Duplicate window', fmt: nanosDur },
  { key: 'num_replicas', label: 'Replicas', fmt: text },
  {
    key: 'allow_direct',
    label: 'Direct get',
    fmt: (v) => (v === undefined ? '—' : v ? 'yes' : 'no'),
  },
  // The user's metadata only: the server's own `_nats.*` keys are not configuration.
  {
    key: 'metadata',
    label: 'Metadata',
    fmt: (v) =>
      formatUserMetadata(v && typeof v === 'object' ? (v as Record<string, string>) : undefined),
  },
];

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // Subject lists are a set: order does not change what the stream captures.
    return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  }
  return a === b;
}

/** Rows comparing `actual` with `seed`, one per configuration field worth showing. */
export function diffStreamConfig(
  actual: Record<string, unknown>,
  seed: Record<string, unknown>,
): ConfigRow[] {
  return FIELDS.map((f) => {
    const specified = Object.prototype.hasOwnProperty.call(seed, f.key);
    return {
      key: f.key,
      label: f.label,
      actual: f.fmt(actual[f.key]),
      seed: specified ? f.fmt(seed[f.key]) : '—',
      differs: specified && !same(actual[f.key], seed[f.key]),
    };
  });
}
