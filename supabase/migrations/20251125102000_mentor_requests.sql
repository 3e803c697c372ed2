-- Mentor requests: a learner asks a mentor of the same org for mentoring, with a message. States:
--   requested -> accepted | declined   (the mentor, respond_mentor_request)
--   requested | accepted -> withdrawn  (the learner, withdraw_mentor_request)
--   accepted -> completed              (either of them, complete_mentor_request)
--   requested -> expired               (after 14 days unanswered, expire_mentor_requests)
-- Written only through those RPCs, which check who may make each transition and log it in
-- mentor_request_events. Only the two people involved read a request. A learner has at most one
-- open (requested or accepted) request per mentor.

create table public.mentor_requests (
  -- Client-generated, so a replayed request from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  learner_id uuid not null,
  mentor_id uuid not null,
  message text not null constraint mentor_requests_message_length check (char_length(btrim(message)) between 1 and 1000),
  reply text constraint mentor_requests_reply_length check (char_length(reply) <= 1000),
  state text not null default 'requested'
    constraint mentor_requests_state_known
    check (state in ('requested', 'accepted', 'declined', 'withdrawn', 'expired', 'completed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- When the mentor accepted or declined.
  responded_at timestamptz,
  -- When it reached a final state (declined, withdrawn, expired, completed).
  closed_at timestamptz,
  constraint mentor_requests_learner_fkey foreign key (org_id, learner_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint mentor_requests_mentor_fkey foreign key (org_id, mentor_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint mentor_requests_not_self check (learner_id <> mentor_id),
  constraint mentor_requests_closed_when_final
    check ((state in ('requested', 'accepted')) = (closed_at is null))
);

comment on table public.mentor_requests is 'A learner''s request for mentoring from a mentor of the same org, and its state. Written through the mentoring RPCs.';

-- One open request per learner and mentor; also serves the learner's list and foreign key.
create unique index mentor_requests_one_open_per_pair
  on public.mentor_requests (learner_id, mentor_id, org_id) where state in ('requested', 'accepted');
create index mentor_requests_learner_id_org_id_idx on public.mentor_requests (learner_id, org_id);
-- A mentor's inbox and capacity count (accepted requests), and the mentor foreign key.
create index mentor_requests_mentor_id_org_id_state_idx on public.mentor_requests (mentor_id, org_id, state);
-- expire_mentor_requests: requests still unanswered, oldest first.
create index mentor_requests_created_at_requested_idx on public.mentor_requests (created_at) where state = 'requested';

create trigger mentor_requests_touch_updated_at
  before update on public.mentor_requests
  for each row execute function private.touch_updated_at();

alter table public.mentor_requests enable row level security;

revoke all on table public.mentor_requests from anon, authenticated;
grant select on table public.mentor_requests to authenticated;

create policy "Learners and mentors can read the requests they are part of"
  on public.mentor_requests for select
  to authenticated
  using (
    (learner_id = (select auth.uid()) or mentor_id = (select auth.uid()))
    and org_id in (select private.member_org_ids())
  );
