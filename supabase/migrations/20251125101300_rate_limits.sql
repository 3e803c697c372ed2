-- Rate limits on writes, enforced in the database so no client can skip them: per signed-in user,
--   ask     at most 5 questions a minute      (threads, a BEFORE INSERT trigger)
--   answer  at most 20 answers and replies a minute (posts, a BEFORE INSERT trigger)
--   report  at most 10 reports an hour        (report_content)
-- Over the limit the write fails with SQLSTATE PT429, which PostgREST answers as HTTP 429, with a
-- sentence saying when to try again and details {"retry_after_seconds": n} for the outbox's backoff.
-- A replayed insert of an id that already exists is not counted: the trigger lets it through to
-- ON CONFLICT DO NOTHING, which makes it the no-op it always was. Writes without a signed-in user
-- (provisioning, the seed, the service role) are not limited.

create function private.enforce_rate_limit(action text)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  max_writes integer;
  span interval;
  oldest timestamptz;
  retry_after integer;
  wait_text text;
begin
  if caller is null then
    return;
  end if;
  case action
    when 'ask' then max_writes := 5; span := interval '1 minute';
    when 'answer' then max_writes := 20; span := interval '1 minute';
    when 'report' then max_writes := 10; span := interval '1 hour';
    else raise exception 'Unknown rate-limited action %.', action using errcode = '22023';
  end case;

  -- One writer per user and action at a time, so two concurrent requests cannot both squeeze in.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(caller::text || '/' || action, 0));

  -- The oldest of the caller's last max_writes writes in the window: when it leaves the window,
  -- one more write is allowed. NULL while the caller is under the limit.
  select w.created_at into oldest
  from (
    select t.created_at from public.threads t
    where action = 'ask' and t.author_id = caller and t.created_at > now() - span
    union all
    select p.created_at from public.posts p
    where action = 'answer' and p.author_id = caller and p.created_at > now() - span
    union all
    select r.created_at from public.reports r
    where action = 'report' and r.reporter_id = caller and r.created_at > now() - span
    order by 1 desc
    offset max_writes - 1
    limit 1
  ) w;
  if oldest is null then
    return;
  end if;

  retry_after := greatest(1, ceil(extract(epoch from (oldest + span - now())))::integer);
  wait_text := case
    when retry_after < 120 then retry_after || ' seconds'
    else ceil(retry_after / 60.0)::integer || ' minutes'
  end;
  raise exception using
    errcode = 'PT429',
    message = case action
      when 'ask' then format('You have asked %s questions in the last minute. Try again in %s.', max_writes, wait_text)
      when 'answer' then format('You have posted %s answers and replies in the last minute. Try again in %s.', max_writes, wait_text)
      else format('You have sent %s reports in the last hour. Try again in %s.', max_writes, wait_text)
    end,
    detail = json_build_object('retry_after_seconds', retry_after)::text;
end;
$$;
revoke all on function private.enforce_rate_limit(text) from public, anon;

-- Counts only genuinely new rows: a replay (the id exists) passes untouched to ON CONFLICT.
create function private.limit_new_threads()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if not exists (select 1 from public.threads t where t.id = new.id) then
    perform private.enforce_rate_limit('ask');
  end if;
  return new;
end;
$$;

create function private.limit_new_posts()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if not exists (select 1 from public.posts p where p.id = new.id) then
    perform private.enforce_rate_limit('answer');
  end if;
  return new;
end;
$$;
revoke all on function private.limit_new_threads() from public, anon;
revoke all on function private.limit_new_posts() from public, anon;

create trigger threads_limit_rate
  before insert on public.threads
  for each row execute function private.limit_new_threads();
create trigger posts_limit_rate
  before insert on public.posts
  for each row execute function private.limit_new_posts();

-- The limits count a user's recent writes; these also serve the author foreign keys, so they replace
-- the first slice's author_id indexes.
drop index public.threads_author_id_idx;
drop index public.posts_author_id_idx;
create index threads_author_id_created_at_idx on public.threads (author_id, created_at);
create index posts_author_id_created_at_idx on public.posts (author_id, created_at);
