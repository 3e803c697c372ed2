import AxeBuilder from '@axe-core/playwright';
import { CANVAS, MOODLE, expect, launcher, openPanelFor, tabIdOf, test } from './fixtures';

test('the built extension loads with least-privilege permissions', async ({ extension }) => {
  const manifest = await extension.worker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.permissions).toEqual(['storage', 'sidePanel', 'scripting', 'alarms']);
  // Admin rule hosts are granted at run time, never at install.
  expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
  expect(manifest.host_permissions ?? []).toEqual([]);
  const matches = manifest.content_scripts?.flatMap((script) => script.matches ?? []) ?? [];
  // Known LMS hosts only (lib/lms/detect.test.ts checks each pattern's shape); never a catch-all.
  expect(matches).toEqual(expect.arrayContaining(['*://*.instructure.com/*', '*://*.moodlecloud.com/*']));
  for (const pattern of matches) expect(pattern).toMatch(/^\*:\/\/\*\.[a-z0-9-]+(\.[a-z0-9-]+)+\//);
});

test('the launcher appears on a Moodle course page, labelled and reachable by keyboard', async ({ page, demo }) => {
  await page.goto(demo.url(MOODLE, '/course/view.php?id=4021'));
  await expect(launcher(page)).toBeVisible();
  await expect(launcher(page)).toHaveText('Peers');
  // The launcher is the last thing in the page, so Shift+Tab from the top reaches it.
  await page.keyboard.press('Shift+Tab');
  await expect(launcher(page)).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('peerside-launcher').analyze();
  expect(axe.violations).toEqual([]);
});

test('no launcher on LMS pages that are not course pages', async ({ page, demo }) => {
  await page.goto(demo.url(MOODLE, '/my/'));
  // The dashboard links to the course: once it is there the content script has had its chance to run.
  await expect(page.getByRole('link', { name: 'Introduction to Data Analysis' })).toBeVisible();
  await page.waitForFunction(() => document.readyState === 'complete');
  await expect(launcher(page)).toHaveCount(0);
});

test('the side panel names the course and lesson of a Moodle activity', async ({ page, demo, extension }) => {
  await page.goto(demo.url(MOODLE, '/mod/quiz/view.php?id=1325312'));
  await expect(launcher(page)).toBeVisible();
  const panel = await openPanelFor(extension, await tabIdOf(extension, page));
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Introduction to Data Analysis');
  await expect(panel.getByTestId('lesson-title')).toHaveText('Quiz: Variables and observations');
  await expect(panel.getByText('Moodle', { exact: true })).toBeVisible();
  const axe = await new AxeBuilder({ page: panel }).analyze();
  expect(axe.violations).toEqual([]);
  await panel.close();
});

test('the panel follows the tab through navigations, and says when it is not a course page', async ({
  page,
  demo,
  extension,
}) => {
  await page.goto(demo.url(MOODLE, '/course/view.php?id=4021'));
  const panel = await openPanelFor(extension, await tabIdOf(extension, page));
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Introduction to Data Analysis');
  await expect(panel.getByTestId('lesson-title')).toHaveText('Course home');

  await page.getByRole('link', { name: 'Reading: Mean, median and why they disagree' }).click();
  await expect(panel.getByTestId('lesson-title')).toHaveText('Reading: Mean, median and why they disagree');

  await page.goto(demo.url(MOODLE, '/my/'));
  await expect(panel.getByText("You're on Moodle, but this page isn't part of a course.")).toBeVisible();

  await page.goto(demo.url('elsewhere.example.test', '/'));
  await expect(panel.getByText("This tab isn't a course page Peerside knows.")).toBeVisible();
  await panel.close();
});

test('a Canvas module item and its content URL are one place, named in the panel', async ({
  page,
  demo,
  extension,
}) => {
  await page.goto(demo.url(CANVAS, '/courses/1730/modules/items/448683'));
  await expect(page).toHaveURL(/\/pages\/week-1-welcome\?module_item_id=448683$/);
  const panel = await openPanelFor(extension, await tabIdOf(extension, page));
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Foundations of Project Management');
  await expect(panel.getByTestId('lesson-title')).toHaveText('Week 1: Welcome and ways of working');
  await expect(panel.getByText('Canvas', { exact: true })).toBeVisible();
  await panel.close();
});
