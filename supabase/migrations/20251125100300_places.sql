-- Places: a course or lesson in an LMS, identified by the detection key the extension computes
-- (lib/lms: "platform|host|course[|lesson]", e.g. "moodle|moodle.localhost:8080|4021|cm:1325312").
-- Threads hang off (org_id, key), so two clients that meet the same lesson offline converge on one
-- place: both insert it with on-conflict-do-nothing and both threads reference the key, not an id.

create table public.places (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  key text not null constraint places_key_length check (char_length(key) between 1 and 600),
  platform text not null constraint places_platform_slug check (platform ~ '^[a-z0-9_]{1,40}$'),
  course_id text constraint places_course_id_length check (char_length(course_id) between 1 and 128),
  lesson_id text constraint places_lesson_id_length check (char_length(lesson_id) between 1 and 160),
  course_title text constraint places_course_title_length check (char_length(course_title) <= 200),
  lesson_title text constraint places_lesson_title_length check (char_length(lesson_title) <= 200),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint places_org_id_key_key unique (org_id, key)
);

comment on table public.places is 'A course or lesson of an LMS, keyed by the extension''s detection key, per org.';

create index places_org_id_updated_at_idx on public.places (org_id, updated_at);
create index places_created_by_idx on public.places (created_by);

create trigger places_touch_updated_at
  before update on public.places
  for each row execute function private.touch_updated_at();

alter table public.places enable row level security;

revoke all on table public.places from anon, authenticated;
grant select on table public.places to authenticated;
grant insert (id, org_id, key, platform, course_id, lesson_id, course_title, lesson_title)
  on table public.places to authenticated;
grant update (course_title, lesson_title) on table public.places to authenticated;

create policy "Members can read their org's places"
  on public.places for select
  to authenticated
  using (org_id in (select private.member_org_ids()));

-- The first member to ask about a lesson creates its place; titles come from the LMS page.
create policy "Members can add places in their org"
  on public.places for insert
  to authenticated
  with check (
    org_id in (select private.member_org_ids())
    and created_by = (select auth.uid())
  );

-- Titles are scraped from host pages; moderators fix the odd wrong one, learners cannot rewrite them.
create policy "Moderators can correct place titles in their org"
  on public.places for update
  to authenticated
  using (org_id in (select private.org_ids_where_role('moderator', 'admin')))
  with check (org_id in (select private.org_ids_where_role('moderator', 'admin')));
