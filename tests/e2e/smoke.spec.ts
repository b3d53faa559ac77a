// Smoke test: the built app opens on the demo line, shows the takt computed in the worker, under a strict CSP.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

const demo = JSON.parse(readFileSync(new URL('../../static/demo-line.json', import.meta.url), 'utf8')) as {
  tables: { cards: { retired: boolean }[] };
};

test('the app opens on the demo line with its takt, and every view is reachable', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'self'/);

  await expect(page.getByRole('combobox', { name: 'Value stream' })).toHaveValue('demo-steering');
  await expect(page.getByTestId('stage')).toHaveCount(8);
  await expect(page.getByTestId('stage').first()).toContainText('Receiving');
  // Two shifts of 27,600 s for 920 pieces a day: 60 s.
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');
  // Pitch = takt × pack-out: 20-piece containers every 20 min, 40-piece ones every 40 min.
  await expect(page.getByTestId('header-pitch')).toHaveText(/20 min\s*\/ 20 pcs\s*40 min\s*\/ 40 pcs/);

  await page.getByRole('link', { name: 'Line balancing' }).click();
  await expect(page).toHaveURL(/#\/balance$/);
  await expect(page.getByText('Final assembly cell')).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('the demo is seeded once: a reload keeps what is in the database', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('stage')).toHaveCount(8);
  // every active card of the demo line, waited for (the stages render before their cards do)
  const cards = demo.tables.cards.filter((c) => !c.retired).length;
  await expect(page.getByTestId('card')).toHaveCount(cards);
  await page.reload();
  await expect(page.getByTestId('stage')).toHaveCount(8);
  await expect(page.getByTestId('card')).toHaveCount(cards);
});
