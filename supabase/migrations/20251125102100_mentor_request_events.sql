-- The audit trail of mentor requests: one row per state change (from_state null for the request
-- itself), with who made it (actor_id null when expire_mentor_requests did) and when. Written only by
-- the mentoring RPCs, never updated or deleted through the API; the learner and the mentor of the
-- request read its events.

create table public.mentor_request_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  request_id uuid not null references public.mentor_requests (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  from_state text
    constraint mentor_request_events_from_state_known check (from_state in ('requested', 'accepted')),
  to_state text not null
    constraint mentor_request_events_to_state_known
    check (to_state in ('requested', 'accepted', 'declined', 'withdrawn', 'expired', 'completed')),
  created_at timestamptz not null default now()
);

comment on table public.mentor_request_events is 'Audit log of mentor request state changes: who moved which request from what to what, when.';

create index mentor_request_events_request_id_created_at_idx on public.mentor_request_events (request_id, created_at);
create index mentor_request_events_actor_id_idx on public.mentor_request_events (actor_id);
create index mentor_request_events_org_id_idx on public.mentor_request_events (org_id);

alter table public.mentor_request_events enable row level security;

revoke all on table public.mentor_request_events from anon, authenticated;
grant select on table public.mentor_request_events to authenticated;

-- The subquery reads mentor_requests through its own policy: the events of requests the caller is
-- part of.
create policy "Learners and mentors can read the history of their requests"
  on public.mentor_request_events for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and request_id in (select r.id from public.mentor_requests r)
  );
