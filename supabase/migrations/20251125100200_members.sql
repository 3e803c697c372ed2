-- Membership: who belongs to which org, in which role. It is the source of truth for every permission
-- check (private.member_org_ids and friends) and for the org claim the access token hook adds.
-- Memberships are provisioned by the service role (SSO/SCIM or an admin tool); through the API a
-- member may only edit their own profile. Role changes are a rule-bearing write for a later RPC.

create table public.members (
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'learner'
    constraint members_role_known check (role in ('learner', 'mentor', 'moderator', 'admin')),
  display_name text not null
    constraint members_display_name_length check (char_length(btrim(display_name)) between 1 and 80),
  skills text[] not null default '{}'
    constraint members_skills_bounded check (private.is_valid_label_list(skills, 20, 40)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);

comment on table public.members is 'A user''s membership of an org: role (learner, mentor, moderator, admin) and public profile.';

-- Every permission check looks members up by the signed-in user.
create index members_user_id_idx on public.members (user_id);
create index members_org_id_updated_at_idx on public.members (org_id, updated_at);

create trigger members_touch_updated_at
  before update on public.members
  for each row execute function private.touch_updated_at();

alter table public.members enable row level security;

revoke all on table public.members from anon, authenticated;
grant select on table public.members to authenticated;
grant update (display_name, skills) on table public.members to authenticated;

create policy "Members can see who belongs to their organisation"
  on public.members for select
  to authenticated
  using (org_id in (select private.member_org_ids()));

create policy "Members can edit their own profile"
  on public.members for update
  to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
