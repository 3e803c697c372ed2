-- Realtime "pull now": when a question or answer changes, the database broadcasts on the private topic
-- `org:<org_id>` an event `changed` whose payload says only which kind of row changed ({"kind":
-- "thread"}), never content or ids: clients answer it by pulling (pull_changes), which applies every
-- permission. Correctness never depends on it; clients also pull on a timer. Only members of the org
-- may receive the topic (the policy on realtime.messages below). Votes are private to their voter and
-- are not signalled.

create function private.signal_change()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  org uuid := coalesce(new.org_id, old.org_id);
begin
  perform realtime.send(jsonb_build_object('kind', tg_argv[0]), 'changed', 'org:' || org::text, true);
  return null;
end;
$$;
revoke all on function private.signal_change() from public, anon, authenticated;

create trigger threads_signal_change
  after insert or update or delete on public.threads
  for each row execute function private.signal_change('thread');

create trigger posts_signal_change
  after insert or update or delete on public.posts
  for each row execute function private.signal_change('post');

-- The org a topic names, when the caller is a member of it (null otherwise).
create function private.member_org_of_topic(topic text)
  returns uuid
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select m.org_id
  from public.members m
  where topic ~ '^org:[0-9a-f-]{36}$'
    and m.org_id = substr(topic, 5)::uuid
    and m.user_id = (select auth.uid())
$$;
revoke all on function private.member_org_of_topic(text) from public, anon;
grant execute on function private.member_org_of_topic(text) to authenticated;

create policy "Members can receive their org's change signals"
  on realtime.messages for select
  to authenticated
  using (
    extension = 'broadcast'
    and (select private.member_org_of_topic((select realtime.topic()))) is not null
  );
