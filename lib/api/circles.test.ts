/** Circles as the background reads and writes them, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createBackendClient } from '@/lib/api/account';
import type { Circles } from '@/lib/domain/circles';
import { memoryArea, signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import {
  cancelCircleSession,
  createCircle,
  joinCircle,
  leaveCircle,
  readCircles,
  rsvpCircleSession,
  scheduleCircleSession,
} from './circles';

const local = useLocalBackend();

// Seeded in supabase/seed.sql and supabase/seeds/20_circles.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const people = {
  amara: { email: 'amara.okafor@northwind.example', userId: 'a1000000-0000-4000-8000-000000000004', role: 'learner' },
  jonas: { email: 'jonas.becker@northwind.example', userId: 'a1000000-0000-4000-8000-000000000005', role: 'learner' },
  sofia: { email: 'sofia.marino@northwind.example', userId: 'a1000000-0000-4000-8000-000000000006', role: 'learner' },
  mei: { email: 'mei.tanaka@northwind.example', userId: 'a1000000-0000-4000-8000-000000000007', role: 'learner' },
  grace: { email: 'grace.liu@northwind.example', userId: 'a1000000-0000-4000-8000-000000000003', role: 'mentor' },
} as const;
type Person = keyof typeof people;
const STUDY_GROUP = 'c1c00000-0000-4000-8000-000000000001';
const SQL_CIRCLE = 'c1c00000-0000-4000-8000-000000000002';
const QUIZ_PRACTICE = 'c1c50000-0000-4000-8000-000000000002';
const DAY = 24 * 60 * 60_000;

const clients = new Map<Person, Promise<SupabaseClient>>();
const clientOf = (person: Person) => {
  if (!clients.has(person)) clients.set(person, signedInClient(local, people[person].email));
  return clients.get(person)!;
};

async function circlesOf(person: Person, courseKey = COURSE): Promise<Circles> {
  const { userId, role } = people[person];
  const answer = await readCircles(await clientOf(person), { orgId: NORTHWIND, userId, role }, courseKey);
  if (!answer.ok) throw new Error(answer.error);
  return answer.circles;
}
const circleIn = (circles: Circles, id: string) => circles.circles.find((circle) => circle.id === id);
const sessionIn = (circles: Circles, id: string) => circles.sessions.find((session) => session.id === id);

describe('reading circles', () => {
  it("lists the course's circles of the viewer's org with their place in each, and the sessions to come", async () => {
    const amara = await circlesOf('amara');
    expect(amara.viewerRole).toBe('learner');
    const seeded = amara.circles.filter((circle) => circle.id.startsWith('c1c00000-'));
    // Newest first, as the database lists them (the panel puts open circles first itself).
    expect(seeded).toEqual([
      {
        id: SQL_CIRCLE,
        kind: 'mentorship',
        name: 'SQL for analysts with Grace',
        description: expect.stringMatching(/^A small mentorship circle/),
        capacity: 6,
        inviteOnly: true,
        archived: false,
        people: 3,
        myRole: 'member',
        leads: ['Grace Liu'],
      },
      {
        id: STUDY_GROUP,
        kind: 'cohort',
        name: 'Week 2 study group',
        description: expect.stringMatching(/^We meet twice a week/),
        capacity: 12,
        inviteOnly: false,
        archived: false,
        people: 3,
        myRole: 'member',
        leads: ['Sofia Marino'],
      },
    ]);

    // The past kick-off is gone; the cancelled office hour stays, marked; soonest first.
    const seededSessions = amara.sessions.filter((session) => session.id.startsWith('c1c50000-'));
    expect(
      seededSessions.map((session) => [session.title, session.cancelled, session.going, session.myAnswer]),
    ).toEqual([
      ['Office hour', true, 0, null],
      ['Practice: the measurement scales quiz, together', false, 1, true],
      ['Jonas explains interval and ratio data in 10 minutes', false, 2, true],
      ['Mei teaches GROUP BY with the course dataset', false, 2, true],
      ['Query clinic: bring your week 2 exercise', false, 1, null],
    ]);
    expect(sessionIn(amara, 'c1c50000-0000-4000-8000-000000000003')).toMatchObject({
      kind: 'micro_teaching',
      circleName: 'Week 2 study group',
      hostId: people.jonas.userId,
      hostName: 'Jonas Becker',
      durationMinutes: 30,
      meetingUrl: 'https://meet.example.com/northwind-week2',
    });
    expect(amara.sessions.every((session) => session.startsAt + session.durationMinutes * 60_000 > Date.now())).toBe(
      true,
    );
  });

  it('hides who is in an invite-only circle, and its sessions, from people outside it', async () => {
    const jonas = await circlesOf('jonas');
    // How many are in it is not a secret (it is how full it is); who they are is.
    expect(circleIn(jonas, SQL_CIRCLE)).toMatchObject({ inviteOnly: true, people: 3, myRole: null, leads: [] });
    expect(circleIn(jonas, STUDY_GROUP)).toMatchObject({ people: 3, myRole: 'member' });
    expect(jonas.sessions.some((session) => session.circleId === SQL_CIRCLE)).toBe(false);
    expect(sessionIn(jonas, QUIZ_PRACTICE)).toMatchObject({ going: 1, myAnswer: false });
  });

  it("shows another organisation only its own circles on the same course key, and none of another course's", async () => {
    const ben = await signedInClient(local, 'ben.carter@contoso.example');
    const answer = await readCircles(ben, { orgId: CONTOSO, userId: 'b2000000-0000-4000-8000-000000000002' }, COURSE);
    expect(answer.ok && answer.circles.circles.map((circle) => circle.name)).toEqual(['Data Analysis peers']);
    expect(answer.ok && answer.circles.viewerRole).toBeNull();

    const canvas = await circlesOf('mei', 'canvas|canvas.localhost:8080|1730');
    expect(canvas.circles.find((circle) => circle.name === 'Charter clinic')).toMatchObject({ archived: true });
    expect((await circlesOf('mei', 'moodle|moodle.localhost:8080|9999')).circles).toEqual([]);
  });

  it('says circles need a connection when the server cannot be reached', async () => {
    const unreachable = createBackendClient(
      { url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey },
      memoryArea(),
    );
    const needsConnection = { ok: false, error: "Circles need a connection. Try again when you're back online." };
    expect(await readCircles(unreachable, { orgId: NORTHWIND, userId: people.amara.userId }, COURSE)).toEqual(
      needsConnection,
    );
    expect(await joinCircle(unreachable, STUDY_GROUP)).toEqual(needsConnection);
  });
});

describe('joining and starting circles', () => {
  it('lets a member join an open circle and leave it, once however often it is sent', async () => {
    const mei = await clientOf('mei');
    expect(circleIn(await circlesOf('mei'), STUDY_GROUP)).toMatchObject({ myRole: null, people: 3 });
    expect(await joinCircle(mei, STUDY_GROUP)).toEqual({ ok: true });
    expect(await joinCircle(mei, STUDY_GROUP)).toEqual({ ok: true });
    let view = await circlesOf('mei');
    expect(circleIn(view, STUDY_GROUP)).toMatchObject({ myRole: 'member', people: 4 });

    expect(await rsvpCircleSession(mei, QUIZ_PRACTICE, true)).toEqual({ ok: true });
    view = await circlesOf('mei');
    expect(sessionIn(view, QUIZ_PRACTICE)).toMatchObject({ going: 2, myAnswer: true });

    // Leaving takes her answers with her.
    expect(await leaveCircle(mei, STUDY_GROUP)).toEqual({ ok: true });
    view = await circlesOf('mei');
    expect(circleIn(view, STUDY_GROUP)).toMatchObject({ myRole: null, people: 3 });
    expect(sessionIn(view, QUIZ_PRACTICE)).toMatchObject({ going: 1, myAnswer: null });
  });

  it("refuses an invite-only circle, a full one and a circle's last lead with the database's sentences", async () => {
    const jonas = await clientOf('jonas');
    expect(await joinCircle(jonas, SQL_CIRCLE)).toEqual({
      ok: false,
      error: 'This circle is invite-only: ask one of its leads to add you.',
    });

    const pair = crypto.randomUUID();
    expect(
      await createCircle(await clientOf('sofia'), NORTHWIND, pair, {
        kind: 'cohort',
        courseKey: COURSE,
        name: `Pair practice ${pair.slice(0, 8)}`,
        capacity: 2,
      }),
    ).toEqual({ ok: true });
    expect(await joinCircle(jonas, pair)).toEqual({ ok: true });
    expect(circleIn(await circlesOf('mei'), pair)).toMatchObject({ people: 2, capacity: 2, myRole: null });
    expect(await joinCircle(await clientOf('mei'), pair)).toEqual({
      ok: false,
      error: 'This circle is full (2 of 2). Ask a lead to make room, or join another circle.',
    });
    expect(await leaveCircle(await clientOf('sofia'), pair)).toEqual({
      ok: false,
      error:
        'You are the last lead of this circle: make another member a lead, or archive the circle, before you leave.',
    });
  });

  it('starts a cohort with its starter as lead, and refuses a learner a mentorship circle or a taken name', async () => {
    const amara = await clientOf('amara');
    const id = crypto.randomUUID();
    const name = `Evening revision ${id.slice(0, 8)}`;
    const cohort = { kind: 'cohort' as const, courseKey: COURSE, name, description: '  Tuesdays at 19:00.  ' };
    expect(await createCircle(amara, NORTHWIND, id, cohort)).toEqual({ ok: true });
    expect(await createCircle(amara, NORTHWIND, id, cohort)).toEqual({ ok: true });
    expect(circleIn(await circlesOf('amara'), id)).toEqual({
      id,
      kind: 'cohort',
      name,
      description: 'Tuesdays at 19:00.',
      capacity: 30,
      inviteOnly: false,
      archived: false,
      people: 1,
      myRole: 'lead',
      leads: ['Amara Okafor'],
    });

    expect(await createCircle(amara, NORTHWIND, crypto.randomUUID(), { ...cohort, name: name.toUpperCase() })).toEqual({
      ok: false,
      error: `There is already a circle called "${name.toUpperCase()}" on this course; choose another name.`,
    });
    expect(
      await createCircle(amara, NORTHWIND, crypto.randomUUID(), { ...cohort, kind: 'mentorship', name: 'Mine' }),
    ).toEqual({
      ok: false,
      error: 'Only mentors and admins can start a mentorship circle.',
    });
    expect(
      await createCircle(amara, NORTHWIND, crypto.randomUUID(), {
        ...cohort,
        courseKey: 'moodle|moodle.localhost:8080|9999',
      }),
    ).toEqual({
      ok: false,
      error: 'Peerside has not seen this course in your organisation yet: open it in your LMS first.',
    });
    // Started from a page of that course, the course is added to the org first, and the circle starts.
    const newCourse = {
      platform: 'moodle',
      isCoursePage: true,
      courseId: '9999',
      courseTitle: 'Statistics for managers',
      lessonId: 'cm:1',
      key: 'moodle|moodle.localhost:8080|9999|cm:1',
    } as const;
    const first = crypto.randomUUID();
    expect(
      await createCircle(amara, NORTHWIND, first, {
        ...cohort,
        courseKey: 'moodle|moodle.localhost:8080|9999',
        place: newCourse,
      }),
    ).toEqual({ ok: true });
    expect((await circlesOf('amara', 'moodle|moodle.localhost:8080|9999')).circles.map((c) => c.id)).toEqual([first]);

    const grace = await clientOf('grace');
    const mentorship = crypto.randomUUID();
    expect(
      await createCircle(grace, NORTHWIND, mentorship, {
        kind: 'mentorship',
        courseKey: COURSE,
        name: `Charts ${mentorship}`,
      }),
    ).toEqual({ ok: true });
    expect(circleIn(await circlesOf('grace'), mentorship)).toMatchObject({
      kind: 'mentorship',
      capacity: 8,
      myRole: 'lead',
    });
  });
});

describe('circle sessions', () => {
  it('lets a lead schedule and cancel a session, and its members answer until it is cancelled', async () => {
    const sofia = await clientOf('sofia');
    const jonas = await clientOf('jonas');
    const sessionId = crypto.randomUUID();
    const startsAt = Date.parse(new Date(Date.now() + 3 * DAY).toISOString().slice(0, 16) + ':00Z');
    const session = {
      circleId: STUDY_GROUP,
      kind: 'micro_teaching' as const,
      title: 'Sofia explains box plots',
      startsAt,
      durationMinutes: 45,
      meetingUrl: ' https://meet.example.com/box-plots ',
      agenda: 'Ten minutes of teaching, then feedback.',
    };
    expect(await scheduleCircleSession(sofia, sessionId, session)).toEqual({ ok: true });
    expect(await scheduleCircleSession(sofia, sessionId, session)).toEqual({ ok: true });

    expect(await rsvpCircleSession(jonas, sessionId, true)).toEqual({ ok: true });
    expect(sessionIn(await circlesOf('jonas'), sessionId)).toEqual({
      id: sessionId,
      circleId: STUDY_GROUP,
      circleName: 'Week 2 study group',
      kind: 'micro_teaching',
      title: 'Sofia explains box plots',
      agenda: 'Ten minutes of teaching, then feedback.',
      startsAt,
      durationMinutes: 45,
      meetingUrl: 'https://meet.example.com/box-plots',
      hostId: people.sofia.userId,
      hostName: 'Sofia Marino',
      going: 1,
      myAnswer: true,
      cancelled: false,
    });

    expect(await rsvpCircleSession(await clientOf('mei'), sessionId, true)).toEqual({
      ok: false,
      error: 'Only members of this circle can answer for its sessions; join it first.',
    });
    expect(await cancelCircleSession(jonas, sessionId)).toEqual({
      ok: false,
      error: "Only the leads of this circle or the session's host can move or cancel it.",
    });
    expect(await cancelCircleSession(sofia, sessionId)).toEqual({ ok: true });
    expect(sessionIn(await circlesOf('jonas'), sessionId)).toMatchObject({ cancelled: true, going: 1 });
    expect(await rsvpCircleSession(jonas, sessionId, false)).toEqual({
      ok: false,
      error: 'This session is cancelled.',
    });
  });

  it('refuses a start in the past, a duration out of bounds and a link that is not https', async () => {
    const sofia = await clientOf('sofia');
    const base = {
      circleId: STUDY_GROUP,
      kind: 'practice' as const,
      title: 'Another practice',
      startsAt: Date.now() + DAY,
      durationMinutes: 60,
    };
    expect(await scheduleCircleSession(sofia, crypto.randomUUID(), { ...base, startsAt: Date.now() - DAY })).toEqual({
      ok: false,
      error: 'Schedule the session to start in the future, at most a year from now.',
    });
    expect(await scheduleCircleSession(sofia, crypto.randomUUID(), { ...base, durationMinutes: 300 })).toEqual({
      ok: false,
      error: 'Give the session a duration of 15 to 240 minutes.',
    });
    expect(
      await scheduleCircleSession(sofia, crypto.randomUUID(), { ...base, meetingUrl: 'http://meet.example.com/x' }),
    ).toEqual({ ok: false, error: 'Give the meeting link as an https:// address of at most 2000 characters.' });
  });
});
