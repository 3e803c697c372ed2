-- The rule-bearing writes of circles and their membership:
--   create_circle(circle_id, kind, course_key, name, description, capacity, invite_only)
--                                              a member of the caller's org (mentorship: mentors and admins)
--   update_circle(circle_id, name, description, capacity, invite_only)   the circle's leads, or an admin
--   archive_circle(circle_id)                  the circle's leads, or a moderator or admin of its org
--   join_circle(circle_id)                     a member of the circle's org, into an open circle
--   add_circle_member(circle_id, user_id, role)  the circle's leads, or an admin: adds a member of the org,
--                                              or changes the role of someone already in (hand over a lead)
--   leave_circle(circle_id)                    anyone in the circle, except its last lead
--   remove_circle_member(circle_id, user_id)   the circle's leads, or an admin
-- SECURITY DEFINER because nobody writes circles or circle_members directly. Each locks the circle row
-- (FOR UPDATE) before it counts people or leads, so two concurrent joins cannot both take the last
-- place and two leads cannot both leave. create_circle is idempotent on its client-generated id
-- (another user's id is refused); joining or adding someone already in with that role, leaving or
-- removing someone not in, and archiving an archived circle return without change, so outbox replays
-- are no-ops. Refusals are sentences with an SQLSTATE to branch on: 42501 (HTTP 401/403) not allowed;
-- P0001 (HTTP 400) no such circle, course or member, an archived or full circle, a name already taken,
-- the last lead; 22023 (HTTP 400) an argument missing or out of bounds; PT429 (HTTP 429) more than 5
-- circles started in 24 hours (the 'circle' rate limit below).

insert into private.rate_limits (action, max_writes, span, counted_table, user_column, message) values
  ('circle', 5, interval '1 day', 'public.circles', 'created_by',
    'You have started %1$s circles in the last 24 hours. Try again in %2$s.');

-- The circle for a change by the signed-in user, locked (FOR UPDATE when `exclusive`, else FOR SHARE:
-- enough to keep it from being archived meanwhile). Refuses when it does not exist or is in an org the
-- caller is not a member of (they cannot tell the difference).
create function private.circle_for_change(target_circle uuid, exclusive boolean)
  returns public.circles
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  found_circle public.circles;
begin
  if exclusive then
    select c.* into found_circle from public.circles c where c.id = target_circle for update;
  else
    select c.* into found_circle from public.circles c where c.id = target_circle for share;
  end if;
  if not found or not private.has_org_role(found_circle.org_id, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This circle does not exist or you cannot see it.' using errcode = 'P0001';
  end if;
  return found_circle;
end;
$$;
revoke all on function private.circle_for_change(uuid, boolean) from public, anon;

-- 'lead', 'member', or null when `person` is not in the circle.
create function private.circle_role(target_circle uuid, person uuid)
  returns text
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select cm.role from public.circle_members cm where cm.circle_id = target_circle and cm.user_id = person
$$;
revoke all on function private.circle_role(uuid, uuid) from public, anon;

-- Is `person` the only lead of an active circle (so they may not leave it or step down)?
create function private.is_last_lead(target public.circles, person uuid)
  returns boolean
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select target.archived_at is null
    and private.circle_role(target.id, person) = 'lead'
    and not exists (
      select 1 from public.circle_members cm
      where cm.circle_id = target.id and cm.role = 'lead' and cm.user_id <> person
    )
$$;
revoke all on function private.is_last_lead(public.circles, uuid) from public, anon;

-- A member's display name in an org, for sentences.
create function private.member_display_name(target_org uuid, person uuid)
  returns text
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select m.display_name from public.members m where m.org_id = target_org and m.user_id = person
$$;
revoke all on function private.member_display_name(uuid, uuid) from public, anon;

-- Takes `person` out of a locked circle (the caller has checked who may): cancels the sessions they
-- host that have not started, then deletes the membership; their RSVPs go with it (foreign key).
create function private.remove_from_circle(target public.circles, person uuid)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
begin
  update public.circle_sessions s set cancelled_at = now()
  where s.host_id = person and s.circle_id = target.id and s.starts_at > now() and s.cancelled_at is null;
  delete from public.circle_members cm where cm.circle_id = target.id and cm.user_id = person;
end;
$$;
revoke all on function private.remove_from_circle(public.circles, uuid) from public, anon;

create function public.create_circle(
  circle_id uuid,
  kind text,
  course_key text,
  name text,
  description text default null,
  capacity integer default null,
  invite_only boolean default false
)
  returns public.circles
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  created public.circles;
  org uuid;
  clean_key text := btrim(course_key);
  clean_name text := btrim(name);
  clean_description text := nullif(btrim(description), '');
  room integer;
  violated text;
begin
  if caller is null then
    raise exception 'Sign in to start a circle.' using errcode = '42501';
  end if;
  if circle_id is null then
    raise exception 'Give the circle an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the circle exists, so hand it back unchanged.
  select c.* into created from public.circles c where c.id = create_circle.circle_id;
  if found then
    if created.created_by is distinct from caller then
      raise exception 'This circle id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return created;
  end if;

  org := private.sync_org_id();
  perform private.require_role(org, 'Only members of an organisation can start circles.',
    'learner', 'mentor', 'moderator', 'admin');
  if kind is null or kind not in ('cohort', 'mentorship') then
    raise exception 'Choose the kind of circle: cohort or mentorship.' using errcode = '22023';
  end if;
  if kind = 'mentorship' then
    perform private.require_role(org, 'Only mentors and admins can start a mentorship circle.', 'mentor', 'admin');
  end if;
  if clean_name is null or char_length(clean_name) not between 1 and 120 then
    raise exception 'Give the circle a name of 1 to 120 characters.' using errcode = '22023';
  end if;
  if char_length(clean_description) > 2000 then
    raise exception 'Keep the description to 2000 characters.' using errcode = '22023';
  end if;
  -- Without a capacity: 30 for a cohort, 8 for a mentorship circle.
  room := coalesce(capacity, case kind when 'cohort' then 30 else 8 end);
  if room not between 2 and 200 then
    raise exception 'Give the circle room for 2 to 200 people.' using errcode = '22023';
  end if;
  if clean_key is null or char_length(clean_key) > 600
     or clean_key !~ '^[a-z0-9_]{1,40}\|[^|[:space:]]+\|[^|[:space:]]+$' then
    raise exception 'Give the course as its key, "platform|host|course", without a lesson.' using errcode = '22023';
  end if;
  -- The course is known when the org has a place at it or at one of its lessons.
  if not exists (
    select 1 from public.places p
    where p.org_id = org and (p.key = clean_key or starts_with(p.key, clean_key || '|'))
  ) then
    raise exception 'Peerside has not seen this course in your organisation yet: open it in your LMS first.'
      using errcode = 'P0001';
  end if;
  if exists (
    select 1 from public.circles c
    where c.org_id = org and c.course_key = clean_key and c.archived_at is null
      and lower(btrim(c.name)) = lower(clean_name)
  ) then
    raise exception 'There is already a circle called "%" on this course; choose another name.', clean_name
      using errcode = 'P0001';
  end if;

  perform private.enforce_rate_limit('circle');

  begin
    insert into public.circles (id, org_id, kind, course_key, name, description, capacity, invite_only, created_by)
    values (circle_id, org, kind, clean_key, clean_name, clean_description, room, coalesce(invite_only, false),
      caller)
    returning * into created;
  exception when unique_violation then
    -- Someone else named a circle the same a moment ago (the check above ran before their commit).
    get stacked diagnostics violated = constraint_name;
    if violated = 'circles_one_active_name_per_course' then
      raise exception 'There is already a circle called "%" on this course; choose another name.', clean_name
        using errcode = 'P0001';
    end if;
    raise;
  end;
  insert into public.circle_members (org_id, circle_id, user_id, role) values (org, created.id, caller, 'lead');
  return created;
end;
$$;

comment on function public.create_circle(uuid, text, text, text, text, integer, boolean) is
  'Start a cohort (any member) or mentorship circle (mentors and admins) on a course of your org; you become its lead. Idempotent on circle_id; 5 a day.';

create function public.update_circle(
  circle_id uuid,
  name text default null,
  description text default null,
  capacity integer default null,
  invite_only boolean default null
)
  returns public.circles
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circles;
  clean_name text := btrim(name);
  people integer;
begin
  if caller is null then
    raise exception 'Sign in to change a circle.' using errcode = '42501';
  end if;

  target := private.circle_for_change(update_circle.circle_id, true);
  if private.circle_role(target.id, caller) is distinct from 'lead' and not private.has_org_role(target.org_id, 'admin') then
    raise exception 'Only the leads of this circle, or an admin, can change it.' using errcode = '42501';
  end if;
  if num_nonnulls(name, description, capacity, invite_only) = 0 then
    raise exception 'Say what to change: name, description, capacity or invite_only.' using errcode = '22023';
  end if;
  if target.archived_at is not null then
    raise exception 'This circle is archived and can no longer change.' using errcode = 'P0001';
  end if;
  if name is not null and char_length(clean_name) not between 1 and 120 then
    raise exception 'Give the circle a name of 1 to 120 characters.' using errcode = '22023';
  end if;
  if char_length(btrim(description)) > 2000 then
    raise exception 'Keep the description to 2000 characters.' using errcode = '22023';
  end if;
  if capacity is not null then
    if capacity not between 2 and 200 then
      raise exception 'Give the circle room for 2 to 200 people.' using errcode = '22023';
    end if;
    select count(*)::integer into people from public.circle_members cm where cm.circle_id = target.id;
    if capacity < people then
      raise exception 'This circle has % people; give it room for at least that many.', people using errcode = 'P0001';
    end if;
  end if;
  if name is not null and exists (
    select 1 from public.circles c
    where c.org_id = target.org_id and c.course_key = target.course_key and c.archived_at is null
      and c.id <> target.id and lower(btrim(c.name)) = lower(clean_name)
  ) then
    raise exception 'There is already a circle called "%" on this course; choose another name.', clean_name
      using errcode = 'P0001';
  end if;

  -- A null argument keeps the setting; an empty description clears it.
  update public.circles c
  set name = coalesce(clean_name, c.name),
      description = case when update_circle.description is null then c.description
        else nullif(btrim(update_circle.description), '') end,
      capacity = coalesce(update_circle.capacity, c.capacity),
      invite_only = coalesce(update_circle.invite_only, c.invite_only)
  where c.id = target.id
  returning c.* into target;
  return target;
end;
$$;

comment on function public.update_circle(uuid, text, text, integer, boolean) is
  'Leads (or an admin): rename a circle, change its description (empty clears it), capacity or invite_only. Null keeps a setting.';

create function public.archive_circle(circle_id uuid)
  returns public.circles
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circles;
begin
  if caller is null then
    raise exception 'Sign in to archive a circle.' using errcode = '42501';
  end if;

  target := private.circle_for_change(archive_circle.circle_id, true);
  if private.circle_role(target.id, caller) is distinct from 'lead'
     and not private.has_org_role(target.org_id, 'moderator', 'admin') then
    raise exception 'Only the leads of this circle, or a moderator, can archive it.' using errcode = '42501';
  end if;
  if target.archived_at is not null then
    return target;
  end if;

  -- Its sessions still to come will not happen.
  update public.circle_sessions s set cancelled_at = now()
  where s.circle_id = target.id and s.starts_at > now() and s.cancelled_at is null;
  update public.circles c set archived_at = now()
  where c.id = target.id
  returning c.* into target;
  return target;
end;
$$;

comment on function public.archive_circle(uuid) is
  'Leads, moderators and admins: archive a circle for good. Cancels its sessions still to come. Idempotent.';

create function public.join_circle(circle_id uuid)
  returns public.circle_members
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circles;
  membership public.circle_members;
  people integer;
begin
  if caller is null then
    raise exception 'Sign in to join a circle.' using errcode = '42501';
  end if;

  -- Locked FOR UPDATE, so the count below cannot change before the insert.
  target := private.circle_for_change(join_circle.circle_id, true);
  select cm.* into membership from public.circle_members cm where cm.circle_id = target.id and cm.user_id = caller;
  if found then
    return membership;
  end if;
  if target.archived_at is not null then
    raise exception 'This circle is archived and can no longer change.' using errcode = 'P0001';
  end if;
  if target.invite_only then
    raise exception 'This circle is invite-only: ask one of its leads to add you.' using errcode = '42501';
  end if;
  select count(*)::integer into people from public.circle_members cm where cm.circle_id = target.id;
  if people >= target.capacity then
    raise exception 'This circle is full (% of %). Ask a lead to make room, or join another circle.',
      people, target.capacity using errcode = 'P0001';
  end if;

  insert into public.circle_members (org_id, circle_id, user_id, role)
  values (target.org_id, target.id, caller, 'member')
  returning * into membership;
  return membership;
end;
$$;

comment on function public.join_circle(uuid) is
  'Join an open circle of your org while it has room. Joining a circle you are in returns your membership.';

create function public.add_circle_member(circle_id uuid, user_id uuid, role text default 'member')
  returns public.circle_members
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circles;
  membership public.circle_members;
  org_role text;
  people integer;
begin
  if caller is null then
    raise exception 'Sign in to add someone to a circle.' using errcode = '42501';
  end if;
  if add_circle_member.role is null or add_circle_member.role not in ('lead', 'member') then
    raise exception 'Choose the role in the circle: lead or member.' using errcode = '22023';
  end if;

  -- Locked FOR UPDATE, so the counts of people and leads below cannot change before the write.
  target := private.circle_for_change(add_circle_member.circle_id, true);
  if private.circle_role(target.id, caller) is distinct from 'lead' and not private.has_org_role(target.org_id, 'admin') then
    raise exception 'Only the leads of this circle, or an admin, can add people to it.' using errcode = '42501';
  end if;
  select m.role into org_role
  from public.members m where m.org_id = target.org_id and m.user_id = add_circle_member.user_id;
  if not found then
    raise exception 'This member does not exist or you cannot see them.' using errcode = 'P0001';
  end if;

  select cm.* into membership
  from public.circle_members cm where cm.circle_id = target.id and cm.user_id = add_circle_member.user_id;
  if found and membership.role = add_circle_member.role then
    return membership;
  end if;
  if target.archived_at is not null then
    raise exception 'This circle is archived and can no longer change.' using errcode = 'P0001';
  end if;
  if add_circle_member.role = 'lead' and target.kind = 'mentorship' and org_role not in ('mentor', 'admin') then
    raise exception 'Only mentors and admins can lead a mentorship circle; % is a %.',
      private.member_display_name(target.org_id, add_circle_member.user_id), org_role using errcode = 'P0001';
  end if;

  if membership.user_id is not null then
    -- Already in, with the other role: a lead steps down or a member becomes a lead.
    if private.is_last_lead(target, membership.user_id) then
      if membership.user_id = caller then
        raise exception 'You are the last lead of this circle: make another member a lead first.' using errcode = 'P0001';
      end if;
      raise exception '% is the last lead of this circle: make another member a lead first.',
        private.member_display_name(target.org_id, membership.user_id) using errcode = 'P0001';
    end if;
    update public.circle_members cm set role = add_circle_member.role
    where cm.circle_id = target.id and cm.user_id = membership.user_id
    returning cm.* into membership;
    return membership;
  end if;

  select count(*)::integer into people from public.circle_members cm where cm.circle_id = target.id;
  if people >= target.capacity then
    raise exception 'This circle is full (% of %): raise its capacity or remove someone first.',
      people, target.capacity using errcode = 'P0001';
  end if;
  insert into public.circle_members (org_id, circle_id, user_id, role)
  values (target.org_id, target.id, add_circle_member.user_id, add_circle_member.role)
  returning * into membership;
  return membership;
end;
$$;

comment on function public.add_circle_member(uuid, uuid, text) is
  'Leads (or an admin): add a member of the org to a circle (invite-only ones too) as lead or member, or change the role of someone already in.';

create function public.leave_circle(circle_id uuid)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circles;
begin
  if caller is null then
    raise exception 'Sign in to leave a circle.' using errcode = '42501';
  end if;

  target := private.circle_for_change(leave_circle.circle_id, true);
  if private.is_last_lead(target, caller) then
    raise exception 'You are the last lead of this circle: make another member a lead, or archive the circle, before you leave.'
      using errcode = 'P0001';
  end if;
  -- Not in it (any more): nothing to do.
  perform private.remove_from_circle(target, caller);
end;
$$;

comment on function public.leave_circle(uuid) is
  'Leave a circle (not as its last lead while it is active). Cancels the sessions you host that have not started; removes your RSVPs.';

create function public.remove_circle_member(circle_id uuid, user_id uuid)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.circles;
begin
  if caller is null then
    raise exception 'Sign in to remove someone from a circle.' using errcode = '42501';
  end if;
  if user_id is null then
    raise exception 'Say whom to remove (their user id).' using errcode = '22023';
  end if;

  target := private.circle_for_change(remove_circle_member.circle_id, true);
  if remove_circle_member.user_id = caller then
    if private.is_last_lead(target, caller) then
      raise exception 'You are the last lead of this circle: make another member a lead, or archive the circle, before you leave.'
        using errcode = 'P0001';
    end if;
  else
    if private.circle_role(target.id, caller) is distinct from 'lead' and not private.has_org_role(target.org_id, 'admin') then
      raise exception 'Only the leads of this circle, or an admin, can remove people from it.' using errcode = '42501';
    end if;
    if private.is_last_lead(target, remove_circle_member.user_id) then
      raise exception '% is the last lead of this circle: make another member a lead, or archive the circle, first.',
        private.member_display_name(target.org_id, remove_circle_member.user_id) using errcode = 'P0001';
    end if;
  end if;
  perform private.remove_from_circle(target, remove_circle_member.user_id);
end;
$$;

comment on function public.remove_circle_member(uuid, uuid) is
  'Leads (or an admin): take someone out of a circle (not its last lead while it is active). Cancels the sessions they host that have not started.';

revoke all on function public.create_circle(uuid, text, text, text, text, integer, boolean)
  from public, anon, authenticated, service_role;
revoke all on function public.update_circle(uuid, text, text, integer, boolean) from public, anon, authenticated, service_role;
revoke all on function public.archive_circle(uuid) from public, anon, authenticated, service_role;
revoke all on function public.join_circle(uuid) from public, anon, authenticated, service_role;
revoke all on function public.add_circle_member(uuid, uuid, text) from public, anon, authenticated, service_role;
revoke all on function public.leave_circle(uuid) from public, anon, authenticated, service_role;
revoke all on function public.remove_circle_member(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function public.create_circle(uuid, text, text, text, text, integer, boolean) to authenticated;
grant execute on function public.update_circle(uuid, text, text, integer, boolean) to authenticated;
grant execute on function public.archive_circle(uuid) to authenticated;
grant execute on function public.join_circle(uuid) to authenticated;
grant execute on function public.add_circle_member(uuid, uuid, text) to authenticated;
grant execute on function public.leave_circle(uuid) to authenticated;
grant execute on function public.remove_circle_member(uuid, uuid) to authenticated;
