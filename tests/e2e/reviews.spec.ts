/**
 * Peer review as learners meet it in the panel: Amara, on the demo quiz lesson, asks her peers to review
 * her essay against the default rubric; Sofia, in her own browser on the same lesson, finds it first
 * among her peers' requests and reviews it; Amara sees the scores, the comment and the averages. Real
 * Chromium with the built extension, the real local backend and its seed.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import type { Backend } from '../../scripts/backend/index.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, signIn, startTestBackend } from './peer-helpers';

const SOFIA = 'sofia.marino@northwind.example';
const TITLE = 'Essay draft: sampling bias in online surveys';
const COMMENT = 'Clear argument. Name the survey the 40% comes from.';

/** One person's browser, signed in, with the panel's Reviews tab open beside the demo quiz lesson. */
async function reviewsAs(email: string, backend: Backend, codes: Map<string, string>, demoPort: number) {
  const launched = await launchWithExtension();
  await signIn(launched.context, launched.extensionId, backend, codes, email);
  const extension: LoadedExtension = {
    context: launched.context,
    id: launched.extensionId,
    worker: launched.context.serviceWorkers()[0]!,
  };
  const page = await launched.context.newPage();
  await page.goto(`http://${MOODLE}:${demoPort}/mod/quiz/view.php?id=1325312`);
  const panel = await openPanelFor(extension, await tabIdOf(extension, page));
  await panel.getByRole('tab', { name: 'Reviews' }).click();
  const close = async () => {
    await launched.context.close();
    await rm(launched.userDataDir, { recursive: true, force: true });
  };
  return { panel, reviews: panel.getByRole('region', { name: 'Peer reviews' }), close };
}

/** The request titled `title` in the section, by its heading. */
const requestItem = (panel: Page, title: string) =>
  panel.getByRole('listitem').filter({ has: panel.getByRole('heading', { name: title, level: 5 }) });

test('a learner asks for a review at a lesson, a peer reviews it, and the learner sees the scores', async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  let close = async () => {};
  try {
    const amara = await reviewsAs(AMARA, backend, codes, demo.port);
    close = amara.close;
    await amara.reviews.getByRole('button', { name: 'Ask for a review' }).click();
    const form = amara.reviews.getByRole('form', { name: 'Ask peers to review your work' });
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Link to your work').fill('https://docs.example.com/d/amara/essay-1');
    // The default rubric, as offered.
    await expect(form.getByLabel('Criterion 1')).toHaveValue('Clarity');
    await expect(form.getByLabel('Criterion 2')).toHaveValue('Evidence');
    await expect(form.getByLabel('Criterion 3')).toHaveValue('Structure');
    await expect(form.getByLabel(/^Ask at this page/)).toBeChecked();
    expect((await new AxeBuilder({ page: amara.panel }).analyze()).violations).toEqual([]);
    await form.getByRole('button', { name: 'Ask for reviews' }).click();
    const mine = requestItem(amara.panel, TITLE);
    await expect(mine.getByText('No reviews yet.')).toBeVisible();
    await expect(mine.getByText('Open', { exact: true })).toBeVisible();
    await amara.close();

    const sofia = await reviewsAs(SOFIA, backend, codes, demo.port);
    close = sofia.close;
    const peers = sofia.reviews.getByRole('list').filter({ has: sofia.panel.getByRole('heading', { name: TITLE }) });
    // Asked at this very lesson, so it comes first among her peers' requests.
    await expect(peers.getByRole('heading', { level: 5 }).first()).toHaveText(TITLE);
    const theirs = requestItem(sofia.panel, TITLE);
    await expect(theirs.getByText('Asked by Amara Okafor')).toBeVisible();
    await expect(theirs.getByText('This page', { exact: true })).toBeVisible();
    await expect(theirs.getByRole('link', { name: 'Open the work on docs.example.com (new tab)' })).toHaveAttribute(
      'href',
      'https://docs.example.com/d/amara/essay-1',
    );
    await theirs.getByRole('button', { name: /^Review this work/ }).click();
    await theirs.getByRole('group', { name: 'Clarity' }).getByRole('radio', { name: '4' }).check();
    await theirs.getByRole('group', { name: 'Evidence' }).getByRole('radio', { name: '2' }).check();
    await theirs.getByRole('group', { name: 'Structure' }).getByRole('radio', { name: '5' }).check();
    await theirs.getByLabel('Comment (optional)').fill(COMMENT);
    expect((await new AxeBuilder({ page: sofia.panel }).analyze()).violations).toEqual([]);
    await theirs.getByRole('button', { name: 'Send review' }).click();
    await expect(theirs.getByText('You reviewed this work.')).toBeVisible();
    await expect(theirs.getByRole('button', { name: /^Review this work/ })).toHaveCount(0);
    await sofia.close();

    const again = await reviewsAs(AMARA, backend, codes, demo.port);
    close = again.close;
    const reviewed = requestItem(again.panel, TITLE);
    await expect(reviewed.getByText('1 review', { exact: true })).toBeVisible();
    await expect(reviewed.getByText('Review by Sofia Marino')).toBeVisible();
    await expect(reviewed.getByText('Clarity: 4 of 5')).toBeVisible();
    await expect(reviewed.getByText('Evidence: 2 of 5')).toBeVisible();
    await expect(reviewed.getByText('Structure: 5 of 5')).toBeVisible();
    await expect(reviewed.getByText(COMMENT)).toBeVisible();
    const averages = reviewed.getByRole('table', { name: 'Average scores' });
    await expect(averages.getByRole('row', { name: 'Clarity 4' })).toBeVisible();
    await expect(averages.getByRole('row', { name: 'Evidence 2' })).toBeVisible();
    expect((await new AxeBuilder({ page: again.panel }).analyze()).violations).toEqual([]);
    // The inbox told her too.
    const inbox = again.panel.getByRole('region', { name: /New for you/ });
    await expect(inbox.getByText('A peer reviewed your work.')).toBeVisible();
  } finally {
    await close();
    await demo.close();
    await backend.stop();
  }
});
