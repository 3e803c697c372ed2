-- kpi_weekly(from_date, to_date, course_key): the measures an L&D admin judges a pilot by, for the
-- caller's org, one row per ISO week (Monday to Sunday, in UTC) from the week of from_date to the
-- week of to_date; only activity dated from_date through to_date counts, so edge weeks may be partial.
-- Hidden and deleted questions, answers and replies (and anything in a hidden or deleted question)
-- count nowhere; withdrawn endorsements count nowhere. With a course_key ("platform|host|course", or
-- any place key prefix that ends at a "|"), only activity at places under that key counts.
--
-- The measures, as an admin reads them:
--   week_start                    The Monday the week starts on (UTC).
--   active_contributors           People who asked, answered, replied, voted or endorsed that week.
--   questions                     Questions asked that week.
--   answers                       Answers (not replies) posted that week, to any question.
--   posts_per_contributor         Questions, answers and replies posted that week, per active contributor.
--   response_rate                 Share of that week's questions answered within 7 days of being asked
--                                 (for the latest week it can still rise).
--   median_hours_to_first_answer  Median hours from a question to its first answer, over that week's
--                                 questions that have an answer so far.
--   endorsements_given            Endorsements given that week (with a course_key, only of posts there).
--   mentor_requests_made          Mentoring requests made that week (null with a course_key: a request
--                                 belongs to no course).
--   mentor_requests_fulfilled     Of those, how many the mentor accepted and are now accepted or completed.
-- There is no peer review table yet, so there is no reviews column.
--
-- Who: moderators and admins of the caller's org (the org of their token's claim, as pull_changes
-- syncs; private.sync_org_id). SECURITY DEFINER because the measures count content the caller cannot
-- read (other people's votes, mentoring requests, hidden items to leave out); it reads only that org
-- and returns only aggregates. Refusals: 42501 not signed in or not a moderator or admin; 22023 a
-- missing or reversed range, more than 53 weeks, or an empty course_key.

-- Each count filters one org's rows by created_at: (org_id, created_at), org first for the equality.
-- With a course_key, threads use threads_place_key_org_id_created_at_idx and posts, votes and
-- endorsements reach their thread by key. Joins repeat the org (the foreign keys already imply it)
-- so the planner reads only that org's threads rather than all of them.
create index threads_org_id_created_at_idx on public.threads (org_id, created_at);
create index posts_org_id_created_at_idx on public.posts (org_id, created_at);
create index votes_org_id_created_at_idx on public.votes (org_id, created_at);
create index endorsements_org_id_created_at_idx on public.endorsements (org_id, created_at);
create index mentor_requests_org_id_created_at_idx on public.mentor_requests (org_id, created_at);

create function public.kpi_weekly(from_date date, to_date date, course_key text default null)
  returns table (
    week_start date,
    active_contributors integer,
    questions integer,
    answers integer,
    posts_per_contributor double precision,
    response_rate double precision,
    median_hours_to_first_answer double precision,
    endorsements_given integer,
    mentor_requests_made integer,
    mentor_requests_fulfilled integer
  )
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  org uuid;
  first_week date;
  last_week date;
  range_start timestamptz;
  range_end timestamptz;
  course_places text[];
begin
  if caller is null then
    raise exception 'Sign in to see your organisation''s KPIs.' using errcode = '42501';
  end if;
  org := private.sync_org_id();
  if org is null or not private.has_org_role(org, 'moderator', 'admin') then
    raise exception 'Only moderators and admins can see your organisation''s KPIs.' using errcode = '42501';
  end if;
  if from_date is null or to_date is null then
    raise exception 'Give both from_date and to_date.' using errcode = '22023';
  end if;
  if from_date > to_date then
    raise exception 'from_date must be on or before to_date.' using errcode = '22023';
  end if;
  first_week := date_trunc('week', from_date::timestamp)::date;
  last_week := date_trunc('week', to_date::timestamp)::date;
  if (last_week - first_week) / 7 + 1 > 53 then
    raise exception 'Ask for at most 53 weeks at a time.' using errcode = '22023';
  end if;
  if course_key is not null and btrim(course_key) = '' then
    raise exception 'Give a course_key ("platform|host|course"), or none for the whole organisation.'
      using errcode = '22023';
  end if;
  range_start := from_date::timestamp at time zone 'UTC';
  range_end := (to_date + 1)::timestamp at time zone 'UTC';

  -- The org's places under the course key: the key itself or keys that continue it after a "|".
  -- An org has few places, so scanning them is cheap; threads are then found by place_key.
  if course_key is not null then
    select coalesce(array_agg(pl.key), '{}') into course_places
    from public.places pl
    where pl.org_id = org
      and (pl.key = kpi_weekly.course_key or starts_with(pl.key, kpi_weekly.course_key || '|'));
  end if;

  return query
  with asked as (
    select t.author_id as person,
      date_trunc('week', t.created_at at time zone 'UTC')::date as wk,
      t.created_at,
      (select min(a.created_at) from public.posts a
        where a.thread_id = t.id and a.parent_id is null and a.hidden_at is null and a.deleted_at is null
      ) as first_answer_at
    from public.threads t
    where t.org_id = org
      and t.created_at >= range_start and t.created_at < range_end
      and t.hidden_at is null and t.deleted_at is null
      and (course_places is null or t.place_key = any (course_places))
  ),
  posted as (
    select p.author_id as person,
      date_trunc('week', p.created_at at time zone 'UTC')::date as wk,
      p.parent_id is null as is_answer
    from public.posts p
    join public.threads t on t.id = p.thread_id and t.org_id = org
    where p.org_id = org
      and p.created_at >= range_start and p.created_at < range_end
      and p.hidden_at is null and p.deleted_at is null
      and t.hidden_at is null and t.deleted_at is null
      and (course_places is null or t.place_key = any (course_places))
  ),
  voted as (
    select v.user_id as person, date_trunc('week', v.created_at at time zone 'UTC')::date as wk
    from public.votes v
    join public.posts p on p.id = v.post_id and p.org_id = org
    join public.threads t on t.id = p.thread_id and t.org_id = org
    where v.org_id = org
      and v.created_at >= range_start and v.created_at < range_end
      and p.hidden_at is null and p.deleted_at is null
      and t.hidden_at is null and t.deleted_at is null
      and (course_places is null or t.place_key = any (course_places))
  ),
  endorsed as (
    select e.endorser_id as person, date_trunc('week', e.created_at at time zone 'UTC')::date as wk
    from public.endorsements e
    left join public.posts p on p.id = e.post_id and p.org_id = org
    left join public.threads t on t.id = p.thread_id and t.org_id = org
    where e.org_id = org
      and e.created_at >= range_start and e.created_at < range_end
      and e.withdrawn_at is null
      and (
        (e.target_kind = 'skill' and course_places is null)
        or (e.target_kind = 'post'
          and p.hidden_at is null and p.deleted_at is null
          and t.hidden_at is null and t.deleted_at is null
          and (course_places is null or t.place_key = any (course_places)))
      )
  ),
  contributors as (
    select c.wk, count(distinct c.person) as n
    from (
      select x.wk, x.person from asked x
      union all select x.wk, x.person from posted x
      union all select x.wk, x.person from voted x
      union all select x.wk, x.person from endorsed x
    ) c
    group by c.wk
  ),
  question_stats as (
    select x.wk,
      count(*) as n,
      count(*) filter (where x.first_answer_at <= x.created_at + interval '7 days') as answered_in_a_week,
      percentile_cont(0.5) within group (
        order by extract(epoch from x.first_answer_at - x.created_at) / 3600
      ) filter (where x.first_answer_at is not null) as median_hours
    from asked x
    group by x.wk
  ),
  post_stats as (
    select x.wk, count(*) as n, count(*) filter (where x.is_answer) as answers
    from posted x
    group by x.wk
  ),
  endorsement_stats as (
    select x.wk, count(*) as n from endorsed x group by x.wk
  ),
  request_stats as (
    select date_trunc('week', r.created_at at time zone 'UTC')::date as wk,
      count(*) as n,
      count(*) filter (where r.state in ('accepted', 'completed')) as fulfilled
    from public.mentor_requests r
    where r.org_id = org
      and r.created_at >= range_start and r.created_at < range_end
      and course_places is null
    group by 1
  )
  select w.wk,
    coalesce(c.n, 0)::integer,
    coalesce(q.n, 0)::integer,
    coalesce(ps.answers, 0)::integer,
    case when c.n > 0 then round((coalesce(q.n, 0) + coalesce(ps.n, 0))::numeric / c.n, 2)::double precision end,
    case when q.n > 0 then round(q.answered_in_a_week::numeric / q.n, 3)::double precision end,
    round(q.median_hours::numeric, 2)::double precision,
    coalesce(es.n, 0)::integer,
    case when course_places is null then coalesce(rs.n, 0)::integer end,
    case when course_places is null then coalesce(rs.fulfilled, 0)::integer end
  from (
    select g::date as wk from generate_series(first_week::timestamp, last_week::timestamp, interval '7 days') g
  ) w
  left join contributors c on c.wk = w.wk
  left join question_stats q on q.wk = w.wk
  left join post_stats ps on ps.wk = w.wk
  left join endorsement_stats es on es.wk = w.wk
  left join request_stats rs on rs.wk = w.wk
  order by w.wk;
end;
$$;

comment on function public.kpi_weekly(date, date, text) is
  'Pilot KPIs of the caller''s org per ISO week (UTC), optionally for one course key; at most 53 weeks. '
  'Moderators and admins only. Hidden, deleted and withdrawn items are not counted.';

revoke all on function public.kpi_weekly(date, date, text) from public, anon, authenticated, service_role;
grant execute on function public.kpi_weekly(date, date, text) to authenticated;
