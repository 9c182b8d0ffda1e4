'use client';

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useConnectionStatus, useNatsClient } from '@/components/nats/nats-provider';
import { streamInfoQuery } from '@/components/queries/stream';
import { useStreamName } from '@/components/shell/use-stream-name';
import { Notice } from '@/components/ui/notice';
import { Tabs } from '@/components/ui/tabs';
import { Button } from '@/components/ui/button';
import { Kbd } from '@/components/ui/kbd';
import { explainNatsError } from '@/lib/nats/errors';
import { formatCount } from '@/lib/format';
import { validateSubjectFilter } from '@/lib/nats/subjects';
import { adjacentMatch, matchPosition } from '@/lib/browse/matches';
import { downDirection, searchError } from '@/lib/browse/search';
import { KeyLine, MESSAGES_KEYS } from '@/components/shell/page-keys';
import { DetailResizer, detailWidthCss, useDetailWidth } from './detail-resizer';
import { FilterInput } from './filter-input';
import { MessageDetail } from './message-detail';
import { MessageTable, indexOfSeq, rowAt, type MessageTableHandle } from './message-table';
import { RangeDownload } from './range-download';
import { ScanStore } from '@/lib/browse/scan-store';
import { SearchPanel } from './search-panel';
import { SeekControls } from './seek-controls';
import { StreamChangeNotice, useStreamChange } from './stream-change-notice';
import { StreamPicker } from './stream-picker';
import { EXPLORER_PX, SubjectExplorer } from './subject-explorer';
import { useBrowse } from './use-browse';
import { useMessagesUrl } from './url-state';
import { useMessageKeys } from './use-message-keys';

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
  const filter = filterCheck && !filterCheck.ok ? null : url.filter;
  const { store, state, bounds } = useBrowse({ client, info: info.data, stream, filter, seq: url.seq, time: url.time, order });
  const [scan] = useState(() => new ScanStore());
  const scanState = useSyncExternalStore(scan.subscribe, scan.getSnapshot, scan.getSnapshot);
  const [tab, setTab] = useState<'browse' | 'matches'>('browse');
  // The keyboard cursor belongs to one view (stream, filter, start); a new view starts without one.
  const viewKey = `${stream}|${url.filter}|${url.seq}|${url.time}|${order}`;
  const [cursorState, setCursorState] = useState<{ key: string; seq: number | null }>({ key: '', seq: null });
  const cursor = cursorState.key === viewKey ? cursorState.seq : null;
  const setCursor = useCallback((seq: number | null) => setCursorState({ key: viewKey, seq }), [viewKey]);
  const [explorer, setExplorer] = useState(false);
  const [rangeOpen, setRangeOpen] = useState(false);
  const [detailWidth, setDetailWidth] = useDetailWidth();
  const split = useRef<HTMLDivElement>(null);
  const aside = useRef<HTMLElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const table = useRef<MessageTableHandle>(null);
  // The search runs down the table by default.
  const dir = url.dir ?? downDirection(order);
  const rows = tab === 'matches' ? scanState.rows : state.rows;
  const current = url.open ?? cursor;

  useEffect(() => () => scan.clear(), [scan]);

  const open = useCallback((seq: number | null) => {
    setCursor(seq);
    void setUrl({ open: seq }, { history: 'replace' });
  }, [setUrl, setCursor]);
  const step = useCallback(
    (d: 1 | -1) => {
      const from = current ?? state.anchor;
      const idx = from === null ? -1 : indexOfSeq(rows, order, from);
      const move = (seq: number) => (url.open !== null ? open(seq) : setCursor(seq));
      if (idx < 0 && current !== null && tab === 'browse' && state.windowed && store) {
        // The window dropped the rows around the open message: read them again, then step.
        void store.reopen(current, order).then(() => {
          const r = store.getSnapshot().rows;
          const i = indexOfSeq(r, order, current);
          const next = i < 0 ? undefined : rowAt(r, order, i + d);
          if (next) move(next.seq);
        });
        return true;
      }
      const next = rowAt(rows, order, idx < 0 ? 0 : idx + d);
      if (next) move(next.seq);
      return true;
    },
    [current, state.anchor, state.windowed, tab, store, rows, order, url.open, open, setCursor],
  );

  const ranFor = useRef<string | null>(null);
  const runSearch = useCallback(
    async (q: string, dir: 'forward' | 'backward') => {
      ranFor.current = `${stream}|${url.filter}|${q}`;
      // The direction always goes in the URL: a link means the same whatever the order's default.
      void setUrl({ q, dir });
      if (!client || !bounds || searchError(q)) return;
      setTab('matches');
      const from = current ?? state.anchor ?? (dir === 'forward' ? bounds.first : bounds.last);
      await scan.start(client, { stream, q, filter: filter ?? undefined, from, first: bounds.first, direction: dir });
    },
    [client, bounds, current, state.anchor, scan, stream, url.filter, filter, setUrl],
  );
  // A deep link with ?q= runs its search once the stream is known.
  useEffect(() => {
    const key = `${stream}|${url.filter}|${url.q}`;
    if (!url.q || !bounds || !client || ranFor.current === key || scanState.running) return;
    // From the link's position: wait for the view's start (seq/time) to be resolved, else the
    // scan would start at the stream's edge instead.
    if (current === null && state.anchor === null && bounds.messages > 0) return;
    ranFor.current = key;
    // A link without `dir` (older links, or hand-written) searches down the table. Starting the
    // scan (an external store) also switches to the Matches tab.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void runSearch(url.q, dir);
  }, [url.q, dir, url.filter, stream, bounds, client, runSearch, scanState.running, current, state.anchor]);

  // Next/previous search match in display order (like j/k), opening it in the Matches tab.
  const matchSeqs = useMemo(() => scanState.rows.map((r) => r.seq), [scanState.rows]);
  const gotoMatch = useCallback(
    (d: 1 | -1) => {
      const next = adjacentMatch(matchSeqs, order, current, d);
      if (next === null) return matchSeqs.length > 0;
      setTab('matches');
      open(next);
      return true;
    },
    [matchSeqs, order, current, open],
  );

  // Toggling the order keeps the place: the open message stays open and is sought to (so it is
  // in view in the new order); without one, the view reopens at the row at the top of the view
  // (else the current seek position is kept).
  const toggleOrder = useCallback(() => {
    const next = order === 'desc' ? 'asc' : 'desc';
    const at = current ?? table.current?.topSeq() ?? null;
    if (at === null) void setUrl({ order: next });
    else void setUrl({ order: next, seq: String(at), time: null, open: url.open });
  }, [order, url.open, current, setUrl]);

  useMessageKeys({
    step,
    openCursor: () => (cursor !== null ? (open(cursor), true) : false),
    close: () => (url.open !== null ? (open(null), true) : false),
    focusFilter: () => (filterRef.current?.focus(), true),
    first: () => (void setUrl({ seq: String(bounds?.first ?? 1), time: null, order: 'asc', open: null }), true),
    newest: () => (void setUrl({ seq: null, time: null, order: 'desc', open: null }), true),
    match: gotoMatch,
  });

  const onEdges = useCallback(
    (above: number, below: number) => {
      if (tab !== 'browse' || !store) return;
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
            No message matches “{scanState.q}”{filter ? ` under ${filter}` : ''} {scanState.direction === 'forward' ? 'from here on to the newest message' : 'from here back to the first message'}. Check the spelling, try the other direction, or widen the subject filter.
          </span>
        ) : null}
        {tab === 'browse' && state.ready && !loading && state.rows.length > 0 && !(order === 'desc' ? state.hasOlder : state.hasNewer) ? (
          <span>
            {order === 'desc' ? 'Start of the stream.' : 'End of the stream.'}{' '}
            {order === 'asc' ? <button type="button" className="text-accent hover:underline" onClick={() => store?.refreshNewer()}>Check for newer</button> : null}
          </span>
        ) : null}
      </div>
    ),
    [tab, loading, state.ready, state.rows.length, state.hasOlder, state.hasNewer, order, store, scanState.q, scanState.running, scanState.rows.length, scanState.direction, filter],
  );

  return (
    <div className="flex h-[calc(100vh-7rem)] min-h-[30rem] flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        <StreamPicker stream={stream} onPick={(s) => setStream(s)} />
        <FilterInput key={url.filter ?? ''} ref={filterRef} value={url.filter ?? ''} onApply={(f) => void setUrl({ filter: f, open: null })} />
        <Button onClick={() => setExplorer((x) => !x)} aria-pressed={explorer}>Subjects</Button>
        <Button onClick={() => setRangeOpen((x) => !x)} aria-expanded={rangeOpen} disabled={!bounds || empty}>Download range…</Button>
        <SeekControls order={order} bounds={bounds} onSeek={(p) => void setUrl({ ...p, open: null })} onToggleOrder={toggleOrder} />
      </div>
      {rangeOpen && bounds ? (
        <RangeDownload
          key={`${stream}|${filter}`}
          client={client}
          stream={stream}
          filter={filter}
          bounds={{ ...bounds, bytes: info.data?.state.bytes }}
          loaded={state.rows.length ? { first: state.rows[0]!.seq, last: state.rows[state.rows.length - 1]!.seq } : null}
          onClose={() => setRangeOpen(false)}
        />
      ) : null}
      <StreamChangeNotice stream={stream} change={change} />
      {streamError ? <Notice tone="error" title="Cannot read the stream">{streamError.message}</Notice> : null}
      {status.state !== 'connected' && !info.data ? <Notice>Waiting for the connection to NATS…</Notice> : null}
      {filterCheck && !filterCheck.ok ? <Notice tone="error" title={`Invalid filter “${url.filter}” in the link`}>{filterCheck.error} Showing every subject.</Notice> : null}
      {state.notice ? <Notice tone="warn">{state.notice}</Notice> : null}
      {state.error ? <Notice tone="error" title="Reading failed">{state.error}</Notice> : null}
      {empty ? <Notice title={`Stream “${stream}” is empty`}>No messages are stored yet (or all expired). Publish some, or run the demo: npm run demo.</Notice> : null}
      {state.ready && state.rows.length === 0 && !empty && !loading && tab === 'browse' ? (
        <Notice title="No messages match">{url.filter ? `Nothing in ${stream} matches “${url.filter}”. Check the filter or open Subjects to pick one.` : 'Nothing to show here.'}</Notice>
      ) : null}
      <SearchPanel key={`${url.q}|${dir}`} store={scan} q={url.q ?? ''} direction={dir} order={order} position={matchPosition(matchSeqs, order, current)} onMatch={gotoMatch} onRun={(q, d) => void runSearch(q, d)} onClear={() => { scan.clear(); setTab('browse'); ranFor.current = null; void setUrl({ q: null, dir: null }); }} />
      <div className="flex items-center gap-2 text-xs">
        {/* The matches tab exists once a search has run (an empty "Matches (0)" said nothing). */}
        <Tabs
          label="Rows"
          look="text"
          value={tab}
          onChange={setTab}
          items={[
            { id: 'browse', label: `Browse (${formatCount(state.rows.length)} loaded)` },
            { id: 'matches', label: `· Matches (${formatCount(scanState.rows.length)})`, hidden: !scanState.q },
          ]}
        />
        <span className="ml-auto min-w-0 truncate text-muted" data-testid="page-keys-line">
          Keys: <KeyLine keys={MESSAGES_KEYS} brief /> · <Kbd>?</Kbd> all keys
        </span>
      </div>
      <div ref={split} className="flex min-h-0 flex-1 gap-2">
        {explorer ? <SubjectExplorer stream={stream} numSubjects={info.data?.state.num_subjects ?? 0} numMessages={info.data?.state.messages ?? 0} onPick={(f) => void setUrl({ filter: f === '>' ? null : f, open: null })} /> : null}
        <MessageTable
          ref={table}
          label={tab === 'matches' ? 'Search matches' : `Messages in ${stream}`}
          rows={rows}
          order={order}
          selected={current}
          scrollTo={current ?? (url.seq !== null || url.time !== null ? state.anchor : null)}
          onOpen={open}
          onEdges={onEdges}
          footer={footer}
        />
        {url.open !== null ? (
          <>
            <DetailResizer container={split} panel={aside} width={detailWidth} reserved={explorer ? EXPLORER_PX : 0} onWidth={setDetailWidth} />
            {/* With the subject explorer open as well, the detail's default share is smaller, so
                the table between them keeps a readable subject column. */}
            <aside
              ref={aside}
              aria-label="Message detail"
              style={detailWidth === null ? undefined : { width: detailWidthCss(detailWidth, explorer ? EXPLORER_PX : 0) }}
              className={`-ml-2 ${explorer ? 'w-[clamp(20rem,30%,40rem)]' : 'w-[clamp(20rem,38%,40rem)]'} min-w-0 shrink-0 overflow-hidden rounded-lg border border-border bg-panel`}
            >
              <MessageDetail stream={stream} seq={url.open} onClose={() => open(null)} onPrev={() => step(-1)} onNext={() => step(1)} />
            </aside>
          </>
        ) : null}
      </div>
    </div>
  );
}
