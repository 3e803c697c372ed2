import AxeBuilder from '@axe-core/playwright';
import { MOODLE, expect, launcher, test } from './fixtures';

test('the learner can hide the launcher from the options page, and bring it back', async ({
  page,
  demo,
  extension,
}) => {
  await page.goto(demo.url(MOODLE, '/course/view.php?id=4021'));
  await expect(launcher(page)).toBeVisible();

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.id}/options.html`);
  await expect(options.getByRole('heading', { level: 1 })).toHaveText('Peerside settings');
  await expect(options.getByText('*://*.moodlecloud.com/*')).toBeVisible();
  const axe = await new AxeBuilder({ page: options }).analyze();
  expect(axe.violations).toEqual([]);

  const toggle = options.getByRole('checkbox', { name: 'Show the Peerside button in the corner of course pages' });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  // Each section of the page has its own status line; this one belongs to the launcher setting.
  await expect(options.getByRole('region', { name: 'On course pages' }).getByRole('status')).toHaveText('Saved.');
  await expect(launcher(page)).toBeHidden();

  await options.reload();
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(launcher(page)).toBeVisible();
  await options.close();
});
