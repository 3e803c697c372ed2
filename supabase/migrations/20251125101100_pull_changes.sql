-- pull_changes: the offline cache's delta pull. It returns what changed in the caller's org since a
-- cursor, as one stream in keyset order (updated_at, id, kind), at most max_rows rows:
--   kind     'thread' | 'post' | 'vote' (the caller's own votes only)
--   op       'upsert'  the row as the caller may read it, in data (the table's columns)
--            'hidden'  hidden by a moderator: drop it from the cache (data is null; no content)
--            'deleted' soft- or hard-deleted: drop it (data is null)
-- The next cursor is the last row's (updated_at, id, kind); fewer than max_rows rows means caught up.
-- It is SECURITY DEFINER because RLS makes hidden and deleted rows invisible, and the cache must learn
-- they are gone; it therefore decides visibility itself, exactly as the select policies do (the
-- tests compare the two), and returns content only for rows the caller could select directly.
--
-- Rows committed late: updated_at is the writing transaction's start time, so a transaction still in
-- flight may later commit rows older than rows already pulled. The pull therefore stops before the
-- start of the oldest other open transaction (its horizon); the rest comes with the next pull. This
-- needs the owner of pull_horizon to see other roles' transactions in pg_stat_activity (membership
-- of pg_read_all_stats; on a hosted project check `select pg_has_role('pg_read_all_stats', 'member')`
-- as postgres). Where it cannot, the horizon is simply "now" and a late commit can be missed until
-- the client's next full pull. A transaction open
-- for more than ten minutes (a forgotten psql BEGIN) stops holding the horizon back, so one stuck
-- session cannot stall every cache; API writes are bounded far below that by statement_timeout.

create function private.pull_horizon()
  returns timestamptz
  language sql
  volatile
  security definer
  set search_path = ''
as $$
  select least(
    clock_timestamp(),
    (select min(a.xact_start) from pg_catalog.pg_stat_activity a
     where a.pid <> pg_catalog.pg_backend_pid() and a.xact_start is not null
       and a.backend_type = 'client backend' and a.xact_start > now() - interval '10 minutes')
  )
$$;
revoke all on function private.pull_horizon() from public, anon;

-- The org a signed-in user syncs: the org claim of their token when they are a member of it,
-- otherwise their first membership (the one the access token hook puts in the claim).
create function private.sync_org_id()
  returns uuid
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
declare
  claimed uuid := nullif((select auth.jwt()) -> 'app_metadata' ->> 'org_id', '')::uuid;
  chosen uuid;
begin
  select m.org_id into chosen
  from public.members m
  where m.user_id = (select auth.uid())
  order by (m.org_id = claimed) desc nulls last, m.created_at, m.org_id
  limit 1;
  return chosen;
end;
$$;
revoke all on function private.sync_org_id() from public, anon;

create function public.pull_changes(
  since_updated_at timestamptz default null,
  since_id uuid default null,
  since_kind text default null,
  max_rows integer default 500
)
  returns table (kind text, id uuid, updated_at timestamptz, op text, data jsonb)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  org uuid;
  is_moderator boolean;
  horizon timestamptz;
  after_at timestamptz := coalesce(since_updated_at, '-infinity'::timestamptz);
  after_id uuid := coalesce(since_id, '00000000-0000-0000-0000-000000000000'::uuid);
  -- Without a kind, the cursor is past every kind at (updated_at, id): '~' sorts after all of them.
  after_kind text := coalesce(since_kind, '~');
  page integer := least(greatest(coalesce(max_rows, 500), 1), 1000);
begin
  if caller is null then
    raise exception 'Sign in to sync.' using errcode = '42501';
  end if;
  if since_kind is not null and since_kind not in ('thread', 'post', 'vote') then
    raise exception 'since_kind must be thread, post or vote (the kind of the last row pulled).'
      using errcode = '22023';
  end if;
  org := private.sync_org_id();
  if org is null then
    return;
  end if;
  is_moderator := private.has_org_role(org, 'moderator', 'admin');
  -- Its own statement, before the reads below take their snapshot (see the header).
  horizon := private.pull_horizon();

  return query
  select c.kind, c.id, c.updated_at, c.op, c.data
  from (
    (select 'thread'::text as kind, t.id, t.updated_at, s.op,
        case when s.op = 'upsert' then to_jsonb(t) end as data
      from public.threads t
      cross join lateral (select case
          when t.deleted_at is not null then 'deleted'
          when t.hidden_at is not null and not is_moderator and t.author_id is distinct from caller then 'hidden'
          else 'upsert'
        end as op) s
      where t.org_id = org
        and (t.updated_at, t.id) >= (after_at, after_id)
        and ((t.updated_at, t.id) > (after_at, after_id) or 'thread' > after_kind collate "C")
        and t.updated_at < horizon
      order by t.updated_at, t.id
      limit page)
    union all
    (select 'post', p.id, p.updated_at, s.op,
        case when s.op = 'upsert' then to_jsonb(p) end
      from public.posts p
      cross join lateral (select case
          when p.deleted_at is not null then 'deleted'
          when p.hidden_at is not null and not is_moderator and p.author_id is distinct from caller then 'hidden'
          else 'upsert'
        end as op) s
      where p.org_id = org
        and (p.updated_at, p.id) >= (after_at, after_id)
        and ((p.updated_at, p.id) > (after_at, after_id) or 'post' > after_kind collate "C")
        and p.updated_at < horizon
      order by p.updated_at, p.id
      limit page)
    union all
    (select 'vote', v.id, v.updated_at, 'upsert', to_jsonb(v)
      from public.votes v
      where v.user_id = caller and v.org_id = org
        and (v.updated_at, v.id) >= (after_at, after_id)
        and ((v.updated_at, v.id) > (after_at, after_id) or 'vote' > after_kind collate "C")
        and v.updated_at < horizon
      order by v.updated_at, v.id
      limit page)
    union all
    (select d.kind, d.id, d.deleted_at, 'deleted', null::jsonb
      from private.deleted_rows d
      where d.org_id = org
        and (d.kind <> 'vote' or d.user_id = caller)
        and (d.deleted_at, d.id) >= (after_at, after_id)
        and ((d.deleted_at, d.id) > (after_at, after_id) or d.kind > after_kind collate "C")
        and d.deleted_at < horizon
      order by d.deleted_at, d.id, d.kind collate "C"
      limit page)
  ) c
  order by c.updated_at, c.id, c.kind collate "C"
  limit page;
end;
$$;

comment on function public.pull_changes(timestamptz, uuid, text, integer) is
  'Delta pull for the offline cache: changed threads, posts and own votes of the caller''s org since a '
  '(updated_at, id, kind) cursor, in that order, with hidden/deleted tombstones carrying no content.';

revoke all on function public.pull_changes(timestamptz, uuid, text, integer) from public, anon, authenticated, service_role;
grant execute on function public.pull_changes(timestamptz, uuid, text, integer) to authenticated;
