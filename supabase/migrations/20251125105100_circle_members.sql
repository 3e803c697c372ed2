-- Circle membership: who is in which circle, as a `lead` (runs it: adds and removes people, schedules
-- and cancels sessions, archives it) or a `member`. The person who starts a circle is its first lead.
-- One row per circle and person: the key (circle_id, user_id) makes a replayed join or add a no-op.
-- Leaving deletes the row (and, through circle_session_attendees' foreign key, the person's RSVPs).
-- Written only through join_circle, add_circle_member, leave_circle and remove_circle_member, which
-- hold the capacity (locking the circle row) and the last-lead rule.
-- Who reads a circle's member list (and its sessions and RSVPs, in the next migrations): every member
-- of the org for an open circle; for an invite-only circle only its own members, and the org's
-- moderators and admins (who answer for what happens in the org). private.readable_circle_ids() is
-- that rule, for policies.

create table public.circle_members (
  org_id uuid not null references public.orgs (id) on delete cascade,
  circle_id uuid not null,
  user_id uuid not null,
  role text not null default 'member' constraint circle_members_role_known check (role in ('lead', 'member')),
  joined_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Also serves a circle's member list and the capacity count.
  primary key (circle_id, user_id),
  constraint circle_members_circle_fkey foreign key (org_id, circle_id)
    references public.circles (org_id, id) on delete cascade,
  constraint circle_members_member_fkey foreign key (org_id, user_id)
    references public.members (org_id, user_id) on delete cascade
);

comment on table public.circle_members is 'A member''s place in a circle, as lead or member. Written through join_circle, add_circle_member, leave_circle and remove_circle_member.';

-- A person's circles: "my circles", readable_circle_ids() and the member foreign key.
create index circle_members_user_id_org_id_idx on public.circle_members (user_id, org_id);
-- The org and circle foreign keys (deleting an org finds its rows by org_id).
create index circle_members_org_id_circle_id_idx on public.circle_members (org_id, circle_id);

create trigger circle_members_touch_updated_at
  before update on public.circle_members
  for each row execute function private.touch_updated_at();

-- Can the signed-in user read the members, sessions and RSVPs of this circle? Open circles: any member
-- of its org. Invite-only: its own members, and the org's moderators and admins.
create function private.can_read_circle(target public.circles)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return private.has_org_role(target.org_id, 'learner', 'mentor', 'moderator', 'admin')
    and (
      not target.invite_only
      or private.has_org_role(target.org_id, 'moderator', 'admin')
      or exists (
        select 1 from public.circle_members cm
        where cm.circle_id = target.id and cm.user_id = (select auth.uid())
      )
    );
end;
$$;
revoke all on function private.can_read_circle(public.circles) from public, anon;

-- The same rule as a set, for policies: `circle_id in (select private.readable_circle_ids())` is
-- evaluated once per statement. SECURITY DEFINER because circle_members has RLS of its own.
create function private.readable_circle_ids()
  returns setof uuid
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return query
    select c.id from public.circles c
    where c.org_id in (select private.member_org_ids())
      and (
        not c.invite_only
        or c.org_id in (select private.org_ids_where_role('moderator', 'admin'))
        or exists (
          select 1 from public.circle_members cm
          where cm.circle_id = c.id and cm.user_id = (select auth.uid())
        )
      );
end;
$$;
revoke all on function private.readable_circle_ids() from public, anon;
grant execute on function private.readable_circle_ids() to authenticated;

alter table public.circle_members enable row level security;

revoke all on table public.circle_members from anon, authenticated;
grant select on table public.circle_members to authenticated;

create policy "Members can read who is in the circles they can see"
  on public.circle_members for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and circle_id in (select private.readable_circle_ids())
  );
