import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { ConnectionCard } from './connection-card';
import { HealthStrip } from './health-strip';
import { StreamSummary } from './stream-summary';

const PAGES = [
  {
    href: '/messages',
    title: 'Messages',
    text: 'Browse the stream by subject and sequence, search all of it, export.',
  },
  {
    href: '/replay',
    title: 'Replay',
    text: 'Time-travel through agent conversations; state of every agent and task at any point.',
  },
  {
    href: '/timeline',
    title: 'Timeline',
    text: 'Live swimlanes of agent status and task lifecycles.',
  },
  {
    href: '/tasks',
    title: 'Tasks',
    text: 'Every task with its outcome and latencies; why one took so long; compare two attempts.',
  },
  { href: '/stats', title: 'Stats', text: 'Stream, subjects, consumers, lag and dead letters.' },
];

/** The home page: connection, stream headline figures, where to go next. */
export function Overview() {
  return (
    <div className="space-y-4">
      <ConnectionCard />
      <StreamSummary />
      <HealthStrip />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {PAGES.map((p) => (
          <Link key={p.href} href={p.href} className="block">
            <Card className="h-full p-4 hover:border-accent">
              <div className="font-semibold">{p.title}</div>
              <p className="mt-1 text-sm text-muted">{p.text}</p>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
