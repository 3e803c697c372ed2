-- Notifications of mentions and follows: two new kinds, each carrying thread_id, and post_id when it
-- is about an answer or reply (never content):
--   mention            someone @-mentioned you (mentioned_user_ids) in a question, answer or reply
--   followed_activity  a new answer or reply in a question you follow, or a new question at a place
--                      you follow (post_id null)
-- They are sent when an item is published, that is when it becomes visible to peers: inserted
-- visible, or restored by a moderator after being held (pre-moderation) or hidden. A held or hidden
-- item notifies nobody until then. Publishing a post tells, once per person, with the most specific
-- kind that applies to them:
--   1. `answer` to the question's author (an answer), `reply` to the parent's author (a reply), as before
--   2. `mention` to each member it mentions
--   3. `followed_activity` to each follower of the question
-- Publishing a question tells its mentioned members (`mention`), then the followers of its place or
-- of a place above it, such as its course (`followed_activity`). In every case: never the writer
-- (you are not told of your own writes), only members who can read the question (a follower is not
-- told of a post in a question hidden from them), and nobody already told about this item with one
-- of these four kinds, read or not; so a restore after a moderator's hide repeats nothing, and an
-- outbox replay (an insert that does nothing) tells nobody.
-- Behaviour that changes: until now a held answer or reply, once restored, told nobody; it now tells
-- the question's or answer's author then (as `answer`/`reply`), dated when it was restored.
-- An author who edits an item to mention someone new tells them (`mention`) if the item is visible
-- and they have not been told of a mention in it before.

alter table public.notifications drop constraint notifications_kind_known;
alter table public.notifications add constraint notifications_kind_known
  check (kind in ('answer', 'reply', 'answer_accepted', 'endorsed', 'mentor_requested', 'mentor_accepted',
    'mentor_declined', 'content_hidden', 'review_received', 'mention', 'followed_activity'));

alter table public.notifications drop constraint notifications_target_matches_kind;
alter table public.notifications add constraint notifications_target_matches_kind check (
  case
    when kind in ('answer', 'reply', 'answer_accepted') then thread_id is not null and post_id is not null
    when kind in ('content_hidden', 'mention', 'followed_activity') then thread_id is not null
    when kind = 'endorsed' then endorsement_id is not null
    when kind = 'review_received' then review_id is not null
    else mentor_request_id is not null
  end
);

-- May `recipient` read the question? As the threads select policies decide, for someone other than
-- the caller: a member of its org; not deleted; hidden only for its author and moderators.
create function private.member_can_read_thread(recipient uuid, target_thread uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.threads t
    join public.members m on m.org_id = t.org_id and m.user_id = recipient
    where t.id = target_thread
      and t.deleted_at is null
      and (t.hidden_at is null or t.author_id = recipient or m.role in ('moderator', 'admin'))
  );
end;
$$;

-- A place key and every key above it, split at '|': 'moodle|h|10|cm:7' gives 'moodle', 'moodle|h',
-- 'moodle|h|10' and 'moodle|h|10|cm:7' (only real places match a follow).
create function private.place_key_prefixes(key text)
  returns text[]
  language sql
  immutable
  set search_path = ''
as $$
  select coalesce(array_agg(array_to_string(s.parts[1:n], '|') order by n), '{}')
  from (select string_to_array(key, '|') as parts) s
  cross join lateral generate_series(1, coalesce(cardinality(s.parts), 0)) as n
$$;

-- Tells everyone concerned that an item was published (see the header). target_post null: the
-- question itself, whose place's followers are told; otherwise the post, whose question's followers are.
create function private.announce(
  target_org uuid,
  target_thread uuid,
  target_post uuid,
  actor uuid,
  happened_at timestamptz,
  direct_recipient uuid,
  direct_kind text,
  mentioned uuid[],
  at_place text
)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  target record;
begin
  for target in
    select distinct on (c.user_id) c.user_id, c.kind
    from (
      select direct_recipient as user_id, direct_kind as kind, 1 as precedence
      where direct_recipient is not null
      union all
      select m.user_id, 'mention', 2 from unnest(mentioned) as m (user_id)
      union all
      select f.user_id, 'followed_activity', 3 from public.follows f
      where target_post is not null and f.thread_id = target_thread
      union all
      select f.user_id, 'followed_activity', 3 from public.follows f
      where target_post is null and f.org_id = target_org
        and f.place_key = any (private.place_key_prefixes(at_place))
    ) c
    where c.user_id is distinct from actor
    order by c.user_id, c.precedence
  loop
    if private.member_can_read_thread(target.user_id, target_thread) and not exists (
      select 1 from public.notifications n
      where n.user_id = target.user_id and n.org_id = target_org and n.thread_id = target_thread
        and n.post_id is not distinct from target_post
        and n.kind in ('answer', 'reply', 'mention', 'followed_activity')
    ) then
      perform private.notify(target_org, target.user_id, actor, target.kind, happened_at, target_thread,
        target_post);
    end if;
  end loop;
end;
$$;

-- The posts trigger of 20251125102700_notification_triggers.sql, now publishing through announce, on
-- insert and (a second trigger below) on restore.
create or replace function private.notify_new_post()
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
  perform private.announce(new.org_id, new.thread_id, new.id, new.author_id,
    case when tg_op = 'INSERT' then new.created_at else now() end,
    recipient, case when new.parent_id is null then 'answer' else 'reply' end, new.mentioned_user_ids, null);
  return null;
end;
$$;

create function private.announce_thread()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if new.hidden_at is not null or new.deleted_at is not null then
    return null;
  end if;
  perform private.announce(new.org_id, new.id, null, new.author_id,
    case when tg_op = 'INSERT' then new.created_at else now() end,
    null, null, new.mentioned_user_ids, new.place_key);
  return null;
end;
$$;

-- An author's edit of a visible item that mentions someone new (the trigger's WHEN): tell them, unless
-- they were told of a mention in this item before.
create function private.announce_added_mentions()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  target_thread uuid;
  target_post uuid;
  recipient uuid;
begin
  if tg_table_name = 'threads' then
    target_thread := new.id;
  else
    target_thread := new.thread_id;
    target_post := new.id;
  end if;
  for recipient in
    select u from unnest(new.mentioned_user_ids) as u where u <> all (old.mentioned_user_ids)
  loop
    if recipient is distinct from new.author_id
       and private.member_can_read_thread(recipient, target_thread)
       and not exists (
         select 1 from public.notifications n
         where n.user_id = recipient and n.org_id = new.org_id and n.kind = 'mention'
           and n.thread_id = target_thread and n.post_id is not distinct from target_post
       ) then
      perform private.notify(new.org_id, recipient, new.author_id, 'mention', now(), target_thread, target_post);
    end if;
  end loop;
  return null;
end;
$$;

revoke all on function private.member_can_read_thread(uuid, uuid) from public, anon;
revoke all on function private.place_key_prefixes(text) from public, anon;
revoke all on function private.announce(uuid, uuid, uuid, uuid, timestamptz, uuid, text, uuid[], text)
  from public, anon;
revoke all on function private.notify_new_post() from public, anon;
revoke all on function private.announce_thread() from public, anon;
revoke all on function private.announce_added_mentions() from public, anon;

create trigger posts_notify_restored
  after update of hidden_at on public.posts
  for each row
  when (old.hidden_at is not null and new.hidden_at is null and new.deleted_at is null)
  execute function private.notify_new_post();

create trigger threads_announce
  after insert on public.threads
  for each row execute function private.announce_thread();
create trigger threads_announce_restored
  after update of hidden_at on public.threads
  for each row
  when (old.hidden_at is not null and new.hidden_at is null and new.deleted_at is null)
  execute function private.announce_thread();

create trigger threads_announce_added_mentions
  after update of mentioned_user_ids on public.threads
  for each row
  when (new.hidden_at is null and new.deleted_at is null
    and new.mentioned_user_ids is distinct from old.mentioned_user_ids)
  execute function private.announce_added_mentions();
create trigger posts_announce_added_mentions
  after update of mentioned_user_ids on public.posts
  for each row
  when (new.hidden_at is null and new.deleted_at is null
    and new.mentioned_user_ids is distinct from old.mentioned_user_ids)
  execute function private.announce_added_mentions();
