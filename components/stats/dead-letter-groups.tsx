'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { ShownText } from '@/components/ui/shown-text';
import { formatCount } from '@/lib/format';
import { formatTime, offsetTag } from '@/lib/time-zone';
import { useTimeZone, useChosenTimeZone } from '@/components/ui/use-time-zone';
import { showHidden } from '@/lib/hidden-chars';
import { messagesHref } from '@/lib/links';
import type { DeadLetter } from '@/lib/stats/advisories';
import { groupDeadLetters } from '@/lib/stats/dead-letter-groups';
import { useDeadLetterOriginals } from './use-dead-letter-originals';

/** Dead letters by reason, the original's subject and its message type, with counts. */
export function DeadLetterGroups({
  stream,
  items,
  direct,
}: {
  stream: string;
  items: readonly DeadLetter[];
  direct: boolean;
}) {
  const linkTz = useChosenTimeZone();
  const [tz] = useTimeZone();
  const originals = useDeadLetterOriginals(stream, items, direct);
  const groups = useMemo(() => groupDeadLetters(items, originals.rows), [items, originals.rows]);
  return (
    <Card>
      <CardHeader
        title="By reason, subject and type"
        actions={
          originals.pending ? (
            <span className="text-xs text-muted">
              reading {formatCount(originals.pending)} originals…
            </span>
          ) : null
        }
      />
      <div className="max-h-[320px] overflow-auto">
        <table
          className="w-full table-fixed text-sm"
          aria-label="Dead letters by reason, subject and type"
        >
          <thead className="sticky top-0 bg-panel text-left text-xs text-muted">
            <tr>
              <th scope="col" className="w-[28%] px-4 py-2 font-medium">
                Reason
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Subject
              </th>
              <th scope="col" className="w-[16%] px-4 py-2 font-medium">
                Type
              </th>
              <th scope="col" className="w-24 px-4 py-2 text-right font-medium">
                Count
              </th>
              <th scope="col" className="w-[20%] px-4 py-2 font-medium">
                Newest ({offsetTag(tz)})
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key} className="border-t border-border/60" data-testid="dead-letter-group">
                <td className="truncate px-4 py-1.5" title={g.reason}>
                  <ShownText text={g.reason} />
                </td>
                <td
                  className="truncate px-4 py-1.5 font-mono text-xs"
                  title={g.subject ? showHidden(g.subject) : undefined}
                >
                  {g.subject ? (
                    // The group's subjects in the browser (`*` where the id was).
                    <Link
                      className="hover:underline"
                      href={messagesHref({ tz: linkTz, stream, filter: g.subject })}
                    >
                      <ShownText text={g.subject} />
                    </Link>
                  ) : (
                    <span className="text-muted">
                      {originals.pending ? 'reading…' : 'not in the stream'}
                    </span>
                  )}
                </td>
                <td className="truncate px-4 py-1.5">
                  {g.type ? <ShownText text={g.type} /> : <span className="text-muted">—</span>}
                </td>
                <td className="px-4 py-1.5 text-right tabular-nums">{formatCount(g.count)}</td>
                <td className="truncate px-4 py-1.5 text-xs">
                  <Link
                    className="text-accent hover:underline"
                    href={messagesHref({ tz: linkTz, stream, seq: g.latestSeq, open: g.latestSeq })}
                  >
                    seq {formatCount(g.latestSeq)}
                  </Link>{' '}
                  <span className="text-muted">
                    {g.latestMs ? formatTime(g.latestMs, tz).slice(11, 19) : ''}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
