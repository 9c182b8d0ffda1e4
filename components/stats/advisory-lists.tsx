'use client';

import { Card, CardHeader } from '@/components/ui/card';
import { ShownText } from '@/components/ui/shown-text';
import { formatCount } from '@/lib/format';
import { formatTime } from '@/lib/time-zone';
import { useTimeZone } from '@/components/ui/use-time-zone';
import type { AdvisoryEvent, MalformedAdvisory } from '@/lib/stats/advisories';
import { Pill } from './parts';

/** Rows rendered per list: the lists are capped (DEAD_LETTER_CAP) but only this many are drawn. */
const SHOWN = 100;

const EVENT_LABEL: Record<AdvisoryEvent['kind'], string> = {
  paused: 'consumer paused',
  resumed: 'consumer resumed',
  pinned: 'consumer pinned',
  unpinned: 'consumer unpinned',
  'batch-abandoned': 'batch abandoned',
  'api-limit': 'API limit reached',
};

function More({ n }: { n: number }) {
  return n > SHOWN ? (
    <li className="px-4 py-2 text-xs text-muted">
      … and {formatCount(n - SHOWN)} more (the newest {SHOWN} are shown).
    </li>
  ) : null;
}

/** Other advisories about the stream (nats-server 2.11+): consumer pause, pin, unpin; abandoned batches; API limit. */
export function AdvisoryEvents({ items }: { items: AdvisoryEvent[] }) {
  const [tz] = useTimeZone();
  if (items.length === 0) return null;
  return (
    <Card>
      <CardHeader title={`Other advisories (${formatCount(items.length)})`} />
      <ul aria-label="Other advisories" className="divide-y divide-border/60 text-sm">
        {items.slice(0, SHOWN).map((e) => (
          <li
            key={`${e.id}-${e.subject}-${e.timeMs}`}
            className="flex items-center gap-4 px-4 py-1.5"
          >
            <span className="w-44 shrink-0">
              <Pill tone={e.kind === 'api-limit' || e.kind === 'batch-abandoned' ? 'warn' : 'ok'}>
                {EVENT_LABEL[e.kind]}
              </Pill>
            </span>
            <span className="w-48 shrink-0 font-mono text-xs text-muted">
              {formatTime(e.timeMs, tz)}
            </span>
            <span className="w-40 shrink-0 truncate font-mono text-xs">
              {e.consumer ? <ShownText text={e.consumer} /> : '—'}
            </span>
            <span className="min-w-0 flex-1 truncate">
              <ShownText text={e.detail} />
            </span>
          </li>
        ))}
        <More n={items.length} />
      </ul>
    </Card>
  );
}

/**
 * Advisories that failed validation (forged, or broken): listed for what they claim and why
 * they are not believed, latest received first; never counted as dead letters.
 */
export function MalformedAdvisories({ items }: { items: MalformedAdvisory[] }) {
  if (items.length === 0) return null;
  return (
    <Card>
      <CardHeader
        title={`Malformed advisories (${formatCount(items.length)})`}
        actions={
          <span className="text-xs text-muted">
            not counted as dead letters; latest received first
          </span>
        }
      />
      <ul
        aria-label="Malformed advisories"
        className="divide-y divide-border/60 text-sm"
        data-testid="malformed-advisories"
      >
        {items.slice(0, SHOWN).map((m) => (
          <li key={`${m.id}-${m.subject}-${m.order}`} className="px-4 py-1.5">
            <div className="flex items-center gap-3">
              <Pill tone="warn">malformed advisory</Pill>
              <span className="text-xs text-muted">claims: {m.claims}</span>
              <span className="min-w-0 flex-1 truncate font-mono text-xs text-muted">
                <ShownText text={m.subject} />
              </span>
            </div>
            <ul className="mt-0.5 list-disc pl-6 text-xs">
              {m.problems.map((p, i) => (
                <li key={i}>
                  <ShownText text={p} />
                </li>
              ))}
            </ul>
          </li>
        ))}
        <More n={items.length} />
      </ul>
    </Card>
  );
}
