import { Suspense } from 'react';
import { StatsPage } from '@/components/stats/stats-page';

export default function Page() {
  return (
    <Suspense>
      <StatsPage />
    </Suspense>
  );
}
