import { Suspense } from 'react';
import { TaskStoryView } from '@/components/tasks/task-story-view';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <TaskStoryView id={decodeURIComponent(id)} />
    </Suspense>
  );
}
