-- Notifications: what happened to a member that they may want to know about. A row names its
-- recipient (user_id), who caused it (actor_id), a kind and the ids of what it is about; it copies no
-- content, so what a recipient reads is still decided by the RLS of the item itself (a hidden answer
-- stays hidden). Kinds, and the ids each carries:
--   answer           an answer to your question                    thread_id, post_id
--   reply            a reply to your answer                        thread_id, post_id (the reply)
--   answer_accepted  your answer was accepted                      thread_id, post_id
--   endorsed         someone endorsed your post or a skill         endorsement_id (post_id, thread_id)
--   mentor_requested someone asked you for mentoring               mentor_request_id
--   mentor_accepted  your mentor accepted your request             mentor_request_id
--   mentor_declined  your mentor declined your request             mentor_request_id
--   content_hidden   a moderator hid your question or answer       thread_id (post_id for an answer)
-- Written only by triggers (next migration); each member reads their own and marks them read through
-- mark_notifications_read. Not part of pull_changes.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid not null,
  actor_id uuid references auth.users (id) on delete set null,
  kind text not null
    constraint notifications_kind_known
    check (kind in ('answer', 'reply', 'answer_accepted', 'endorsed', 'mentor_requested', 'mentor_accepted',
      'mentor_declined', 'content_hidden')),
  thread_id uuid references public.threads (id) on delete cascade,
  post_id uuid references public.posts (id) on delete cascade,
  endorsement_id uuid references public.endorsements (id) on delete cascade,
  mentor_request_id uuid references public.mentor_requests (id) on delete cascade,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  -- The recipient is a member of the org; leaving it takes their notifications with them.
  constraint notifications_member_fkey foreign key (org_id, user_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint notifications_target_matches_kind check (
    case
      when kind in ('answer', 'reply', 'answer_accepted') then thread_id is not null and post_id is not null
      when kind = 'content_hidden' then thread_id is not null
      when kind = 'endorsed' then endorsement_id is not null
      else mentor_request_id is not null
    end
  )
);

comment on table public.notifications is 'Something that happened to a member (a kind and ids, no content). Written by triggers; read by its recipient.';

-- "My unread, newest first", and every notification of mine (which also serves the member key).
create index notifications_user_id_org_id_created_at_unread_idx
  on public.notifications (user_id, org_id, created_at desc) where read_at is null;
create index notifications_user_id_org_id_created_at_idx
  on public.notifications (user_id, org_id, created_at desc);
-- The foreign keys.
create index notifications_org_id_idx on public.notifications (org_id);
create index notifications_actor_id_idx on public.notifications (actor_id) where actor_id is not null;
create index notifications_thread_id_idx on public.notifications (thread_id) where thread_id is not null;
create index notifications_post_id_idx on public.notifications (post_id) where post_id is not null;
create index notifications_endorsement_id_idx on public.notifications (endorsement_id)
  where endorsement_id is not null;
create index notifications_mentor_request_id_idx on public.notifications (mentor_request_id)
  where mentor_request_id is not null;

alter table public.notifications enable row level security;

revoke all on table public.notifications from anon, authenticated;
grant select on table public.notifications to authenticated;

create policy "Members can read their own notifications"
  on public.notifications for select
  to authenticated
  using (user_id = (select auth.uid()) and org_id in (select private.member_org_ids()));
