import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  leavingTo,
  markLeaving,
  mayWriteUrl,
  navigationPending,
  PENDING_MS,
} from './navigation-intent';

const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
const link = (href: string, extra: Partial<{ target: string; download: boolean }> = {}) => ({
  href,
  target: '',
  download: false,
  ...extra,
});
const here = new URL('http://app.test/replay?from=100&at=150');

describe('leavingTo', () => {
  it('is where a plain click on an in-app link to another URL goes', () => {
    expect(leavingTo(click, link('http://app.test/timeline'), here)).toBe('/timeline');
    expect(leavingTo(click, link('/replay?from=500'), here)).toBe('/replay?from=500'); // same page, other view
  });

  it('is null for what does not leave the page in this tab', () => {
    expect(leavingTo(click, null, here)).toBeNull(); // not a link
    expect(leavingTo(click, link('/replay?from=100&at=150'), here)).toBeNull(); // this URL
    expect(leavingTo(click, link('/replay?from=100&at=150#x'), here)).toBeNull(); // a hash on it
    expect(leavingTo(click, link('https://nats.io/'), here)).toBeNull(); // another site
    expect(leavingTo(click, link('/timeline', { target: '_blank' }), here)).toBeNull();
    expect(leavingTo(click, link('/export.ndjson', { download: true }), here)).toBeNull();
    expect(leavingTo({ ...click, ctrlKey: true }, link('/timeline'), here)).toBeNull(); // new tab
    expect(leavingTo({ ...click, button: 1 }, link('/timeline'), here)).toBeNull(); // middle click
  });
});

describe('navigationPending / mayWriteUrl', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('holds from the click until the URL changes, or at most PENDING_MS', () => {
    const location = { pathname: '/replay', search: '?from=100' };
    vi.stubGlobal('window', { location });
    expect(mayWriteUrl('/replay')).toBe(true);
    const t0 = Date.now();
    markLeaving(t0);
    expect(navigationPending(t0 + 100)).toBe(true);
    expect(mayWriteUrl('/replay')).toBe(false);
    location.pathname = '/timeline'; // the next page is shown
    location.search = '';
    expect(navigationPending(t0 + 200)).toBe(false);
    expect(mayWriteUrl('/replay')).toBe(false); // not this page's URL any more
    expect(mayWriteUrl('/timeline')).toBe(true);
    markLeaving(t0);
    expect(navigationPending(t0 + PENDING_MS - 1)).toBe(true);
    expect(navigationPending(t0 + PENDING_MS)).toBe(false); // it failed or was abandoned
    expect(navigationPending(t0)).toBe(false); // and stays cleared
  });
});
