'use client';

import { useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { parseServerList } from '@/lib/config';
import type { NatsAuth } from '@/lib/nats/connection';
import { settingsStore } from '@/components/nats/settings-store';
import { useConnectionStatus, useRuntimeConfig } from '@/components/nats/nats-provider';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { CapabilityLine } from './capability-line';
import { cspBlocked } from './csp-blocked';

type Kind = NatsAuth['kind'];

const field = 'w-full rounded-md border border-border bg-panel-2 px-2 py-1.5 text-sm font-mono';

/** Change servers and credentials. Credentials go only to NATS, kept per session unless remembered. */
export function ConnectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  // Portalled to <body>: inside the sticky, backdrop-blurred header the fixed overlay would be
  // positioned (and clipped) relative to the header, leaving the page below undimmed.
  return createPortal(<ConnectDialogBody onClose={onClose} />, document.body);
}

/** Catches malformed secrets before they reach NATS, with a message that says what is expected. */
export function checkAuth(auth: NatsAuth): string | null {
  switch (auth.kind) {
    case 'token':
      return auth.token ? null : 'Enter the token.';
    case 'user':
      return auth.user ? null : 'Enter the user name.';
    case 'nkey':
      return /^SU[A-Z2-7]{56}$/.test(auth.seed)
        ? null
        : 'An NKey user seed starts with "SU" and has 58 characters (A–Z, 2–7). Paste the seed, not the public key (U…).';
    case 'creds':
      return /-----BEGIN NATS USER JWT-----[\s\S]+-----BEGIN USER NKEY SEED-----/.test(auth.creds)
        ? null
        : 'A creds file holds a "BEGIN NATS USER JWT" block and a "BEGIN USER NKEY SEED" block (nsc generate creds).';
    default:
      return null;
  }
}

function ConnectDialogBody({ onClose }: { onClose: () => void }) {
  const config = useRuntimeConfig();
  const status = useConnectionStatus();
  const current = settingsStore.getSnapshot();
  const [servers, setServers] = useState((current.servers ?? config.servers).join(', '));
  const [kind, setKind] = useState<Kind>(current.auth.kind);
  const [remember, setRemember] = useState(current.remember);
  const [error, setError] = useState<string | null>(null);
  // Reopening the dialog (say, to change the server) keeps the saved secret of each kind.
  const saved = current.auth;
  const formRef = useRef<HTMLFormElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget as HTMLFormElement);
    const list = parseServerList(servers);
    const bad = list.find((u) => !/^wss?:\/\/[^\s/]+/.test(u));
    if (list.length === 0 || bad) {
      setError(
        bad
          ? `"${bad}" is not a WebSocket URL (ws://host:port or wss://host:port).`
          : 'Give at least one server.',
      );
      return;
    }
    const get = (k: string) => String(fd.get(k) ?? '');
    let auth: NatsAuth = { kind: 'none' };
    if (kind === 'token') auth = { kind, token: get('token') };
    if (kind === 'user') auth = { kind, user: get('user'), pass: get('pass') };
    if (kind === 'nkey') auth = { kind, seed: get('seed').trim() };
    if (kind === 'creds') auth = { kind, creds: get('creds') };
    const authError = checkAuth(auth);
    if (authError) {
      setError(authError);
      return;
    }
    cspBlocked.clear();
    const same = list.join(',') === config.servers.join(',');
    settingsStore.save({ servers: same ? null : list, auth, remember });
    onClose();
  };

  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 p-4 pt-24"
      onClick={onClose}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="connect-title"
        className="w-full max-w-lg rounded-lg border border-border bg-panel p-4 shadow-xl"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="connect-title" className="mb-3 text-base font-semibold">
          Connect to NATS
        </h2>
        <CapabilityLine className="mb-3 text-xs text-muted" />
        {status.error ? (
          <Notice tone="error" className="mb-3" title="Last connection error">
            {status.error}
          </Notice>
        ) : null}
        {cspBlocked.size > 0 ? (
          <Notice
            tone="error"
            className="mb-3"
            title="Blocked by the app's Content-Security-Policy"
          >
            The browser may only open WebSockets to the NATS servers the app is configured with. Add{' '}
            <span className="font-mono">{[...cspBlocked].join(', ')}</span> to NATS_WS_URL (or
            NATS_CSP_CONNECT_SRC) on the app server.
          </Notice>
        ) : null}
        <form ref={formRef} onSubmit={submit} className="space-y-3">
          <label className="block text-sm">
            WebSocket servers{' '}
            <span className="text-muted">(comma-separated; the rest are failover)</span>
            <input
              autoFocus
              className={field}
              value={servers}
              onChange={(e) => setServers(e.target.value)}
              name="servers"
            />
          </label>
          {/* Not wrapped: a wrapping label would name the select after all its options. */}
          <div className="block text-sm">
            <label htmlFor="connect-auth-kind">Authentication</label>
            <select
              id="connect-auth-kind"
              className={field}
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              name="kind"
            >
              <option value="none">None</option>
              <option value="token">Token</option>
              <option value="user">User and password</option>
              <option value="nkey">NKey seed</option>
              <option value="creds">Creds file (JWT)</option>
            </select>
          </div>
          {kind === 'token' ? (
            <label className="block text-sm">
              Token
              <input
                type="password"
                className={field}
                name="token"
                autoComplete="off"
                defaultValue={saved.kind === 'token' ? saved.token : ''}
              />
            </label>
          ) : null}
          {kind === 'user' ? (
            <div className="grid grid-cols-2 gap-2">
              <label className="block text-sm">
                User
                <input
                  className={field}
                  name="user"
                  autoComplete="username"
                  defaultValue={saved.kind === 'user' ? saved.user : ''}
                />
              </label>
              <label className="block text-sm">
                Password
                <input
                  type="password"
                  className={field}
                  name="pass"
                  autoComplete="current-password"
                  defaultValue={saved.kind === 'user' ? saved.pass : ''}
                />
              </label>
            </div>
          ) : null}
          {kind === 'nkey' ? (
            <label className="block text-sm">
              NKey seed (SU…)
              <input
                type="password"
                className={field}
                name="seed"
                autoComplete="off"
                defaultValue={saved.kind === 'nkey' ? saved.seed : ''}
              />
            </label>
          ) : null}
          {kind === 'creds' ? (
            <div className="space-y-2 text-sm">
              <label className="block">
                Creds file
                <input
                  type="file"
                  accept=".creds,text/plain"
                  className="mt-1 block w-full text-sm text-muted file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-solid file:border-border file:bg-panel-2 file:px-3 file:py-1 file:text-sm file:text-fg hover:file:bg-bg"
                  onChange={async (e) => {
                    const f = e.target.files?.[0];
                    const ta = formRef.current?.elements.namedItem(
                      'creds',
                    ) as HTMLTextAreaElement | null;
                    if (f && ta) ta.value = await f.text();
                  }}
                />
              </label>
              <label className="block">
                <span className="text-muted">or paste the creds file contents</span>
                {/* No spellcheck: some browsers send checked text to a remote service. */}
                <textarea
                  className={`${field} mt-1 h-24 text-xs`}
                  name="creds"
                  spellCheck={false}
                  autoComplete="off"
                  defaultValue={saved.kind === 'creds' ? saved.creds : ''}
                  placeholder="-----BEGIN NATS USER JWT-----"
                />
              </label>
            </div>
          ) : null}
          {kind !== 'none' ? (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={remember}
                onChange={(e) => setRemember(e.target.checked)}
              />
              Remember credentials in this browser (otherwise they last for this tab session)
            </label>
          ) : null}
          {error ? <Notice tone="error">{error}</Notice> : null}
          <div className="flex justify-between gap-2 pt-1">
            <Button
              variant="ghost"
              onClick={() => {
                settingsStore.save({ servers: null, auth: { kind: 'none' }, remember: false });
                onClose();
              }}
            >
              Reset to defaults
            </Button>
            <div className="flex gap-2">
              <Button onClick={onClose}>Cancel</Button>
              <Button type="submit" variant="default">
                Connect
              </Button>
            </div>
          </div>
        </form>
      </div>
    </div>
  );
}
