-- Tombstone retention. private.deleted_rows keeps one row per hard delete for pull_changes, forever
-- until now. private.prune_deleted_rows(older_than) deletes the tombstones older than the retention
-- (90 days by default; a pg_cron job calls it daily, see the scheduled jobs migration) and returns how
-- many it deleted.
--
-- A cache that last caught up before a pruned tombstone could miss that deletion, so the prune records,
-- per org and kind, the newest deleted_at it pruned (pruned_through) in private.tombstone_horizons, and
-- pull_changes refuses a client whose copy is complete only through an earlier time (its argument
-- complete_through) with SQLSTATE PT410 (PostgREST answers HTTP 410): the client then drops its cached
-- server rows and pulls from the start (20251125104200_pull_changes_v2.sql). Per org and kind, rather
-- than one row for the whole database, so pruning one org's vote tombstones does not send every other
-- org's caches (or a client that does not sync votes) back to the start.
-- Both are read and written only by SECURITY DEFINER functions; the API reaches neither.

create table private.tombstone_horizons (
  org_id uuid not null references public.orgs (id) on delete cascade,
  kind text not null constraint tombstone_horizons_kind_known
    check (kind in ('thread', 'post', 'vote', 'review_request', 'review')),
  -- The newest deleted_at of the tombstones of this org and kind pruned so far.
  pruned_through timestamptz not null,
  primary key (org_id, kind)
);

comment on table private.tombstone_horizons is
  'Per org and kind, the newest tombstone pruned from private.deleted_rows: pull_changes refuses older cursors (PT410).';

revoke all on table private.tombstone_horizons from public, anon, authenticated;

-- Deletes the tombstones older than `older_than` and moves each org's and kind's horizon up to the
-- newest of them. Tombstones of an org that no longer exists are deleted without a horizon (nobody can
-- pull that org). Refuses a missing or negative retention (22023). Runs as its owner (pg_cron runs it
-- as postgres); granted to nobody.
create function private.prune_deleted_rows(older_than interval default '90 days')
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  pruned integer;
begin
  if older_than is null or older_than < interval '0' then
    raise exception 'Give a retention of zero or more, such as interval ''90 days''.' using errcode = '22023';
  end if;

  with gone as (
    delete from private.deleted_rows d
    where d.deleted_at < now() - older_than
    returning d.org_id, d.kind, d.deleted_at
  ),
  recorded as (
    insert into private.tombstone_horizons as h (org_id, kind, pruned_through)
    select g.org_id, g.kind, max(g.deleted_at)
    from gone g
    where exists (select 1 from public.orgs o where o.id = g.org_id)
    group by g.org_id, g.kind
    on conflict (org_id, kind) do update
      set pruned_through = greatest(h.pruned_through, excluded.pruned_through)
  )
  select count(*)::integer into pruned from gone;
  return pruned;
end;
$$;

comment on function private.prune_deleted_rows(interval) is
  'Deletes pull_changes tombstones older than the retention (default 90 days) and records the horizon pull_changes refuses cursors before. Returns how many it deleted.';

revoke all on function private.prune_deleted_rows(interval) from public, anon, authenticated;
