// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Contributor, ContributorsAnswer } from '@/lib/domain/contributors';
import type { CoursePlace } from '@/lib/lms/types';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { coursePlace, testServices, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { bob, carol } from '@/tests/fixtures/sync-harness';
import { ContributorsSection } from './ContributorsSection';
import type { ContributorsServices } from './peer-services';

const names: Record<string, string> = { [viewer.userId]: 'Alice Ng', [bob]: 'Bob Osei', [carol]: 'Carol Diaz' };

/**
 * The background's contributors as the panel sees them: an in-memory course where Bob helped most,
 * then the viewer, then Carol, with skill endorsements the database would keep (one per endorser and
 * skill, withdrawn by id) and one of its refusals. The real RPCs are tested in lib/api/contributors.test.ts.
 */
function contributorsCourse() {
  // Standing endorsements of others' skills: [id, endorser, member, skill].
  const endorsements: [string, string, string, string][] = [['e0', carol, bob, 'SQL']];
  let next = 1;
  const person = (
    userId: string,
    skills: string[],
    [answers, accepted, endorsed, votes]: [number, number, number, number],
  ): Contributor => ({
    userId,
    displayName: names[userId]!,
    skills: skills.map((name) => {
      const of = endorsements.filter(([, , member, skill]) => member === userId && skill === name);
      return { name, endorsements: of.length, mine: of.find(([, by]) => by === viewer.userId)?.[0] ?? null };
    }),
    answers,
    acceptedAnswers: accepted,
    endorsementsReceived: endorsed + endorsements.filter(([, , member]) => member === userId).length,
    helpfulVotes: votes,
    score: 0,
  });
  const services: ContributorsServices = {
    load: vi.fn(
      async (courseKey: string | null): Promise<ContributorsAnswer> => ({
        ok: true,
        contributors: {
          viewerId: viewer.userId,
          courseKey,
          contributors: [
            person(bob, ['SQL', 'Python'], [4, 2, 1, 6]),
            person(viewer.userId, ['Excel'], [2, 0, 0, 1]),
            person(carol, ['Statistics'], [1, 0, 0, -1]),
          ],
        },
      }),
    ),
    endorse: vi.fn(async (memberId: string, skill: string) => {
      if (skill === 'Statistics') throw new Error('Endorsements are turned off in your organisation.');
      endorsements.push([`e${next++}`, viewer.userId, memberId, skill]);
    }),
    withdraw: vi.fn(async (endorsementId: string) => {
      endorsements.splice(
        endorsements.findIndex(([id]) => id === endorsementId),
        1,
      );
    }),
  };
  return services;
}

function show(contributors: ContributorsServices, place: CoursePlace = coursePlace) {
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(
    withPeer(testServices(undefined, { contributors }), <ContributorsSection place={place} />, announce),
  );
  return { view, announce };
}

/** A button's accessible name: its text, less what is hidden from assistive technology. */
const nameOf = (b: HTMLButtonElement) =>
  [...b.childNodes]
    .filter((node) => !(node instanceof HTMLElement && node.getAttribute('aria-hidden') === 'true'))
    .map((node) => node.textContent)
    .join('');
const button = (name: string) => {
  const found = [...document.querySelectorAll('button')].find((b) => nameOf(b) === name);
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((node) => node.textContent);

describe('ContributorsSection', () => {
  it("lists who helps most in the page's course, what they did, and their skills with endorsements", async () => {
    const course = contributorsCourse();
    const { view } = show(course);
    await until(() => view.querySelectorAll('.contributor-item').length === 3, 'the list');
    expect(course.load).toHaveBeenCalledWith('moodle|moodle.example.edu|4021');
    expect(view.querySelector('h3')!.textContent).toBe('Helping most in this course (last 30 days)');
    expect(view.querySelector('ol.contributor-list')).not.toBeNull();
    expect(texts('.contributor-name')).toEqual(['Bob Osei', 'Alice NgYou', 'Carol Diaz']);
    expect(texts('.contributor-summary')).toEqual([
      '4 answers and replies, 2 accepted, 2 endorsements, 6 helpful votes.',
      '2 answers and replies, 1 helpful vote.',
      // Net votes below zero are left out of the sentence.
      '1 answer or reply.',
    ]);
    expect(view.querySelector('[aria-label="Skills of Bob Osei"]')!.textContent).toBe(
      'SQL1 endorsementEndorseEndorse Bob Osei for SQLPythonEndorseEndorse Bob Osei for Python',
    );
    // Everyone but the viewer can be endorsed, one toggle per skill.
    expect([...view.querySelectorAll('button')].map((b) => [nameOf(b), b.getAttribute('aria-pressed')])).toEqual([
      ['Endorse Bob Osei for SQL', 'false'],
      ['Endorse Bob Osei for Python', 'false'],
      ['Endorse Carol Diaz for Statistics', 'false'],
    ]);
    expect(view.querySelector('[aria-label="Skills of Alice Ng"]')!.textContent).toBe('Excel');
    expect(await axeViolations()).toEqual([]);
  });

  it('endorses a peer for a skill, shows it pressed and counted, and withdraws it', async () => {
    const course = contributorsCourse();
    const { view, announce } = show(course);
    await until(() => view.querySelectorAll('.contributor-item').length === 3, 'the list');

    await act(() => button('Endorse Bob Osei for SQL').click());
    await until(() => button('Endorse Bob Osei for SQL').getAttribute('aria-pressed') === 'true', 'endorsed');
    expect(course.endorse).toHaveBeenCalledWith(bob, 'SQL');
    expect(announce).toHaveBeenCalledWith('You endorsed Bob Osei for SQL. They will hear about it.');
    expect(view.querySelector('[aria-label="Skills of Bob Osei"] li')!.textContent).toBe(
      'SQL2 endorsements, yours includedEndorseEndorse Bob Osei for SQL',
    );
    expect(texts('.contributor-summary')[0]).toBe(
      '4 answers and replies, 2 accepted, 3 endorsements, 6 helpful votes.',
    );
    expect(await axeViolations()).toEqual([]);

    await act(() => button('Endorse Bob Osei for SQL').click());
    await until(() => button('Endorse Bob Osei for SQL').getAttribute('aria-pressed') === 'false', 'withdrawn');
    expect(course.withdraw).toHaveBeenCalledWith('e1');
    expect(announce).toHaveBeenCalledWith('You withdrew your endorsement of Bob Osei for SQL.');
    expect(view.querySelector('[aria-label="Skills of Bob Osei"] li')!.textContent).toBe(
      'SQL1 endorsementEndorseEndorse Bob Osei for SQL',
    );
  });

  it("shows the database's refusal beside the skill", async () => {
    const { view, announce } = show(contributorsCourse());
    await until(() => view.querySelectorAll('.contributor-item').length === 3, 'the list');
    await act(() => button('Endorse Carol Diaz for Statistics').click());
    await until(() => view.querySelector('[role="alert"]') !== null, 'the refusal');
    const skill = view.querySelector('[aria-label="Skills of Carol Diaz"] li')!;
    expect(skill.querySelector('[role="alert"]')!.textContent).toBe(
      'Endorsements are turned off in your organisation.',
    );
    expect(button('Endorse Carol Diaz for Statistics').getAttribute('aria-pressed')).toBe('false');
    expect(announce).not.toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);
  });

  it('asks about the whole organisation on a page outside any course, and says when nobody helped yet', async () => {
    const course = contributorsCourse();
    (course.load as ReturnType<typeof vi.fn>).mockResolvedValueOnce({
      ok: true,
      contributors: { viewerId: viewer.userId, courseKey: null, contributors: [] },
    });
    const { view } = show(course, { platform: 'moodle', isCoursePage: false, key: 'moodle|moodle.example.edu' });
    await until(() => view.textContent!.includes('Nobody has answered'), 'the empty list');
    expect(course.load).toHaveBeenCalledWith(null);
    expect(view.querySelector('h3')!.textContent).toBe('Helping most in your organisation (last 30 days)');
    expect(view.querySelector('p.muted')!.textContent).toBe(
      'Nobody has answered a question here in the last 30 days. Yours could be the first.',
    );
    expect(await axeViolations()).toEqual([]);
  });

  it('says why the list could not load, and tries again', async () => {
    const course = contributorsCourse();
    const load = course.load as ReturnType<typeof vi.fn>;
    load.mockResolvedValueOnce({
      ok: false,
      error: "Seeing who helps most needs a connection. Try again when you're back online.",
    });
    const { view } = show(course);
    await until(() => view.querySelector('[role="alert"]') !== null, 'the error');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      "Seeing who helps most needs a connection. Try again when you're back online.",
    );
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Try again').click());
    await until(() => view.querySelectorAll('.contributor-item').length === 3, 'loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shows nothing where the panel offers no contributors', () => {
    const view = renderWithStrings(withPeer(testServices(), <ContributorsSection place={coursePlace} />));
    expect(view.querySelector('section')).toBeNull();
  });
});
