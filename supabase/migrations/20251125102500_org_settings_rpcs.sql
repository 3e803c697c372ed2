-- Org settings, enforced in the database, and the RPC that changes them:
--   update_org_settings(qa_enabled, endorsements_enabled, mentoring_enabled, anonymous_posting,
--                       pre_moderation)   admins of the caller's org; a null argument keeps the setting
-- A feature turned off refuses its writes with 42501 and a sentence, from BEFORE triggers, so every
-- path (direct insert, endorse, request_mentor...) meets the same rule:
--   qa            new threads, posts and votes (edits, deletions and moderation still work, so content
--                 can be tidied up); a replay of a row that already exists passes to ON CONFLICT
--   endorsements  endorse and withdraw_endorsement
--   mentoring     mentor profiles and every mentor request transition
-- Pre-moderation: a new thread or post whose author is a learner of the org starts hidden (hidden_at),
-- so RLS and pull_changes already treat it as hidden: its author and moderators see it, peers do not,
-- until a moderator restores it (moderate(..., 'restore', ...)). Only writes by a signed-in member are
-- checked; provisioning, the seed and the service role are not (as with the rate limits).

-- The org's setting, or its default when the org has no row.
create function private.org_feature_enabled(target_org uuid, feature text)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
declare
  enabled boolean;
begin
  select case feature
      when 'qa' then s.qa_enabled
      when 'endorsements' then s.endorsements_enabled
      when 'mentoring' then s.mentoring_enabled
    end into enabled
  from public.org_settings s where s.org_id = target_org;
  return coalesce(enabled, true);
end;
$$;

create function private.org_pre_moderation(target_org uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return coalesce((select s.pre_moderation from public.org_settings s where s.org_id = target_org), false);
end;
$$;

-- BEFORE INSERT (or UPDATE) trigger: tg_argv[0] is the feature; tg_argv[1] = 'replayable' lets an
-- insert of an id that already exists through (the outbox's ON CONFLICT DO NOTHING makes it a no-op).
-- Only a member of the row's org is told the feature is off; anyone else meets RLS as before.
create function private.refuse_when_feature_off()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  feature text := tg_argv[0];
  replayed boolean := false;
begin
  if (select auth.uid()) is null
     or not private.has_org_role(new.org_id, 'learner', 'mentor', 'moderator', 'admin')
     or private.org_feature_enabled(new.org_id, feature) then
    return new;
  end if;
  if tg_op = 'INSERT' and tg_nargs > 1 and tg_argv[1] = 'replayable' then
    execute format('select exists (select 1 from %I.%I where id = $1)', tg_table_schema, tg_table_name)
      into replayed using new.id;
    if replayed then
      return new;
    end if;
  end if;
  raise exception '%', case feature
      when 'qa' then 'Questions and answers are turned off in your organisation.'
      when 'endorsements' then 'Endorsements are turned off in your organisation.'
      else 'Mentoring is turned off in your organisation.'
    end
    using errcode = '42501';
end;
$$;

-- BEFORE INSERT trigger on threads and posts: a learner's new content waits for a moderator.
create function private.hold_for_pre_moderation()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if (select auth.uid()) is not null
     and new.hidden_at is null
     and private.org_pre_moderation(new.org_id)
     and exists (
       select 1 from public.members m
       where m.org_id = new.org_id and m.user_id = new.author_id and m.role = 'learner'
     ) then
    new.hidden_at := now();
  end if;
  return new;
end;
$$;

revoke all on function private.org_feature_enabled(uuid, text) from public, anon;
revoke all on function private.org_pre_moderation(uuid) from public, anon;
revoke all on function private.refuse_when_feature_off() from public, anon;
revoke all on function private.hold_for_pre_moderation() from public, anon;

create trigger threads_check_feature
  before insert on public.threads
  for each row execute function private.refuse_when_feature_off('qa', 'replayable');
create trigger posts_check_feature
  before insert on public.posts
  for each row execute function private.refuse_when_feature_off('qa', 'replayable');
create trigger votes_check_feature
  before insert or update of value on public.votes
  for each row execute function private.refuse_when_feature_off('qa', 'replayable');
create trigger endorsements_check_feature
  before insert or update on public.endorsements
  for each row execute function private.refuse_when_feature_off('endorsements');
create trigger mentor_profiles_check_feature
  before insert or update on public.mentor_profiles
  for each row execute function private.refuse_when_feature_off('mentoring');
create trigger mentor_requests_check_feature
  before insert or update on public.mentor_requests
  for each row execute function private.refuse_when_feature_off('mentoring');

create trigger threads_hold_for_pre_moderation
  before insert on public.threads
  for each row execute function private.hold_for_pre_moderation();
create trigger posts_hold_for_pre_moderation
  before insert on public.posts
  for each row execute function private.hold_for_pre_moderation();

create function public.update_org_settings(
  qa_enabled boolean default null,
  endorsements_enabled boolean default null,
  mentoring_enabled boolean default null,
  anonymous_posting boolean default null,
  pre_moderation boolean default null
)
  returns public.org_settings
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  org uuid;
  settings public.org_settings;
begin
  if caller is null then
    raise exception 'Sign in to change your organisation''s settings.' using errcode = '42501';
  end if;
  org := private.sync_org_id();
  if org is null or not private.has_org_role(org, 'admin') then
    raise exception 'Only admins can change your organisation''s settings.' using errcode = '42501';
  end if;
  if num_nonnulls(qa_enabled, endorsements_enabled, mentoring_enabled, anonymous_posting, pre_moderation) = 0 then
    raise exception 'Say which setting to change: qa_enabled, endorsements_enabled, mentoring_enabled, '
      'anonymous_posting or pre_moderation.' using errcode = '22023';
  end if;

  insert into public.org_settings as s (org_id, qa_enabled, endorsements_enabled, mentoring_enabled,
    anonymous_posting, pre_moderation, updated_by)
  values (org, coalesce(update_org_settings.qa_enabled, true),
    coalesce(update_org_settings.endorsements_enabled, true),
    coalesce(update_org_settings.mentoring_enabled, true),
    coalesce(update_org_settings.anonymous_posting, false),
    coalesce(update_org_settings.pre_moderation, false), caller)
  on conflict (org_id) do update
  set qa_enabled = coalesce(update_org_settings.qa_enabled, s.qa_enabled),
      endorsements_enabled = coalesce(update_org_settings.endorsements_enabled, s.endorsements_enabled),
      mentoring_enabled = coalesce(update_org_settings.mentoring_enabled, s.mentoring_enabled),
      anonymous_posting = coalesce(update_org_settings.anonymous_posting, s.anonymous_posting),
      pre_moderation = coalesce(update_org_settings.pre_moderation, s.pre_moderation),
      updated_by = caller
  returning s.* into settings;
  return settings;
end;
$$;

comment on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean) is
  'Admins: change the settings of your org (null keeps a setting). Records updated_by and updated_at.';

revoke all on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean)
  from public, anon, authenticated, service_role;
grant execute on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean) to authenticated;
