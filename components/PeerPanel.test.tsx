// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/lib/domain/account';
import { DEFAULT_ORG_SETTINGS, panelFeatures } from '@/lib/domain/org-settings';
import { render } from 'preact';
import { I18nContext } from '@/components/i18n';
import { axeViolations, renderWithStrings, t } from '@/tests/fixtures/render';
import { cache, coursePlace, settle, testServices, type, until, viewer } from '@/tests/fixtures/peer';
import { bob, newPlace, newThread } from '@/tests/fixtures/sync-harness';
import { offeredServices, type PeerServices } from './peer-services';
import { PeerPanel, type ConnectionState } from './PeerPanel';
import { PlacePanel } from './PlacePanel';

const ready = (connection: Partial<Connection>): ConnectionState => ({
  status: 'ready',
  connection: { backend: 'ready', managed: false, account: null, ...connection },
});
const signedIn = ready({
  account: { userId: viewer.userId, orgId: viewer.orgId, email: 'alice@example.edu', role: 'learner' },
});

/** The panel as the side panel wires it: the place's name, then its questions. */
function showPanel(connection: ConnectionState, services = testServices()) {
  const view = renderWithStrings(
    <PlacePanel
      state={{ status: 'ready', context: { tabId: 1, detectedAt: 1, place: coursePlace } }}
      forCoursePage={(place) => (
        <PeerPanel place={place} connection={connection} syncState={undefined} services={services} />
      )}
    />,
  );
  return { view, services };
}

const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('PeerPanel', () => {
  it('asks to connect, or to sign in, with a button that opens the settings', async () => {
    const { view, services } = showPanel(ready({ backend: 'missing' }));
    expect(view.textContent).toContain("Peerside isn't connected to your organisation yet");
    await act(() => button('Open Peerside settings to connect').click());
    expect(services.openOptions).toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);

    showPanel(ready({}));
    expect(document.body.textContent).toContain('Sign in to see and ask questions about this page.');
    expect(button('Open Peerside settings to sign in')).toBeDefined();
    expect(await axeViolations()).toEqual([]);
  });

  it('says what to do when signed in without an organisation, or when the background did not answer', async () => {
    showPanel(ready({ account: { userId: viewer.userId, email: 'a@example.edu' } }));
    expect(document.body.textContent).toContain("your account isn't part of an organisation on Peerside yet");
    expect(document.querySelectorAll('button')).toHaveLength(0);
    showPanel({ status: 'error' });
    expect(document.querySelector('[role="alert"]')!.textContent).toMatch(/Close the panel and open it again/);
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps the course name as the one level-2 heading and the lesson test id', async () => {
    const { view } = showPanel(signedIn);
    await settle();
    expect([...view.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Databases 101']);
    expect(view.querySelector('[data-testid="lesson-title"]')!.textContent).toBe('Joins');
  });

  it('opens the place (marks it used, asks for a sync), asks a question, and opens it and back', async () => {
    const services = testServices();
    await cache.place(services.db, newPlace());
    await cache.thread(services.db, newThread(bob, 'Older question', { updatedAt: 1 }));
    const { view } = showPanel(signedIn, services);
    await until(() => view.querySelectorAll('.thread-list li').length === 1, 'the list');
    expect(services.requestSync).toHaveBeenCalledWith(false, coursePlace.key);
    expect((await services.db.places.get([viewer.orgId, coursePlace.key]))!.lastUsedAt).toBe(services.now());

    await act(() => button('Ask a question').click());
    expect(document.activeElement).toBe(view.querySelector('input[name="title"]'));
    await type(view.querySelector<HTMLInputElement>('input[name="title"]')!, 'What is a semi join?');
    await act(() => button('Post question').click());
    await until(() => view.querySelectorAll('.thread-list li').length === 2, 'the new question');
    const newest = view.querySelector('.thread-list li')!;
    expect(newest.textContent).toContain('What is a semi join?');
    expect(newest.textContent).toContain('Waiting to send');
    await until(() => document.activeElement === newest.querySelector('button'), 'focus on the new question');
    expect(view.querySelector('.announcer')!.textContent).toBe(
      'Your question is saved on this device and is being sent.',
    );
    await until(() => view.querySelector('.sync-line')?.textContent === 'Saved on this device, sending…', 'sync line');
    expect(await axeViolations()).toEqual([]);

    await act(() => newest.querySelector('button')!.click());
    await until(() => view.querySelector('#thread-title') !== null, 'the question');
    expect(document.activeElement).toBe(view.querySelector('#thread-title'));
    expect(await axeViolations()).toEqual([]);
    await act(() => button('← All questions').click());
    await until(() => view.querySelectorAll('.thread-list li').length === 2, 'the list again');
    await until(() => document.activeElement?.textContent === 'What is a semi join?', 'focus back on the question');
  });

  it('opens the place once, even when its services are offered anew (the org settings arrived)', async () => {
    const services = testServices();
    const panel = (offered: typeof services) => (
      <I18nContext.Provider value={t}>
        <PeerPanel place={coursePlace} connection={signedIn} syncState={undefined} services={offered} />
      </I18nContext.Provider>
    );
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    act(() => render(panel(services), container));
    await until(() => services.requestSync.mock.calls.length === 1, 'the sync request');
    act(() => render(panel({ ...services }), container));
    await settle();
    expect(services.requestSync).toHaveBeenCalledTimes(1);
    act(() => render(null, container));
  });

  it('asks for a full refresh of a place this device does not hold', async () => {
    const { services } = showPanel(signedIn);
    await until(() => services.requestSync.mock.calls.length > 0, 'the sync request');
    expect(services.requestSync).toHaveBeenCalledWith(true, coursePlace.key);
  });
});

describe('PeerPanel tabs', () => {
  const mentoring = {
    load: vi.fn(async () => ({ ok: true as const, mentoring: { viewerId: viewer.userId, mentors: [], requests: [] } })),
    request: vi.fn(),
    respond: vi.fn(),
    withdraw: vi.fn(),
    complete: vi.fn(),
  };
  const tabs = () => [...document.querySelectorAll('[role="tab"]')];

  it('offers Questions and People as tabs, moved between with the arrow keys, one tab stop', async () => {
    const { view } = showPanel(signedIn, testServices(undefined, { mentoring }));
    await settle();
    expect(
      tabs().map((tab) => [tab.textContent, tab.getAttribute('aria-selected'), tab.getAttribute('tabindex')]),
    ).toEqual([
      ['Questions', 'true', '0'],
      ['People', 'false', '-1'],
    ]);
    expect(view.querySelector('#qa-heading')!.textContent).toBe('Questions about this page');
    expect(await axeViolations()).toEqual([]);

    (tabs()[0] as HTMLElement).focus();
    await act(() => {
      tabs()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(document.activeElement).toBe(tabs()[1]);
    expect(tabs()[1]!.getAttribute('aria-selected')).toBe('true');
    await until(() => view.querySelector('#mentoring-heading') !== null, 'the mentoring tab');
    // The questions stay mounted (hidden), so nothing typed there is lost by a look at another tab.
    expect(view.querySelector('#tabpanel-questions')!.hasAttribute('hidden')).toBe(true);
    expect(view.querySelector('#tabpanel-questions #qa-heading')).not.toBeNull();
    expect(await axeViolations()).toEqual([]);

    await act(() => {
      tabs()[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    });
    expect(document.activeElement).toBe(tabs()[0]);
    expect(view.querySelector('#tabpanel-questions')!.hasAttribute('hidden')).toBe(false);
    expect(view.querySelector('#tabpanel-mentors')!.hasAttribute('hidden')).toBe(true);
    expect(view.querySelector('#tabpanel-mentors #mentoring-heading')).not.toBeNull();
  });

  it('keeps a half-written mentoring request when the learner looks at another tab and comes back', async () => {
    const withMentor = {
      ...mentoring,
      load: vi.fn(async () => ({
        ok: true as const,
        mentoring: {
          viewerId: viewer.userId,
          mentors: [{ userId: bob, displayName: 'Bob Osei', skills: ['SQL'], availability: '', capacity: 2 }],
          requests: [],
        },
      })),
    };
    const { view } = showPanel(signedIn, testServices(undefined, { mentoring: withMentor }));
    await settle();
    await act(() => (tabs()[1] as HTMLElement).click());
    await until(() => view.textContent!.includes('Find a mentor'), 'the mentoring tab');
    await act(() => button('Find a mentor').click());
    await act(() => button('Ask Bob Osei for mentoring').click());
    await type(view.querySelector<HTMLTextAreaElement>('#tabpanel-mentors textarea')!, 'Help with window functions?');
    await act(() => (tabs()[0] as HTMLElement).click());
    await act(() => (tabs()[1] as HTMLElement).click());
    expect(view.querySelector<HTMLTextAreaElement>('#tabpanel-mentors textarea')!.value).toBe(
      'Help with window functions?',
    );
    expect(withMentor.load).toHaveBeenCalledTimes(1);
  });

  it('shows who helps most in the course above mentoring in the People tab, each under its own heading', async () => {
    const contributors = {
      load: vi.fn(async (courseKey: string | null) => ({
        ok: true as const,
        contributors: {
          viewerId: viewer.userId,
          courseKey,
          contributors: [
            {
              userId: bob,
              displayName: 'Bob Osei',
              skills: [{ name: 'SQL', endorsements: 0, mine: null }],
              answers: 3,
              acceptedAnswers: 1,
              endorsementsReceived: 0,
              helpfulVotes: 2,
              score: 8,
            },
          ],
        },
      })),
      endorse: vi.fn(),
      withdraw: vi.fn(),
    };
    const { view } = showPanel(signedIn, testServices(undefined, { mentoring, contributors }));
    await settle();
    expect(tabs().map((tab) => tab.textContent)).toEqual(['Questions', 'People']);
    // An unvisited tab loads nothing.
    expect(contributors.load).not.toHaveBeenCalled();
    await act(() => (tabs()[1] as HTMLElement).click());
    await until(() => view.textContent!.includes('Bob Osei'), 'the People tab');
    expect(contributors.load).toHaveBeenCalledWith('moodle|moodle.example.edu|4021');
    expect([...view.querySelectorAll('#tabpanel-mentors h3')].map((h) => h.textContent)).toEqual([
      'Helping most in this course (last 30 days)',
      'Mentoring',
    ]);
    expect(view.querySelector('#tabpanel-mentors .contributor-summary')!.textContent).toBe(
      '3 answers and replies, 1 accepted, 2 helpful votes.',
    );
    expect(await axeViolations()).toEqual([]);

    // Without mentoring the tab still shows who helps most.
    showPanel(signedIn, testServices(undefined, { contributors }));
    await settle();
    await act(() => (tabs()[1] as HTMLElement).click());
    await until(() => document.body.textContent!.includes('Bob Osei'), 'the People tab without mentoring');
    expect([...document.querySelectorAll('#tabpanel-mentors h3')].map((h) => h.textContent)).toEqual([
      'Helping most in this course (last 30 days)',
    ]);
  });

  it('leaves out the tabs and Endorse buttons of the features the organisation turned off', async () => {
    const contributors = {
      load: vi.fn(async (courseKey: string | null) => ({
        ok: true as const,
        contributors: {
          viewerId: viewer.userId,
          courseKey,
          contributors: [
            {
              userId: bob,
              displayName: 'Bob Osei',
              skills: [{ name: 'SQL', endorsements: 0, mine: null }],
              answers: 3,
              acceptedAnswers: 1,
              endorsementsReceived: 0,
              helpfulVotes: 2,
              score: 8,
            },
          ],
        },
      })),
      endorse: vi.fn(),
      withdraw: vi.fn(),
    };
    // Only their presence matters here: an unvisited tab loads nothing.
    const everything = testServices(undefined, {
      mentoring,
      contributors,
      endorseAnswer: vi.fn(),
      resources: {} as NonNullable<PeerServices['resources']>,
      circles: {} as NonNullable<PeerServices['circles']>,
      reviews: {} as NonNullable<PeerServices['reviews']>,
    });
    const offeredWith = (settings: Partial<typeof DEFAULT_ORG_SETTINGS>) =>
      // The test's mocks are carried over as they are.
      offeredServices(everything, panelFeatures({ ...DEFAULT_ORG_SETTINGS, ...settings })) as typeof everything;

    showPanel(signedIn, offeredWith({}));
    await settle();
    expect(tabs().map((tab) => tab.textContent)).toEqual(['Questions', 'Resources', 'People', 'Circles', 'Reviews']);
    await act(() => (tabs()[2] as HTMLElement).click());
    await until(() => document.querySelector('.endorse-skill') !== null, 'the Endorse button');

    const off = offeredWith({ circlesEnabled: false, endorsementsEnabled: false, mentoringEnabled: false });
    expect(off.endorseAnswer).toBeUndefined();
    const { view } = showPanel(signedIn, off);
    await settle();
    expect(tabs().map((tab) => tab.textContent)).toEqual(['Questions', 'Resources', 'People', 'Reviews']);
    await act(() => (tabs()[2] as HTMLElement).click());
    await until(() => view.textContent!.includes('Bob Osei'), 'who helps most');
    expect(view.querySelector('.endorse-skill')).toBeNull();
    expect(view.querySelector('#mentoring-heading')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    showPanel(signedIn, offeredWith({ playlistsEnabled: false, reviewsEnabled: false }));
    await settle();
    expect(tabs().map((tab) => tab.textContent)).toEqual(['Questions', 'People', 'Circles']);
  });

  it('shows no tabs where only questions are offered', async () => {
    showPanel(signedIn);
    await settle();
    expect(tabs()).toEqual([]);
    expect(document.querySelector('#qa-heading')!.textContent).toBe('Questions about this page');
  });
});
