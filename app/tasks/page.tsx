import { Suspense } from 'react';
import { TasksView } from '@/components/tasks/tasks-view';

export default function Page() {
  return (
    <Suspense>
      <TasksView />
    </Suspense>
  );
}
