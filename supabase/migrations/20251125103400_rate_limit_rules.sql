-- Rate limits as data. Until now every slice that limited a new write replaced
-- private.enforce_rate_limit with a copy of its body plus one more case; from here on a limit is a row
-- in private.rate_limits, and a later migration adds a limit with one insert:
--   action         the name RPCs and triggers pass to private.enforce_rate_limit(action)
--   max_writes     how many writes the window allows
--   span           the sliding window
--   counted_table  the table whose rows are the writes (each has a created_at)
--   user_column    that table's column naming the user who wrote the row
--   message        format() text for the refusal: %1$s is max_writes, %2$s the wait ("40 seconds",
--                  "12 minutes", "5 hours" or "2 days")
-- The count reads the data itself (a user's rows in counted_table within span), so nothing extra is
-- stored, a refused write leaves no trace (the transaction rolls back) and a rolled-back write never
-- counted. Each counted table needs an index on (user_column, created_at).
-- Refusal: SQLSTATE PT429 (PostgREST answers HTTP 429) with the sentence, and the seconds to wait in
-- detail as {"retry_after_seconds": n}, which the extension's outbox honours.

create table private.rate_limits (
  action text primary key,
  max_writes integer not null constraint rate_limits_max_writes_positive check (max_writes > 0),
  span interval not null constraint rate_limits_span_positive check (span > interval '0'),
  counted_table regclass not null,
  user_column name not null,
  message text not null
);
comment on table private.rate_limits is 'Per-user write limits: at most max_writes rows of counted_table by user_column within span.';
revoke all on private.rate_limits from public, anon, authenticated;

insert into private.rate_limits (action, max_writes, span, counted_table, user_column, message) values
  ('ask', 5, interval '1 minute', 'public.threads', 'author_id',
    'You have asked %1$s questions in the last minute. Try again in %2$s.'),
  ('answer', 20, interval '1 minute', 'public.posts', 'author_id',
    'You have posted %1$s answers and replies in the last minute. Try again in %2$s.'),
  ('report', 10, interval '1 hour', 'public.reports', 'reporter_id',
    'You have sent %1$s reports in the last hour. Try again in %2$s.'),
  ('review', 5, interval '1 hour', 'public.review_requests', 'requester_id',
    'You have asked for %1$s reviews in the last hour. Try again in %2$s.');

create or replace function private.enforce_rate_limit(action text)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  rule private.rate_limits;
  oldest timestamptz;
  retry_after integer;
  wait_text text;
begin
  if caller is null then
    return;
  end if;
  select * into rule from private.rate_limits r where r.action = enforce_rate_limit.action;
  if not found then
    raise exception 'Unknown rate-limited action %.', action using errcode = '22023';
  end if;

  -- One writer per user and action at a time, so two concurrent requests cannot both squeeze in.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(caller::text || '/' || action, 0));

  -- The oldest of the caller's last max_writes writes in the window: when it leaves the window, one
  -- more write is allowed. NULL while the caller is under the limit. The table and column come from
  -- private.rate_limits, which only migrations write; %s of a regclass is its quoted, qualified name.
  execute format(
    'select created_at from %s where %I = $1 and created_at > now() - $2 order by created_at desc offset $3 limit 1',
    rule.counted_table, rule.user_column
  ) into oldest using caller, rule.span, rule.max_writes - 1;
  if oldest is null then
    return;
  end if;

  retry_after := greatest(1, ceil(extract(epoch from (oldest + rule.span - now())))::integer);
  wait_text := case
    when retry_after < 120 then retry_after || ' seconds'
    when retry_after < 7200 then ceil(retry_after / 60.0)::integer || ' minutes'
    when retry_after < 172800 then ceil(retry_after / 3600.0)::integer || ' hours'
    else ceil(retry_after / 86400.0)::integer || ' days'
  end;
  raise exception using
    errcode = 'PT429',
    message = format(rule.message, rule.max_writes, wait_text),
    detail = json_build_object('retry_after_seconds', retry_after)::text;
end;
$$;
revoke all on function private.enforce_rate_limit(text) from public, anon;

-- The membership and role check every rule-bearing RPC starts with, in one place: raises the caller's
-- sentence with SQLSTATE 42501 (HTTP 401 signed out, 403 signed in) unless the signed-in user holds
-- one of `roles` in `target_org`. Pass all four roles to require plain membership.
create function private.require_role(target_org uuid, sentence text, variadic roles text[])
  returns void
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in first.' using errcode = '42501';
  end if;
  if target_org is null or not exists (
    select 1 from public.members m
    where m.org_id = target_org and m.user_id = (select auth.uid()) and m.role = any (roles)
  ) then
    raise exception '%', sentence using errcode = '42501';
  end if;
end;
$$;
revoke all on function private.require_role(uuid, text, text[]) from public, anon;
grant execute on function private.require_role(uuid, text, text[]) to authenticated;
