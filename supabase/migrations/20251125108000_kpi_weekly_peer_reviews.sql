-- kpi_weekly counts peer reviews: two new measures, and reviewing counts as contributing.
--   peer_reviews_requested  Review requests made that week (with a course_key, only those asked at a
--                           place under it; a request at no place belongs to no course).
--   peer_reviews_given      Reviews submitted that week, of any request, whenever it was made (with a
--                           course_key, only reviews of requests at places under it).
-- A review request has no hidden, deleted or withdrawn state: closing one stops new reviews but keeps
-- the request and its reviews, so closed requests and their reviews count like open ones (a request
-- or review whose member left the org is deleted with the membership and counts nowhere).
-- active_contributors now also counts people who asked for a review or reviewed someone's work that
-- week (it was: asked, answered, replied, voted or endorsed), so posts_per_contributor divides by them
-- too. Every other measure, the range rules, who may call it and its refusals are as in
-- 20251125102300_kpi_weekly.sql, whose header defines each measure.
--
-- The return type changes, so the function is dropped and created again with the same grants: only
-- authenticated may execute it (42501 for anon), and it refuses everyone but moderators and admins.

-- Each review measure filters one org's rows by created_at, as the other measures do. The existing
-- review_requests index on (org_id, created_at) holds open requests only; closed ones count too.
create index review_requests_org_id_created_at_idx on public.review_requests (org_id, created_at);
create index reviews_org_id_created_at_idx on public.reviews (org_id, created_at);

drop function public.kpi_weekly(date, date, text);

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
    mentor_requests_fulfilled integer,
    peer_reviews_requested integer,
    peer_reviews_given integer
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
  review_asked as (
    select r.requester_id as person, date_trunc('week', r.created_at at time zone 'UTC')::date as wk
    from public.review_requests r
    where r.org_id = org
      and r.created_at >= range_start and r.created_at < range_end
      and (course_places is null or r.place_key = any (course_places))
  ),
  reviewed as (
    select v.reviewer_id as person, date_trunc('week', v.created_at at time zone 'UTC')::date as wk
    from public.reviews v
    join public.review_requests r on r.id = v.request_id and r.org_id = org
    where v.org_id = org
      and v.created_at >= range_start and v.created_at < range_end
      and (course_places is null or r.place_key = any (course_places))
  ),
  contributors as (
    select c.wk, count(distinct c.person) as n
    from (
      select x.wk, x.person from asked x
      union all select x.wk, x.person from posted x
      union all select x.wk, x.person from voted x
      union all select x.wk, x.person from endorsed x
      union all select x.wk, x.person from review_asked x
      union all select x.wk, x.person from reviewed x
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
  ),
  review_request_stats as (
    select x.wk, count(*) as n from review_asked x group by x.wk
  ),
  review_stats as (
    select x.wk, count(*) as n from reviewed x group by x.wk
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
    case when course_places is null then coalesce(rs.fulfilled, 0)::integer end,
    coalesce(rrs.n, 0)::integer,
    coalesce(vs.n, 0)::integer
  from (
    select g::date as wk from generate_series(first_week::timestamp, last_week::timestamp, interval '7 days') g
  ) w
  left join contributors c on c.wk = w.wk
  left join question_stats q on q.wk = w.wk
  left join post_stats ps on ps.wk = w.wk
  left join endorsement_stats es on es.wk = w.wk
  left join request_stats rs on rs.wk = w.wk
  left join review_request_stats rrs on rrs.wk = w.wk
  left join review_stats vs on vs.wk = w.wk
  order by w.wk;
end;
$$;

comment on function public.kpi_weekly(date, date, text) is
  'Pilot KPIs of the caller''s org per ISO week (UTC), optionally for one course key; at most 53 weeks. '
  'Moderators and admins only. Hidden, deleted and withdrawn items are not counted. Includes peer reviews '
  'requested and given.';

revoke all on function public.kpi_weekly(date, date, text) from public, anon, authenticated, service_role;
grant execute on function public.kpi_weekly(date, date, text) to authenticated;
