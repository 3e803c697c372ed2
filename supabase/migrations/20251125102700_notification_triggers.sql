-- The triggers that write notifications, and the RPC that marks them read:
--   mark_notifications_read(ids uuid[] default null)  the caller's own; null marks all of them read
-- Each trigger is SECURITY DEFINER (the person acting may not write someone else's notifications) and
-- goes through private.notify, which skips acting on one's own content, recipients who are no longer
-- members, and a notification identical to one still unread (hide, restore, hide again tells once).
-- Events and kinds:
--   a visible answer inserted             -> the question's author  (answer)
--   a visible reply inserted              -> the answer's author    (reply)
--   threads.accepted_post_id set/changed  -> the answer's author    (answer_accepted)
--   an endorsement inserted               -> the endorsed member    (endorsed)
--   mentor_request_events: requested      -> the mentor             (mentor_requested)
--                          accepted       -> the learner            (mentor_accepted)
--                          declined       -> the learner            (mentor_declined)
--   moderation_actions: hide              -> the item's author      (content_hidden)
-- A post held by pre-moderation is inserted hidden and notifies nobody.

create function private.notify(
  target_org uuid,
  recipient uuid,
  actor uuid,
  kind text,
  happened_at timestamptz,
  thread uuid default null,
  post uuid default null,
  endorsement uuid default null,
  request uuid default null
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
     ) then
    return;
  end if;
  insert into public.notifications (org_id, user_id, actor_id, kind, thread_id, post_id, endorsement_id,
    mentor_request_id, created_at)
  values (target_org, recipient, actor, kind, thread, post, endorsement, request, coalesce(happened_at, now()));
end;
$$;

create function private.notify_new_post()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  recipient uuid;
begin
  if new.hidden_at is not null or new.deleted_at is not null then
    return null;
  end if;
  if new.parent_id is null then
    select t.author_id into recipient from public.threads t where t.id = new.thread_id;
  else
    select p.author_id into recipient from public.posts p where p.id = new.parent_id;
  end if;
  perform private.notify(new.org_id, recipient, new.author_id,
    case when new.parent_id is null then 'answer' else 'reply' end, new.created_at, new.thread_id, new.id);
  return null;
end;
$$;

create function private.notify_accepted_answer()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  recipient uuid;
begin
  select p.author_id into recipient from public.posts p where p.id = new.accepted_post_id;
  perform private.notify(new.org_id, recipient, new.accepted_by, 'answer_accepted', new.accepted_at, new.id,
    new.accepted_post_id);
  return null;
end;
$$;

create function private.notify_endorsement()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  thread uuid;
begin
  if new.post_id is not null then
    select p.thread_id into thread from public.posts p where p.id = new.post_id;
  end if;
  perform private.notify(new.org_id, new.member_user_id, new.endorser_id, 'endorsed', new.created_at, thread,
    new.post_id, new.id);
  return null;
end;
$$;

create function private.notify_mentor_request_event()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  mentor_request public.mentor_requests;
begin
  select r.* into mentor_request from public.mentor_requests r where r.id = new.request_id;
  if not found or new.to_state not in ('requested', 'accepted', 'declined') then
    return null;
  end if;
  perform private.notify(new.org_id,
    case when new.to_state = 'requested' then mentor_request.mentor_id else mentor_request.learner_id end,
    new.actor_id, 'mentor_' || new.to_state, new.created_at, request => new.request_id);
  return null;
end;
$$;

create function private.notify_hidden_content()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  recipient uuid;
begin
  if new.target_kind = 'thread' then
    select t.author_id into recipient from public.threads t where t.id = new.target_id;
  elsif new.target_kind = 'post' then
    select p.author_id into recipient from public.posts p where p.id = new.target_id;
  else
    return null;
  end if;
  perform private.notify(new.org_id, recipient, new.actor_id, 'content_hidden', new.created_at, new.thread_id,
    case when new.target_kind = 'post' then new.target_id end);
  return null;
end;
$$;

revoke all on function private.notify(uuid, uuid, uuid, text, timestamptz, uuid, uuid, uuid, uuid) from public, anon;
revoke all on function private.notify_new_post() from public, anon;
revoke all on function private.notify_accepted_answer() from public, anon;
revoke all on function private.notify_endorsement() from public, anon;
revoke all on function private.notify_mentor_request_event() from public, anon;
revoke all on function private.notify_hidden_content() from public, anon;

create trigger posts_notify
  after insert on public.posts
  for each row execute function private.notify_new_post();
create trigger threads_notify_accepted_answer
  after update of accepted_post_id on public.threads
  for each row
  when (new.accepted_post_id is not null and new.accepted_post_id is distinct from old.accepted_post_id)
  execute function private.notify_accepted_answer();
create trigger endorsements_notify
  after insert on public.endorsements
  for each row execute function private.notify_endorsement();
create trigger mentor_request_events_notify
  after insert on public.mentor_request_events
  for each row execute function private.notify_mentor_request_event();
create trigger moderation_actions_notify_hide
  after insert on public.moderation_actions
  for each row when (new.action = 'hide')
  execute function private.notify_hidden_content();

create function public.mark_notifications_read(ids uuid[] default null)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  marked integer;
begin
  if caller is null then
    raise exception 'Sign in to read your notifications.' using errcode = '42501';
  end if;
  if cardinality(ids) > 1000 then
    raise exception 'Mark at most 1000 notifications at a time, or pass null to mark them all.'
      using errcode = '22023';
  end if;
  update public.notifications n
  set read_at = now()
  where n.user_id = caller
    and n.read_at is null
    and n.org_id in (select private.member_org_ids())
    and (mark_notifications_read.ids is null or n.id = any (mark_notifications_read.ids));
  get diagnostics marked = row_count;
  return marked;
end;
$$;

comment on function public.mark_notifications_read(uuid[]) is
  'Mark your own notifications read: the given ids (others'' are ignored), or all of them when ids is null. Returns how many.';

revoke all on function public.mark_notifications_read(uuid[]) from public, anon, authenticated, service_role;
grant execute on function public.mark_notifications_read(uuid[]) to authenticated;
