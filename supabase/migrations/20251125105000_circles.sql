-- Circles: small standing groups of an org's members around one course of their LMS. A `cohort` is
-- peers of the course practising together; any member may start one. A `mentorship` circle is led by
-- a mentor (or an admin), and only mentors and admins may start or lead one. A circle is anchored to
-- its course by `course_key`, the place key prefix that ends at the course ("platform|host|course",
-- as kpi_weekly's course_key: `moodle|moodle.localhost:8080|4021`), which must be a course the org
-- already has places under. It has a name (unique among the course's active circles), a description,
-- a capacity (2 to 200 people, leads included) and is open (members join themselves) or invite-only
-- (a lead adds people). Archiving (archived_at) is final: an archived circle keeps its history but
-- takes no new members, roles or sessions.
-- Written only through the circle RPCs (20251125105400_circle_rpcs.sql); every member of the org reads
-- every circle of the org, invite-only and archived ones included (membership lists and sessions of
-- invite-only circles are another matter: see circle_members).

create table public.circles (
  -- Client-generated, so a replayed create_circle from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  kind text not null constraint circles_kind_known check (kind in ('cohort', 'mentorship')),
  course_key text not null constraint circles_course_key_is_course
    check (char_length(course_key) <= 600 and course_key ~ '^[a-z0-9_]{1,40}\|[^|[:space:]]+\|[^|[:space:]]+$'),
  name text not null constraint circles_name_length check (char_length(btrim(name)) between 1 and 120),
  description text constraint circles_description_length check (char_length(description) between 1 and 2000),
  capacity integer not null constraint circles_capacity_range check (capacity between 2 and 200),
  invite_only boolean not null default false,
  -- Who started it (and whose create_circle rate limit it counts against); kept when they leave the
  -- circle, cleared if their membership of the org is removed.
  created_by uuid,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint circles_created_by_fkey foreign key (org_id, created_by)
    references public.members (org_id, user_id) on delete set null (created_by),
  -- Memberships and sessions reference (org_id, id), so they are always in their circle's org.
  constraint circles_org_id_id_key unique (org_id, id)
);

comment on table public.circles is 'A cohort or mentorship circle of an org''s members around one course. Written through create_circle, update_circle and archive_circle.';
comment on column public.circles.course_key is 'The course the circle is about: a place key prefix "platform|host|course", without a lesson.';
comment on column public.circles.capacity is 'How many people the circle holds, leads included (2 to 200).';
comment on column public.circles.invite_only is 'False: members of the org join themselves (join_circle). True: only its leads add people.';

-- An org's circles by course (the panel lists a course's circles; RLS filters by org_id).
create index circles_org_id_course_key_idx on public.circles (org_id, course_key);
-- One active circle per name on a course, whatever the case of the name.
create unique index circles_one_active_name_per_course
  on public.circles (org_id, course_key, lower(btrim(name))) where archived_at is null;
-- The creator's circles: the 'circle' rate limit and the created_by foreign key.
create index circles_created_by_created_at_idx on public.circles (created_by, created_at);

create trigger circles_touch_updated_at
  before update on public.circles
  for each row execute function private.touch_updated_at();

alter table public.circles enable row level security;

revoke all on table public.circles from anon, authenticated;
grant select on table public.circles to authenticated;

create policy "Members can read their org's circles"
  on public.circles for select
  to authenticated
  using (org_id in (select private.member_org_ids()));
