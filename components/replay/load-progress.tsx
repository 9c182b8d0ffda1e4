'use client';

import { Notice } from '@/components/ui/notice';
import { formatCount } from '@/lib/format';
import type { ReplayData } from '@/lib/replay/store';
import { useDataVersion } from './use-data-version';

/**
 * The "Reading…" notice of a load, re-rendered per loaded batch (in the next frame): the rest
 * of the view follows the load every few seconds only (use-data-version.ts), this small part
 * shows the progress as it goes.
 */
export function LoadProgress({ data }: { data: ReplayData | null }) {
  useDataVersion(data, undefined, 0);
  if (data?.info.status !== 'loading') return null;
  return (
    <Notice data-testid="replay-loading">
      Reading… {formatCount(data.events.length)} events kept of {formatCount(data.info.read)}{' '}
      messages read.
    </Notice>
  );
}
