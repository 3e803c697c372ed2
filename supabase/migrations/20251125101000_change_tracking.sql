-- Change tracking for the offline cache's delta pull (pull_changes). Three rules make "rows changed
-- since a cursor" complete:
--   1. every UPDATE bumps updated_at (the touch triggers of the first slice; scores, status, hiding
--      and soft deletes are all updates, so they bump it too);
--   2. a hard DELETE (a withdrawn vote, a cascade from a deleted place or org) leaves a tombstone in
--      private.deleted_rows, because a row that no longer exists cannot appear in a delta;
--   3. the keyset (updated_at, id) is served by one index per table, with id as the tie-breaker, so
--      rows sharing an updated_at are neither skipped nor repeated between pages.
-- private.deleted_rows is read only by pull_changes (SECURITY DEFINER); the API cannot reach it.

create table private.deleted_rows (
  kind text not null constraint deleted_rows_kind_known check (kind in ('thread', 'post', 'vote')),
  id uuid not null,
  org_id uuid not null,
  -- The voter, for vote tombstones: votes are private, so only the voter is told of a withdrawal.
  user_id uuid,
  deleted_at timestamptz not null default now(),
  primary key (kind, id)
);

comment on table private.deleted_rows is 'Tombstones of hard-deleted threads, posts and votes, for pull_changes.';

revoke all on table private.deleted_rows from public, anon, authenticated;
create index deleted_rows_org_id_deleted_at_id_idx on private.deleted_rows (org_id, deleted_at, id);

-- Records a tombstone when a row is hard-deleted. SECURITY DEFINER: the deleting role (a voter
-- withdrawing a vote) has no privilege on private.deleted_rows.
create function private.record_deletion()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  insert into private.deleted_rows (kind, id, org_id, user_id)
  values (tg_argv[0], old.id, old.org_id, case when tg_argv[0] = 'vote' then (to_jsonb(old) ->> 'user_id')::uuid end)
  on conflict (kind, id) do update set deleted_at = excluded.deleted_at, org_id = excluded.org_id,
    user_id = excluded.user_id;
  return null;
end;
$$;

-- A row inserted again under a deleted id (a vote withdrawn, then cast again from a replayed outbox)
-- is alive: its tombstone goes, so a pull never returns both for one id.
create function private.forget_deletion()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  delete from private.deleted_rows where kind = tg_argv[0] and id = new.id;
  return null;
end;
$$;

revoke all on function private.record_deletion() from public, anon;
revoke all on function private.forget_deletion() from public, anon;

create trigger threads_record_deletion
  after delete on public.threads
  for each row execute function private.record_deletion('thread');
create trigger posts_record_deletion
  after delete on public.posts
  for each row execute function private.record_deletion('post');
create trigger votes_record_deletion
  after delete on public.votes
  for each row execute function private.record_deletion('vote');

create trigger threads_forget_deletion
  after insert on public.threads
  for each row execute function private.forget_deletion('thread');
create trigger posts_forget_deletion
  after insert on public.posts
  for each row execute function private.forget_deletion('post');
create trigger votes_forget_deletion
  after insert on public.votes
  for each row execute function private.forget_deletion('vote');

-- The keyset indexes: equality on the org (or the voter), then (updated_at, id) in pull order, so a
-- page is one index range scan however many rows the org has. They replace the first slice's
-- (org_id, updated_at) and (user_id, updated_at) indexes, whose prefix they cover.
drop index public.threads_org_id_updated_at_idx;
drop index public.posts_org_id_updated_at_idx;
drop index public.votes_user_id_updated_at_idx;
create index threads_org_id_updated_at_id_idx on public.threads (org_id, updated_at, id);
create index posts_org_id_updated_at_id_idx on public.posts (org_id, updated_at, id);
create index votes_user_id_org_id_updated_at_id_idx on public.votes (user_id, org_id, updated_at, id);
