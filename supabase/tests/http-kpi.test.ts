/**
 * kpi_weekly's HTTP contract, through the real local stack (PGlite + PostgREST + gateway + auth
 * stand-in, seeded) with supabase-js's .rpc(), as the dashboard calls it: what an admin or moderator
 * of each seeded org gets (one row per ISO week, every measure, totals equal to that org's rows as
 * counted straight from the database, which every seed file adds to), a peer review written through
 * the API counted for its org only, and the statuses and sentences of every refusal (403, 401, 400).
 * The seed's dates are relative to now, so ranges here end today and reach back 20 days.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useSeededStack } from './support/stack';

// Seeded in supabase/seed.sql.
const PRIYA = 'priya.raman@northwind.example'; // Northwind admin
const TOMAS = 'tomas.alvarez@northwind.example'; // Northwind moderator
const GRACE = 'grace.liu@northwind.example'; // Northwind mentor
const AMARA = 'amara.okafor@northwind.example'; // Northwind learner
const MEI = 'mei.tanaka@northwind.example'; // Northwind learner
const SOFIA = 'sofia.marino@northwind.example'; // Northwind learner
const NADIA = 'nadia.haddad@contoso.example'; // Contoso admin
const COURSE = 'moodle|moodle.localhost:8080|4021';
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';

const stack = useSeededStack();
const { client, signIn } = stack;

interface Week {
  week_start: string;
  active_contributors: number;
  questions: number;
  answers: number;
  posts_per_contributor: number | null;
  response_rate: number | null;
  median_hours_to_first_answer: number | null;
  endorsements_given: number;
  mentor_requests_made: number | null;
  mentor_requests_fulfilled: number | null;
  peer_reviews_requested: number;
  peer_reviews_given: number;
}

const DAY = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const TODAY = isoDate(Date.now());
const FROM = isoDate(Date.now() - 20 * DAY);

/** The Mondays (UTC) of the weeks from `from` to `to`: the rows kpi_weekly must return. */
function mondays(from: string, to: string): string[] {
  const monday = (date: string) => {
    const time = Date.parse(`${date}T00:00:00Z`);
    return time - ((new Date(time).getUTCDay() + 6) % 7) * DAY;
  };
  const weeks: string[] = [];
  for (let time = monday(from); time <= monday(to); time += 7 * DAY) weeks.push(isoDate(time));
  return weeks;
}

const kpis = (supabase: SupabaseClient, args: Record<string, unknown>) => supabase.rpc('kpi_weekly', args);
const range = { from_date: FROM, to_date: TODAY };

const total = (weeks: Week[], measure: keyof Week) =>
  weeks.reduce((sum, week) => sum + (typeof week[measure] === 'number' ? (week[measure] as number) : 0), 0);
const totals = (weeks: Week[]) => ({
  questions: total(weeks, 'questions'),
  answers: total(weeks, 'answers'),
  endorsements_given: total(weeks, 'endorsements_given'),
  mentor_requests_made: total(weeks, 'mentor_requests_made'),
  mentor_requests_fulfilled: total(weeks, 'mentor_requests_fulfilled'),
  peer_reviews_requested: total(weeks, 'peer_reviews_requested'),
  peer_reviews_given: total(weeks, 'peer_reviews_given'),
});

/**
 * The same totals counted plainly from an org's rows dated FROM through TODAY (UTC), optionally at the
 * places under a course key (where mentoring, which belongs to no course, is null and so totals 0), as
 * postgres over the stack's database port (read only: it shares PGlite's one session, so it changes no
 * setting).
 */
async function countedInDatabase(org: string, course: string | null = null): Promise<ReturnType<typeof totals>> {
  const db = new pg.Client({ connectionString: stack.backend.dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query<ReturnType<typeof totals>>(
      `with span as (
         select $2::date::timestamp at time zone 'UTC' as starts, ($3::date + 1)::timestamp at time zone 'UTC' as ends),
       places as (
         select pl.key from public.places pl
         where pl.org_id = $1 and ($4::text is null or pl.key = $4 or starts_with(pl.key, $4 || '|'))),
       visible_threads as (
         select t.id from public.threads t where t.org_id = $1 and t.hidden_at is null and t.deleted_at is null
           and t.place_key in (select key from places)),
       visible_posts as (
         select p.* from public.posts p
         where p.org_id = $1 and p.hidden_at is null and p.deleted_at is null
           and p.thread_id in (select id from visible_threads))
       select
         (select count(*) from public.threads t, span where t.id in (select id from visible_threads)
            and t.created_at >= span.starts and t.created_at < span.ends)::int as questions,
         (select count(*) from visible_posts p, span where p.parent_id is null
            and p.created_at >= span.starts and p.created_at < span.ends)::int as answers,
         (select count(*) from public.endorsements e, span where e.org_id = $1 and e.withdrawn_at is null
            and ((e.target_kind = 'skill' and $4 is null) or e.post_id in (select id from visible_posts))
            and e.created_at >= span.starts and e.created_at < span.ends)::int as endorsements_given,
         (select count(*) from public.mentor_requests r, span where r.org_id = $1 and $4 is null
            and r.created_at >= span.starts and r.created_at < span.ends)::int as mentor_requests_made,
         (select count(*) from public.mentor_requests r, span where r.org_id = $1 and $4 is null
            and r.state in ('accepted', 'completed')
            and r.created_at >= span.starts and r.created_at < span.ends)::int as mentor_requests_fulfilled,
         (select count(*) from public.review_requests r, span where r.org_id = $1
            and ($4 is null or r.place_key in (select key from places))
            and r.created_at >= span.starts and r.created_at < span.ends)::int as peer_reviews_requested,
         (select count(*) from public.reviews v join public.review_requests r on r.id = v.request_id, span
          where v.org_id = $1 and ($4 is null or r.place_key in (select key from places))
            and v.created_at >= span.starts and v.created_at < span.ends)::int as peer_reviews_given`,
      [org, FROM, TODAY, course],
    );
    return rows[0]!;
  } finally {
    await db.end();
  }
}

describe('kpi_weekly for moderators and admins', () => {
  it('gives an admin one row per week of the range, each with every measure, and the seed counted', async () => {
    const { data, error, status } = await kpis(await signIn(PRIYA), range);
    expect(error).toBeNull();
    expect(status).toBe(200);
    const weeks = data as Week[];
    expect(weeks.map((week) => week.week_start)).toEqual(mondays(FROM, TODAY));
    for (const week of weeks) {
      expect(Object.keys(week).sort()).toEqual([
        'active_contributors',
        'answers',
        'endorsements_given',
        'median_hours_to_first_answer',
        'mentor_requests_fulfilled',
        'mentor_requests_made',
        'peer_reviews_given',
        'peer_reviews_requested',
        'posts_per_contributor',
        'questions',
        'response_rate',
        'week_start',
      ]);
      expect(week).toMatchObject({
        active_contributors: expect.any(Number),
        peer_reviews_requested: expect.any(Number),
        peer_reviews_given: expect.any(Number),
        mentor_requests_made: expect.any(Number),
      });
    }
    // Northwind's visible questions and answers, standing endorsements, Mei's open request, reviews.
    const counted = await countedInDatabase(NORTHWIND);
    expect(totals(weeks)).toEqual(counted);
    expect(counted).toMatchObject({ questions: 5, mentor_requests_made: 1 });
    expect(counted.answers).toBeGreaterThanOrEqual(5);
    expect(total(weeks, 'active_contributors')).toBeGreaterThan(0);

    // A moderator of the same org gets the same figures.
    const moderators = await kpis(await signIn(TOMAS), range);
    expect(moderators).toMatchObject({ status: 200, error: null, data: weeks });
  });

  it('narrows to a course with course_key, leaving out mentoring, which belongs to no course', async () => {
    const { data, status } = await kpis(await signIn(PRIYA), { ...range, course_key: COURSE });
    expect(status).toBe(200);
    const weeks = data as Week[];
    const counted = await countedInDatabase(NORTHWIND, COURSE);
    expect(totals(weeks)).toEqual(counted);
    // Four of the org's five questions are at the demo Moodle course (one is on Canvas).
    expect(counted.questions).toBe(4);
    expect(weeks.every((week) => week.mentor_requests_made === null && week.mentor_requests_fulfilled === null)).toBe(
      true,
    );
  });

  it('counts a peer review asked for and given through the API this week, in its own org only', async () => {
    const priya = await signIn(PRIYA);
    const nadia = await signIn(NADIA);
    const thisWeek = async (supabase: SupabaseClient) => {
      const { data, error } = await kpis(supabase, { from_date: TODAY, to_date: TODAY });
      expect(error).toBeNull();
      return (data as Week[])[0]!;
    };
    const [northwindBefore, contosoBefore] = [await thisWeek(priya), await thisWeek(nadia)];

    const request = crypto.randomUUID();
    const asked = await (
      await signIn(MEI)
    ).rpc('request_review', {
      request_id: request,
      title: 'Week 2 spreadsheet',
      work_url: 'https://docs.example.com/week-2',
      rubric: ['Clarity', 'Accuracy'],
    });
    expect(asked.error).toBeNull();
    const reviewed = await (
      await signIn(SOFIA)
    ).rpc('submit_review', {
      review_id: crypto.randomUUID(),
      request_id: request,
      scores: { Clarity: 4, Accuracy: 5 },
    });
    expect(reviewed.error).toBeNull();

    expect(await thisWeek(priya)).toMatchObject({
      peer_reviews_requested: northwindBefore.peer_reviews_requested + 1,
      peer_reviews_given: northwindBefore.peer_reviews_given + 1,
    });
    expect(await thisWeek(nadia)).toEqual(contosoBefore);
  });

  it("gives the other org's admin only their own org's figures", async () => {
    const { data, status } = await kpis(await signIn(NADIA), range);
    expect(status).toBe(200);
    const weeks = data as Week[];
    expect(weeks.map((week) => week.week_start)).toEqual(mondays(FROM, TODAY));
    // Contoso's question and its answer at the shared Moodle course; nothing of Northwind's.
    const counted = await countedInDatabase(CONTOSO);
    expect(totals(weeks)).toEqual(counted);
    expect(counted).toMatchObject({ questions: 1, answers: 1 });
    expect(counted).not.toEqual(await countedInDatabase(NORTHWIND));
  });
});

describe('kpi_weekly refusals', () => {
  const onlyModerators = { code: '42501', message: "Only moderators and admins can see your organisation's KPIs." };

  it('refuses a learner with 403 and a sentence, and so a mentor and a signed-in non-member', async () => {
    for (const email of [AMARA, GRACE, 'new.starter@northwind.example']) {
      const { data, error, status } = await kpis(await signIn(email), range);
      expect({ email, status, data }).toEqual({ email, status: 403, data: null });
      expect(error).toMatchObject(onlyModerators);
    }
  });

  it('refuses anon with 401: only signed-in users may execute it', async () => {
    const { data, error, status } = await kpis(client(), range);
    expect(status).toBe(401);
    expect(data).toBeNull();
    expect(error).toMatchObject({ code: '42501', message: 'permission denied for function kpi_weekly' });
  });

  it('answers a bad range or course key with 400 and a sentence saying what to send', async () => {
    const priya = await signIn(PRIYA);
    const refusals = [
      [{ from_date: TODAY, to_date: null }, '22023', 'Give both from_date and to_date.'],
      [{ from_date: TODAY, to_date: FROM }, '22023', 'from_date must be on or before to_date.'],
      // 2025-01-06 is a Monday: through 2026-01-12 starts a 54th week.
      [{ from_date: '2025-01-06', to_date: '2026-01-12' }, '22023', 'Ask for at most 53 weeks at a time.'],
      [
        { ...range, course_key: ' ' },
        '22023',
        'Give a course_key ("platform|host|course"), or none for the whole organisation.',
      ],
      [{ from_date: '2025-13-01', to_date: TODAY }, '22008', 'date/time field value out of range: "2025-13-01"'],
    ] as const;
    for (const [args, code, message] of refusals) {
      const { data, error, status } = await kpis(priya, args);
      expect({ args, status, data }).toEqual({ args, status: 400, data: null });
      expect(error).toMatchObject({ code, message });
    }
  });
});
