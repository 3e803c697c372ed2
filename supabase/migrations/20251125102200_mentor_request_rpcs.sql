-- The rule-bearing writes of mentoring, each checking who may make the transition and logging it in
-- mentor_request_events:
--   request_mentor(request_id, mentor_user_id, message)   a member, of an active mentor of their org
--   respond_mentor_request(request_id, accept, reply)    the mentor, from requested
--   withdraw_mentor_request(request_id)                  the learner, from requested or accepted
--   complete_mentor_request(request_id)                  either of them, from accepted
--   expire_mentor_requests()                             service_role (a cron job) only
-- SECURITY DEFINER because nobody writes requests directly. Repeating a transition that already
-- happened (an outbox replay) returns the request unchanged; any other transition from the current
-- state is refused. Refusals are sentences with an SQLSTATE to branch on: 42501 (HTTP 401/403) not
-- allowed; P0001 (HTTP 400) no such request or mentor, a state that forbids the change, or a mentor
-- at capacity; 22023 (HTTP 400) an argument missing or out of bounds.

-- Logs one state change of a request.
create function private.log_mentor_request_event(
  request public.mentor_requests,
  from_state text,
  actor uuid
)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
begin
  insert into public.mentor_request_events (org_id, request_id, actor_id, from_state, to_state)
  values (request.org_id, request.id, actor, from_state, request.state);
end;
$$;
revoke all on function private.log_mentor_request_event(public.mentor_requests, text, uuid) from public, anon;

-- The refusal when a mentor has as many accepted mentees as their capacity, or null when they have
-- room. Locks the mentor's profile, so concurrent requests and acceptances are counted one at a time.
create function private.mentor_capacity_refusal(target_org uuid, target_mentor uuid, for_mentor boolean)
  returns text
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  mentor_capacity integer;
  mentor_name text;
  mentees integer;
begin
  select mp.capacity into mentor_capacity
  from public.mentor_profiles mp
  where mp.org_id = target_org and mp.user_id = target_mentor
  for update;
  select count(*)::integer into mentees
  from public.mentor_requests r
  where r.mentor_id = target_mentor and r.org_id = target_org and r.state = 'accepted';
  if mentees < coalesce(mentor_capacity, 0) then
    return null;
  end if;
  if for_mentor then
    return format('You are already mentoring %s of the %s people your capacity allows. Complete a mentorship '
      'or raise your capacity first.', mentees, coalesce(mentor_capacity, 0));
  end if;
  select m.display_name into mentor_name
  from public.members m where m.org_id = target_org and m.user_id = target_mentor;
  return format('%s is mentoring as many people as they can at the moment (%s of %s). Ask another mentor, '
    'or try again later.', mentor_name, mentees, coalesce(mentor_capacity, 0));
end;
$$;
revoke all on function private.mentor_capacity_refusal(uuid, uuid, boolean) from public, anon;

-- The request for a transition by the signed-in user, locked; refuses when it does not exist or the
-- caller is not one of its two people (they cannot tell the difference).
create function private.mentor_request_for_change(target_request uuid)
  returns public.mentor_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.mentor_requests;
begin
  select r.* into request from public.mentor_requests r where r.id = target_request for update;
  if not found or caller not in (request.learner_id, request.mentor_id)
     or not private.has_org_role(request.org_id, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This mentoring request does not exist or you cannot see it.' using errcode = 'P0001';
  end if;
  return request;
end;
$$;
revoke all on function private.mentor_request_for_change(uuid) from public, anon;

create function public.request_mentor(request_id uuid, mentor_user_id uuid, message text)
  returns public.mentor_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.mentor_requests;
  target_org uuid;
  refusal text;
begin
  if caller is null then
    raise exception 'Sign in to ask for a mentor.' using errcode = '42501';
  end if;
  if request_id is null then
    raise exception 'Give the request an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the request exists, so hand it back unchanged.
  select r.* into request from public.mentor_requests r where r.id = request_mentor.request_id;
  if found then
    if request.learner_id is distinct from caller then
      raise exception 'This request id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return request;
  end if;

  if message is null or char_length(btrim(message)) not between 1 and 1000 then
    raise exception 'Write a message of 1 to 1000 characters saying what you would like help with.'
      using errcode = '22023';
  end if;
  if mentor_user_id = caller then
    raise exception 'You cannot ask yourself for mentoring.' using errcode = '42501';
  end if;

  -- An active mentor profile, whose owner still holds a mentor role, in an org the caller belongs to.
  select mp.org_id into target_org
  from public.mentor_profiles mp
  join public.members mm on mm.org_id = mp.org_id and mm.user_id = mp.user_id
    and mm.role in ('mentor', 'moderator', 'admin')
  join public.members me on me.org_id = mp.org_id and me.user_id = caller
  where mp.user_id = request_mentor.mentor_user_id and mp.active
  order by (mp.org_id = private.sync_org_id()) desc nulls last, mp.org_id
  limit 1;
  if target_org is null then
    raise exception 'This person is not offering mentoring in your organisation.' using errcode = 'P0001';
  end if;

  refusal := private.mentor_capacity_refusal(target_org, mentor_user_id, false);
  if exists (
    select 1 from public.mentor_requests r
    where r.learner_id = caller and r.mentor_id = request_mentor.mentor_user_id and r.org_id = target_org
      and r.state in ('requested', 'accepted')
  ) then
    raise exception 'You already have an open request with this mentor. Withdraw it before asking again.'
      using errcode = 'P0001';
  end if;
  if refusal is not null then
    raise exception '%', refusal using errcode = 'P0001';
  end if;

  insert into public.mentor_requests (id, org_id, learner_id, mentor_id, message)
  values (request_id, target_org, caller, mentor_user_id, btrim(message))
  returning * into request;
  perform private.log_mentor_request_event(request, null, caller);
  return request;
end;
$$;

comment on function public.request_mentor(uuid, uuid, text) is
  'Ask an active mentor of your org for mentoring. Idempotent on request_id; one open request per mentor; refused at capacity.';

create function public.respond_mentor_request(request_id uuid, accept boolean, reply text default null)
  returns public.mentor_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.mentor_requests;
  wanted text := case when accept then 'accepted' else 'declined' end;
  refusal text;
begin
  if caller is null then
    raise exception 'Sign in to answer a mentoring request.' using errcode = '42501';
  end if;
  if accept is null then
    raise exception 'Say whether you accept (true) or decline (false) the request.' using errcode = '22023';
  end if;
  if char_length(reply) > 1000 then
    raise exception 'Keep the reply to 1000 characters.' using errcode = '22023';
  end if;

  request := private.mentor_request_for_change(respond_mentor_request.request_id);
  if request.mentor_id is distinct from caller then
    raise exception 'Only the mentor who was asked can accept or decline this request.' using errcode = '42501';
  end if;
  if request.state = wanted then
    return request;
  end if;
  if request.state <> 'requested' then
    raise exception 'Only a new request can be accepted or declined; this one is %.', request.state
      using errcode = 'P0001';
  end if;
  if accept then
    refusal := private.mentor_capacity_refusal(request.org_id, caller, true);
    if refusal is not null then
      raise exception '%', refusal using errcode = 'P0001';
    end if;
  end if;

  update public.mentor_requests r
  set state = wanted,
      reply = nullif(btrim(respond_mentor_request.reply), ''),
      responded_at = now(),
      closed_at = case when accept then null else now() end
  where r.id = request.id
  returning r.* into request;
  perform private.log_mentor_request_event(request, 'requested', caller);
  return request;
end;
$$;

comment on function public.respond_mentor_request(uuid, boolean, text) is
  'The mentor accepts (within capacity) or declines a request in state requested, with an optional reply.';

create function public.withdraw_mentor_request(request_id uuid)
  returns public.mentor_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.mentor_requests;
  previous text;
begin
  if caller is null then
    raise exception 'Sign in to withdraw a mentoring request.' using errcode = '42501';
  end if;

  request := private.mentor_request_for_change(withdraw_mentor_request.request_id);
  if request.learner_id is distinct from caller then
    raise exception 'Only the person who asked can withdraw this request.' using errcode = '42501';
  end if;
  if request.state = 'withdrawn' then
    return request;
  end if;
  if request.state not in ('requested', 'accepted') then
    raise exception 'Only an open request can be withdrawn; this one is %.', request.state
      using errcode = 'P0001';
  end if;

  previous := request.state;
  update public.mentor_requests r set state = 'withdrawn', closed_at = now()
  where r.id = request.id
  returning r.* into request;
  perform private.log_mentor_request_event(request, previous, caller);
  return request;
end;
$$;

comment on function public.withdraw_mentor_request(uuid) is
  'The learner withdraws their request while it is requested or accepted.';

create function public.complete_mentor_request(request_id uuid)
  returns public.mentor_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.mentor_requests;
begin
  if caller is null then
    raise exception 'Sign in to complete a mentorship.' using errcode = '42501';
  end if;

  request := private.mentor_request_for_change(complete_mentor_request.request_id);
  if request.state = 'completed' then
    return request;
  end if;
  if request.state <> 'accepted' then
    raise exception 'Only an accepted request can be completed; this one is %.', request.state
      using errcode = 'P0001';
  end if;

  update public.mentor_requests r set state = 'completed', closed_at = now()
  where r.id = request.id
  returning r.* into request;
  perform private.log_mentor_request_event(request, 'accepted', caller);
  return request;
end;
$$;

comment on function public.complete_mentor_request(uuid) is
  'The learner or the mentor marks an accepted mentorship as completed, which frees a place in the mentor''s capacity.';

-- Requests unanswered for 14 days expire. For a scheduled job (pg_cron on Supabase) or the service
-- role; members cannot call it. Returns how many requests expired.
create function public.expire_mentor_requests()
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  expired integer;
begin
  with gone as (
    update public.mentor_requests r
    set state = 'expired', closed_at = now()
    where r.state = 'requested' and r.created_at < now() - interval '14 days'
    returning r.id, r.org_id
  ), logged as (
    insert into public.mentor_request_events (org_id, request_id, actor_id, from_state, to_state)
    select g.org_id, g.id, null, 'requested', 'expired' from gone g
    returning 1
  )
  select count(*)::integer into expired from logged;
  return expired;
end;
$$;

comment on function public.expire_mentor_requests() is
  'Service role / cron only: requests still unanswered after 14 days become expired (logged with no actor).';

revoke all on function public.request_mentor(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function public.respond_mentor_request(uuid, boolean, text) from public, anon, authenticated, service_role;
revoke all on function public.withdraw_mentor_request(uuid) from public, anon, authenticated, service_role;
revoke all on function public.complete_mentor_request(uuid) from public, anon, authenticated, service_role;
revoke all on function public.expire_mentor_requests() from public, anon, authenticated, service_role;
grant execute on function public.request_mentor(uuid, uuid, text) to authenticated;
grant execute on function public.respond_mentor_request(uuid, boolean, text) to authenticated;
grant execute on function public.withdraw_mentor_request(uuid) to authenticated;
grant execute on function public.complete_mentor_request(uuid) to authenticated;
grant execute on function public.expire_mentor_requests() to service_role;
