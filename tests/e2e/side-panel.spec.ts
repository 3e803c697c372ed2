import { CANVAS, MOODLE, expect, launcher, sidePanelText, test } from './fixtures';

// Chrome's real side panel, opened the way a learner opens it: a click on the launcher.

test("a click the page fakes does not open the panel; the learner's click does", async ({ page, demo }) => {
  await page.goto(demo.url(MOODLE, '/mod/page/view.php?id=1325311'));
  await expect(launcher(page)).toBeVisible();
  // The host page runs third-party JavaScript: its synthetic clicks must not open Peerside.
  await page.evaluate(() => document.querySelector('peerside-launcher')?.shadowRoot?.querySelector('button')?.click());
  await page.waitForTimeout(500); // give a wrongly opened panel time to appear, so the check below means something
  expect(await sidePanelText(page)).toBeUndefined();

  await launcher(page).click();
  await expect.poll(() => sidePanelText(page)).toContain('Reading: What makes a question answerable?');
  expect(await sidePanelText(page)).toContain('Introduction to Data Analysis');
});

test('the open panel follows the learner to another tab', async ({ page, demo, extension }) => {
  await page.goto(demo.url(MOODLE, '/course/view.php?id=4021'));
  await launcher(page).click();
  await expect.poll(() => sidePanelText(page)).toContain('Introduction to Data Analysis');

  const canvasTab = await extension.context.newPage();
  await canvasTab.goto(demo.url(CANVAS, '/courses/1730/quizzes/12'));
  await canvasTab.bringToFront();
  await expect.poll(() => sidePanelText(canvasTab)).toContain('Check-in quiz: scope and stakeholders');
  expect(await sidePanelText(canvasTab)).toContain('Foundations of Project Management');

  await page.bringToFront();
  await expect.poll(() => sidePanelText(page)).toContain('Introduction to Data Analysis');
  await canvasTab.close();
});
