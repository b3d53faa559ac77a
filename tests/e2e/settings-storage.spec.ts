// Settings shows this device's storage (used of allowed) and whether it is persistent, with what to do if not.
import { test, expect } from './fixtures.ts';

test('Settings shows storage used and available, and whether the browser keeps it', async ({ page }) => {
  await page.goto('/#/settings');
  const use = page.getByTestId('storage-use');
  await expect(use).toContainText(/Taktboard uses [\d.,]+ MB of the [\d.,]+ MB this browser allows/);
  const persisted = page.getByTestId('storage-persisted');
  await expect(persisted).toContainText(/Storage is (persistent|not persistent)/);
  const text = (await persisted.textContent()) ?? '';
  if (text.includes('not persistent')) await expect(persisted.getByRole('button', { name: 'Ask to keep it' })).toBeVisible();
  // The figures are the browser's own estimate.
  const estimate = await page.evaluate(async () => (await navigator.storage.estimate()).quota ?? 0);
  expect(estimate).toBeGreaterThan(0);
});
