// Every size of screen: a phone, a tablet upright and on its side, and a TV. No view makes the page wider than the
// screen (a wide board scrolls inside itself), and the navigation wraps instead of pushing the page sideways.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const SCREENS = [
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'tablet portrait', width: 768, height: 1024, touch: true },
  { name: 'tablet landscape', width: 1024, height: 768, touch: true },
  { name: 'TV', width: 1920, height: 1080, touch: false },
];
const VIEWS = ['board', 'stream', 'flow', 'simulate', 'balance', 'settings'];

/** How far the page reaches past the right edge of the screen, in CSS pixels, and the widest element doing it. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let widest = '';
    let right = 0;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.right > right && getComputedStyle(el).position !== 'fixed') {
        // Only what is not clipped by a scrolling box of its own counts.
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox !== 'visible') {
            clipped = true;
            break;
          }
        }
        if (!clipped) {
          right = r.right;
          widest = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`;
        }
      }
    }
    return { scroll: document.documentElement.scrollWidth - width, widest };
  });
}

for (const screen of SCREENS) {
  test.describe(`${screen.name} (${screen.width}×${screen.height})`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height }, hasTouch: screen.touch });

    for (const view of VIEWS) {
      test(`#/${view} fits the width of the screen`, async ({ page }, info) => {
        await page.goto(`/#/${view}`);
        await expect(page.locator('main h1, main h2, main [data-testid="stage"]').first()).toBeVisible();
        await page.waitForTimeout(300);
        const { scroll, widest } = await overflow(page);
        expect(scroll, `page wider than the screen by ${scroll}px (${widest})`).toBeLessThanOrEqual(0);
        // The screenshot shows the screen as a person sees it: exactly the screen's width, nothing cut off sideways.
        const shot = await page.screenshot({ path: info.outputPath(`${view}.png`) });
        expect(shot.readUInt32BE(16)).toBe(screen.width);
        // Every view link is reachable without scrolling sideways.
        for (const link of await page.getByRole('navigation', { name: 'Views' }).getByRole('link').all()) {
          const box = await link.boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= screen.width + 1, `${await link.textContent()} within the screen`).toBe(true);
        }
      });
    }
  });
}
