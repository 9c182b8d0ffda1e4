import { Suspense } from 'react';
import { TimelineView } from '@/components/timeline/timeline-view';

export default function Page() {
  return (
    <Suspense>
      <TimelineView />
    </Suspense>
  );
}
