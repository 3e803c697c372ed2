-- The rule-bearing writes of moderation, each checking who may do it and leaving an audit row:
--   report_content(report_id, target_kind, target_id, reason, note)  any member, on what they can see
--   delete_content(target_kind, target_id, reason)                   the author, or a moderator/admin
--   moderate(target_kind, target_id, action, reason)                 moderators and admins only
--   moderation_queue()                                               moderators and admins only
-- SECURITY DEFINER (except the queue) because members may not update threads, posts or reports
-- directly; every check is explicit below. Refusals are sentences with an SQLSTATE to branch on:
--   42501 (HTTP 401/403) not allowed; P0001 (HTTP 400) no such item, or it is in a state that
--   forbids the change; 22023 (HTTP 400) an argument outside its list or bounds; PT429 (HTTP 429)
--   over the report limit (see the rate limits migration).

-- Closes the open reports of an item (a post, or a thread itself) once it has been dealt with.
create function private.close_reports(kind text, target uuid, new_status text, actor uuid)
  returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
begin
  update public.reports r
  set status = new_status, resolved_by = actor, resolved_at = now()
  where r.status = 'open'
    and ((kind = 'post' and r.post_id = target) or (kind = 'thread' and r.thread_id = target and r.post_id is null));
end;
$$;
revoke all on function private.close_reports(text, uuid, text, uuid) from public, anon;

create function public.report_content(
  report_id uuid,
  target_kind text,
  target_id uuid,
  reason text,
  note text default null
)
  returns public.reports
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  report public.reports;
  target_org uuid;
  target_thread uuid;
begin
  if caller is null then
    raise exception 'Sign in to report something.' using errcode = '42501';
  end if;

  -- A replay from the outbox: the report exists, so hand it back unchanged (and uncounted).
  select r.* into report from public.reports r where r.id = report_content.report_id;
  if found then
    if report.reporter_id is distinct from caller then
      raise exception 'This report id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return report;
  end if;

  if target_kind is null or target_kind not in ('thread', 'post') then
    raise exception 'You can report a thread or a post.' using errcode = '22023';
  end if;
  if reason is null or reason not in ('spam', 'harassment', 'off_topic', 'cheating', 'misinformation', 'other') then
    raise exception 'Choose a reason: spam, harassment, off_topic, cheating, misinformation or other.'
      using errcode = '22023';
  end if;
  if char_length(note) > 1000 then
    raise exception 'Keep the note to 1000 characters.' using errcode = '22023';
  end if;

  -- The item must be one the reporter can see: in their org, not deleted, not hidden from them.
  if target_kind = 'thread' then
    select t.org_id, t.id into target_org, target_thread
    from public.threads t
    where t.id = target_id and t.deleted_at is null
      and (t.hidden_at is null or t.author_id = caller or private.has_org_role(t.org_id, 'moderator', 'admin'));
  else
    select p.org_id, p.thread_id into target_org, target_thread
    from public.posts p
    where p.id = target_id and p.deleted_at is null
      and (p.hidden_at is null or p.author_id = caller or private.has_org_role(p.org_id, 'moderator', 'admin'));
  end if;
  if target_org is null or not private.has_org_role(target_org, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This % does not exist or you cannot see it.', target_kind using errcode = 'P0001';
  end if;

  -- One open report per reporter per item: reporting it again returns the open report.
  select r.* into report from public.reports r
  where r.reporter_id = caller and r.status = 'open' and r.target_kind = report_content.target_kind
    and coalesce(r.post_id, r.thread_id) = target_id;
  if found then
    return report;
  end if;

  perform private.enforce_rate_limit('report');

  insert into public.reports (id, org_id, target_kind, thread_id, post_id, reporter_id, reason, note)
  values (report_id, target_org, target_kind, target_thread,
    case when target_kind = 'post' then target_id end, caller, reason, nullif(btrim(note), ''))
  returning * into report;
  return report;
end;
$$;

comment on function public.report_content(uuid, text, uuid, text, text) is
  'Flag a visible thread or post for moderators. Idempotent on report_id; one open report per reporter per item.';

create function public.delete_content(target_kind text, target_id uuid, reason text default null)
  returns jsonb
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target_org uuid;
  target_thread uuid;
  target_author uuid;
  target_deleted_at timestamptz;
  thread_locked boolean;
  is_moderator boolean;
  deleted_now timestamptz := now();
begin
  if caller is null then
    raise exception 'Sign in to delete something.' using errcode = '42501';
  end if;
  if target_kind is null or target_kind not in ('thread', 'post') then
    raise exception 'You can delete a thread or a post.' using errcode = '22023';
  end if;
  if reason is not null and char_length(btrim(reason)) not between 1 and 500 then
    raise exception 'Keep the reason between 1 and 500 characters.' using errcode = '22023';
  end if;

  if target_kind = 'thread' then
    select t.org_id, t.id, t.author_id, t.deleted_at, t.locked
      into target_org, target_thread, target_author, target_deleted_at, thread_locked
    from public.threads t where t.id = target_id
    for update;
  else
    select p.org_id, p.thread_id, p.author_id, coalesce(p.deleted_at, t.deleted_at), t.locked
      into target_org, target_thread, target_author, target_deleted_at, thread_locked
    from public.posts p join public.threads t on t.id = p.thread_id
    where p.id = target_id
    for update of p;
  end if;
  if target_org is null or not private.has_org_role(target_org, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This % does not exist or you cannot see it.', target_kind using errcode = 'P0001';
  end if;

  is_moderator := private.has_org_role(target_org, 'moderator', 'admin');
  if target_author is distinct from caller and not is_moderator then
    raise exception 'Only the author, or a moderator, can delete this %.', target_kind using errcode = '42501';
  end if;
  -- Already deleted: a replay from the outbox, answered as the first call was.
  if target_deleted_at is not null then
    return jsonb_build_object('kind', target_kind, 'id', target_id, 'deleted_at', target_deleted_at);
  end if;
  if thread_locked and not is_moderator then
    raise exception 'This question is locked; only a moderator can change it.' using errcode = '42501';
  end if;

  if target_kind = 'thread' then
    update public.threads t set deleted_at = deleted_now where t.id = target_id;
    -- Its posts go with it, so every cache drops them (each gets a tombstone in pull_changes).
    update public.posts p set deleted_at = deleted_now
    where p.thread_id = target_id and p.deleted_at is null;
    -- Reports on the thread and on its posts are settled with it.
    update public.reports r set status = 'actioned', resolved_by = caller, resolved_at = now()
    where r.thread_id = target_id and r.status = 'open';
  else
    update public.posts p set deleted_at = deleted_now where p.id = target_id;
    -- A deleted answer can no longer be the accepted one.
    update public.threads t
    set accepted_post_id = null, accepted_by = null, accepted_at = null,
        status = case
          when exists (select 1 from public.posts a
                       where a.thread_id = t.id and a.parent_id is null and a.deleted_at is null) then 'answered'
          else 'open'
        end
    where t.id = target_thread and t.accepted_post_id = target_id;
    perform private.close_reports('post', target_id, 'actioned', caller);
  end if;

  insert into public.moderation_actions (org_id, actor_id, action, target_kind, target_id, thread_id, reason)
  values (target_org, caller, 'delete', target_kind, target_id, target_thread, nullif(btrim(reason), ''));

  return jsonb_build_object('kind', target_kind, 'id', target_id, 'deleted_at', deleted_now);
end;
$$;

comment on function public.delete_content(text, uuid, text) is
  'Soft-delete a thread (with its posts) or a post: its author, or a moderator/admin of the org. Logged; idempotent.';

create function public.moderate(target_kind text, target_id uuid, action text, reason text)
  returns public.moderation_actions
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target_org uuid;
  target_thread uuid;
  report_status text;
  logged public.moderation_actions;
begin
  if caller is null then
    raise exception 'Sign in to moderate.' using errcode = '42501';
  end if;
  if target_kind is null or target_kind not in ('thread', 'post', 'report') then
    raise exception 'You can moderate a thread, a post or a report.' using errcode = '22023';
  end if;
  if action is null or not (
    (target_kind = 'thread' and action in ('hide', 'restore', 'lock', 'unlock', 'dismiss'))
    or (target_kind = 'post' and action in ('hide', 'restore', 'dismiss'))
    or (target_kind = 'report' and action = 'dismiss')
  ) then
    raise exception 'A % can be: %.', target_kind, case target_kind
      when 'thread' then 'hidden, restored, locked, unlocked or have its reports dismissed'
      when 'post' then 'hidden, restored or have its reports dismissed'
      else 'dismissed'
    end using errcode = '22023';
  end if;
  if reason is null or char_length(btrim(reason)) not between 1 and 500 then
    raise exception 'Say why, in 1 to 500 characters: it is kept in the moderation log.' using errcode = '22023';
  end if;

  if target_kind = 'thread' then
    select t.org_id, t.id into target_org, target_thread
    from public.threads t where t.id = target_id and t.deleted_at is null
    for update;
  elsif target_kind = 'post' then
    select p.org_id, p.thread_id into target_org, target_thread
    from public.posts p where p.id = target_id and p.deleted_at is null
    for update;
  else
    select r.org_id, r.thread_id, r.status into target_org, target_thread, report_status
    from public.reports r where r.id = target_id
    for update;
  end if;
  if target_org is null or not private.has_org_role(target_org, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This % does not exist or you cannot see it.', target_kind using errcode = 'P0001';
  end if;
  if not private.has_org_role(target_org, 'moderator', 'admin') then
    raise exception 'Only moderators and admins can moderate.' using errcode = '42501';
  end if;

  if target_kind = 'report' then
    if report_status <> 'open' then
      raise exception 'This report has already been closed.' using errcode = 'P0001';
    end if;
    update public.reports r set status = 'dismissed', resolved_by = caller, resolved_at = now()
    where r.id = target_id;
  elsif action = 'dismiss' then
    perform private.close_reports(target_kind, target_id, 'dismissed', caller);
  elsif target_kind = 'thread' then
    update public.threads t
    set hidden_at = case action when 'hide' then coalesce(t.hidden_at, now()) when 'restore' then null else t.hidden_at end,
        locked = case action when 'lock' then true when 'unlock' then false else t.locked end
    where t.id = target_id;
  else
    update public.posts p
    set hidden_at = case action when 'hide' then coalesce(p.hidden_at, now()) else null end
    where p.id = target_id;
  end if;
  if action = 'hide' then
    perform private.close_reports(target_kind, target_id, 'actioned', caller);
  end if;

  insert into public.moderation_actions (org_id, actor_id, action, target_kind, target_id, thread_id, reason)
  values (target_org, caller, action, target_kind, target_id, target_thread, btrim(reason))
  returning * into logged;
  return logged;
end;
$$;

comment on function public.moderate(text, uuid, text, text) is
  'Moderators/admins: hide, restore, lock, unlock a thread; hide, restore a post; dismiss reports. Logged with the reason.';

-- The queue: every reported item of the moderator's orgs with open reports, most reported first.
-- SECURITY INVOKER: RLS decides which reports and content the caller reads (moderators read hidden
-- content); the explicit check gives everyone else a refusal rather than an empty queue.
create function public.moderation_queue()
  returns table (
    org_id uuid,
    target_kind text,
    target_id uuid,
    thread_id uuid,
    place_key text,
    thread_title text,
    excerpt text,
    author_id uuid,
    hidden_at timestamptz,
    report_count integer,
    reasons jsonb,
    report_ids uuid[],
    first_reported_at timestamptz,
    last_reported_at timestamptz
  )
  language plpgsql
  stable
  security invoker
  set search_path = ''
as $$
begin
  if not exists (select 1 from private.org_ids_where_role('moderator', 'admin')) then
    raise exception 'Only moderators and admins can see the moderation queue.' using errcode = '42501';
  end if;
  return query
  select q.org_id, q.target_kind, q.target_id, q.thread_id, t.place_key, t.title,
    left(coalesce(p.body, t.body), 280), coalesce(p.author_id, t.author_id),
    case when q.target_kind = 'post' then p.hidden_at else t.hidden_at end,
    q.report_count, q.reasons, q.report_ids, q.first_reported_at, q.last_reported_at
  from (
    select r.org_id, r.target_kind, coalesce(r.post_id, r.thread_id) as target_id, r.thread_id, r.post_id,
      count(*)::integer as report_count,
      (select jsonb_object_agg(x.reason, x.n)
       from (select r2.reason, count(*) as n from public.reports r2
             where r2.status = 'open' and r2.org_id = r.org_id and r2.target_kind = r.target_kind
               and coalesce(r2.post_id, r2.thread_id) = coalesce(r.post_id, r.thread_id)
             group by r2.reason) x) as reasons,
      array_agg(r.id order by r.created_at) as report_ids,
      min(r.created_at) as first_reported_at,
      max(r.created_at) as last_reported_at
    from public.reports r
    where r.status = 'open' and r.org_id in (select private.org_ids_where_role('moderator', 'admin'))
    group by r.org_id, r.target_kind, r.thread_id, r.post_id
  ) q
  left join public.threads t on t.id = q.thread_id
  left join public.posts p on p.id = q.post_id
  order by q.report_count desc, q.first_reported_at, q.target_id;
end;
$$;

comment on function public.moderation_queue() is
  'Moderators/admins: open reports grouped by reported item, with counts per reason, most reported first.';

revoke all on function public.report_content(uuid, text, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.delete_content(text, uuid, text) from public, anon, authenticated, service_role;
revoke all on function public.moderate(text, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.moderation_queue() from public, anon, authenticated, service_role;
grant execute on function public.report_content(uuid, text, uuid, text, text) to authenticated;
grant execute on function public.delete_content(text, uuid, text) to authenticated;
grant execute on function public.moderate(text, uuid, text, text) to authenticated;
grant execute on function public.moderation_queue() to authenticated;
