-- The reads of the panel's Circles tab, as two RPCs instead of table reads counted on the client
-- (which PostgREST's max_rows silently cut short on a busy course, and which listed circles oldest
-- first, so new ones fell past the limit):
--   circle_list(course_key)                          the course's circles, with member_count, my_role,
--                                                    lead_names and members_readable
--   circle_session_list(course_key, include_past)   the course's sessions that have not ended (or ended
--                                                    within include_past), with going_count and my_going
-- Both are SECURITY INVOKER, like playlist_list: the rows are what RLS lets the caller read (every
-- circle of their orgs; the members, sessions and RSVPs of open circles, and of invite-only circles
-- only for their own members and the org's moderators and admins: private.readable_circle_ids()).
-- The counts are the exception: how many people are in a circle is shown to every member of its org,
-- even of an invite-only circle whose member list they cannot read, and how many are going to a
-- session is counted whatever RSVP rows the policy lets them read. Those two counts come from the
-- SECURITY DEFINER helpers below, which count only for circles (sessions) the caller can read and
-- hand back numbers, never rows. lead_names stays behind RLS: empty where the caller may not read the
-- circle's membership (members_readable false), and also for an archived circle whose leads all left.
-- Both are bounded at 200 rows (a course has a handful of circles; archived ones come last, so they
-- are the ones a cut drops) and are language sql, so the output column course_key may share the
-- argument's name (plpgsql refuses that); the argument checks run first, in their own statement.
-- Refusals are sentences with an SQLSTATE: 42501 (HTTP 401/403) signed out, or a member of no org
-- (anon has no EXECUTE and gets Postgres's own "permission denied for function"); 22023 (HTTP 400) a
-- missing or malformed course key (one with a lesson part included), or include_past outside 0 to 30
-- days.

-- The checks both reads start with: signed in, a member of an org, a course key as create_circle
-- takes it ("platform|host|course", no lesson; surrounding spaces ignored) and, for sessions, how far
-- back to look. SECURITY INVOKER: it reads only the caller's own memberships, through member_org_ids.
create function private.check_circle_read(course_key text, include_past interval default interval '0')
  returns void
  language plpgsql
  stable
  set search_path = ''
as $$
declare
  clean_key text := btrim(course_key);
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in to see circles.' using errcode = '42501';
  end if;
  if not exists (select 1 from private.member_org_ids()) then
    raise exception 'Only members of an organisation can see circles.' using errcode = '42501';
  end if;
  if clean_key is null or char_length(clean_key) > 600
     or clean_key !~ '^[a-z0-9_]{1,40}\|[^|[:space:]]+\|[^|[:space:]]+$' then
    raise exception 'Give the course as its key, "platform|host|course", without a lesson.' using errcode = '22023';
  end if;
  if include_past is not null and (include_past < interval '0' or include_past > interval '30 days') then
    raise exception 'Ask for past sessions of at most the last 30 days.' using errcode = '22023';
  end if;
end;
$$;
revoke all on function private.check_circle_read(text, interval) from public, anon;
grant execute on function private.check_circle_read(text, interval) to authenticated;

-- How many people are in each of `circle_ids`, for those in an org of the signed-in user (every member
-- of an org reads all its circles, so these are the circles they can read); other ids are left out.
-- SECURITY DEFINER because circle_members hides the member rows of invite-only circles.
create function private.circle_member_counts(circle_ids uuid[])
  returns table (circle_id uuid, member_count integer)
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return query
    select c.id, (select count(*) from public.circle_members cm where cm.circle_id = c.id)::integer
    from public.circles c
    where c.id = any (circle_ids)
      and c.org_id in (select private.member_org_ids());
end;
$$;
revoke all on function private.circle_member_counts(uuid[]) from public, anon;
grant execute on function private.circle_member_counts(uuid[]) to authenticated;

-- How many said they are going to each of `session_ids`, for sessions the signed-in user can read
-- (those of private.readable_circle_ids()); other ids are left out. SECURITY DEFINER so the count does
-- not depend on which RSVP rows the caller's policy shows.
create function private.circle_session_going_counts(session_ids uuid[])
  returns table (session_id uuid, going_count integer)
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return query
    select s.id,
      (select count(*) from public.circle_session_attendees a where a.session_id = s.id and a.going)::integer
    from public.circle_sessions s
    where s.id = any (session_ids)
      and s.circle_id in (select private.readable_circle_ids());
end;
$$;
revoke all on function private.circle_session_going_counts(uuid[]) from public, anon;
grant execute on function private.circle_session_going_counts(uuid[]) to authenticated;

create function public.circle_list(course_key text)
  returns table (
    id uuid,
    org_id uuid,
    kind text,
    course_key text,
    name text,
    description text,
    capacity integer,
    invite_only boolean,
    created_by uuid,
    archived_at timestamptz,
    created_at timestamptz,
    member_count integer,
    my_role text,
    lead_names text[],
    members_readable boolean
  )
  language sql
  stable
  security invoker
  set search_path = ''
as $$
  select private.check_circle_read(circle_list.course_key);

  with listed as (
    select c.* from public.circles c
    -- RLS keeps the caller's orgs too; said as `= any (array)` so (org_id, course_key) is the index path.
    where c.org_id = any (array(select private.member_org_ids()))
      and c.course_key = btrim(circle_list.course_key)
    order by c.archived_at is not null, c.created_at desc, c.id
    limit 200
  ),
  counted as (
    select n.circle_id, n.member_count
    from private.circle_member_counts(array(select l.id from listed l)) n
  ),
  -- Behind circle_members' policy: no rows, so no names, for a circle whose members the caller may
  -- not read.
  leads as (
    select cm.circle_id, array_agg(m.display_name order by cm.joined_at, cm.user_id) as names
    from public.circle_members cm
    join public.members m on m.org_id = cm.org_id and m.user_id = cm.user_id
    where cm.role = 'lead' and cm.circle_id in (select l.id from listed l)
    group by cm.circle_id
  )
  select
    l.id,
    l.org_id,
    l.kind,
    l.course_key,
    l.name,
    l.description,
    l.capacity,
    l.invite_only,
    l.created_by,
    l.archived_at,
    l.created_at,
    coalesce(counted.member_count, 0),
    (select cm.role from public.circle_members cm where cm.circle_id = l.id and cm.user_id = (select auth.uid())),
    coalesce(leads.names, '{}'::text[]),
    l.id in (select private.readable_circle_ids())
  from listed l
  left join counted on counted.circle_id = l.id
  left join leads on leads.circle_id = l.id
  order by l.archived_at is not null, l.created_at desc, l.id
$$;

comment on function public.circle_list(text) is
  'The circles of your orgs on a course ("platform|host|course"): active first, newest first, at most 200, with member_count (always), my_role, and lead_names where you may read who is in it (members_readable). Subject to RLS.';

create function public.circle_session_list(course_key text, include_past interval default interval '0')
  returns table (
    id uuid,
    org_id uuid,
    circle_id uuid,
    circle_name text,
    kind text,
    title text,
    agenda text,
    starts_at timestamptz,
    duration_minutes integer,
    meeting_url text,
    host_id uuid,
    host_name text,
    cancelled_at timestamptz,
    going_count integer,
    my_going boolean
  )
  language sql
  stable
  security invoker
  set search_path = ''
as $$
  select private.check_circle_read(circle_session_list.course_key, circle_session_list.include_past);

  with listed as (
    select s.*, c.name as circle_name
    from public.circle_sessions s
    join public.circles c on c.id = s.circle_id
    where c.org_id = any (array(select private.member_org_ids()))
      and c.course_key = btrim(circle_session_list.course_key)
      -- Not ended (or ended within include_past). The first condition, implied by the second since no
      -- session lasts over 240 minutes, lets the (circle_id, starts_at) index skip the circle's past.
      and s.starts_at > now() - coalesce(circle_session_list.include_past, interval '0') - interval '240 minutes'
      and s.starts_at + make_interval(mins => s.duration_minutes)
        > now() - coalesce(circle_session_list.include_past, interval '0')
    order by s.starts_at, s.id
    limit 200
  ),
  counted as (
    select n.session_id, n.going_count
    from private.circle_session_going_counts(array(select l.id from listed l)) n
  )
  select
    l.id,
    l.org_id,
    l.circle_id,
    l.circle_name,
    l.kind,
    l.title,
    l.agenda,
    l.starts_at,
    l.duration_minutes,
    l.meeting_url,
    l.host_id,
    host.display_name,
    l.cancelled_at,
    coalesce(counted.going_count, 0),
    (select a.going from public.circle_session_attendees a
      where a.session_id = l.id and a.user_id = (select auth.uid()))
  from listed l
  left join counted on counted.session_id = l.id
  left join public.members host on host.org_id = l.org_id and host.user_id = l.host_id
  order by l.starts_at, l.id
$$;

comment on function public.circle_session_list(text, interval) is
  'Sessions of the circles you can read on a course ("platform|host|course") that have not ended (or ended within include_past, at most 30 days), cancelled ones included, soonest first, at most 200, with going_count and my_going. Subject to RLS.';

revoke all on function public.circle_list(text) from public, anon, authenticated, service_role;
revoke all on function public.circle_session_list(text, interval) from public, anon, authenticated, service_role;
grant execute on function public.circle_list(text) to authenticated;
grant execute on function public.circle_session_list(text, interval) to authenticated;
