// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type {
  Circle,
  Circles,
  CirclesAnswer,
  CircleSession,
  CirclesServices,
  NewCircle,
  NewCircleSession,
} from '@/lib/domain/circles';
import type { Account } from '@/lib/domain/account';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { coursePlace, testServices, type, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { bob, carol } from '@/tests/fixtures/sync-harness';
import { CirclesSection } from './CirclesSection';

const COURSE = 'moodle|moodle.example.edu|4021';
const HOUR = 60 * 60_000;
const T0 = Date.UTC(2030, 0, 10, 17, 0);

const circle = (fields: Partial<Circle> & Pick<Circle, 'id' | 'name'>): Circle => ({
  kind: 'cohort',
  description: null,
  capacity: 12,
  inviteOnly: false,
  archived: false,
  people: 2,
  myRole: null,
  leads: ['Bob Osei'],
  ...fields,
});
const session = (fields: Partial<CircleSession> & Pick<CircleSession, 'id' | 'circleId' | 'title'>): CircleSession => ({
  circleName: '',
  kind: 'practice',
  agenda: null,
  startsAt: T0,
  durationMinutes: 60,
  meetingUrl: null,
  hostId: bob,
  hostName: 'Bob Osei',
  going: 0,
  myAnswer: null,
  cancelled: false,
  ...fields,
});

/**
 * The background's circles as the panel sees them: an in-memory course with the database's rules
 * and refusals (full, invite-only, last lead, mentorship for mentors). The real RPCs are tested in
 * lib/api/circles.test.ts.
 */
function circlesOrg(role: Account['role'] | null = 'learner') {
  let next = 1;
  const circles: Circle[] = [
    circle({
      id: 'study',
      name: 'Week 2 study group',
      description: 'We meet twice a week.',
      people: 3,
      myRole: 'member',
    }),
    circle({ id: 'sql', name: 'SQL with Carol', kind: 'mentorship', inviteOnly: true, people: null, leads: [] }),
    circle({ id: 'pairs', name: 'Pair practice', capacity: 2, people: 2 }),
    circle({ id: 'evening', name: 'Evening revision', people: 1, leads: ['Carol Diaz'] }),
    circle({ id: 'old', name: 'Charter clinic', archived: true, people: 2 }),
  ];
  const sessions: CircleSession[] = [
    session({
      id: 's1',
      circleId: 'study',
      circleName: 'Week 2 study group',
      title: 'Practice: the quiz, together',
      agenda: 'Two questions each, out loud.',
      meetingUrl: 'https://meet.example.com/week2',
      going: 1,
    }),
    session({
      id: 's2',
      circleId: 'evening',
      circleName: 'Evening revision',
      kind: 'micro_teaching',
      title: 'Carol explains ratio data',
      startsAt: T0 + 24 * HOUR,
      durationMinutes: 30,
      hostId: carol,
      hostName: 'Carol Diaz',
      meetingUrl: 'javascript:alert(1)',
      going: 2,
    }),
  ];
  const find = (id: string) => circles.find((candidate) => candidate.id === id)!;
  const snapshot = (): Circles =>
    structuredClone({ viewerId: viewer.userId, viewerRole: role, courseKey: COURSE, circles, sessions });
  const services: CirclesServices = {
    load: vi.fn(async (): Promise<CirclesAnswer> => ({ ok: true, circles: snapshot() })),
    create: vi.fn(async (_circleId: string, draft: NewCircle) => {
      if (draft.kind === 'mentorship' && role !== 'mentor' && role !== 'admin') {
        throw new Error('Only mentors and admins can start a mentorship circle.');
      }
      const capacity = draft.capacity ?? (draft.kind === 'cohort' ? 30 : 8);
      circles.push(
        circle({
          id: `new${next++}`,
          name: draft.name,
          kind: draft.kind,
          capacity,
          people: 1,
          myRole: 'lead',
          leads: ['Alice Ng'],
        }),
      );
    }),
    join: vi.fn(async (id: string) => {
      const target = find(id);
      if (target.people! >= target.capacity) {
        throw new Error(
          `This circle is full (${target.people} of ${target.capacity}). Ask a lead to make room, or join another circle.`,
        );
      }
      Object.assign(target, { myRole: 'member', people: target.people! + 1 });
    }),
    leave: vi.fn(async (id: string) => {
      const target = find(id);
      if (target.myRole === 'lead' && target.leads.length === 1) {
        throw new Error(
          'You are the last lead of this circle: make another member a lead, or archive the circle, before you leave.',
        );
      }
      Object.assign(target, { myRole: null, people: target.people! - 1 });
    }),
    schedule: vi.fn(async (_sessionId: string, draft: NewCircleSession) => {
      sessions.push(
        session({
          ...draft,
          id: `s${10 + next++}`,
          circleName: find(draft.circleId).name,
          meetingUrl: draft.meetingUrl ?? null,
          agenda: draft.agenda ?? null,
          hostId: viewer.userId,
          hostName: 'Alice Ng',
        }),
      );
      sessions.sort((a, b) => a.startsAt - b.startsAt);
    }),
    rsvp: vi.fn(async (id: string, going: boolean) => {
      const target = sessions.find((candidate) => candidate.id === id)!;
      target.going += (going ? 1 : 0) - (target.myAnswer === true ? 1 : 0);
      target.myAnswer = going;
    }),
    cancelSession: vi.fn(async (id: string) => {
      sessions.find((candidate) => candidate.id === id)!.cancelled = true;
    }),
    formatStart: (at) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
  return services;
}

function show(circles: CirclesServices | undefined, place = coursePlace) {
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(
    withPeer(testServices(undefined, { circles }), <CirclesSection place={place} />, announce),
  );
  return { view, announce };
}

const button = (name: string, within: ParentNode = document) => {
  const found = [...within.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};
const texts = (selector: string, within: ParentNode = document) =>
  [...within.querySelectorAll(selector)].map((node) => node.textContent);
/** The list item of a circle or session, by its name. */
const item = (name: string) => {
  const heading = [...document.querySelectorAll('h5')].find((h) => h.textContent === name);
  if (!heading) throw new Error(`No item "${name}"`);
  return heading.closest('li')!;
};
const alertIn = (within: ParentNode) => within.querySelector('[role="alert"]')?.textContent;
const loaded = (view: HTMLElement) => until(() => view.textContent!.includes('Circles on this course'), 'the circles');

describe('CirclesSection', () => {
  it("lists the course's circles, open ones first and the viewer's marked, and the sessions to come", async () => {
    const org = circlesOrg();
    const { view } = show(org);
    await loaded(view);
    expect(org.load).toHaveBeenCalledWith(COURSE);
    expect(texts('h3')).toEqual(['Circles']);
    expect(texts('h4')).toEqual(['Circles on this course', 'Upcoming sessions']);

    const list = view.querySelector('ul[aria-labelledby="circles-list-heading"]')!;
    expect(texts('.circle-name', list)).toEqual([
      'Evening revision',
      'Pair practice',
      'Week 2 study group',
      'SQL with Carol',
    ]);
    const study = item('Week 2 study group');
    expect(texts('.circle-meta .badge', study)).toEqual(['Cohort', "You're in this circle"]);
    expect(study.textContent).toContain('We meet twice a week.');
    expect(study.textContent).toContain('3 of 12 places taken · Led by Bob Osei');
    expect(button('Join Evening revision')).toBeDefined();
    expect(item('Pair practice').textContent).toContain('This circle is full.');
    expect(item('Pair practice').querySelector('button')).toBeNull();
    const sql = item('SQL with Carol');
    expect(texts('.circle-meta .badge', sql)).toEqual(['Mentorship circle', 'Invite-only']);
    expect(sql.textContent).toContain('Room for 12 people');
    expect(sql.textContent).toContain('Invite-only: ask one of its leads to add you.');

    // Archived circles are folded away.
    const archived = view.querySelector('details')!;
    expect(archived.open).toBe(false);
    expect(archived.querySelector('summary')!.textContent).toBe('Archived circles (1)');
    expect(texts('.circle-name', archived)).toEqual(['Charter clinic']);

    const practice = item('Practice: the quiz, together');
    expect(texts('.circle-meta', practice)).toEqual(['PracticeIn Week 2 study group']);
    expect(practice.querySelector('.session-when')!.textContent).toBe(
      '2030-01-10 17:00 UTC · 60 min · Hosted by Bob Osei',
    );
    expect(practice.querySelector('time')!.getAttribute('datetime')).toBe('2030-01-10T17:00:00.000Z');
    expect(practice.textContent).toContain('Two questions each, out loud.');
    const link = practice.querySelector('a')!;
    expect(link.textContent).toBe('Join the meeting on meet.example.com (opens in a new tab)');
    expect([link.href, link.target, link.rel]).toEqual([
      'https://meet.example.com/week2',
      '_blank',
      'noopener noreferrer',
    ]);
    expect(practice.textContent).toContain('Going: 1');
    expect(practice.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe(
      'Are you going to Practice: the quiz, together?',
    );

    // A stored link that is not https is never made a link; a circle the viewer is not in: join first.
    const teaching = item('Carol explains ratio data');
    expect(texts('.circle-meta .badge', teaching)).toEqual(['Micro-teaching']);
    expect(teaching.querySelector('a')).toBeNull();
    expect(teaching.textContent).not.toContain('javascript');
    expect(teaching.textContent).toContain('Join Evening revision to say whether you are going.');
    expect(teaching.querySelector('[role="group"]')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('joins an open circle and leaves it after confirming, moving focus to the circle', async () => {
    const org = circlesOrg();
    const { view, announce } = show(org);
    await loaded(view);
    await act(() => button('Join Evening revision').click());
    await until(
      () => texts('.circle-meta .badge', item('Evening revision')).includes("You're in this circle"),
      'joined',
    );
    expect(org.join).toHaveBeenCalledWith('evening');
    expect(announce).toHaveBeenCalledWith('You joined Evening revision.');
    expect(item('Evening revision').textContent).toContain('2 of 12 places taken');
    expect(document.activeElement).toBe(item('Evening revision').querySelector('h5'));
    // Now a member, the viewer may answer for the circle's session.
    expect(item('Carol explains ratio data').querySelector('[role="group"]')).not.toBeNull();

    await act(() => button('Leave Evening revision').click());
    const confirm = button('Yes, leave', item('Evening revision'));
    expect(document.activeElement).toBe(confirm);
    expect(item('Evening revision').textContent).toContain(
      'Leave Evening revision? Sessions you host in it are cancelled and your answers to its sessions are removed.',
    );
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Stay', item('Evening revision')).click());
    expect(document.activeElement).toBe(button('Leave Evening revision'));

    await act(() => button('Leave Evening revision').click());
    await act(() => button('Yes, leave', item('Evening revision')).click());
    await until(() => texts('button').includes('Join Evening revision'), 'left');
    expect(org.leave).toHaveBeenCalledWith('evening');
    expect(announce).toHaveBeenCalledWith('You left Evening revision.');
    expect(button('Join Evening revision')).toBeDefined();
    expect(document.activeElement).toBe(item('Evening revision').querySelector('h5'));
  });

  it("shows the database's refusal as a sentence where it happened", async () => {
    const org = circlesOrg();
    // Someone took the last place between the load and the click.
    (org.load as ReturnType<typeof vi.fn>).mockImplementationOnce(async () => {
      const answer = (await circlesOrg().load('')) as Extract<CirclesAnswer, { ok: true }>;
      answer.circles.circles.find((c) => c.id === 'pairs')!.people = 1;
      return answer;
    });
    const { view, announce } = show(org);
    await loaded(view);
    await act(() => button('Join Pair practice').click());
    await until(() => alertIn(item('Pair practice')) !== undefined, 'the refusal');
    expect(alertIn(item('Pair practice'))).toBe(
      'This circle is full (2 of 2). Ask a lead to make room, or join another circle.',
    );
    expect(announce).not.toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);
  });

  it('answers going and not going, and shows the count', async () => {
    const org = circlesOrg();
    const { view, announce } = show(org);
    await loaded(view);
    const practice = () => item('Practice: the quiz, together');
    const pressed = () =>
      [...practice().querySelectorAll('[role="group"] button')].map((b) => [
        b.textContent,
        b.getAttribute('aria-pressed'),
      ]);
    expect(pressed()).toEqual([
      ['Going', 'false'],
      ['Not going', 'false'],
    ]);
    await act(() => button('Going', practice()).click());
    await until(() => practice().textContent!.includes('Going: 2'), 'going');
    expect(org.rsvp).toHaveBeenCalledWith('s1', true);
    expect(announce).toHaveBeenCalledWith("You're going to Practice: the quiz, together.");
    expect(pressed()).toEqual([
      ['Going', 'true'],
      ['Not going', 'false'],
    ]);

    // Pressing the answer already given changes nothing.
    await act(() => button('Going', practice()).click());
    expect(org.rsvp).toHaveBeenCalledTimes(1);

    await act(() => button('Not going', practice()).click());
    await until(() => practice().textContent!.includes('Going: 1'), 'not going');
    expect(org.rsvp).toHaveBeenLastCalledWith('s1', false);
    expect(announce).toHaveBeenLastCalledWith("You're not going to Practice: the quiz, together.");
    expect(pressed()).toEqual([
      ['Going', 'false'],
      ['Not going', 'true'],
    ]);
    expect(await axeViolations()).toEqual([]);
  });

  it('starts a cohort as a learner, without offering a mentorship circle', async () => {
    const org = circlesOrg('learner');
    const { view, announce } = show(org);
    await loaded(view);
    await act(() => button('Start a circle').click());
    const name = view.querySelector<HTMLInputElement>('#circle-name')!;
    expect(document.activeElement).toBe(name);
    expect(view.querySelector('fieldset')).toBeNull();
    expect(button('Start circle').disabled).toBe(true);
    expect(await axeViolations()).toEqual([]);

    await type(name, '  Morning sprints  ');
    await type(view.querySelector<HTMLInputElement>('#circle-capacity')!, '5');
    await act(() => button('Start circle').click());
    await until(() => texts('.circle-name').includes('Morning sprints'), 'the new circle');
    expect(org.create).toHaveBeenCalledWith(expect.any(String), {
      kind: 'cohort',
      courseKey: COURSE,
      name: 'Morning sprints',
      description: undefined,
      capacity: 5,
      // The page, so a course the server does not know yet is added first.
      place: coursePlace,
    });
    expect(announce).toHaveBeenCalledWith('You started Morning sprints and lead it.');
    expect(item('Morning sprints').textContent).toContain('1 of 5 places taken');
    expect(texts('.circle-meta .badge', item('Morning sprints'))).toEqual(['Cohort', 'You lead this circle']);
    expect(view.querySelector('#circle-name')).toBeNull();
    expect(document.activeElement).toBe(button('Start a circle'));
  });

  it('offers a mentorship circle when the role is unknown, and shows the refusal', async () => {
    const org = circlesOrg(null);
    const { view } = show(org);
    await loaded(view);
    await act(() => button('Start a circle').click());
    expect(view.querySelector('legend')!.textContent).toBe('Kind of circle');
    const mentorship = [...view.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
      (radio) => radio.value === 'mentorship',
    )!;
    expect(mentorship.closest('label')!.textContent).toBe('Mentorship circle: you lead it as a mentor');
    await act(() => mentorship.click());
    await type(view.querySelector<HTMLInputElement>('#circle-name')!, 'SQL clinic');
    await type(view.querySelector<HTMLTextAreaElement>('#circle-description')!, 'Bring a query.');
    await act(() => button('Start circle').click());
    await until(() => alertIn(view.querySelector('form')!) !== undefined, 'the refusal');
    expect(alertIn(view.querySelector('form')!)).toBe('Only mentors and admins can start a mentorship circle.');
    expect(org.create).toHaveBeenCalledWith(expect.any(String), {
      kind: 'mentorship',
      courseKey: COURSE,
      name: 'SQL clinic',
      description: 'Bring a query.',
      capacity: undefined,
      place: coursePlace,
    });
    // The form keeps what was written.
    expect(view.querySelector<HTMLInputElement>('#circle-name')!.value).toBe('SQL clinic');
    expect(await axeViolations()).toEqual([]);
  });

  it('lets a lead schedule a session and cancel it after confirming', async () => {
    const org = circlesOrg('mentor');
    const { view, announce } = show(org);
    await loaded(view);
    await act(() => button('Start a circle').click());
    expect(view.querySelector('fieldset')).not.toBeNull();
    await type(view.querySelector<HTMLInputElement>('#circle-name')!, 'Box plots');
    await act(() => button('Start circle').click());
    await until(() => texts('.circle-name').includes('Box plots'), 'the new circle');

    await act(() => button('Schedule a session', item('Box plots')).click());
    const form = item('Box plots').querySelector('form')!;
    const field = (name: string) => form.querySelector<HTMLInputElement>(`[id$="-${name}"]`)!;
    expect(document.activeElement).toBe(field('title'));
    expect(form.querySelector('h6')!.textContent).toBe('Schedule a session of Box plots');
    expect(await axeViolations()).toEqual([]);

    await type(field('title'), 'Reading box plots');
    // Without a day and a time the browser holds the form back (both are required).
    await act(() => button('Schedule session', form).click());
    expect(field('date').validity.valueMissing).toBe(true);
    expect(org.schedule).not.toHaveBeenCalled();
    await type(field('date'), '2030-01-15');
    await type(field('time'), '18:30');
    await type(field('link'), 'http://meet.example.com/plots');
    await act(() => button('Schedule session', form).click());
    expect(alertIn(form)).toBe('Give the meeting link as an https:// address, or leave it empty.');
    expect(org.schedule).not.toHaveBeenCalled();

    await type(field('link'), 'https://meet.example.com/plots');
    await type(form.querySelector<HTMLTextAreaElement>('textarea')!, 'Five minutes each.');
    await act(() => {
      const kind = field('kind') as unknown as HTMLSelectElement;
      kind.value = 'micro_teaching';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
      const duration = field('duration') as unknown as HTMLSelectElement;
      duration.value = '45';
      duration.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => button('Schedule session', form).click());
    await until(() => texts('.session-title').includes('Reading box plots'), 'the new session');
    const startsAt = new Date(2030, 0, 15, 18, 30).getTime();
    expect(org.schedule).toHaveBeenCalledWith(expect.any(String), {
      circleId: 'new1',
      kind: 'micro_teaching',
      title: 'Reading box plots',
      startsAt,
      durationMinutes: 45,
      meetingUrl: 'https://meet.example.com/plots',
      agenda: 'Five minutes each.',
    });
    expect(announce).toHaveBeenCalledWith(`Reading box plots is scheduled for ${org.formatStart(startsAt)}.`);
    expect(item('Box plots').querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button('Schedule a session', item('Box plots')));

    const scheduled = () => item('Reading box plots');
    expect(scheduled().textContent).toContain('45 min · Hosted by you');
    // Only the sessions the viewer leads or hosts can be cancelled.
    expect(texts('button', item('Practice: the quiz, together'))).not.toContain('Cancel session');
    await act(() => button('Cancel session', scheduled()).click());
    expect(scheduled().textContent).toContain('Cancel Reading box plots for everyone in the circle?');
    expect(document.activeElement).toBe(button('Yes, cancel it', scheduled()));
    await act(() => button('Yes, cancel it', scheduled()).click());
    await until(() => texts('.badge', scheduled()).includes('Cancelled'), 'cancelled');
    expect(org.cancelSession).toHaveBeenCalledWith('s12');
    expect(announce).toHaveBeenCalledWith('Reading box plots is cancelled.');
    expect(scheduled().querySelector('button')).toBeNull();
    expect(scheduled().querySelector('a')).toBeNull();
    expect(document.activeElement).toBe(scheduled().querySelector('h5'));
    expect(await axeViolations()).toEqual([]);
  });

  it('says why circles could not load, and tries again', async () => {
    const org = circlesOrg();
    (org.load as ReturnType<typeof vi.fn>).mockResolvedValueOnce({
      ok: false,
      error: "Circles need a connection. Try again when you're back online.",
    });
    const { view } = show(org);
    await until(() => alertIn(view) !== undefined, 'the error');
    expect(alertIn(view)).toBe("Circles need a connection. Try again when you're back online.");
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Try again').click());
    await loaded(view);
    expect(org.load).toHaveBeenCalledTimes(2);
  });

  it('asks for a course page where the page is in no course, and shows nothing without circles', async () => {
    const org = circlesOrg();
    const { view } = show(org, {
      ...coursePlace,
      courseId: undefined,
      isCoursePage: false,
      key: 'moodle|moodle.example.edu',
    });
    expect(view.textContent).toBe('CirclesOpen a page of a course to see its circles.');
    expect(org.load).not.toHaveBeenCalled();

    const empty = show(undefined);
    expect(empty.view.querySelector('section')).toBeNull();
  });
});
