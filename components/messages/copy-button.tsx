'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** A small button that copies `text()` to the clipboard and says so for a moment. */
export function CopyButton({ label, text }: { label: string; text: () => string }) {
  const [state, setState] = useState<'idle' | 'ok' | 'fail'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setState('ok');
    } catch {
      setState('fail');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <Button size="sm" variant="outline" onClick={() => void copy()} aria-live="polite">
      {state === 'ok' ? 'Copied' : state === 'fail' ? 'Copy failed' : label}
    </Button>
  );
}
