import { Suspense } from 'react';
import { CompareView } from '@/components/tasks/compare-view';

export default function Page() {
  return (
    <Suspense>
      <CompareView />
    </Suspense>
  );
}
