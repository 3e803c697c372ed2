-- The rule-bearing writes of circle sessions and RSVPs:
--   schedule_circle_session(session_id, circle_id, kind, title, starts_at, duration_minutes, agenda,
--     meeting_url, host_id)          the circle's leads, for any member to host; any other member of the
--                                    circle, for a session they host themselves
--   reschedule_circle_session(session_id, starts_at, duration_minutes)   the circle's leads or the host
--   cancel_circle_session(session_id)                                    the circle's leads or the host
--   rsvp_circle_session(session_id, going)                               a member of the circle
-- SECURITY DEFINER because nobody writes circle_sessions or circle_session_attendees directly. Each
-- locks the circle (FOR SHARE, so it cannot be archived meanwhile) and then the session, in that
-- order, as archive_circle and leave_circle do. schedule_circle_session is idempotent on its
-- client-generated id (another user's id is refused); rescheduling to the time it already has,
-- cancelling a cancelled session and repeating an RSVP return the row unchanged, so outbox replays
-- are no-ops. Moving a session to another start clears its RSVPs. Refusals are sentences with an
-- SQLSTATE to branch on: 42501 (HTTP 401/403) not allowed; P0001 (HTTP 400) no such session or circle,
-- an archived circle, a cancelled, started or ended session, a host outside the circle; 22023 (HTTP 400)
-- an argument missing or out of bounds (a start in the past or over a year ahead, a duration outside
-- 15 to 240 minutes, a meeting link that is not https://); PT429 (HTTP 429) more than 10 sessions
-- scheduled in an hour (the 'circle_session' rate limit below).

insert into private.rate_limits (action, max_writes, span, counted_table, user_column, message) values
  ('circle_session', 10, interval '1 hour', 'public.circle_sessions', 'created_by',
    'You have scheduled %1$s circle sessions in the last hour. Try again in %2$s.');

-- The session for a change by the signed-in user: its circle locked FOR SHARE, then the session
-- locked (FOR UPDATE when `exclusive`, else FOR SHARE). Refuses when it does not exist or the caller
-- cannot read its circle's sessions (another org, or an invite-only circle they are not in).
create function private.circle_session_for_change(target_session uuid, exclusive boolean)
  returns public.circle_sessions
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  parent public.circles;
  found_session public.circle_sessions;
begin
  select c.* into parent
  from public.circles c
  where c.id = (select s.circle_id from public.circle_sessions s where s.id = target_session)
  for share;
  if found then
    if exclusive then
      select s.* into found_session from public.circle_sessions s where s.id = target_session for update;
    else
      select s.* into found_session from public.circle_sessions s where s.id = target_session for share;
    end if;
  end if;
  if found_session.id is null or not private.can_read_circle(parent) then
    raise exception 'This session does not exist or you cannot see it.' using errcode = 'P0001';
  end if;
  return found_session;
end;
$$;
revoke all on function private.circle_session_for_change(uuid, boolean) from public, anon;

-- The refusal for a start or duration out of bounds, or null when both are fine.
create function private.circle_session_time_refusal(starts_at timestamptz, duration_minutes integer)
  returns text
  language sql
  stable
  set search_path = ''
as $$
  select case
    when starts_at is null or starts_at <= now() or starts_at > now() + interval '365 days'
      then 'Schedule the session to start in the future, at most a year from now.'
    when duration_minutes is null or duration_minutes not between 15 and 240
      then 'Give the session a duration of 15 to 240 minutes.'
  end
$$;
revoke all on function private.circle_session_time_refusal(timestamptz, integer) from public, anon;

create function public.schedule_circle_session(
  session_id uuid,
  circle_id uuid,
  kind text,
  title text,
  starts_at timestamptz,
  duration_minutes integer,
  agenda text default null,
  meeting_url text default null,
  host_id uuid default null
)
  returns public.circle_sessions
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  scheduled public.circle_sessions;
  target public.circles;
  host uuid := coalesce(host_id, caller);
  clean_title text := btrim(title);
  clean_agenda text := nullif(btrim(agenda), '');
  clean_url text := nullif(btrim(meeting_url), '');
  refusal text;
begin
  if caller is null then
    raise exception 'Sign in to schedule a session.' using errcode = '42501';
  end if;
  if session_id is null then
    raise exception 'Give the session an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the session exists, so hand it back unchanged.
  select s.* into scheduled from public.circle_sessions s where s.id = schedule_circle_session.session_id;
  if found then
    if scheduled.created_by is distinct from caller then
      raise exception 'This session id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return scheduled;
  end if;

  target := private.circle_for_change(schedule_circle_session.circle_id, false);
  if private.circle_role(target.id, caller) is null then
    raise exception 'Only members of this circle can schedule its sessions.' using errcode = '42501';
  end if;
  if host <> caller and private.circle_role(target.id, caller) <> 'lead' then
    raise exception 'Only the leads of this circle can schedule a session for someone else to host.'
      using errcode = '42501';
  end if;
  if target.archived_at is not null then
    raise exception 'This circle is archived and can no longer change.' using errcode = 'P0001';
  end if;
  if kind is null or kind not in ('practice', 'micro_teaching') then
    raise exception 'Choose the kind of session: practice or micro_teaching.' using errcode = '22023';
  end if;
  if clean_title is null or char_length(clean_title) not between 1 and 200 then
    raise exception 'Give the session a title of 1 to 200 characters.' using errcode = '22023';
  end if;
  if char_length(clean_agenda) > 2000 then
    raise exception 'Keep the agenda to 2000 characters.' using errcode = '22023';
  end if;
  refusal := private.circle_session_time_refusal(starts_at, duration_minutes);
  if refusal is not null then
    raise exception '%', refusal using errcode = '22023';
  end if;
  if char_length(clean_url) > 2000 or clean_url !~ '^https://[^[:space:]]+$' then
    raise exception 'Give the meeting link as an https:// address of at most 2000 characters.' using errcode = '22023';
  end if;
  if private.circle_role(target.id, host) is null then
    raise exception 'The host must be a member of this circle; add them to it first.' using errcode = 'P0001';
  end if;

  perform private.enforce_rate_limit('circle_session');

  insert into public.circle_sessions (id, org_id, circle_id, kind, title, agenda, starts_at, duration_minutes,
    meeting_url, host_id, created_by)
  values (session_id, target.org_id, target.id, kind, clean_title, clean_agenda, starts_at, duration_minutes,
    clean_url, host, caller)
  returning * into scheduled;
  return scheduled;
end;
$$;

comment on function public.schedule_circle_session(uuid, uuid, text, text, timestamptz, integer, text, text, uuid) is
  'Schedule a practice or micro-teaching session of a circle: leads for any member to host, members for themselves. Idempotent on session_id; 10 an hour.';

-- May the signed-in user move or cancel this session? The circle's leads and the session's host.
create function private.can_change_circle_session(target public.circle_sessions)
  returns boolean
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select target.host_id = (select auth.uid())
    or coalesce(private.circle_role(target.circle_id, (select auth.uid())) = 'lead', false)
$$;
revoke all on function private.can_change_circle_session(public.circle_sessions) from public, anon;

create function public.reschedule_circle_session(
  session_id uuid,
  starts_at timestamptz,
  duration_minutes integer default null
)
  returns public.circle_sessions
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circle_sessions;
  new_duration integer;
  refusal text;
begin
  if caller is null then
    raise exception 'Sign in to reschedule a session.' using errcode = '42501';
  end if;

  target := private.circle_session_for_change(reschedule_circle_session.session_id, true);
  if not private.can_change_circle_session(target) then
    raise exception 'Only the leads of this circle or the session''s host can move or cancel it.'
      using errcode = '42501';
  end if;
  if target.cancelled_at is not null then
    raise exception 'This session is cancelled; schedule a new one.' using errcode = 'P0001';
  end if;
  new_duration := coalesce(duration_minutes, target.duration_minutes);
  -- Already at that time (an outbox replay): nothing to do.
  if starts_at = target.starts_at and new_duration = target.duration_minutes then
    return target;
  end if;
  if target.starts_at <= now() then
    raise exception 'This session has already started; it can no longer be moved or cancelled.' using errcode = 'P0001';
  end if;
  refusal := private.circle_session_time_refusal(starts_at, new_duration);
  if refusal is not null then
    raise exception '%', refusal using errcode = '22023';
  end if;

  -- Answers given for the old start say nothing about the new one.
  if starts_at <> target.starts_at then
    delete from public.circle_session_attendees a where a.session_id = target.id;
  end if;
  update public.circle_sessions s
  set starts_at = reschedule_circle_session.starts_at, duration_minutes = new_duration
  where s.id = target.id
  returning s.* into target;
  return target;
end;
$$;

comment on function public.reschedule_circle_session(uuid, timestamptz, integer) is
  'Leads or the host: move a session that has not started (and change its duration). A new start clears its RSVPs.';

create function public.cancel_circle_session(session_id uuid)
  returns public.circle_sessions
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circle_sessions;
begin
  if caller is null then
    raise exception 'Sign in to cancel a session.' using errcode = '42501';
  end if;

  target := private.circle_session_for_change(cancel_circle_session.session_id, true);
  if not private.can_change_circle_session(target) then
    raise exception 'Only the leads of this circle or the session''s host can move or cancel it.'
      using errcode = '42501';
  end if;
  if target.cancelled_at is not null then
    return target;
  end if;
  if target.starts_at <= now() then
    raise exception 'This session has already started; it can no longer be moved or cancelled.' using errcode = 'P0001';
  end if;

  update public.circle_sessions s set cancelled_at = now()
  where s.id = target.id
  returning s.* into target;
  return target;
end;
$$;

comment on function public.cancel_circle_session(uuid) is
  'Leads or the host: cancel a session that has not started. Idempotent.';

create function public.rsvp_circle_session(session_id uuid, going boolean)
  returns public.circle_session_attendees
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circle_sessions;
  answer public.circle_session_attendees;
begin
  if caller is null then
    raise exception 'Sign in to answer for a session.' using errcode = '42501';
  end if;
  if going is null then
    raise exception 'Say whether you are going: true or false.' using errcode = '22023';
  end if;

  target := private.circle_session_for_change(rsvp_circle_session.session_id, false);
  if private.circle_role(target.circle_id, caller) is null then
    raise exception 'Only members of this circle can answer for its sessions; join it first.' using errcode = '42501';
  end if;
  select a.* into answer
  from public.circle_session_attendees a where a.session_id = target.id and a.user_id = caller;
  if found and answer.going = rsvp_circle_session.going then
    return answer;
  end if;
  if target.cancelled_at is not null then
    raise exception 'This session is cancelled.' using errcode = 'P0001';
  end if;
  if target.starts_at + make_interval(mins => target.duration_minutes) <= now() then
    raise exception 'This session has ended.' using errcode = 'P0001';
  end if;

  insert into public.circle_session_attendees as a (org_id, circle_id, session_id, user_id, going)
  values (target.org_id, target.circle_id, target.id, caller, rsvp_circle_session.going)
  on conflict on constraint circle_session_attendees_pkey do update set going = excluded.going
  returning a.* into answer;
  return answer;
end;
$$;

comment on function public.rsvp_circle_session(uuid, boolean) is
  'Members of the circle: say whether you are going to one of its sessions, until it ends. Repeating an answer changes nothing.';

revoke all on function public.schedule_circle_session(uuid, uuid, text, text, timestamptz, integer, text, text, uuid)
  from public, anon, authenticated, service_role;
revoke all on function public.reschedule_circle_session(uuid, timestamptz, integer)
  from public, anon, authenticated, service_role;
revoke all on function public.cancel_circle_session(uuid) from public, anon, authenticated, service_role;
revoke all on function public.rsvp_circle_session(uuid, boolean) from public, anon, authenticated, service_role;
grant execute on function public.schedule_circle_session(uuid, uuid, text, text, timestamptz, integer, text, text, uuid)
  to authenticated;
grant execute on function public.reschedule_circle_session(uuid, timestamptz, integer) to authenticated;
grant execute on function public.cancel_circle_session(uuid) to authenticated;
grant execute on function public.rsvp_circle_session(uuid, boolean) to authenticated;
