'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useIdlePreload } from '@/components/ui/use-idle-preload';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { streamInfoQuery } from '@/components/queries/stream';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Tabs } from '@/components/ui/tabs';
import { Button } from '@/components/ui/button';
import { Kbd } from '@/components/ui/kbd';
import { explainNatsError } from '@/lib/nats/errors';
import { formatCount } from '@/lib/format';
import { validateSubjectFilter } from '@/lib/nats/subjects';
import { matchPosition } from '@/lib/browse/matches';
import { KeyLine, MESSAGES_KEYS } from '@/components/shell/page-keys';
import { DetailResizer, detailWidthCss, useDetailWidth } from './detail-resizer';
import { FilterInput } from './filter-input';
import { MessageTable, type MessageTableHandle } from './message-table';
import { SearchPanel } from './search-panel';
import { SeekControls } from './seek-controls';
import { StreamChangeNotice, useStreamChange } from './stream-change-notice';
import { StreamPicker } from './stream-picker';
import { EXPLORER_PX, SubjectExplorer } from './subject-explorer';
import { useBrowse } from './use-browse';
import { LiveBar } from './live-bar';
import { useTimeZone } from '@/components/ui/use-time-zone';
import { messagesHref } from '@/lib/links';
import { useMessagesUrl } from './url-state';
import { useMessageKeys } from './use-message-keys';
import { useCursorStep, useMessageCursor } from './use-message-cursor';
import { useMessageSearch } from './use-message-search';
import { BrowseNotices } from './browse-notices';

// Each in its own Suspense boundary (a `loading`), so its load never hides the rest of the page.
// (An object literal per call: next/dynamic's compiler transform reads it.)
const NOTHING = () => null;
// Off the first load (a row does not need them): the detail and the range download load once
// rows are shown and the browser is idle, or when first opened.
const loadMessageDetail = () => import('./message-detail');
const loadRangeDownload = () => import('./range-download');
const MessageDetail = dynamic(() => loadMessageDetail().then((m) => m.MessageDetail), {
  loading: NOTHING,
});
const RangeDownload = dynamic(() => loadRangeDownload().then((m) => m.RangeDownload), {
  loading: NOTHING,
});

/** /messages: browse a stream by subject and sequence, search it, open one message. */
export function MessagesView() {
  const [stream, setStream] = useStreamName();
  const [url, setUrl] = useMessagesUrl();
  const client = useNatsClient();
  const status = useConnectionStatus();
  const info = useQuery({ ...streamInfoQuery(stream), enabled: status.state === 'connected' });
  const change = useStreamChange(client, stream);
  const order = url.order ?? 'desc';
  // A hand-edited link may carry an invalid filter: say so and read every subject instead.
  const filterCheck = url.filter ? validateSubjectFilter(url.filter) : null;
  // `?filter=` (empty) means every subject, as no filter does: an empty string is no filter to read with.
  const filter = filterCheck && !filterCheck.ok ? null : url.filter || null;
  // Bumped by "Newest" / End: the view opens again at the true newest even when the URL is unchanged.
  const [reload, setReload] = useState(0);
  const { store, state, bounds } = useBrowse({
    client,
    info: info.data,
    infoAt: info.dataUpdatedAt,
    stream,
    filter,
    seq: url.seq,
    time: url.time,
    order,
    reload,
  });
  const [tz] = useTimeZone();
  const showCreated = (url.cols ?? '').split(',').includes('created');
  // The live tail: wanted unless switched off, running while the table is scrolled to the top.
  const followWanted = url.live !== 'off';
  const [atTop, setAtTop] = useState(true);
  const [tab, setTab] = useState<'browse' | 'matches'>('browse');
  useIdlePreload(state.rows.length > 0, loadMessageDetail, loadRangeDownload);
  const showMatches = useCallback(() => setTab('matches'), []);
  // The keyboard cursor belongs to one view (stream, filter, start); a new view starts without one.
  const setOpen = useCallback(
    (seq: number | null) => void setUrl({ open: seq }, { history: 'replace' }),
    [setUrl],
  );
  const { cursor, setCursor, open, current } = useMessageCursor({
    viewKey: `${stream}|${url.filter}|${url.seq}|${url.time}|${order}`,
    urlOpen: url.open,
    setOpen,
  });
  const search = useMessageSearch({
    client,
    stream,
    filter,
    url,
    setUrl,
    order,
    bounds,
    current,
    anchor: state.anchor,
    showMatches,
    open,
  });
  const { scan, scanState, dir, range, matchSeqs, gotoMatch, searchFor } = search;
  const [explorer, setExplorer] = useState(false);
  const [rangeOpen, setRangeOpen] = useState(false);
  const [detailWidth, setDetailWidth] = useDetailWidth();
  const split = useRef<HTMLDivElement>(null);
  const aside = useRef<HTMLElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const table = useRef<MessageTableHandle>(null);
  const rows = tab === 'matches' ? scanState.rows : state.rows;
  // Newest first, at the top of the Browse tab, caught up: follow; scrolled away: pause (the
  // store deletes the tail's consumer and counts what arrives instead).
  const liveOn = followWanted && atTop && order === 'desc' && tab === 'browse';
  useEffect(() => {
    store?.setLive(liveOn);
  }, [store, liveOn, state.ready, state.hasNewer, state.loadingNewer, state.error]);
  const step = useCursorStep({
    current,
    anchor: state.anchor,
    rows,
    order,
    browsing: tab === 'browse' && state.windowed,
    store,
    urlOpen: url.open,
    open,
    setCursor,
  });

  // Toggling the order keeps the place: the open message stays open and is sought to (so it is
  // in view in the new order); without one, the view reopens at the row at the top of the view
  // (else the current seek position is kept).
  const toggleOrder = useCallback(() => {
    const next = order === 'desc' ? 'asc' : 'desc';
    const at = current ?? table.current?.topSeq() ?? null;
    if (at === null) void setUrl({ order: next });
    else void setUrl({ order: next, seq: String(at), time: null, open: url.open });
  }, [order, url.open, current, setUrl]);

  // "Newest" / End: the true newest (read again even when the URL already says so), followed.
  const goNewest = useCallback(() => {
    void setUrl({ seq: null, time: null, order: 'desc', open: null, live: null });
    setReload((n) => n + 1);
    setTab('browse');
    table.current?.scrollToStart();
  }, [setUrl]);
  // Paused live view: back to the top (the tail catches up from the last row shown).
  const jumpToNewest = useCallback(() => {
    if (url.seq !== null || url.time !== null || state.hasNewer) return goNewest();
    void setUrl({ live: null });
    table.current?.scrollToStart();
  }, [url.seq, url.time, state.hasNewer, goNewest, setUrl]);
  // Copy link from the detail: this view (filter, order, search) with the message open.
  const linkTo = useCallback(
    (seq: number) => {
      const search = url.q ? { q: url.q, dir: url.dir, range: url.range } : {};
      return `${window.location.origin}${messagesHref({ stream, filter: url.filter, seq, order: url.order, open: seq, ...search, live: url.live, cols: url.cols, tz })}`;
    },
    [stream, url.filter, url.order, url.q, url.dir, url.range, url.cols, url.live, tz],
  );

  useMessageKeys({
    step,
    openCursor: () => (cursor !== null ? (open(cursor), true) : false),
    close: () => (url.open !== null ? (open(null), true) : false),
    focusFilter: () => (filterRef.current?.focus(), true),
    first: () => (
      void setUrl({ seq: String(bounds?.first ?? 1), time: null, order: 'asc', open: null }),
      true
    ),
    newest: () => (goNewest(), true),
    match: gotoMatch,
  });

  const onEdges = useCallback(
    (above: number, below: number) => {
      if (tab !== 'browse' || !store) return;
      setAtTop(above === 0);
      store.near(order === 'asc' ? 'older' : 'newer', above);
      store.near(order === 'asc' ? 'newer' : 'older', below);
    },
    [store, order, tab],
  );
  const streamError = info.error ? explainNatsError(info.error, { stream }) : null;
  const empty = bounds?.messages === 0;
  const loading = state.loadingNewer || state.loadingOlder;
  const footer = useMemo(
    () => (
      <div className="px-3 py-2 text-xs text-muted">
        {tab === 'browse' && loading ? 'Reading…' : null}
        {tab === 'matches' && scanState.q && !scanState.running && scanState.rows.length === 0 ? (
          <span data-testid="no-matches">
            No message matches “{scanState.q}”{filter ? ` under ${filter}` : ''}{' '}
            {scanState.direction === 'forward'
              ? 'from here on to the newest message'
              : 'from here back to the first message'}
            . Check the spelling, try the other direction, or widen the subject filter.
          </span>
        ) : null}
        {tab === 'browse' &&
        state.ready &&
        !loading &&
        state.rows.length > 0 &&
        !(order === 'desc' ? state.hasOlder : state.hasNewer) ? (
          <span>
            {order === 'desc' ? 'Start of the stream.' : 'End of the stream.'}{' '}
            {order === 'asc' ? (
              <button
                type="button"
                className="text-accent hover:underline"
                onClick={() => store?.refreshNewer()}
              >
                Check for newer
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
    ),
    [
      tab,
      loading,
      state.ready,
      state.rows.length,
      state.hasOlder,
      state.hasNewer,
      order,
      store,
      scanState.q,
      scanState.running,
      scanState.rows.length,
      scanState.direction,
      filter,
    ],
  );

  return (
    <div className="flex h-[calc(100vh-7rem)] min-h-[30rem] flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <StreamPicker stream={stream} onPick={(s) => setStream(s)} />
        <FilterInput
          key={url.filter ?? ''}
          ref={filterRef}
          value={url.filter ?? ''}
          onApply={(f) => void setUrl({ filter: f, open: null })}
        />
        <Button onClick={() => setExplorer((x) => !x)} aria-pressed={explorer}>
          Subjects
        </Button>
        <Button
          onClick={() => setRangeOpen((x) => !x)}
          aria-expanded={rangeOpen}
          disabled={!bounds || empty}
        >
          Download range…
        </Button>
        <SeekControls
          order={order}
          bounds={bounds}
          onSeek={(p) => void setUrl({ ...p, open: null })}
          onNewest={goNewest}
          onToggleOrder={toggleOrder}
        />
        {order === 'desc' ? (
          <Button
            onClick={() => void setUrl({ live: followWanted ? 'off' : null })}
            aria-pressed={followWanted}
            title="Newest first: show new messages at the top as they arrive"
          >
            Follow
          </Button>
        ) : null}
        <Button
          onClick={() => void setUrl({ cols: showCreated ? null : 'created' })}
          aria-pressed={showCreated}
          title="Show the payload's created_at time as a column"
        >
          created_at column
        </Button>
      </div>
      {rangeOpen && bounds ? (
        <RangeDownload
          key={`${stream}|${filter}`}
          client={client}
          stream={stream}
          filter={filter}
          bounds={{ ...bounds, bytes: info.data?.state.bytes }}
          loaded={
            state.rows.length
              ? { first: state.rows[0]!.seq, last: state.rows[state.rows.length - 1]!.seq }
              : null
          }
          onClose={() => setRangeOpen(false)}
        />
      ) : null}
      <StreamChangeNotice stream={stream} change={change} />
      {order === 'desc' && tab === 'browse' ? (
        <LiveBar
          live={state.live}
          newSince={state.newSince}
          filtered={filter !== null}
          onJump={jumpToNewest}
        />
      ) : null}
      <BrowseNotices
        stream={stream}
        streamError={streamError?.message ?? null}
        waiting={status.state !== 'connected' && !info.data}
        badFilter={
          filterCheck && !filterCheck.ok
            ? { filter: url.filter ?? '', error: filterCheck.error }
            : null
        }
        notice={state.notice}
        error={state.error}
        empty={empty}
        noMatch={
          state.ready && state.rows.length === 0 && !empty && !loading && tab === 'browse'
            ? { filter: url.filter }
            : null
        }
      />
      <SearchPanel
        key={`${url.q}|${dir}|${range}`}
        store={scan}
        q={url.q ?? ''}
        direction={dir}
        range={range}
        order={order}
        stale={search.stale ? { from: scanState.filter, to: filter } : null}
        position={matchPosition(matchSeqs, order, current)}
        onMatch={gotoMatch}
        onRun={(q, d, r) => void search.runSearch(q, d, r)}
        onClear={() => {
          search.clear();
          setTab('browse');
        }}
      />
      <div className="flex items-center gap-2 text-xs">
        {/* The matches tab exists once a search has run (an empty "Matches (0)" said nothing). */}
        <Tabs
          label="Rows"
          look="text"
          value={tab}
          onChange={setTab}
          items={[
            { id: 'browse', label: `Browse (${formatCount(state.rows.length)} loaded)` },
            {
              id: 'matches',
              label: `· Matches (${formatCount(scanState.rows.length)})`,
              hidden: !scanState.q,
            },
          ]}
        />
        <span className="ml-auto min-w-0 truncate text-muted" data-testid="page-keys-line">
          Keys: <KeyLine keys={MESSAGES_KEYS} brief /> · <Kbd>?</Kbd> all keys
        </span>
      </div>
      <div ref={split} className="flex min-h-0 flex-1 gap-2">
        {/* Picking a subject sets the filter only: the open message stays open and a search is
            not restarted (the search line says its results are for the earlier filter). */}
        {explorer ? (
          <SubjectExplorer
            stream={stream}
            numSubjects={info.data?.state.num_subjects ?? 0}
            numMessages={info.data?.state.messages ?? 0}
            active={filter}
            onPick={(f) => void setUrl({ filter: f === '>' ? null : f })}
          />
        ) : null}
        <MessageTable
          ref={table}
          label={tab === 'matches' ? 'Search matches' : `Messages in ${stream}`}
          rows={rows}
          order={order}
          selected={current}
          scrollTo={current ?? (url.seq !== null || url.time !== null ? state.anchor : null)}
          onOpen={open}
          onEdges={onEdges}
          onSearch={searchFor}
          footer={footer}
          tz={tz}
          showCreated={showCreated}
          pinStart={tab === 'browse' && state.live === 'following'}
        />
        {url.open !== null ? (
          <>
            <DetailResizer
              container={split}
              panel={aside}
              width={detailWidth}
              reserved={explorer ? EXPLORER_PX : 0}
              onWidth={setDetailWidth}
            />
            {/* With the subject explorer open as well, the detail's default share is smaller, so
                the table between them keeps a readable subject column. */}
            <aside
              ref={aside}
              aria-label="Message detail"
              style={
                detailWidth === null
                  ? undefined
                  : { width: detailWidthCss(detailWidth, explorer ? EXPLORER_PX : 0) }
              }
              className={`-ml-2 ${explorer ? 'w-[clamp(20rem,30%,40rem)]' : 'w-[clamp(20rem,38%,40rem)]'} min-w-0 shrink-0 overflow-hidden rounded-lg border border-border bg-panel`}
            >
              <MessageDetail
                stream={stream}
                seq={url.open}
                onClose={() => open(null)}
                onPrev={() => step(-1)}
                onNext={() => step(1)}
                tz={tz}
                linkOf={linkTo}
                onSearch={searchFor}
              />
            </aside>
          </>
        ) : null}
      </div>
    </div>
  );
}
