'use client';

import Link from 'next/link';
import type { DecodedEvent } from '@/lib/agents/decode';
import { messagesHref, replayHref, taskHref, timelineHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { ShownText } from '@/components/ui/shown-text';
import { searchTerm } from './message-row';

type Id = {
  label: string;
  value: string;
  field: 'from' | 'to' | 'task' | 'agent';
  view: 'agent' | 'task';
};

/** The ids a decoded event carries (sender, recipient, agent, task), each once. */
export function idsOf(event: DecodedEvent): Id[] {
  const out: Id[] = [];
  const add = (
    label: string,
    value: string | null | undefined,
    field: Id['field'],
    view: Id['view'],
  ) => {
    if (value && !out.some((x) => x.value === value && x.field === field))
      out.push({ label, value, field, view });
  };
  if (event.kind === 'message') {
    add('Sender', event.message.sender_id, 'from', 'agent');
    add('Recipient', event.message.recipient_id, 'to', 'agent');
    add('Task', event.message.task_execution_id, 'task', 'task');
  } else if (event.kind === 'status') {
    add('Agent', event.status.agent_id, 'agent', 'agent');
    add('Task', event.status.task_execution_id, 'task', 'task');
  } else if (event.kind === 'task') {
    add('Task', event.task.task_id, 'task', 'task');
    add('Created by', event.task.created_by, 'from', 'agent');
    add('Assignee', event.task.assignee_id, 'to', 'agent');
  }
  return out;
}

/**
 * The message's ids, each clickable: the id searches this stream for it (`from:`, `to:`,
 * `task:`, `agent:`: here when the page searches, else on /messages); beside it, the agent's
 * timeline, or the task's story and replay.
 */
export function MessageIds({
  stream,
  event,
  onSearch,
}: {
  stream: string;
  event: DecodedEvent;
  onSearch?: (q: string) => void;
}) {
  const linkTz = useChosenTimeZone();
  const ids = idsOf(event);
  if (ids.length === 0) return null;
  return (
    <>
      {ids.map((id) => (
        <div key={`${id.field}:${id.value}`} className="contents">
          <dt className="text-muted">{id.label}</dt>
          <dd className="flex min-w-0 flex-wrap items-center gap-x-2 font-mono text-xs">
            {onSearch ? (
              <button
                type="button"
                className="min-w-0 truncate text-left text-accent hover:underline"
                title={`Search the stream for ${searchTerm(id.field, id.value)}`}
                aria-label={`Search ${id.label.toLowerCase()} ${id.value}`}
                onClick={() => onSearch(searchTerm(id.field, id.value))}
              >
                <ShownText text={id.value} />
              </button>
            ) : (
              // Outside /messages (the timeline's drawer): the id opens the search there.
              <Link
                className="min-w-0 truncate text-accent hover:underline"
                title={`Search the stream for ${searchTerm(id.field, id.value)}`}
                aria-label={`Search ${id.label.toLowerCase()} ${id.value}`}
                href={messagesHref({ tz: linkTz, stream, q: searchTerm(id.field, id.value) })}
              >
                <ShownText text={id.value} />
              </Link>
            )}
            {id.view === 'task' ? (
              <>
                <Link
                  className="font-sans text-accent hover:underline"
                  href={taskHref({ tz: linkTz, stream, task: id.value })}
                >
                  Task story
                </Link>
                <Link
                  className="font-sans text-accent hover:underline"
                  href={replayHref({ tz: linkTz, stream, task: id.value })}
                >
                  Replay task
                </Link>
              </>
            ) : (
              <Link
                className="font-sans text-accent hover:underline"
                href={timelineHref({ tz: linkTz, stream, agents: id.value })}
              >
                Timeline
              </Link>
            )}
          </dd>
        </div>
      ))}
    </>
  );
}
