-- pull_changes v2: the delta pull of 20251125101100_pull_changes.sql, plus
--   * peer reviews: kinds 'review_request' and 'review', streamed only to a client that asks for them
--     with the new argument `kinds` (default array['thread', 'post', 'vote'], what the extension syncs
--     today, so a client that does not pass it gets exactly what it got before);
--   * tombstone retention: a cache that last caught up before the newest tombstone pruned for the
--     caller's org and one of the kinds asked for (private.tombstone_horizons, from
--     20251125104100_tombstone_retention.sql) may still hold a row whose deletion it will never hear
--     of, so the pull is refused with SQLSTATE PT410 (PostgREST answers HTTP 410) and a sentence; the
--     client drops its cached server rows and pulls again from the start (see complete_through below).
--
-- When the cache last caught up is the new argument `complete_through`: a server time through which
-- the client's copy holds every change (tombstones included). The client sets it to the
-- since_updated_at of a cursor with which it got a short page (it had everything there was up to that
-- row, and nothing newer existed), and keeps it while it pages on. It cannot be the cursor itself: a
-- client downloading an org from the start pages through cursors as old as the org's history, older
-- than any horizon, yet it holds no row deleted before it began. So the check runs only for a client
-- that passes complete_through (null while a first download pages along), and refuses when a pruned
-- tombstone is strictly newer: every row at or before a caught-up cursor's updated_at was delivered.
-- The refusal's detail says {"pruned_through": "<time>"}: a client that drops its copy and downloads
-- again is complete through that time from the start (an empty copy cannot hold a row deleted before
-- it began), so it passes it as complete_through with a cursor at '-infinity' and is not refused
-- again, even in an org whose newest change is a pruned deletion. A client that does not pass
-- complete_through (the extension before this migration) is never refused: it could not act on a
-- 410 and would be stuck on an error.
--
-- One stream in keyset order (updated_at, id, kind), at most max_rows rows, for the caller's org:
--   kind  'thread' | 'post' | 'vote' (the caller's own) | 'review_request' | 'review'
--   op    'upsert'  the row as the caller may read it, in data (the table's columns)
--         'hidden'  the row exists but the caller may no longer read it: a thread or post hidden by a
--                   moderator, a review request closed by its requester (peers stop reading it) and
--                   the reviews of such a request (except the caller's own): drop it from the cache
--         'deleted' soft- or hard-deleted: drop it
--   data  the row for an upsert; null for a tombstone (no content).
-- The next cursor is the last row's (updated_at, id, kind); fewer than max_rows rows means caught up.
-- A client that starts asking for a kind it did not ask for before must pull that kind from the start:
-- a cursor says nothing about kinds that were not asked for.
--
-- Visibility is decided here, exactly as the select policies do (the tests compare the two):
--   review_requests  open ones, and the caller's own closed ones
--   reviews          the caller's own, and those of a request the caller may read (as above)
-- Review requests and reviews have no soft delete; a hard delete (a cascade) leaves a tombstone.
--
-- Overloading: PostgREST picks a function by its argument names, and Postgres refuses a call that two
-- overloads both match, so adding arguments to a second pull_changes would break every call with the
-- old four. The old function is dropped and this one takes its place; calls with the old four
-- arguments, by name (supabase-js, PostgREST) or by position (SQL), still resolve to it.

drop function public.pull_changes(timestamptz, uuid, text, integer);

create function public.pull_changes(
  since_updated_at timestamptz default null,
  since_id uuid default null,
  since_kind text default null,
  max_rows integer default 500,
  kinds text[] default array['thread', 'post', 'vote'],
  complete_through timestamptz default null
)
  returns table (kind text, id uuid, updated_at timestamptz, op text, data jsonb)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  known constant text[] := array['thread', 'post', 'vote', 'review_request', 'review'];
  caller uuid := (select auth.uid());
  org uuid;
  is_moderator boolean;
  horizon timestamptz;
  pruned timestamptz;
  unknown_kind text;
  after_at timestamptz := coalesce(since_updated_at, '-infinity'::timestamptz);
  after_id uuid := coalesce(since_id, '00000000-0000-0000-0000-000000000000'::uuid);
  -- Without a kind, the cursor is past every kind at (updated_at, id): '~' sorts after all of them.
  after_kind text := coalesce(since_kind, '~');
  page integer := least(greatest(coalesce(max_rows, 500), 1), 1000);
  want_threads boolean := 'thread' = any (kinds);
  want_posts boolean := 'post' = any (kinds);
  want_votes boolean := 'vote' = any (kinds);
  want_requests boolean := 'review_request' = any (kinds);
  want_reviews boolean := 'review' = any (kinds);
begin
  if caller is null then
    raise exception 'Sign in to sync.' using errcode = '42501';
  end if;
  if kinds is null or cardinality(kinds) = 0 then
    raise exception 'Ask for at least one kind: thread, post, vote, review_request or review.'
      using errcode = '22023';
  end if;
  select coalesce(u.name, 'null') into unknown_kind
  from unnest(kinds) as u (name)
  where u.name is null or not (u.name = any (known))
  limit 1;
  if unknown_kind is not null then
    raise exception 'Peerside cannot sync "%": ask for thread, post, vote, review_request or review.', unknown_kind
      using errcode = '22023';
  end if;
  if since_kind is not null and not (since_kind = any (known)) then
    raise exception 'since_kind must be thread, post, vote, review_request or review (the kind of the last row pulled).'
      using errcode = '22023';
  end if;
  org := private.sync_org_id();
  if org is null then
    return;
  end if;
  is_moderator := private.has_org_role(org, 'moderator', 'admin');
  -- Its own statement, before the reads below take their snapshot (see 20251125101100_pull_changes.sql).
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
      where want_threads and t.org_id = org
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
      where want_posts and p.org_id = org
        and (p.updated_at, p.id) >= (after_at, after_id)
        and ((p.updated_at, p.id) > (after_at, after_id) or 'post' > after_kind collate "C")
        and p.updated_at < horizon
      order by p.updated_at, p.id
      limit page)
    union all
    (select 'vote', v.id, v.updated_at, 'upsert', to_jsonb(v)
      from public.votes v
      where want_votes and v.user_id = caller and v.org_id = org
        and (v.updated_at, v.id) >= (after_at, after_id)
        and ((v.updated_at, v.id) > (after_at, after_id) or 'vote' > after_kind collate "C")
        and v.updated_at < horizon
      order by v.updated_at, v.id
      limit page)
    union all
    -- As the policy "Members can read open review requests and their own".
    (select 'review_request', q.id, q.updated_at, s.op,
        case when s.op = 'upsert' then to_jsonb(q) end
      from public.review_requests q
      cross join lateral (select case
          when q.closed_at is not null and q.requester_id is distinct from caller then 'hidden'
          else 'upsert'
        end as op) s
      where want_requests and q.org_id = org
        and (q.updated_at, q.id) >= (after_at, after_id)
        and ((q.updated_at, q.id) > (after_at, after_id) or 'review_request' > after_kind collate "C")
        and q.updated_at < horizon
      order by q.updated_at, q.id
      limit page)
    union all
    -- As the policy "Members can read reviews of readable requests and their own". A review is in its
    -- request's org (the foreign key is on (org_id, request_id)).
    (select 'review', r.id, r.updated_at, s.op,
        case when s.op = 'upsert' then to_jsonb(r) end
      from public.reviews r
      join public.review_requests q on q.id = r.request_id
      cross join lateral (select case
          when r.reviewer_id = caller or q.closed_at is null or q.requester_id = caller then 'upsert'
          else 'hidden'
        end as op) s
      where want_reviews and r.org_id = org
        and (r.updated_at, r.id) >= (after_at, after_id)
        and ((r.updated_at, r.id) > (after_at, after_id) or 'review' > after_kind collate "C")
        and r.updated_at < horizon
      order by r.updated_at, r.id
      limit page)
    union all
    (select d.kind, d.id, d.deleted_at, 'deleted', null::jsonb
      from private.deleted_rows d
      where d.org_id = org
        and d.kind = any (kinds)
        and (d.kind <> 'vote' or d.user_id = caller)
        and (d.deleted_at, d.id) >= (after_at, after_id)
        and ((d.deleted_at, d.id) > (after_at, after_id) or d.kind > after_kind collate "C")
        and d.deleted_at < horizon
      order by d.deleted_at, d.id, d.kind collate "C"
      limit page)
  ) c
  order by c.updated_at, c.id, c.kind collate "C"
  limit page;

  -- Checked after the read, in a later snapshot: a prune that committed before the read took its
  -- snapshot is seen here, so a page that lacks a pruned tombstone is never returned (the whole call
  -- fails). A prune that commits during the read refuses a page that was in fact complete, which only
  -- costs that client a fresh download.
  if complete_through is not null then
    select max(h.pruned_through) into pruned
    from private.tombstone_horizons h
    where h.org_id = org and h.kind = any (kinds);
    if pruned > complete_through then
      raise exception 'Your offline copy is too old to update; Peerside will download it again.'
        using errcode = 'PT410',
          detail = json_build_object('pruned_through', pruned)::text,
          hint = 'Drop the cached rows of this organisation and pull again from the start, with complete_through '
            'set to pruned_through.';
    end if;
  end if;
end;
$$;

comment on function public.pull_changes(timestamptz, uuid, text, integer, text[], timestamptz) is
  'Delta pull for the offline cache: changed threads, posts, own votes (and, when asked for in kinds, review '
  'requests and reviews) of the caller''s org since a (updated_at, id, kind) cursor, in that order, with '
  'hidden/deleted tombstones carrying no content. PT410 (HTTP 410) when complete_through is older than pruned tombstones.';

revoke all on function public.pull_changes(timestamptz, uuid, text, integer, text[], timestamptz)
  from public, anon, authenticated, service_role;
grant execute on function public.pull_changes(timestamptz, uuid, text, integer, text[], timestamptz) to authenticated;
