/**
 * Light/dark theme: the class on <html>, remembered in localStorage, following the system
 * until the user picks. THEME_SCRIPT runs before paint so there is no flash.
 */
export type Theme = 'light' | 'dark';
const KEY = 'agent-replay.theme';

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem('${KEY}');if(!t){t=window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.classList.toggle('dark',t==='dark')}catch(e){}})();`;

/** The theme now shown. */
export function currentTheme(): Theme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/** Shows and remembers a theme. */
export function setTheme(t: Theme): void {
  document.documentElement.classList.toggle('dark', t === 'dark');
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // ignore
  }
  window.dispatchEvent(new Event('agent-replay-theme'));
}

/** For useSyncExternalStore. */
export function subscribeTheme(l: () => void): () => void {
  window.addEventListener('agent-replay-theme', l);
  return () => window.removeEventListener('agent-replay-theme', l);
}
