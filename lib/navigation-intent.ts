/**
 * Navigation intent: whether the user has asked to leave the URL shown (a click on an in-app
 * link to another URL, or a `g` shortcut) and the next page has not replaced it yet.
 *
 * A URL write made meanwhile (replay's debounced `?at=`, the timeline's `?zoom=`) lands on top
 * of the pending navigation: Next.js's router takes the write as the newer navigation and the
 * click is lost. Seen with the page's CPU slowed 3×, Replay → Timeline stayed on /replay?at=1;
 * `e2e/replay.spec.ts` reproduces it with a slow next page. Deferred writers ask
 * `mayWriteUrl()` first.
 */

export type ClickLike = {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
};
export type AnchorLike = { href: string; target: string; download: boolean };

/** Where an in-app link click navigates when it leaves `here` (path + query), else null. */
export function leavingTo(click: ClickLike, a: AnchorLike | null, here: URL): string | null {
  if (!a || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey)
    return null;
  if ((a.target && a.target !== '_self') || a.download) return null; // a new tab or a file
  let to: URL;
  try {
    to = new URL(a.href, here);
  } catch {
    return null;
  }
  if (to.origin !== here.origin) return null;
  const path = to.pathname + to.search;
  return path === here.pathname + here.search ? null : path;
}

/** A navigation that has not replaced the URL after this long failed or was abandoned. */
export const PENDING_MS = 10_000;

let leaving: { from: string; at: number } | null = null;

const shown = () => window.location.pathname + window.location.search;

/** Notes that the user asked to leave the URL shown now. */
export function markLeaving(now = Date.now()): void {
  leaving = { from: shown(), at: now };
}

/** True while a navigation the user asked for has not replaced the URL shown (≤ PENDING_MS). */
export function navigationPending(now = Date.now()): boolean {
  if (leaving && leaving.from === shown() && now - leaving.at < PENDING_MS) return true;
  leaving = null;
  return false;
}

/** A deferred URL write of the page at `path` may go ahead: still on it, and not leaving it. */
export function mayWriteUrl(path: string): boolean {
  return window.location.pathname.endsWith(path) && !navigationPending();
}

/** Notes in-app link clicks (capture phase: before Next.js's Link starts the navigation). */
export function watchLinkClicks(): () => void {
  const onClick = (e: MouseEvent) => {
    const el = e.target instanceof Element ? e.target.closest('a[href]') : null;
    const a =
      el instanceof HTMLAnchorElement
        ? { href: el.href, target: el.target, download: el.hasAttribute('download') }
        : null;
    if (leavingTo(e, a, new URL(window.location.href))) markLeaving();
  };
  document.addEventListener('click', onClick, true);
  return () => document.removeEventListener('click', onClick, true);
}
