/** The app's pages, their shortcut keys (after `g`) and labels. */
export const NAV_ITEMS = [
  { href: '/', label: 'Overview', key: 'h' },
  { href: '/messages', label: 'Messages', key: 'm' },
  { href: '/replay', label: 'Replay', key: 'r' },
  { href: '/timeline', label: 'Timeline', key: 't' },
  { href: '/tasks', label: 'Tasks', key: 'k' },
  { href: '/stats', label: 'Stats', key: 's' },
] as const;
