-- Circle sessions: a scheduled meeting of a circle, either `practice` (members practise together) or
-- `micro_teaching` (one member, the host, teaches a short piece and the others give feedback). It has
-- a title, an optional agenda, a start (in the future, within a year, when scheduled), a duration of
-- 15 minutes to 4 hours, an optional meeting link (https:// only: never javascript:, http: or another
-- scheme) and a host, who is a member of the circle when the session is scheduled (for micro-teaching,
-- the presenting member). Cancelling sets cancelled_at; the row stays so calendars can show it.
-- Written only through schedule_circle_session, reschedule_circle_session and cancel_circle_session:
-- a circle's leads schedule sessions for any of its members to host, and any member of the circle
-- schedules one they host themselves; the leads and the host move and cancel it. Archiving the circle,
-- or the host leaving it, cancels its sessions that have not started.
-- Read as the circle's member list is (circle_members): every member of the org for an open circle;
-- for an invite-only circle its members and the org's moderators and admins.

create table public.circle_sessions (
  -- Client-generated, so a replayed schedule_circle_session from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  circle_id uuid not null,
  kind text not null constraint circle_sessions_kind_known check (kind in ('practice', 'micro_teaching')),
  title text not null constraint circle_sessions_title_length check (char_length(btrim(title)) between 1 and 200),
  agenda text constraint circle_sessions_agenda_length check (char_length(agenda) between 1 and 2000),
  starts_at timestamptz not null,
  duration_minutes integer not null
    constraint circle_sessions_duration_range check (duration_minutes between 15 and 240),
  meeting_url text constraint circle_sessions_meeting_url_https
    check (char_length(meeting_url) <= 2000 and meeting_url ~ '^https://[^[:space:]]+$'),
  host_id uuid not null,
  -- Who scheduled it (a lead, or the host); counted by the 'circle_session' rate limit.
  created_by uuid,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint circle_sessions_circle_fkey foreign key (org_id, circle_id)
    references public.circles (org_id, id) on delete cascade,
  constraint circle_sessions_host_fkey foreign key (org_id, host_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint circle_sessions_created_by_fkey foreign key (org_id, created_by)
    references public.members (org_id, user_id) on delete set null (created_by),
  -- RSVPs reference (org_id, circle_id, id), so an RSVP is always in its session's circle and org.
  constraint circle_sessions_org_id_circle_id_id_key unique (org_id, circle_id, id)
);

comment on table public.circle_sessions is 'A scheduled practice or micro-teaching session of a circle. Written through schedule_circle_session, reschedule_circle_session and cancel_circle_session.';
comment on column public.circle_sessions.host_id is 'The member who runs the session; for micro-teaching, the member who presents.';

-- A circle's schedule (and the circle foreign key, whose org_id every row shares with its circle).
create index circle_sessions_circle_id_starts_at_idx on public.circle_sessions (circle_id, starts_at);
-- The org's sessions across circles by start (RLS filters by org_id), and the org foreign key.
create index circle_sessions_org_id_starts_at_idx on public.circle_sessions (org_id, starts_at);
-- A host's sessions (cancelled when they leave the circle) and the host foreign key.
create index circle_sessions_host_id_starts_at_idx on public.circle_sessions (host_id, starts_at);
-- The scheduler's sessions: the 'circle_session' rate limit and the created_by foreign key.
create index circle_sessions_created_by_created_at_idx on public.circle_sessions (created_by, created_at);

create trigger circle_sessions_touch_updated_at
  before update on public.circle_sessions
  for each row execute function private.touch_updated_at();

alter table public.circle_sessions enable row level security;

revoke all on table public.circle_sessions from anon, authenticated;
grant select on table public.circle_sessions to authenticated;

create policy "Members can read sessions of the circles they can see"
  on public.circle_sessions for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and circle_id in (select private.readable_circle_ids())
  );
