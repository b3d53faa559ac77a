// Shared e2e fixture: every test fails on a console error, an uncaught exception or a CSP violation in the page.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
            `${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`,
          );
        });
      });
      await use(problems);
      expect(problems, 'the page reported problems').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until dnd-kit has finished a drag and its drop animation. */
export async function dragSettled(page: import('@playwright/test').Page) {
  await expect(page.locator('[data-dnd-placeholder],[data-dnd-dropping],[data-dnd-dragging]')).toHaveCount(0);
}
