import { Suspense } from 'react';
import { ReplayView } from '@/components/replay/replay-view';

export default function Page() {
  return (
    <Suspense>
      <ReplayView />
    </Suspense>
  );
}
