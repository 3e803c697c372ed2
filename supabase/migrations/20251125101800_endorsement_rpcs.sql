-- The rule-bearing writes and the profile read of endorsements:
--   endorse(endorsement_id, target_kind, post_id, member_user_id, skill, note)  any member, of a peer
--   withdraw_endorsement(endorsement_id)                                      the endorser only
--   endorsements_received(member_user_id)                                     counts for a profile
-- SECURITY DEFINER (except the read) because nobody writes endorsements directly; every check is
-- explicit below. Refusals are sentences with an SQLSTATE to branch on: 42501 (HTTP 401/403) not
-- allowed (yourself, someone else's endorsement); P0001 (HTTP 400) no such post, member or skill;
-- 22023 (HTTP 400) arguments that do not fit the kind, or a note over 500 characters.

create function public.endorse(
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

  insert into public.endorsements (id, org_id, endorser_id, target_kind, post_id, member_user_id, skill, note)
  values (endorsement_id, target_org, caller, target_kind, endorse.post_id, target_member, listed_skill,
    nullif(btrim(note), ''))
  returning * into endorsement;
  return endorsement;
end;
$$;

comment on function public.endorse(uuid, text, uuid, uuid, text, text) is
  'Endorse a peer''s visible post or one of their profile skills, never your own. Idempotent on endorsement_id; once per endorser and target.';

create function public.withdraw_endorsement(endorsement_id uuid)
  returns public.endorsements
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  endorsement public.endorsements;
begin
  if caller is null then
    raise exception 'Sign in to withdraw an endorsement.' using errcode = '42501';
  end if;

  select e.* into endorsement from public.endorsements e
  where e.id = withdraw_endorsement.endorsement_id
  for update;
  if not found or not private.has_org_role(endorsement.org_id, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This endorsement does not exist or you cannot see it.' using errcode = 'P0001';
  end if;
  if endorsement.endorser_id is distinct from caller then
    raise exception 'Only the person who gave an endorsement can withdraw it.' using errcode = '42501';
  end if;
  -- Already withdrawn: a replay from the outbox, answered as the first call was.
  if endorsement.withdrawn_at is not null then
    return endorsement;
  end if;

  update public.endorsements e set withdrawn_at = now()
  where e.id = endorsement.id
  returning e.* into endorsement;
  return endorsement;
end;
$$;

comment on function public.withdraw_endorsement(uuid) is
  'Withdraw an endorsement you gave (recorded in withdrawn_at). Idempotent.';

-- A member's standing endorsements for their profile: one row per endorsed skill and one for their
-- posts, most endorsed first. SECURITY INVOKER: RLS limits it to the caller's orgs, so a member of
-- another org gets no rows.
create function public.endorsements_received(member_user_id uuid)
  returns table (target_kind text, skill text, endorsement_count integer, last_endorsed_at timestamptz)
  language sql
  stable
  security invoker
  set search_path = ''
as $$
  select e.target_kind, e.skill, count(*)::integer, max(e.created_at)
  from public.endorsements e
  where e.member_user_id = endorsements_received.member_user_id and e.withdrawn_at is null
  group by e.target_kind, e.skill
  order by count(*) desc, e.target_kind, e.skill
$$;

comment on function public.endorsements_received(uuid) is
  'Standing endorsements a member received, counted per skill (and one row for their posts), most first. RLS-scoped.';

revoke all on function public.endorse(uuid, text, uuid, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.withdraw_endorsement(uuid) from public, anon, authenticated, service_role;
revoke all on function public.endorsements_received(uuid) from public, anon, authenticated, service_role;
grant execute on function public.endorse(uuid, text, uuid, uuid, text, text) to authenticated;
grant execute on function public.withdraw_endorsement(uuid) to authenticated;
grant execute on function public.endorsements_received(uuid) to authenticated;
