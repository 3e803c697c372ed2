// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import {
  courseKeyOf,
  itemsInOrder,
  type NewPlaylist,
  type Playlist,
  type PlaylistItem,
  type VoteValue,
} from '@/lib/domain/playlists';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { coursePlace, testServices, type, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { alice, bob, carol } from '@/tests/fixtures/sync-harness';
import { PeerPanel } from './PeerPanel';
import { ResourcesSection, type ResourcesServices } from './ResourcesSection';

const names: Record<string, string> = { [alice]: 'Alice Ng', [bob]: 'Bob Osei', [carol]: 'Carol Diaz' };
const COURSE = courseKeyOf(coursePlace.key);

const playlist = (fields: Partial<Playlist> & Pick<Playlist, 'id' | 'title' | 'createdBy'>): Playlist => ({
  placeKey: COURSE,
  description: null,
  curatorNames: [],
  curatorIds: [],
  membersCanAdd: true,
  archived: false,
  hidden: false,
  itemCount: 0,
  createdAt: 1,
  ...fields,
});
const item = (fields: Partial<PlaylistItem> & Pick<PlaylistItem, 'id' | 'playlistId' | 'title' | 'addedBy'>) =>
  ({
    url: `https://example.org/${fields.id}`,
    note: null,
    position: 1,
    score: 0,
    hidden: false,
    myVote: 0,
    createdAt: 1,
    addedByName: names[fields.addedBy!]!,
    ...fields,
  }) satisfies PlaylistItem;

/**
 * The background's playlists as the panel sees them: an in-memory org with the database's rules the
 * panel relies on (votes change the score, reorders renumber, an archived playlist takes nothing) and
 * some of its refusals. The real RPCs and writes are tested in lib/api/playlists.test.ts.
 */
function playlistsOrg() {
  const playlists: Playlist[] = [
    playlist({
      id: 'p-lesson',
      placeKey: coursePlace.key,
      title: 'Joins, visually',
      description: 'Pictures that made joins click.',
      createdBy: bob,
    }),
    playlist({ id: 'p-mine', title: 'SQL references', createdBy: alice, curatorIds: [carol] }),
    playlist({ id: 'p-curated', title: "Carol's picks", createdBy: carol, membersCanAdd: false }),
    playlist({ id: 'p-archived', title: 'Old set-up notes', createdBy: carol, archived: true }),
  ];
  for (const each of playlists) {
    each.curatorNames = [each.createdBy!, ...each.curatorIds].map((id) => names[id]!);
  }
  const items: PlaylistItem[] = [
    item({
      id: 'i-guide',
      playlistId: 'p-lesson',
      title: 'Visual JOIN guide',
      url: 'https://joins.example.org/guide?lang=en',
      note: 'The Venn pictures, and why they mislead.',
      addedBy: carol,
      score: 2,
      position: 1,
    }),
    item({ id: 'i-own', playlistId: 'p-lesson', title: 'My join cheat sheet', addedBy: alice, score: 5, position: 2 }),
    item({
      id: 'i-odd',
      playlistId: 'p-lesson',
      title: 'A link that is not one',
      url: 'javascript:alert(1)',
      addedBy: bob,
      position: 3,
      myVote: -1,
      score: -1,
    }),
    item({ id: 'i-a', playlistId: 'p-mine', title: 'Postgres docs', addedBy: alice, position: 1, score: 1 }),
    item({ id: 'i-b', playlistId: 'p-mine', title: 'Use the index, Luke', addedBy: carol, position: 2, score: 3 }),
    item({ id: 'i-c', playlistId: 'p-mine', title: 'SQLBolt', addedBy: bob, position: 3 }),
    item({ id: 'i-old', playlistId: 'p-archived', title: 'Install guide', addedBy: carol }),
  ];
  const count = () => {
    for (const each of playlists) each.itemCount = items.filter((one) => one.playlistId === each.id).length;
  };
  count();
  const find = (id: string) => items.find((one) => one.id === id)!;
  const services = {
    list: vi.fn(async (placeKey: string) => ({
      ok: true as const,
      playlists: playlists
        .filter((one) => one.placeKey === placeKey || one.placeKey === courseKeyOf(placeKey))
        .map((one) => ({ ...one })),
    })),
    items: vi.fn(async (playlistId: string) => ({
      ok: true as const,
      items: itemsInOrder(
        items.filter((one) => one.playlistId === playlistId),
        'score',
      ).map((one) => ({ ...one })),
    })),
    create: vi.fn(async (id: string, draft: NewPlaylist) => {
      playlists.unshift(
        playlist({
          id,
          title: draft.title,
          description: draft.description || null,
          placeKey: draft.scope === 'course' ? courseKeyOf(draft.place.key) : draft.place.key,
          createdBy: viewer.userId,
          curatorNames: [names[viewer.userId]!],
        }),
      );
    }),
    add: vi.fn(async (_itemId: string, playlistId: string, url: string, title: string, note: string) => {
      if (items.some((one) => one.playlistId === playlistId && one.url === url)) {
        throw new Error('This link is already in the playlist.');
      }
      const position = Math.max(0, ...items.filter((one) => one.playlistId === playlistId).map((one) => one.position));
      items.push(
        item({ id: `i-new-${items.length}`, playlistId, url, title, note: note || null, addedBy: viewer.userId }),
      );
      items.at(-1)!.position = position + 1;
      count();
    }),
    vote: vi.fn(async (itemId: string, value: VoteValue) => {
      const voted = find(itemId);
      if (voted.title === 'SQLBolt') throw new Error('Votes on this resource are closed. Reload the playlist.');
      voted.score += value - voted.myVote;
      voted.myVote = value;
    }),
    remove: vi.fn(async (itemId: string) => {
      items.splice(items.indexOf(find(itemId)), 1);
      count();
    }),
    reorder: vi.fn(async (_playlistId: string, itemIds: string[]) => {
      itemIds.forEach((id, index) => (find(id).position = index + 1));
    }),
    archive: vi.fn(async (playlistId: string, archived: boolean) => {
      playlists.find((one) => one.id === playlistId)!.archived = archived;
    }),
  } satisfies ResourcesServices;
  return services;
}

function show(resources: ResourcesServices = playlistsOrg()) {
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(
    withPeer(testServices(undefined, { resources }), <ResourcesSection place={coursePlace} />, announce),
  );
  return { view, announce, resources };
}

/** The accessible name as a screen reader would read it for these simple controls. */
const nameOf = (node: Element) => node.getAttribute('aria-label') ?? node.textContent ?? '';
const buttonIn = (scope: ParentNode, name: string) => {
  const found = [...scope.querySelectorAll('button')].find((b) => nameOf(b) === name);
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};
const button = (name: string) => buttonIn(document, name);
const hasButton = (scope: ParentNode, name: string) =>
  [...scope.querySelectorAll('button')].some((b) => nameOf(b) === name);
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((node) => node.textContent);
const resource = (title: string) => {
  const found = [...document.querySelectorAll('.resource-item')].find((li) =>
    li.querySelector('.resource-title')!.textContent!.startsWith(title),
  );
  if (!found) throw new Error(`No resource "${title}"`);
  return found;
};
const resourceTitles = () => [...document.querySelectorAll('.resource-title')].map((p) => p.firstChild!.textContent);
const fieldLabelled = <T extends HTMLElement>(label: string) => {
  const found = [...document.querySelectorAll('label')].find((node) => node.textContent === label);
  if (!found) throw new Error(`No field "${label}"`);
  return document.getElementById(found.htmlFor) as T;
};

async function openPlaylist(title: string) {
  await until(() => document.body.textContent!.includes(title), 'the playlists');
  await act(() => button(title).click());
  await until(
    () => document.querySelector('.playlist h4') !== null && !document.body.textContent!.includes('Loading resources…'),
    'its resources',
  );
}

describe('ResourcesSection', () => {
  it("lists the lesson's playlists, then the course's, and opens one with its resources best first as safe links", async () => {
    const { view } = show();
    await until(() => view.textContent!.includes('Joins, visually'), 'the playlists');
    expect(texts('h3')).toEqual(['Shared resources']);
    expect(texts('h4')).toEqual(['For this lesson', 'For the whole course']);
    expect(texts('.playlist-title')).toEqual([
      'Joins, visually',
      'SQL references',
      "Carol's picks",
      'Old set-up notes' + 'Archived',
    ]);
    expect(texts('.playlist-item .thread-meta')).toEqual([
      'Curated by Bob Osei3 resources',
      'Curated by Alice Ng, Carol Diaz3 resources',
      'Curated by Carol Diaz0 resources',
      'Curated by Carol Diaz1 resource',
    ]);
    expect(view.textContent).toContain('Pictures that made joins click.');
    expect(await axeViolations()).toEqual([]);

    await act(() => button('Joins, visually').click());
    await until(() => resourceTitles().length === 3, 'the resources');
    expect(document.activeElement).toBe(view.querySelector('h4'));
    expect(document.activeElement!.textContent).toBe('Joins, visually');
    expect(resourceTitles()).toEqual([
      'My join cheat sheet (opens in a new tab)',
      'Visual JOIN guide (opens in a new tab)',
      'A link that is not one',
    ]);

    const guide = resource('Visual JOIN guide');
    const link = guide.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://joins.example.org/guide?lang=en');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(guide.querySelector('.resource-host')!.textContent).toBe('joins.example.org');
    expect(guide.textContent).toContain('The Venn pictures, and why they mislead.');
    expect(guide.textContent).toContain('Added by Carol Diaz');
    expect(guide.textContent).toContain('Score: 2');
    // A link the database rule would refuse never becomes an anchor.
    expect(resource('A link that is not one').querySelector('a')).toBeNull();
    expect(view.querySelector('a[href^="javascript"]')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    await act(() => button('← All playlists').click());
    await until(() => view.querySelector('.playlist-list') !== null, 'the list');
    expect(document.activeElement).toBe(button('Joins, visually'));
  });

  it("votes up, changes and withdraws, never on the viewer's own resource, and shows a refusal", async () => {
    const { view, announce, resources } = show();
    await openPlaylist('Joins, visually');
    await until(() => resourceTitles().length === 3, 'the resources');

    const own = resource('My join cheat sheet');
    expect(own.textContent).toContain('Added by you');
    expect(own.querySelector('[role="group"]')).toBeNull();
    expect(own.textContent).toContain('Score: 5');

    const votes = () => resource('Visual JOIN guide').querySelector('[role="group"]')!;
    expect(votes().getAttribute('aria-label')).toBe('Vote on Visual JOIN guide');
    expect(buttonIn(votes(), 'Useful').getAttribute('aria-pressed')).toBe('false');
    await act(() => buttonIn(votes(), 'Useful').click());
    await until(() => votes().textContent!.includes('Score: 3'), 'the new score');
    expect(resources.vote).toHaveBeenLastCalledWith('i-guide', 1);
    expect(announce).toHaveBeenLastCalledWith('Vote saved.');
    expect(buttonIn(votes(), 'Useful').getAttribute('aria-pressed')).toBe('true');

    await act(() => buttonIn(votes(), 'Not useful (outdated, broken or off topic)').click());
    await until(() => votes().textContent!.includes('Score: 1'), 'the changed vote');
    expect(resources.vote).toHaveBeenLastCalledWith('i-guide', -1);

    // Pressing the vote one gave takes it back.
    await act(() => buttonIn(votes(), 'Not useful (outdated, broken or off topic)').click());
    await until(() => votes().textContent!.includes('Score: 2'), 'the withdrawn vote');
    expect(resources.vote).toHaveBeenLastCalledWith('i-guide', 0);
    expect(announce).toHaveBeenLastCalledWith('Vote withdrawn.');
    expect(votes().querySelectorAll('[aria-pressed="true"]')).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);

    await act(() => button('← All playlists').click());
    await openPlaylist('SQL references');
    await until(() => resourceTitles().length === 3, 'the resources');
    const bolt = resource('SQLBolt');
    await act(() => buttonIn(bolt, 'Useful').click());
    await until(() => bolt.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(bolt.querySelector('[role="alert"]')!.textContent).toBe(
      'Votes on this resource are closed. Reload the playlist.',
    );
    expect(view.textContent).toContain('Score: 0');
  });

  it("adds a resource, checking the link by the database's rule first, and shows the database's refusal", async () => {
    const { view, announce, resources } = show();
    await openPlaylist('Joins, visually');
    await until(() => resourceTitles().length === 3, 'the resources');
    await act(() => button('Add a resource').click());
    const link = fieldLabelled<HTMLInputElement>('Link');
    expect(document.activeElement).toBe(link);
    expect(button('Add resource').disabled).toBe(true);
    expect(await axeViolations()).toEqual([]);

    await type(link, 'javascript:alert(document.cookie)');
    await type(fieldLabelled<HTMLInputElement>('Title'), 'Totally safe');
    await act(() => button('Add resource').click());
    expect(resources.add).not.toHaveBeenCalled();
    expect(link.getAttribute('aria-invalid')).toBe('true');
    const problem = document.getElementById(link.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(problem.textContent).toBe(
      'Give the link as a web address starting with http:// or https://, without spaces, of at most 2,048 characters.',
    );
    expect(document.activeElement).toBe(link);
    expect(await axeViolations()).toEqual([]);

    await type(link, 'https://me:secret@example.org/joins');
    expect(link.getAttribute('aria-invalid')).toBe('false');
    await act(() => button('Add resource').click());
    expect(view.textContent).toContain('Leave user names and passwords out of the link.');
    expect(resources.add).not.toHaveBeenCalled();

    // The database refuses a link already in the playlist, in its own words; the form keeps what was typed.
    await type(link, 'https://joins.example.org/guide?lang=en');
    await act(() => button('Add resource').click());
    await until(() => view.querySelector('form [role="alert"]') !== null, 'the refusal');
    expect(view.querySelector('form [role="alert"]')!.textContent).toBe('This link is already in the playlist.');
    expect(fieldLabelled<HTMLInputElement>('Title').value).toBe('Totally safe');

    await type(link, '  https://sqlzoo.net/wiki/The_JOIN_operation  ');
    await type(fieldLabelled<HTMLInputElement>('Title'), ' SQLZoo: JOIN ');
    await type(fieldLabelled<HTMLTextAreaElement>('Note (optional)'), 'Exercises 1 to 6.');
    await act(() => button('Add resource').click());
    await until(() => resourceTitles().length === 4, 'the new resource');
    // Sending again after the refusal is the same draft: the same client-made id, so a write the server
    // took but whose answer was lost is never made twice.
    const [refusedId] = vi.mocked(resources.add).mock.calls[0]!;
    expect(resources.add).toHaveBeenLastCalledWith(
      refusedId,
      'p-lesson',
      'https://sqlzoo.net/wiki/The_JOIN_operation',
      'SQLZoo: JOIN',
      'Exercises 1 to 6.',
    );
    expect(announce).toHaveBeenCalledWith('Added "SQLZoo: JOIN" to the playlist.');
    expect(view.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button('Add a resource'));
    expect(resource('SQLZoo: JOIN').textContent).toContain('Added by you');
  });

  it('creates a playlist for the whole course and opens it', async () => {
    const { view, announce, resources } = show();
    await until(() => view.textContent!.includes('Joins, visually'), 'the playlists');
    expect(button('New playlist').getAttribute('aria-expanded')).toBe('false');
    await act(() => button('New playlist').click());
    const title = fieldLabelled<HTMLInputElement>('Playlist title');
    expect(document.activeElement).toBe(title);
    expect(view.querySelector('legend')!.textContent).toBe('Who is it for?');
    const scopes = [...view.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(scopes.map((radio) => [radio.parentElement!.textContent, radio.checked])).toEqual([
      ['This lesson: Joins', true],
      ['The whole course: Databases 101', false],
    ]);
    expect(await axeViolations()).toEqual([]);

    await type(title, 'ab');
    expect(button('Create playlist').disabled).toBe(true);
    await type(title, ' Join practice ');
    await act(() => {
      scopes[1]!.click();
    });
    await type(fieldLabelled<HTMLTextAreaElement>('Description (optional)'), 'Exercises with answers.');
    await act(() => button('Create playlist').click());
    await until(() => view.querySelector('.playlist h4') !== null, 'the new playlist');

    expect(resources.create).toHaveBeenCalledWith(expect.any(String), {
      place: coursePlace,
      scope: 'course',
      title: 'Join practice',
      description: 'Exercises with answers.',
    });
    expect(announce).toHaveBeenCalledWith('Playlist created. You curate it; add the first resource.');
    expect(document.activeElement).toBe(view.querySelector('h4'));
    expect(view.querySelector('h4')!.textContent).toBe('Join practice');
    expect(view.querySelector('.playlist .thread-meta')!.textContent).toBe('For the whole courseCurated by Alice Ng');
    await until(() => view.textContent!.includes('No resources in this playlist yet.'), 'the empty playlist');
    expect(button('Archive playlist')).toBeDefined();
    expect(await axeViolations()).toEqual([]);
  });

  it("lets a curator move resources in the curators' order, remove one, and archive and reopen", async () => {
    const { view, announce, resources } = show();
    await openPlaylist('SQL references');
    await until(() => resourceTitles().length === 3, 'the resources');
    expect(resourceTitles().map((title) => title!.split(' (')[0])).toEqual([
      'Use the index, Luke',
      'Postgres docs',
      'SQLBolt',
    ]);
    // Moving is about the curators' order, so it is offered there only.
    expect(hasButton(view, 'Move up')).toBe(false);
    const order = fieldLabelled<HTMLSelectElement>('Order');
    await act(() => {
      order.value = 'curated';
      order.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(resourceTitles().map((title) => title!.split(' (')[0])).toEqual([
      'Postgres docs',
      'Use the index, Luke',
      'SQLBolt',
    ]);
    expect(buttonIn(resource('Postgres docs'), 'Move up').disabled).toBe(true);
    expect(await axeViolations()).toEqual([]);

    await act(() => buttonIn(resource('SQLBolt'), 'Move up').click());
    await until(() => resourceTitles()[1]!.startsWith('SQLBolt'), 'the move');
    expect(resources.reorder).toHaveBeenLastCalledWith('p-mine', ['i-a', 'i-c', 'i-b']);
    expect(announce).toHaveBeenLastCalledWith('Moved. It is now 2 of 3.');
    expect(document.activeElement).toBe(buttonIn(resource('SQLBolt'), 'Move up'));

    await act(() => buttonIn(resource('SQLBolt'), 'Move up').click());
    await until(() => resourceTitles()[0]!.startsWith('SQLBolt'), 'the second move');
    // At the top "Move up" is disabled, so focus stays on the resource through "Move down".
    expect(document.activeElement).toBe(buttonIn(resource('SQLBolt'), 'Move down'));

    await act(() => buttonIn(resource('Use the index, Luke'), 'Remove').click());
    const question = resource('Use the index, Luke').querySelector('.confirm')!;
    expect(question.textContent).toContain('Remove "Use the index, Luke" from the playlist? Its votes go with it.');
    expect(document.activeElement).toBe(buttonIn(question, 'Keep it'));
    expect(await axeViolations()).toEqual([]);
    await act(() => buttonIn(question, 'Keep it').click());
    expect(document.activeElement).toBe(buttonIn(resource('Use the index, Luke'), 'Remove'));
    expect(resources.remove).not.toHaveBeenCalled();

    await act(() => buttonIn(resource('Use the index, Luke'), 'Remove').click());
    await act(() => button('Remove it').click());
    await until(() => resourceTitles().length === 2, 'the removal');
    expect(resources.remove).toHaveBeenCalledWith('i-b');
    expect(announce).toHaveBeenLastCalledWith('Resource removed.');
    expect(document.activeElement).toBe(view.querySelector('h4'));

    await act(() => button('Archive playlist').click());
    await until(() => view.textContent!.includes('This playlist is archived'), 'archived');
    expect(resources.archive).toHaveBeenCalledWith('p-mine', true);
    expect(announce).toHaveBeenLastCalledWith('Playlist archived. It stays listed, read-only.');
    // Read-only now: no votes, moves, removals or additions.
    expect(hasButton(view, 'Add a resource')).toBe(false);
    expect(hasButton(view, 'Move up')).toBe(false);
    expect(hasButton(view, 'Remove')).toBe(false);
    expect(view.querySelectorAll('[role="group"]')).toHaveLength(0);
    expect(view.querySelector('.playlist .thread-meta')!.textContent).toContain('Archived');

    await act(() => button('Reopen playlist').click());
    await until(() => hasButton(view, 'Add a resource'), 'reopened');
    expect(announce).toHaveBeenLastCalledWith('Playlist reopened.');
  });

  it('offers no adding in a curators-only playlist, and nothing but reading in an archived one', async () => {
    const { view } = show();
    await openPlaylist("Carol's picks");
    await until(() => view.textContent!.includes('No resources in this playlist yet.'), 'the empty playlist');
    expect(view.textContent).toContain('Only the curators add resources to this playlist.');
    expect(hasButton(view, 'Add a resource')).toBe(false);
    expect(hasButton(view, 'Archive playlist')).toBe(false);

    await act(() => button('← All playlists').click());
    await openPlaylist('Old set-up notes');
    await until(() => resourceTitles().length === 1, 'the resources');
    expect(view.textContent).toContain(
      'This playlist is archived: you can read it, but it takes no votes or new resources until a curator reopens it.',
    );
    expect(view.querySelector('[role="group"]')).toBeNull();
    expect(resource('Install guide').textContent).toContain('Score: 0');
    expect(view.textContent).not.toContain('Only the curators add resources');
    expect(await axeViolations()).toEqual([]);
  });

  it('says why playlists could not load, and tries again', async () => {
    const org = playlistsOrg();
    org.list.mockResolvedValueOnce({
      ok: false,
      error: "Resources need a connection. Try again when you're back online.",
    } as never);
    const { view } = show(org);
    await until(() => view.querySelector('[role="alert"]') !== null, 'the error');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      "Resources need a connection. Try again when you're back online.",
    );
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Try again').click());
    await until(() => view.textContent!.includes('Joins, visually'), 'loaded');
    expect(org.list).toHaveBeenCalledTimes(2);
    expect(org.list).toHaveBeenCalledWith(coursePlace.key);
  });

  it('shows nothing where the panel offers no resources', () => {
    const view = renderWithStrings(withPeer(testServices(), <ResourcesSection place={coursePlace} />));
    expect(view.querySelector('section')).toBeNull();
  });

  it('is a tab of the panel when the background offers resources', async () => {
    const services = testServices(undefined, { resources: playlistsOrg() });
    renderWithStrings(
      <PeerPanel
        place={coursePlace}
        connection={{
          status: 'ready',
          connection: {
            backend: 'ready',
            managed: false,
            account: { userId: viewer.userId, orgId: viewer.orgId, email: 'alice@example.edu', role: 'learner' },
          },
        }}
        syncState={undefined}
        services={services}
      />,
    );
    const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent === 'Resources')!;
    expect(tab.getAttribute('aria-selected')).toBe('false');
    await act(() => tab.click());
    await until(() => document.body.textContent!.includes('Joins, visually'), 'the resources tab');
    expect(document.querySelector('#resources-heading')!.textContent).toBe('Shared resources');
    expect(await axeViolations()).toEqual([]);
  });
});
