import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * Every non-ASCII character the UI shows must have a glyph in the fonts this machine has: a
 * character no font covers (⏸ U+23F8 did) renders as an empty box. Each character is drawn on a
 * canvas in its element's font and compared with a code point no font has (U+10FFFD).
 */
async function charsWithoutGlyph(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const fonts = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !el.checkVisibility()) continue;
      for (const ch of node.textContent ?? '') {
        if ((ch.codePointAt(0) ?? 0) > 0x7f && !/\s/u.test(ch))
          fonts.set(ch, getComputedStyle(el).fontFamily);
      }
    }
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 48;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    const draw = (ch: string, family: string) => {
      ctx.clearRect(0, 0, 48, 48);
      ctx.font = `32px ${family}`;
      ctx.fillText(ch, 4, 38);
      return ctx.getImageData(0, 0, 48, 48).data.join();
    };
    const missing: string[] = [];
    for (const [ch, family] of fonts) {
      if (draw(ch, family) === draw('\u{10FFFD}', family))
        missing.push(`${ch} U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}`);
    }
    return missing;
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`every glyph on every page has a font (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    // The theme button shows the other theme's icon.
    expect(await charsWithoutGlyph(page)).toEqual([]);
    await page.goto('/messages?seq=10&open=10');
    await expect(page.locator('[data-seq="10"]').first()).toBeVisible();
    expect(await charsWithoutGlyph(page)).toEqual([]);
    // Replay while it plays: the Pause button shows.
    await page.goto('/replay?from=100&to=2600&at=120&speed=1');
    await expect(page.getByRole('status', { name: 'Playhead sequence' })).toHaveText('120');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    expect(await charsWithoutGlyph(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.goto('/timeline');
    await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAttribute(
      'data-state',
      'connected',
    );
    expect(await charsWithoutGlyph(page)).toEqual([]);
    await page.goto('/stats');
    await expect(
      page
        .getByRole('group', { name: 'Stream figures' })
        .getByRole('group', { name: 'Messages', exact: true }),
    ).toBeVisible();
    expect(await charsWithoutGlyph(page)).toEqual([]);
  });
}
