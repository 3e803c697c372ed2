-- Rate limits on endorse (30 an hour) and request_mentor (5 a day), per user, as rows of
-- private.rate_limits (20251125103400_rate_limit_rules.sql): over the limit the RPC is refused with
-- PT429 (HTTP 429), a sentence saying when to try again, and {"retry_after_seconds": n} in detail.
--   endorse         counts the caller's endorsements (endorser_id), withdrawn ones included: giving and
--                   withdrawing in a loop is what the limit is for.
--   request_mentor  counts the caller's mentoring requests (learner_id), in every state.
-- Both RPCs are redefined with their full bodies from 20251125101800_endorsement_rpcs.sql and
-- 20251125102200_mentor_request_rpcs.sql; the only change is one call to private.enforce_rate_limit,
-- placed after every check and just before the insert. So a replay of an existing id, endorsing a
-- target again (which returns the standing endorsement) and every refusal are neither counted nor
-- limited: only a write that is genuinely new can meet the limit. Grants are unchanged (CREATE OR
-- REPLACE keeps them); comments are kept too.

-- The limits read a user's rows by (user column, created_at), newest first.
create index endorsements_endorser_id_created_at_idx on public.endorsements (endorser_id, created_at);
create index mentor_requests_learner_id_created_at_idx on public.mentor_requests (learner_id, created_at);

insert into private.rate_limits (action, max_writes, span, counted_table, user_column, message) values
  ('endorse', 30, interval '1 hour', 'public.endorsements', 'endorser_id',
    'You have given %1$s endorsements in the last hour. Try again in %2$s.'),
  ('request_mentor', 5, interval '1 day', 'public.mentor_requests', 'learner_id',
    'You have asked for mentoring %1$s times in the last day. Try again in %2$s.');

create or replace function public.endorse(
  endorsement_id uuid,
  target_kind text,
  post_id uuid default null,
  member_user_id uuid default null,
  skill text default null,
  note text default null
)
  returns public.endorsements
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  endorsement public.endorsements;
  target_org uuid;
  target_member uuid;
  listed_skill text;
begin
  if caller is null then
    raise exception 'Sign in to endorse someone.' using errcode = '42501';
  end if;
  if endorsement_id is null then
    raise exception 'Give the endorsement an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the endorsement exists, so hand it back unchanged.
  select e.* into endorsement from public.endorsements e where e.id = endorse.endorsement_id;
  if found then
    if endorsement.endorser_id is distinct from caller then
      raise exception 'This endorsement id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return endorsement;
  end if;

  if target_kind is null or target_kind not in ('post', 'skill') then
    raise exception 'You can endorse a post or a skill.' using errcode = '22023';
  end if;
  if target_kind = 'post' and (endorse.post_id is null or endorse.member_user_id is not null or endorse.skill is not null) then
    raise exception 'To endorse a post, give its post_id and no member or skill.' using errcode = '22023';
  end if;
  if target_kind = 'skill' and (endorse.post_id is not null or endorse.member_user_id is null or endorse.skill is null) then
    raise exception 'To endorse a skill, give the member_user_id and the skill, and no post_id.' using errcode = '22023';
  end if;
  if char_length(note) > 500 then
    raise exception 'Keep the note to 500 characters.' using errcode = '22023';
  end if;

  if target_kind = 'post' then
    -- A post the caller can see: in their org, neither hidden nor deleted, in a thread that is not.
    select p.org_id, p.author_id into target_org, target_member
    from public.posts p
    join public.threads t on t.id = p.thread_id
    where p.id = endorse.post_id
      and p.hidden_at is null and p.deleted_at is null
      and t.hidden_at is null and t.deleted_at is null;
    if target_org is null or not private.has_org_role(target_org, 'learner', 'mentor', 'moderator', 'admin') then
      raise exception 'This post does not exist or you cannot see it.' using errcode = 'P0001';
    end if;
    if target_member = caller then
      raise exception 'You cannot endorse your own post.' using errcode = '42501';
    end if;
    if not exists (select 1 from public.members m where m.org_id = target_org and m.user_id = target_member) then
      raise exception 'The author of this post is no longer a member of your organisation.' using errcode = 'P0001';
    end if;
  else
    if endorse.member_user_id = caller then
      raise exception 'You cannot endorse your own skill.' using errcode = '42501';
    end if;
    -- The member in an org the caller shares with them (the caller's synced org first).
    select m.org_id, m.user_id into target_org, target_member
    from public.members m
    join public.members me on me.org_id = m.org_id and me.user_id = caller
    where m.user_id = endorse.member_user_id
    order by (m.org_id = private.sync_org_id()) desc nulls last, m.org_id
    limit 1;
    if target_org is null then
      raise exception 'This member does not exist or you cannot see them.' using errcode = 'P0001';
    end if;
    -- The skill as the member's profile spells it.
    select s.label into listed_skill
    from public.members m
    cross join lateral unnest(m.skills) with ordinality as s (label, position)
    where m.org_id = target_org and m.user_id = target_member
      and lower(btrim(s.label)) = lower(btrim(endorse.skill))
    order by s.position
    limit 1;
    if listed_skill is null then
      raise exception 'This member does not list that skill on their profile.' using errcode = 'P0001';
    end if;
  end if;

  -- Once per endorser and target: endorsing again returns the standing endorsement.
  select e.* into endorsement from public.endorsements e
  where e.endorser_id = caller and e.withdrawn_at is null and e.target_kind = endorse.target_kind
    and (
      (e.target_kind = 'post' and e.post_id = endorse.post_id)
      or (e.target_kind = 'skill' and e.org_id = target_org and e.member_user_id = target_member
          and e.skill = listed_skill)
    );
  if found then
    return endorsement;
  end if;

  -- A genuinely new endorsement: only now does it count against the caller's hourly limit.
  perform private.enforce_rate_limit('endorse');

  insert into public.endorsements (id, org_id, endorser_id, target_kind, post_id, member_user_id, skill, note)
  values (endorsement_id, target_org, caller, target_kind, endorse.post_id, target_member, listed_skill,
    nullif(btrim(note), ''))
  returning * into endorsement;
  return endorsement;
end;
$$;

create or replace function public.request_mentor(request_id uuid, mentor_user_id uuid, message text)
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

  -- A genuinely new request: only now does it count against the caller's daily limit.
  perform private.enforce_rate_limit('request_mentor');

  insert into public.mentor_requests (id, org_id, learner_id, mentor_id, message)
  values (request_id, target_org, caller, mentor_user_id, btrim(message))
  returning * into request;
  perform private.log_mentor_request_event(request, null, caller);
  return request;
end;
$$;
