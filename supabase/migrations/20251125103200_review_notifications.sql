-- Notifications of peer review: a new kind, review_received, tells the requester that a review of
-- their work arrived. It carries the review's id only (review_id; the review names its request), never
-- the scores or the comment. private.notify gains a review argument (and its duplicate check the column);
-- the other triggers call it as before.
--   a review inserted (submit_review)  -> the request's requester  (review_received)

alter table public.notifications
  add column review_id uuid references public.reviews (id) on delete cascade;

alter table public.notifications drop constraint notifications_kind_known;
alter table public.notifications add constraint notifications_kind_known
  check (kind in ('answer', 'reply', 'answer_accepted', 'endorsed', 'mentor_requested', 'mentor_accepted',
    'mentor_declined', 'content_hidden', 'review_received'));

alter table public.notifications drop constraint notifications_target_matches_kind;
alter table public.notifications add constraint notifications_target_matches_kind check (
  case
    when kind in ('answer', 'reply', 'answer_accepted') then thread_id is not null and post_id is not null
    when kind = 'content_hidden' then thread_id is not null
    when kind = 'endorsed' then endorsement_id is not null
    when kind = 'review_received' then review_id is not null
    else mentor_request_id is not null
  end
);

create index notifications_review_id_idx on public.notifications (review_id) where review_id is not null;

drop function private.notify(uuid, uuid, uuid, text, timestamptz, uuid, uuid, uuid, uuid);

create function private.notify(
  target_org uuid,
  recipient uuid,
  actor uuid,
  kind text,
  happened_at timestamptz,
  thread uuid default null,
  post uuid default null,
  endorsement uuid default null,
  request uuid default null,
  review uuid default null
)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
begin
  if recipient is null or recipient = actor
     or not exists (select 1 from public.members m where m.org_id = target_org and m.user_id = recipient)
     or exists (
       select 1 from public.notifications n
       where n.user_id = recipient and n.org_id = target_org and n.read_at is null and n.kind = notify.kind
         and n.thread_id is not distinct from thread and n.post_id is not distinct from post
         and n.endorsement_id is not distinct from endorsement and n.mentor_request_id is not distinct from request
         and n.review_id is not distinct from review
     ) then
    return;
  end if;
  insert into public.notifications (org_id, user_id, actor_id, kind, thread_id, post_id, endorsement_id,
    mentor_request_id, review_id, created_at)
  values (target_org, recipient, actor, kind, thread, post, endorsement, request, review,
    coalesce(happened_at, now()));
end;
$$;

create function private.notify_review()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  recipient uuid;
begin
  select r.requester_id into recipient from public.review_requests r where r.id = new.request_id;
  perform private.notify(new.org_id, recipient, new.reviewer_id, 'review_received', new.created_at,
    review => new.id);
  return null;
end;
$$;

revoke all on function private.notify(uuid, uuid, uuid, text, timestamptz, uuid, uuid, uuid, uuid, uuid)
  from public, anon;
revoke all on function private.notify_review() from public, anon;

create trigger reviews_notify
  after insert on public.reviews
  for each row execute function private.notify_review();
