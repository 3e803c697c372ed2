-- Mentions: a question, answer or reply names the members it @-mentions in mentioned_user_ids. Display
-- names have spaces and change, so the database never parses the text: the writer's client resolves
-- "@Grace Liu" to her user id and sends the ids with the row (insert, or an edit by the author).
-- A BEFORE trigger keeps the list clean whoever writes it:
--   * duplicates are dropped (first occurrence kept); null (no list) is the empty list;
--   * at most 10 people (22023 'Mention at most 10 people in a question, answer or reply.');
--   * each newly mentioned id must be a member of the row's org (22023 'You can mention only members
--     of your organisation.'); ids already on the row are not checked again, so a member who has left
--     since does not block an edit. Mentioning oneself is allowed and notifies nobody.
-- Only a member of the row's org is told any of this: anyone else's write is left to RLS, which
-- refuses it, so the trigger cannot be used to probe who belongs to an org.
-- The `mention` notification is sent when the item is visible (20251125107300_activity_notifications.sql).
-- The column is new and has a default, so clients that insert with an explicit column list (the
-- extension's outbox) are unaffected; pull_changes returns it with the row.

alter table public.threads
  add column mentioned_user_ids uuid[] not null default '{}'
    constraint threads_mentions_bounded
    check (cardinality(mentioned_user_ids) <= 10 and array_position(mentioned_user_ids, null) is null);

alter table public.posts
  add column mentioned_user_ids uuid[] not null default '{}'
    constraint posts_mentions_bounded
    check (cardinality(mentioned_user_ids) <= 10 and array_position(mentioned_user_ids, null) is null);

comment on column public.threads.mentioned_user_ids is 'Members @-mentioned in the question (at most 10), sent by the writer''s client.';
comment on column public.posts.mentioned_user_ids is 'Members @-mentioned in the answer or reply (at most 10), sent by the writer''s client.';

grant insert (mentioned_user_ids), update (mentioned_user_ids) on table public.threads to authenticated;
grant insert (mentioned_user_ids), update (mentioned_user_ids) on table public.posts to authenticated;

create function private.check_mentions()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  added uuid[];
begin
  if caller is not null and not private.has_org_role(new.org_id, 'learner', 'mentor', 'moderator', 'admin') then
    return new;
  end if;
  if array_position(new.mentioned_user_ids, null) is not null then
    raise exception 'Each mention needs the user id of a member.' using errcode = '22023';
  end if;
  new.mentioned_user_ids := array(
    select m.id from unnest(coalesce(new.mentioned_user_ids, '{}')) with ordinality as m (id, position)
    group by m.id
    order by min(m.position)
  );
  if cardinality(new.mentioned_user_ids) > 10 then
    raise exception 'Mention at most 10 people in a question, answer or reply.' using errcode = '22023';
  end if;
  if tg_op = 'UPDATE' then
    added := array(select u from unnest(new.mentioned_user_ids) as u where u <> all (old.mentioned_user_ids));
  else
    added := new.mentioned_user_ids;
  end if;
  if exists (
    select 1 from unnest(added) as a (id)
    where not exists (select 1 from public.members m where m.org_id = new.org_id and m.user_id = a.id)
  ) then
    raise exception 'You can mention only members of your organisation.' using errcode = '22023';
  end if;
  return new;
end;
$$;
revoke all on function private.check_mentions() from public, anon;

create trigger threads_check_mentions
  before insert or update of mentioned_user_ids on public.threads
  for each row execute function private.check_mentions();
create trigger posts_check_mentions
  before insert or update of mentioned_user_ids on public.posts
  for each row execute function private.check_mentions();
