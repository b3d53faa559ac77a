// Value-stream editor, calendar, parts and streams: takt in the header follows; invalid input is refused with a message; axe finds nothing serious.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

test('changing the shift calendar changes takt in the header', async ({ page }) => {
  await page.goto('/#/stream');
  // Two shifts of 27,600 s for 920 pieces a day: 60 s. One shift: 30 s.
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');
  const calendar = page.getByRole('form', { name: 'Shift calendar' });
  await calendar.getByRole('button', { name: 'Remove shift Late' }).click();
  await expect(page.getByTestId('available-time')).toContainText('460 min');
  await calendar.getByRole('button', { name: 'Save calendar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Shift calendar saved' })).toBeVisible();
  await expect(page.getByTestId('takt-value')).toHaveText('30.0 s');

  // A longer early shift (06:00–15:00, 540 − 50 = 490 min) gives 29,400 s ÷ 920 = 32.0 s.
  await calendar.getByLabel('End').fill('15:00');
  await calendar.getByRole('button', { name: 'Save calendar' }).click();
  await expect(page.getByTestId('takt-value')).toHaveText('32.0 s');
});

test('breaks longer than the shift are refused with the engine message and takt stays', async ({ page }) => {
  await page.goto('/#/stream');
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');
  const calendar = page.getByRole('form', { name: 'Shift calendar' });
  await calendar.getByLabel('Minutes of Meal in Early').fill('600');
  await expect(page.getByTestId('available-time')).toContainText('leaving no time to work');
  await calendar.getByRole('button', { name: 'Save calendar' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Shift "Early"' })).toContainText(
    'breaks (620 min) and planned downtime (0 min) fill the whole 510-min shift, leaving no time to work',
  );
  await page.reload();
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');
  await expect(page.getByRole('form', { name: 'Shift calendar' }).getByLabel('Minutes of Meal in Early')).toHaveValue('30');
});

test('part demand feeds takt; demand ≤ 0 and container quantity ≤ 0 are refused and nothing changes', async ({ page }) => {
  await page.goto('/#/stream');
  const part = page.getByRole('form', { name: 'Part SC-100' });
  await part.getByLabel('Demand (pieces/day)').fill('0');
  await part.getByRole('button', { name: 'Save part SC-100' }).click();
  await expect(part.locator('..').getByRole('alert')).toHaveText('Demand must be more than 0 pieces per day; got 0.');
  await part.getByLabel('Demand (pieces/day)').fill('460');
  await part.getByLabel('Container quantity').fill('-4');
  await part.getByRole('button', { name: 'Save part SC-100' }).click();
  await expect(part.locator('..').getByRole('alert')).toHaveText('Container quantity must be more than 0 pieces; got -4.');
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');

  // 55,200 s for 460 + 300 + 160 + 230 = 1,150 pieces: 48 s.
  await part.getByLabel('Container quantity').fill('20');
  await part.getByLabel('Demand (pieces/day)').fill('690');
  await part.getByRole('button', { name: 'Save part SC-100' }).click();
  await expect(page.getByTestId('takt-value')).toHaveText('48.0 s');

  const add = page.getByRole('form', { name: 'Add a part' });
  await add.getByLabel('Part number').fill('SC-300');
  await add.getByLabel('Family').fill('Columns');
  await add.getByLabel('Demand (pieces/day)').fill('230');
  await add.getByLabel('Container quantity').fill('10');
  await add.getByRole('button', { name: 'Add part' }).click();
  await expect(page.getByRole('form', { name: 'Part SC-300' })).toBeVisible();
  // 55,200 s ÷ 1,380 pieces = 40 s.
  await expect(page.getByTestId('takt-value')).toHaveText('40.0 s');
});

test('a new value stream gets a default calendar, becomes current in the header picker, and can be renamed', async ({ page }) => {
  await page.goto('/#/stream');
  await page.getByLabel('New value stream').fill('Rack line');
  await page.getByRole('button', { name: 'Create stream' }).click();
  const picker = page.getByRole('combobox', { name: 'Value stream' });
  await expect(picker.locator('option:checked')).toHaveText('Rack line');
  await expect(page.getByRole('heading', { name: 'Value stream: Rack line' })).toBeVisible();
  await expect(page.getByTestId('stream-stage')).toHaveCount(0);
  // No parts yet, so no demand: the header says why there is no takt.
  await expect(page.getByTestId('takt-error')).toBeVisible();

  const add = page.getByRole('form', { name: 'Add a part' });
  await add.getByLabel('Part number').fill('RP-1');
  await add.getByLabel('Family').fill('Racks');
  await add.getByLabel('Demand (pieces/day)').fill('450');
  await add.getByLabel('Container quantity').fill('10');
  await add.getByRole('button', { name: 'Add part' }).click();
  // Default calendar: 06:00–14:00 less a 30-minute meal = 27,000 s ÷ 450 = 60 s.
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');

  await page.getByLabel('Name of this value stream').fill('Rack and pinion line');
  await page.getByRole('button', { name: 'Rename stream' }).click();
  await expect(picker.locator('option:checked')).toHaveText('Rack and pinion line');

  await page.getByLabel('Name of this value stream').fill('Steering column line');
  await page.getByRole('button', { name: 'Rename stream' }).click();
  await expect(page.getByRole('alert')).toHaveText('There is already a value stream called "Steering column line".');

  await picker.selectOption('demo-steering');
  await expect(page.getByRole('heading', { name: 'Value stream: Steering column line' })).toBeVisible();
  await expect(page.getByTestId('stream-stage')).toHaveCount(8);
});

test('the value stream view has no serious or critical accessibility violations', async ({ page }) => {
  // axe walks every form control of a long editor: 20-30 s alone on the shared 2-core machine, more under load.
  test.setTimeout(180_000);
  await page.goto('/#/stream');
  await expect(page.getByTestId('stream-stage')).toHaveCount(8);
  await expect(page.getByTestId('proposal')).toHaveCount(2);
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('overlapping shifts count their common time once and a duplicate shift is refused with its message', async ({ page }) => {
  await page.goto('/#/stream');
  const calendar = page.getByRole('form', { name: 'Shift calendar' });
  const shifts = calendar.getByTestId('shift');
  // Early and Late made the same: refused as a duplicate, naming both.
  await shifts.nth(1).getByLabel('Start').fill(await shifts.nth(0).getByLabel('Start').inputValue());
  await shifts.nth(1).getByLabel('End').fill(await shifts.nth(0).getByLabel('End').inputValue());
  await expect(page.getByTestId('available-time')).toContainText('Shift "Late" is a duplicate of shift "Early"');
  // Late moved to overlap Early by an hour: the hour counts once, and the editor says so.
  const [h, m] = (await shifts.nth(0).getByLabel('End').inputValue()).split(':').map(Number);
  await shifts.nth(1).getByLabel('Start').fill(`${String(h - 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  await shifts.nth(1).getByLabel('End').fill(`${String(h + 7).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  await expect(page.getByTestId('available-time')).toContainText('Shifts overlap by 60 min, counted once');
});
