/**
 * Shared resources as a learner meets them in the panel: on the demo quiz lesson Amara creates a
 * playlist for the lesson, adds a link to it, then opens the course's playlist a peer curates and votes
 * a resource up. Real Chromium with the built extension and the real local backend; the peers'
 * playlist is put at the demo course before the test (the seed's live at moodle.localhost).
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import type { Backend } from '../../scripts/backend/index.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, signIn, startTestBackend } from './peer-helpers';

const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const SOFIA = 'a1000000-0000-4000-8000-000000000006';
const MEI = 'a1000000-0000-4000-8000-000000000007';
const COURSE_PLAYLIST = 'Week 1: explainers that helped';
const FIRST = 'Level of measurement (Wikipedia)';
const SECOND = 'OpenIntro Statistics (free textbook)';
const NEW_PLAYLIST = 'Quiz 1: what I read';
const NEW_LINK = 'https://en.wikipedia.org/wiki/Continuous_or_discrete_variable';
const NEW_TITLE = 'Continuous or discrete variable';

/** PostgREST with the service role (past RLS): what the database holds, or rows put there before the test. */
async function serviceRest(
  backend: Backend,
  path: string,
  init: { method?: string; body?: unknown; prefer?: string } = {},
) {
  const response = await fetch(`${backend.url}/rest/v1/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: backend.serviceRoleKey,
      authorization: `Bearer ${backend.serviceRoleKey}`,
      'content-type': 'application/json',
      ...(init.prefer ? { prefer: init.prefer } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} failed: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as Record<string, unknown>[]) : [];
}

/**
 * Grace's playlist at the demo course, as the database would hold it had Grace and Sofia added its two
 * resources and Mei voted the first one up (the score trigger sums the vote): scores 1 and 0.
 */
async function seedCoursePlaylist(backend: Backend, courseKey: string) {
  const playlistId = crypto.randomUUID();
  const itemIds = [crypto.randomUUID(), crypto.randomUUID()];
  await serviceRest(backend, 'places?on_conflict=org_id,key', {
    method: 'POST',
    body: [{ org_id: NORTHWIND, key: courseKey, platform: 'moodle', course_id: '4021' }],
    prefer: 'resolution=ignore-duplicates,return=minimal',
  });
  await serviceRest(backend, 'playlists', {
    method: 'POST',
    body: [{ id: playlistId, org_id: NORTHWIND, place_key: courseKey, created_by: GRACE, title: COURSE_PLAYLIST }],
    prefer: 'return=minimal',
  });
  await serviceRest(backend, 'playlist_items', {
    method: 'POST',
    body: [
      {
        id: itemIds[0],
        org_id: NORTHWIND,
        playlist_id: playlistId,
        url: 'https://en.wikipedia.org/wiki/Level_of_measurement',
        title: FIRST,
        note: 'Nominal, ordinal, interval and ratio.',
        position: 1,
        added_by: GRACE,
      },
      {
        id: itemIds[1],
        org_id: NORTHWIND,
        playlist_id: playlistId,
        url: 'https://www.openintro.org/book/os/',
        title: SECOND,
        note: 'Section 1.2 covers types of variables.',
        position: 2,
        added_by: SOFIA,
      },
    ],
    prefer: 'return=minimal',
  });
  await serviceRest(backend, 'playlist_votes', {
    method: 'POST',
    body: [{ id: crypto.randomUUID(), org_id: NORTHWIND, item_id: itemIds[0], user_id: MEI, value: 1 }],
    prefer: 'return=minimal',
  });
  return { playlistId, secondItemId: itemIds[1]! };
}

test('a learner creates a playlist for the lesson, adds a link, and votes up a peer’s resource', async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  const launched = await launchWithExtension();
  try {
    await signIn(launched.context, launched.extensionId, backend, codes, AMARA);
    const extension: LoadedExtension = {
      context: launched.context,
      id: launched.extensionId,
      worker: launched.context.serviceWorkers()[0]!,
    };
    const courseKey = `moodle|${MOODLE}:${demo.port}|4021`;
    const { secondItemId } = await seedCoursePlaylist(backend, courseKey);

    const page = await launched.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/mod/quiz/view.php?id=1325312`);
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    await panel.getByRole('tab', { name: 'Resources' }).click();
    const resources = panel.getByRole('region', { name: 'Shared resources' });
    await expect(resources.getByRole('button', { name: COURSE_PLAYLIST })).toBeVisible();
    await expect(resources.getByRole('heading', { name: 'For the whole course', level: 4 })).toBeVisible();

    // A playlist for this lesson: the org has no place for the demo lesson yet, so creating it adds one.
    await resources.getByRole('button', { name: 'New playlist' }).click();
    await expect(resources.getByRole('radio', { name: /^This lesson/ })).toBeChecked();
    await resources.getByLabel('Playlist title').fill(NEW_PLAYLIST);
    await resources.getByLabel('Description (optional)').fill('What I read before retaking the quiz.');
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);
    await resources.getByRole('button', { name: 'Create playlist' }).click();
    const heading = resources.getByRole('heading', { name: NEW_PLAYLIST, level: 4 });
    await expect(heading).toBeFocused();
    await expect(resources.getByText('No resources in this playlist yet.')).toBeVisible();

    await resources.getByRole('button', { name: 'Add a resource' }).click();
    await resources.getByLabel('Link', { exact: true }).fill('javascript:alert(1)');
    await resources.getByLabel('Title', { exact: true }).fill(NEW_TITLE);
    await resources.getByRole('button', { name: 'Add resource' }).click();
    await expect(resources.getByText('Give the link as a web address starting with http:// or https://')).toBeVisible();
    await resources.getByLabel('Link', { exact: true }).fill(NEW_LINK);
    await resources.getByLabel('Note (optional)').fill('Cleared up the siblings question for me.');
    await resources.getByRole('button', { name: 'Add resource' }).click();
    const added = resources.getByRole('link', { name: new RegExp(`^${NEW_TITLE}`) });
    await expect(added).toHaveAttribute('href', NEW_LINK);
    await expect(added).toHaveAttribute('target', '_blank');
    await expect(added).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(resources.getByText('Added by you')).toBeVisible();
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);

    const stored = await serviceRest(
      backend,
      `playlist_items?url=eq.${encodeURIComponent(NEW_LINK)}&select=title,playlist_id`,
    );
    // The seed has the same link in a playlist of its own (at moodle.localhost): keep to the new one.
    const mine = stored.filter((row) => row.title === NEW_TITLE);
    expect(mine).toHaveLength(1);
    const [created] = await serviceRest(backend, `playlists?id=eq.${String(mine[0]!.playlist_id)}&select=place_key`);
    expect(created!.place_key).toBe(`${courseKey}|cm:1325312`);

    // Back in the list: the lesson's own playlist first, the course's after it.
    await resources.getByRole('button', { name: '← All playlists' }).click();
    await expect(resources.getByRole('heading', { level: 4 })).toHaveText(['For this lesson', 'For the whole course']);
    await expect(resources.getByText('1 resource')).toBeVisible();

    // The peer's playlist: best voted first; Amara votes the second resource up.
    await resources.getByRole('button', { name: COURSE_PLAYLIST }).click();
    const list = resources.getByRole('list', { name: `Resources in ${COURSE_PLAYLIST}` });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').first()).toContainText(FIRST);
    const second = list.getByRole('listitem').filter({ hasText: SECOND });
    await expect(second.getByText('Added by Sofia Marino')).toBeVisible();
    await expect(second.getByText('Score: 0')).toBeVisible();
    const useful = second
      .getByRole('group', { name: `Vote on ${SECOND}` })
      .getByRole('button', { name: 'Useful', exact: true });
    await expect(useful).toHaveAttribute('aria-pressed', 'false');
    await useful.click();
    await expect(useful).toHaveAttribute('aria-pressed', 'true');
    await expect(second.getByText('Score: 1')).toBeVisible();
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);
    const [scored] = await serviceRest(backend, `playlist_items?id=eq.${secondItemId}&select=score`);
    expect(scored!.score).toBe(1);

    // The vote is the server's: after a reload the panel shows it pressed.
    await panel.reload();
    await panel.getByRole('tab', { name: 'Resources' }).click();
    await panel.getByRole('button', { name: COURSE_PLAYLIST }).click();
    const again = panel.getByRole('listitem').filter({ hasText: SECOND });
    await expect(again.getByRole('button', { name: 'Useful', exact: true })).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await launched.context.close();
    await rm(launched.userDataDir, { recursive: true, force: true });
    await demo.close();
    await backend.stop();
  }
});
