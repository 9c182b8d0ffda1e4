'use client';

import { Fragment } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus } from '@/components/nats/nats-provider';
import { streamInfoQuery } from '@/components/queries/stream';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Kbd } from '@/components/ui/kbd';
import { ShownText } from '@/components/ui/shown-text';
import { createdAtMs, decodeEvent, taskOf } from '@/lib/agents/decode';
import { cliServerUrl, natsCliCommand, TRUNCATE_BYTES, textPreview } from '@/lib/browse/payload';
import { formatBytes, formatCount } from '@/lib/format';
import { formatTime, timeZoneLabel, type TimeZone } from '@/lib/time-zone';
import { MessageIds } from './message-ids';
import { messagesHref } from '@/lib/links';
import { useChosenTimeZone } from '@/components/ui/use-time-zone';
import { explainNatsError } from '@/lib/nats/errors';
import type { StreamMessage } from '@/lib/stream/reader';
import { ReplayFromHere } from '@/components/replay/replay-from-here';
import { CopyButton } from './copy-button';
import { MessageKinds } from './message-kinds';
import { messageQuery } from '@/components/queries/stream';
import { PayloadView } from './payload-view';

export type MessageDetailProps = {
  stream: string;
  seq: number;
  onClose?: () => void;
  onPrev?: () => void;
  onNext?: () => void;
  /** How times are shown (default local). */
  tz?: TimeZone;
  /** "Copy link": the host's link to this message (default: the stream at this message). */
  linkOf?: (seq: number) => string;
  /** An id clicked: the host searches for it (without: ids are plain text with their views). */
  onSearch?: (q: string) => void;
};

/**
 * One stored message, self-contained: fetches it (direct get when the stream allows it) and
 * shows metadata, headers and the payload, with copy actions and "Replay from here".
 * Used by /messages and embedded by other views. Keys are the host page's job.
 */
export function MessageDetail({
  stream,
  seq,
  onClose,
  onPrev,
  onNext,
  tz = 'local',
  linkOf,
  onSearch,
}: MessageDetailProps) {
  const status = useConnectionStatus();
  const connected = status.state === 'connected';
  const info = useQuery({ ...streamInfoQuery(stream), enabled: connected });
  const direct = info.data?.config.allow_direct === true;
  const ready = connected && (info.isSuccess || info.isError);
  const msg = useQuery({
    ...messageQuery(stream, seq, direct),
    enabled: ready && Number.isSafeInteger(seq) && seq > 0,
  });

  return (
    <section
      aria-label={`Message ${seq}`}
      className="flex h-full min-h-0 flex-col"
      data-testid="message-detail"
      data-seq={seq}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2">
        <h2 className="font-mono text-sm font-semibold">#{formatCount(seq)}</h2>
        <div className="ml-auto flex items-center gap-1">
          {onPrev ? (
            <Button size="sm" onClick={onPrev} aria-label="Previous message" title="Previous (k)">
              ↑ <Kbd>k</Kbd>
            </Button>
          ) : null}
          {onNext ? (
            <Button size="sm" onClick={onNext} aria-label="Next message" title="Next (j)">
              ↓ <Kbd>j</Kbd>
            </Button>
          ) : null}
          {onClose ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={onClose}
              aria-label="Close message"
              title="Close (Esc)"
            >
              ✕
            </Button>
          ) : null}
        </div>
      </header>
      <div className="min-h-0 flex-1 space-y-3 overflow-auto p-3">
        {msg.error ? (
          <Notice tone="error" title={`Cannot read message ${seq}`}>
            {explainNatsError(msg.error, { stream }).message}
          </Notice>
        ) : msg.isSuccess && !msg.data ? (
          <Notice tone="warn" title={`No message at sequence ${formatCount(seq)}`}>
            It was deleted, expired (max age / max messages) or never existed. Pick another row, or
            seek to a sequence.
          </Notice>
        ) : !msg.data ? (
          <p className="text-sm text-muted">
            {connected ? 'Reading message…' : 'Waiting for the connection…'}
          </p>
        ) : (
          <Body
            stream={stream}
            m={msg.data}
            server={cliServerUrl(status.server?.url, status.servers)}
            tz={tz}
            linkOf={linkOf}
            onSearch={onSearch}
          />
        )}
      </div>
    </section>
  );
}

/**
 * A subject that wraps only after its dots, never inside a token: each token (with its dot)
 * is an inline-block, so the line breaks between tokens, not at a `-` or `_` inside one (a
 * UUID's hyphens are break points for plain text). Only a token wider than the whole panel
 * wraps inside itself, as a last resort (max-width + overflow-wrap).
 */
function SubjectText({ subject }: { subject: string }) {
  const tokens = subject.split('.');
  return (
    <>
      {tokens.map((t, i) => (
        <Fragment key={i}>
          <span className="inline-block max-w-full">
            <ShownText text={i < tokens.length - 1 ? `${t}.` : t} />
          </span>
          <wbr />
        </Fragment>
      ))}
    </>
  );
}

function Body({
  stream,
  m,
  server,
  tz,
  linkOf,
  onSearch,
}: {
  stream: string;
  m: StreamMessage;
  server: string | null;
  tz: TimeZone;
  linkOf?: (seq: number) => string;
  onSearch?: (q: string) => void;
}) {
  const linkTz = useChosenTimeZone();
  const small = m.data.length <= TRUNCATE_BYTES;
  const { event } = small
    ? decodeEvent(m.subject, m.data)
    : { event: { kind: 'generic' as const } };
  const created = createdAtMs(event);
  const link = () =>
    linkOf
      ? linkOf(m.seq)
      : `${window.location.origin}${messagesHref({ tz: linkTz, stream, seq: m.seq, open: m.seq })}`;
  return (
    <>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">Subject</dt>
        <dd className="font-mono [overflow-wrap:anywhere]" data-testid="detail-subject">
          <SubjectText subject={m.subject} />
        </dd>
        <dt className="text-muted">Stream time</dt>
        <dd className="font-mono" title={m.time}>
          {formatTime(m.timeMs, tz)}{' '}
          <span className="font-sans text-xs text-muted">{timeZoneLabel(tz, m.timeMs)}</span>
        </dd>
        <dt className="text-muted">created_at</dt>
        <dd className="font-mono">
          {created === null ? '—' : formatTime(created, tz)}
          {event.kind !== 'generic' && event.contract.createdNaive && (
            <span className="font-sans text-muted">
              {' '}
              · no time zone in the payload: read as UTC
            </span>
          )}
        </dd>
        <MessageIds stream={stream} event={event} onSearch={onSearch} />
        <dt className="text-muted">Size</dt>
        <dd className="font-mono">{formatBytes(m.size)}</dd>
      </dl>
      <MessageKinds m={m} />
      <div className="flex flex-wrap gap-1">
        <CopyButton label="Copy payload" text={() => textPreview(m.data)} />
        <CopyButton label="Copy link" text={link} />
        <CopyButton label="Copy as nats CLI" text={() => natsCliCommand(stream, m.seq, server)} />
        <ReplayFromHere stream={stream} seq={m.seq} task={taskOf(event)} />
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Headers</h3>
        {m.headers.length === 0 ? (
          <p className="text-xs text-muted">No headers</p>
        ) : (
          <table className="w-full text-xs" data-testid="detail-headers" aria-label="Headers">
            <tbody>
              {m.headers.map(([k, v], i) => (
                <tr key={`${k}-${i}`} className="border-b border-border last:border-0">
                  <th
                    scope="row"
                    className="py-0.5 pr-3 text-left font-mono font-normal text-muted"
                  >
                    <ShownText text={k} />
                  </th>
                  <td className="py-0.5 font-mono break-all">
                    <ShownText text={v} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Payload</h3>
        <PayloadView key={m.seq} data={m.data} />
      </div>
    </>
  );
}
