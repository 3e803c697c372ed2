-- Mentor profiles: a member with the role mentor, moderator or admin offers mentoring in their org,
-- with the skills they mentor in, how many mentees they take at once (capacity, 1 to 20), when they
-- are available, and whether they take requests now (active). Mentors write their own profile
-- directly; request_mentor and respond_mentor_request read capacity from it. Members of the org read
-- active profiles (a mentor also reads their own inactive one). Never deleted through the API:
-- a mentor who stops sets active to false.

create table public.mentor_profiles (
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid not null default auth.uid(),
  skills text[] not null default '{}'
    constraint mentor_profiles_skills_bounded check (private.is_valid_label_list(skills, 20, 40)),
  capacity integer not null default 3 constraint mentor_profiles_capacity_range check (capacity between 1 and 20),
  availability text not null default ''
    constraint mentor_profiles_availability_length check (char_length(availability) <= 500),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id),
  constraint mentor_profiles_member_fkey foreign key (org_id, user_id)
    references public.members (org_id, user_id) on delete cascade
);

comment on table public.mentor_profiles is 'A mentor''s offer to mentor in their org: skills, capacity (1-20), availability, active.';

-- Finding a mentor's profile by user (request_mentor); the primary key serves an org's listing.
create index mentor_profiles_user_id_idx on public.mentor_profiles (user_id);

create trigger mentor_profiles_touch_updated_at
  before update on public.mentor_profiles
  for each row execute function private.touch_updated_at();

alter table public.mentor_profiles enable row level security;

revoke all on table public.mentor_profiles from anon, authenticated;
grant select on table public.mentor_profiles to authenticated;
grant insert (org_id, user_id, skills, capacity, availability, active) on table public.mentor_profiles to authenticated;
grant update (skills, capacity, availability, active) on table public.mentor_profiles to authenticated;

create policy "Members can read active mentor profiles and their own"
  on public.mentor_profiles for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (active or user_id = (select auth.uid()))
  );

create policy "Mentors can offer mentoring in their org"
  on public.mentor_profiles for insert
  to authenticated
  with check (
    user_id = (select auth.uid())
    and org_id in (select private.org_ids_where_role('mentor', 'moderator', 'admin'))
  );

create policy "Mentors can edit their own mentor profile"
  on public.mentor_profiles for update
  to authenticated
  using (
    user_id = (select auth.uid())
    and org_id in (select private.org_ids_where_role('mentor', 'moderator', 'admin'))
  )
  with check (
    user_id = (select auth.uid())
    and org_id in (select private.org_ids_where_role('mentor', 'moderator', 'admin'))
  );
