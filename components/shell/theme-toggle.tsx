'use client';

import { useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { MoonIcon, SunIcon } from '@/components/ui/icons';
import { currentTheme, setTheme, subscribeTheme } from './theme';

/** Switches light/dark (also on the `t` key, see shortcuts). */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => null);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={theme ? `Switch to ${next} theme` : 'Switch theme'}
      title="Theme (t)"
      onClick={() => setTheme(next)}
    >
      {theme === 'dark' ? <SunIcon size={16} /> : <MoonIcon size={16} />}
    </Button>
  );
}
