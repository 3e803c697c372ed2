import { CANVAS, expect, openPanelFor, tabIdOf, test } from './fixtures';

test('the panel follows a single-page course through pushState and Back, without page loads', async ({
  page,
  demo,
  extension,
}) => {
  await page.goto(demo.url(CANVAS, '/courses/1730/modules'));
  const panel = await openPanelFor(extension, await tabIdOf(extension, page));
  await expect(panel.getByTestId('lesson-title')).toHaveText('Course home');
  // A marker on the window survives client-side navigation and dies with a page load.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  await page.getByRole('link', { name: 'Draft a project charter' }).click();
  await expect(page).toHaveURL(/\/assignments\/55\?module_item_id=448684$/);
  await expect(panel.getByTestId('lesson-title')).toHaveText('Draft a project charter');

  await page.getByRole('link', { name: 'Modules' }).click();
  await page.getByRole('link', { name: 'Check-in quiz: scope and stakeholders' }).click();
  await expect(panel.getByTestId('lesson-title')).toHaveText('Check-in quiz: scope and stakeholders');

  await page.goBack();
  await expect(page).toHaveURL(/\/courses\/1730\/modules$/);
  await expect(panel.getByTestId('lesson-title')).toHaveText('Course home');
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await panel.close();
});
