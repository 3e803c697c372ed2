-- The rule-bearing writes of peer review:
--   request_review(request_id, title, work_url, work_text, rubric, place_key)  a member of the caller's org
--   submit_review(review_id, request_id, scores, comment)   a member of the request's org, not its requester
--   close_review_request(request_id)                        the requester only
-- SECURITY DEFINER because nobody writes review_requests or reviews directly. request_review and
-- submit_review are idempotent on their client-generated ids (another user's id is refused), and
-- closing a closed request returns it unchanged. Refusals are sentences with an SQLSTATE to branch on:
-- 42501 (HTTP 401/403) not allowed (yourself, the wrong person); P0001 (HTTP 400) no such request or
-- place, a closed request, a second review; 22023 (HTTP 400) an argument missing or out of bounds
-- (a rubric that is not 2 to 5 labels, scores that do not match the rubric); PT429 (HTTP 429) more
-- than 5 review requests in an hour (the 'review' rate limit below).

-- The rate limits of 20251125101300_rate_limits.sql, plus 'review': at most 5 review requests an hour.
create or replace function private.enforce_rate_limit(action text)
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
    when 'review' then max_writes := 5; span := interval '1 hour';
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
    union all
    select q.created_at from public.review_requests q
    where action = 'review' and q.requester_id = caller and q.created_at > now() - span
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
      when 'review' then format('You have asked for %s reviews in the last hour. Try again in %s.', max_writes, wait_text)
      else format('You have sent %s reports in the last hour. Try again in %s.', max_writes, wait_text)
    end,
    detail = json_build_object('retry_after_seconds', retry_after)::text;
end;
$$;
revoke all on function private.enforce_rate_limit(text) from public, anon;

create function public.request_review(
  request_id uuid,
  title text,
  work_url text default null,
  work_text text default null,
  rubric jsonb default null,
  place_key text default null
)
  returns public.review_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.review_requests;
  org uuid;
  criteria jsonb;
begin
  if caller is null then
    raise exception 'Sign in to ask for a review.' using errcode = '42501';
  end if;
  if request_id is null then
    raise exception 'Give the request an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the request exists, so hand it back unchanged.
  select r.* into request from public.review_requests r where r.id = request_review.request_id;
  if found then
    if request.requester_id is distinct from caller then
      raise exception 'This request id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return request;
  end if;

  org := private.sync_org_id();
  if org is null then
    raise exception 'Only members of an organisation can ask for reviews.' using errcode = '42501';
  end if;
  if title is null or char_length(btrim(title)) not between 1 and 200 then
    raise exception 'Give the request a title of 1 to 200 characters.' using errcode = '22023';
  end if;
  if num_nonnulls(work_url, work_text) <> 1 then
    raise exception 'Give either a link to the work or its text, not both.' using errcode = '22023';
  end if;
  if work_url is not null
     and (char_length(btrim(work_url)) > 2000 or btrim(work_url) !~ '^https://[^[:space:]]+$') then
    raise exception 'Give the work as an https:// link of at most 2000 characters.' using errcode = '22023';
  end if;
  if work_text is not null and char_length(btrim(work_text)) not between 1 and 20000 then
    raise exception 'Keep the text of the work to 1 to 20000 characters.' using errcode = '22023';
  end if;
  -- The rubric with each label trimmed, then checked as the table's CHECK does.
  if jsonb_typeof(rubric) = 'array' then
    select coalesce(jsonb_agg(case when jsonb_typeof(c.value) = 'string' then to_jsonb(btrim(c.value #>> '{}'))
        else c.value end order by c.position), '[]'::jsonb)
      into criteria
    from jsonb_array_elements(rubric) with ordinality as c (value, position);
  end if;
  if not coalesce(private.is_valid_rubric(criteria), false) then
    raise exception 'Give a rubric of 2 to 5 criteria, each a different label of 1 to 80 characters.'
      using errcode = '22023';
  end if;
  if place_key is not null and not exists (
    select 1 from public.places p where p.org_id = org and p.key = request_review.place_key
  ) then
    raise exception 'This place does not exist in your organisation.' using errcode = 'P0001';
  end if;

  perform private.enforce_rate_limit('review');

  insert into public.review_requests (id, org_id, requester_id, place_key, title, work_url, work_text, rubric)
  values (request_id, org, caller, request_review.place_key, btrim(title), btrim(work_url), btrim(work_text),
    criteria)
  returning * into request;
  return request;
end;
$$;

comment on function public.request_review(uuid, text, text, text, jsonb, text) is
  'Ask the peers of your org to review a link (https) or a text against a rubric of 2 to 5 criteria. Idempotent on request_id; 5 an hour.';

-- The request for a change by the signed-in user, locked; refuses when it does not exist or is in an
-- org the caller is not a member of (they cannot tell the difference).
create function private.review_request_for_change(target_request uuid)
  returns public.review_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  request public.review_requests;
begin
  select r.* into request from public.review_requests r where r.id = target_request for update;
  if not found or not private.has_org_role(request.org_id, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This review request does not exist or you cannot see it.' using errcode = 'P0001';
  end if;
  return request;
end;
$$;
revoke all on function private.review_request_for_change(uuid) from public, anon;

create function public.submit_review(review_id uuid, request_id uuid, scores jsonb, comment text default null)
  returns public.reviews
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  review public.reviews;
  request public.review_requests;
  matches boolean;
begin
  if caller is null then
    raise exception 'Sign in to review someone''s work.' using errcode = '42501';
  end if;
  if review_id is null then
    raise exception 'Give the review an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the review exists, so hand it back unchanged.
  select v.* into review from public.reviews v where v.id = submit_review.review_id;
  if found then
    if review.reviewer_id is distinct from caller then
      raise exception 'This review id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return review;
  end if;

  if char_length(comment) > 2000 then
    raise exception 'Keep the comment to 2000 characters.' using errcode = '22023';
  end if;

  request := private.review_request_for_change(submit_review.request_id);
  if request.requester_id = caller then
    raise exception 'You cannot review your own work.' using errcode = '42501';
  end if;
  if request.closed_at is not null then
    raise exception 'This review request is closed and takes no more reviews.' using errcode = 'P0001';
  end if;
  if exists (select 1 from public.reviews v where v.request_id = request.id and v.reviewer_id = caller) then
    raise exception 'You have already reviewed this work.' using errcode = 'P0001';
  end if;

  -- Exactly the rubric's criteria as keys, each scored with a whole number from 1 to 5.
  matches := false;
  if jsonb_typeof(scores) = 'object' then
    select (select count(*) from jsonb_object_keys(scores)) = jsonb_array_length(request.rubric)
      and coalesce(bool_and(
        case when jsonb_typeof(scores -> (c.value #>> '{}')) = 'number'
          then (scores ->> (c.value #>> '{}'))::numeric in (1, 2, 3, 4, 5) else false end
      ), false)
      into matches
    from jsonb_array_elements(request.rubric) as c (value);
  end if;
  if not coalesce(matches, false) then
    raise exception 'Score each criterion of the rubric from 1 to 5: %.',
      (select string_agg(c.value #>> '{}', ', ' order by c.position)
       from jsonb_array_elements(request.rubric) with ordinality as c (value, position))
      using errcode = '22023';
  end if;

  insert into public.reviews (id, org_id, request_id, reviewer_id, scores, comment)
  values (review_id, request.org_id, request.id, caller, scores, nullif(btrim(comment), ''))
  returning * into review;
  return review;
end;
$$;

comment on function public.submit_review(uuid, uuid, jsonb, text) is
  'Review a peer''s open request: a score of 1 to 5 per rubric criterion and a comment. Idempotent on review_id; one per reviewer.';

create function public.close_review_request(request_id uuid)
  returns public.review_requests
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.review_requests;
begin
  if caller is null then
    raise exception 'Sign in to close a review request.' using errcode = '42501';
  end if;

  request := private.review_request_for_change(close_review_request.request_id);
  if request.requester_id is distinct from caller then
    raise exception 'Only the person who asked for reviews can close the request.' using errcode = '42501';
  end if;
  if request.closed_at is not null then
    return request;
  end if;

  update public.review_requests r set closed_at = now()
  where r.id = request.id
  returning r.* into request;
  return request;
end;
$$;

comment on function public.close_review_request(uuid) is
  'The requester closes their review request; it takes no more reviews. Idempotent.';

revoke all on function public.request_review(uuid, text, text, text, jsonb, text)
  from public, anon, authenticated, service_role;
revoke all on function public.submit_review(uuid, uuid, jsonb, text) from public, anon, authenticated, service_role;
revoke all on function public.close_review_request(uuid) from public, anon, authenticated, service_role;
grant execute on function public.request_review(uuid, text, text, text, jsonb, text) to authenticated;
grant execute on function public.submit_review(uuid, uuid, jsonb, text) to authenticated;
grant execute on function public.close_review_request(uuid) to authenticated;
