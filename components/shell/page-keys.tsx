import { Fragment } from 'react';
import { Kbd } from '@/components/ui/kbd';

/**
 * Each page's keyboard shortcuts: the single list shown by the page itself (its "Keys" line)
 * and by the `?` help overlay. Keep it in step with the page's key handler
 * (components/messages/use-message-keys.ts, components/replay/player-bar.tsx,
 * components/timeline/use-timeline-keys.ts).
 */
export type PageKey = {
  /** Keys as shown, e.g. ['j', 'k'] (drawn "j / k"). */
  keys: readonly string[];
  /** What they do, e.g. "next / previous row". */
  label: string;
  /** One or two words for a page's own one-line reminder (the `?` overlay shows `label`). */
  brief?: string;
};

export const MESSAGES_KEYS: readonly PageKey[] = [
  { keys: ['j', 'k'], label: 'next / previous row (moves the open message)', brief: 'rows' },
  { keys: ['Enter'], label: 'open the row', brief: 'open' },
  { keys: ['Esc'], label: 'close the detail', brief: 'close' },
  { keys: ['/'], label: 'focus the subject filter', brief: 'filter' },
  { keys: ['Home'], label: 'first message (oldest first)', brief: 'first' },
  { keys: ['End'], label: 'newest message (newest first)', brief: 'newest' },
  { keys: ['n', 'N'], label: 'next / previous search match', brief: 'matches' },
];

export const REPLAY_KEYS: readonly PageKey[] = [
  { keys: ['space'], label: 'play / pause' },
  { keys: ['←', '→'], label: 'step back / forward' },
  { keys: ['Home', 'End'], label: 'jump to start / end' },
  { keys: ['F8'], label: 'continue to the next breakpoint hit', brief: 'continue' },
  { keys: ['Shift+F8'], label: 'back to the previous breakpoint hit', brief: 'previous hit' },
];

export const TIMELINE_KEYS: readonly PageKey[] = [
  { keys: ['space'], label: 'pause / resume' },
  { keys: ['+', '-'], label: 'zoom in / out' },
  { keys: ['←', '→'], label: 'pan back / forward' },
  { keys: ['n'], label: 'back to now (follow)' },
  { keys: ['Esc'], label: 'close the detail' },
];

export const TASKS_KEYS: readonly PageKey[] = [
  { keys: ['/'], label: 'focus the filter' },
  { keys: ['j', 'k'], label: 'next / previous task' },
  { keys: ['Enter'], label: 'open the selected task' },
];

export const TASK_KEYS: readonly PageKey[] = [
  { keys: ['r'], label: 'replay this task' },
  { keys: ['m'], label: 'its messages in the browser' },
  { keys: ['a'], label: 'compare with the previous attempt' },
];

export const COMPARE_KEYS: readonly PageKey[] = [
  { keys: ['n', 'N'], label: 'next / previous difference' },
];

/** Page path → its title and keys (for the help overlay); `/tasks/*` stands for every task page. */
export const PAGE_KEYS: Record<string, { title: string; keys: readonly PageKey[] }> = {
  '/messages': { title: 'Messages', keys: MESSAGES_KEYS },
  '/replay': { title: 'Replay', keys: REPLAY_KEYS },
  '/timeline': { title: 'Timeline', keys: TIMELINE_KEYS },
  '/tasks': { title: 'Tasks', keys: TASKS_KEYS },
  '/tasks/*': { title: 'Task', keys: TASK_KEYS },
  '/compare': { title: 'Compare', keys: COMPARE_KEYS },
};

/** The keys of the page at `pathname` (exact, else its parent's `/*` entry). */
export function pageKeysFor(
  pathname: string,
): { title: string; keys: readonly PageKey[] } | undefined {
  return PAGE_KEYS[pathname] ?? PAGE_KEYS[`${pathname.slice(0, pathname.lastIndexOf('/'))}/*`];
}

/** The keys of a shortcut, each in a <kbd>, separated by "/". */
export function KeyCombo({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        <Fragment key={k}>
          {i > 0 ? '/' : null}
          <Kbd>{k}</Kbd>
        </Fragment>
      ))}
    </>
  );
}

/**
 * A page's keys on one line: "j/k next / previous row · Enter open the row · …", or with
 * `brief` each key's one-word `brief` ("j/k rows · Enter open · …"), short enough to fit
 * beside the page's other controls.
 */
export function KeyLine({ keys, brief }: { keys: readonly PageKey[]; brief?: boolean }) {
  return (
    <>
      {keys.map((k, i) => (
        <Fragment key={k.keys.join()}>
          {i > 0 ? ' · ' : null}
          <KeyCombo keys={k.keys} /> {brief ? (k.brief ?? k.label) : k.label}
        </Fragment>
      ))}
    </>
  );
}
