import { Suspense } from 'react';
import { MessagesView } from '@/components/messages/messages-view';

export default function Page() {
  return (
    <Suspense>
      <MessagesView />
    </Suspense>
  );
}
