-- top_contributors(course_key, days, max_rows): who helped most in the caller's org lately, for the
-- panel's "Helping most in this course" list, a leaderboard any member may read. One row per member
-- who wrote at least one visible answer or reply in the last `days` days (at places under course_key
-- when one is given: "platform|host|course", or any place key prefix that ends at a "|", exactly as
-- kpi_weekly matches it, so "moodle|lms.example.edu|10" does not match course 101):
--   user_id, display_name, skills  The member's public profile (members).
--   answers                        Answers and replies they posted there in the period.
--   accepted_answers               Of those, the ones the question's asker (or a moderator) accepted.
--   endorsements_received          Standing endorsements of those answers and replies, plus standing
--                                  endorsements of their profile skills given in the period (a skill
--                                  belongs to no course, so those count with or without a course_key).
--   helpful_votes                  The net votes (up minus down) on those answers and replies, as every
--                                  member reads them in posts.score.
--   score                          answers + 3 x accepted_answers + 2 x endorsements_received
--                                  + helpful_votes: being accepted weighs most, a peer's endorsement
--                                  more than a vote, and every answer counts. Highest first; ties by
--                                  display_name, then user_id, so the order is stable.
-- Only what members could see counts: hidden and deleted answers and replies, anything in a hidden or
-- deleted question, and withdrawn endorsements are left out, for every caller alike (a moderator, or
-- the author of a hidden answer, gets the same list as everyone else). A member who has left the org
-- is not listed. Someone with endorsed skills but no answer there in the period is not listed either.
--
-- Who: any member of the caller's org (the org of their token's claim, as pull_changes and kpi_weekly
-- choose it: private.sync_org_id); it never reads another org. SECURITY INVOKER: everything it counts
-- is readable by every member under RLS (posts.score, not other people's votes), so it cannot reveal
-- anything a member could not select directly; it only adds it up. private.sync_org_id is granted to
-- authenticated for that (it returns the caller's own org and nothing else). Refusals: 42501 signed
-- out or not a member (anon cannot execute it at all); 22023 days outside 1 to 365, max_rows outside
-- 1 to 50, or an empty course_key.
--
-- Cost: answers and replies are read by the existing posts (org_id, created_at) index and joined to
-- their question by primary key; endorsements of them by (org_id, post_id); skill endorsements by
-- (org_id, created_at); names by the members primary key. No new index is needed.

grant execute on function private.sync_org_id() to authenticated;

create function public.top_contributors(
  course_key text default null,
  days integer default 30,
  max_rows integer default 10
)
  returns table (
    user_id uuid,
    display_name text,
    skills text[],
    answers integer,
    accepted_answers integer,
    endorsements_received integer,
    helpful_votes integer,
    score integer
  )
  language plpgsql
  stable
  security invoker
  set search_path = ''
as $$
declare
  org uuid := private.sync_org_id();
  since timestamptz;
  course_places text[];
begin
  perform private.require_role(org, 'Only members of an organisation can see who helps most in it.',
    'learner', 'mentor', 'moderator', 'admin');
  if top_contributors.days is null or top_contributors.days not between 1 and 365 then
    raise exception 'Ask for the last 1 to 365 days.' using errcode = '22023';
  end if;
  if top_contributors.max_rows is null or top_contributors.max_rows not between 1 and 50 then
    raise exception 'Ask for 1 to 50 people.' using errcode = '22023';
  end if;
  if top_contributors.course_key is not null and btrim(top_contributors.course_key) = '' then
    raise exception 'Give a course_key ("platform|host|course"), or none for the whole organisation.'
      using errcode = '22023';
  end if;
  since := now() - make_interval(days => top_contributors.days);

  -- The org's places under the course key: the key itself or keys that continue it after a "|".
  if top_contributors.course_key is not null then
    select coalesce(array_agg(pl.key), '{}') into course_places
    from public.places pl
    where pl.org_id = org
      and (pl.key = top_contributors.course_key or starts_with(pl.key, top_contributors.course_key || '|'));
  end if;

  return query
  with helped as (
    -- Visible answers and replies of the period, in visible questions (at the course's places).
    select p.id, p.author_id as person, p.score as votes, t.accepted_post_id is not distinct from p.id as accepted
    from public.posts p
    join public.threads t on t.id = p.thread_id and t.org_id = org
    where p.org_id = org
      and p.created_at >= since
      and p.hidden_at is null and p.deleted_at is null
      and t.hidden_at is null and t.deleted_at is null
      and (course_places is null or t.place_key = any (course_places))
  ),
  per_person as (
    select h.person, count(*) as answers, count(*) filter (where h.accepted) as accepted, sum(h.votes) as votes
    from helped h
    group by h.person
  ),
  post_endorsements as (
    select h.person, count(*) as n
    from helped h
    join public.endorsements e on e.org_id = org and e.post_id = h.id
    where e.target_kind = 'post' and e.withdrawn_at is null
    group by h.person
  ),
  skill_endorsements as (
    select e.member_user_id as person, count(*) as n
    from public.endorsements e
    where e.org_id = org and e.created_at >= since
      and e.target_kind = 'skill' and e.withdrawn_at is null
    group by e.member_user_id
  ),
  ranked as (
    select m.user_id, m.display_name, m.skills,
      pp.answers::integer as answers,
      pp.accepted::integer as accepted,
      (coalesce(pe.n, 0) + coalesce(se.n, 0))::integer as endorsements,
      pp.votes::integer as votes
    from per_person pp
    join public.members m on m.org_id = org and m.user_id = pp.person
    left join post_endorsements pe on pe.person = pp.person
    left join skill_endorsements se on se.person = pp.person
  )
  select r.user_id, r.display_name, r.skills, r.answers, r.accepted, r.endorsements, r.votes,
    r.answers + 3 * r.accepted + 2 * r.endorsements + r.votes
  from ranked r
  order by r.answers + 3 * r.accepted + 2 * r.endorsements + r.votes desc, r.display_name, r.user_id
  limit top_contributors.max_rows;
end;
$$;

comment on function public.top_contributors(text, integer, integer) is
  'Members of the caller''s org who helped most in the last `days` days (optionally under one course key): '
  'answers and replies, accepted answers, endorsements received, net helpful votes and a score. '
  'Any member; only visible, standing items count. Subject to RLS.';

revoke all on function public.top_contributors(text, integer, integer) from public, anon, authenticated, service_role;
grant execute on function public.top_contributors(text, integer, integer) to authenticated;
