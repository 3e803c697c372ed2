-- RSVPs to circle sessions: a member of the circle says whether they are going (`going` true or
-- false), and may change their answer until the session ends. One row per session and person; only
-- members of the session's circle can hold one (a foreign key to circle_members, so leaving the circle
-- removes the person's RSVPs). Rescheduling a session to another start clears its RSVPs: an answer
-- for one time says nothing about another.
-- Written only through rsvp_circle_session; read as the circle's sessions are (circle_sessions).

create table public.circle_session_attendees (
  org_id uuid not null references public.orgs (id) on delete cascade,
  circle_id uuid not null,
  session_id uuid not null,
  user_id uuid not null,
  going boolean not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One answer per person and session; also serves a session's RSVPs and the session foreign key.
  primary key (session_id, user_id),
  constraint circle_session_attendees_session_fkey foreign key (org_id, circle_id, session_id)
    references public.circle_sessions (org_id, circle_id, id) on delete cascade,
  constraint circle_session_attendees_circle_member_fkey foreign key (circle_id, user_id)
    references public.circle_members (circle_id, user_id) on delete cascade
);

comment on table public.circle_session_attendees is 'A circle member''s RSVP (going or not) to one of the circle''s sessions. Written through rsvp_circle_session.';

-- A person's RSVPs in a circle: the circle_members foreign key (leaving deletes them).
create index circle_session_attendees_circle_id_user_id_idx on public.circle_session_attendees (circle_id, user_id);
-- The org foreign key (deleting an org finds its rows by org_id).
create index circle_session_attendees_org_id_session_id_idx on public.circle_session_attendees (org_id, session_id);

create trigger circle_session_attendees_touch_updated_at
  before update on public.circle_session_attendees
  for each row execute function private.touch_updated_at();

alter table public.circle_session_attendees enable row level security;

revoke all on table public.circle_session_attendees from anon, authenticated;
grant select on table public.circle_session_attendees to authenticated;

create policy "Members can read RSVPs of the circles they can see"
  on public.circle_session_attendees for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and circle_id in (select private.readable_circle_ids())
  );
