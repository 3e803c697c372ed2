-- The reviews_enabled feature switch (default on): turned off, request_review, submit_review and
-- close_review_request are refused with 42501 ('Peer reviews are turned off in your organisation.'),
-- from BEFORE triggers like the other switches. update_org_settings gains a last argument,
-- reviews_enabled, so calls with the first five (positional or named) work unchanged.

alter table public.org_settings add column reviews_enabled boolean not null default true;

create or replace function private.org_feature_enabled(target_org uuid, feature text)
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
      when 'reviews' then s.reviews_enabled
    end into enabled
  from public.org_settings s where s.org_id = target_org;
  return coalesce(enabled, true);
end;
$$;

-- BEFORE INSERT (or UPDATE) trigger: tg_argv[0] is the feature; tg_argv[1] = 'replayable' lets an
-- insert of an id that already exists through (the outbox's ON CONFLICT DO NOTHING makes it a no-op).
-- Only a member of the row's org is told the feature is off; anyone else meets RLS as before.
create or replace function private.refuse_when_feature_off()
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
      when 'reviews' then 'Peer reviews are turned off in your organisation.'
      else 'Mentoring is turned off in your organisation.'
    end
    using errcode = '42501';
end;
$$;

drop function public.update_org_settings(boolean, boolean, boolean, boolean, boolean);

create function public.update_org_settings(
  qa_enabled boolean default null,
  endorsements_enabled boolean default null,
  mentoring_enabled boolean default null,
  anonymous_posting boolean default null,
  pre_moderation boolean default null,
  reviews_enabled boolean default null
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
  if num_nonnulls(qa_enabled, endorsements_enabled, mentoring_enabled, anonymous_posting, pre_moderation,
       reviews_enabled) = 0 then
    raise exception 'Say which setting to change: qa_enabled, endorsements_enabled, mentoring_enabled, '
      'anonymous_posting, pre_moderation or reviews_enabled.' using errcode = '22023';
  end if;

  insert into public.org_settings as s (org_id, qa_enabled, endorsements_enabled, mentoring_enabled,
    anonymous_posting, pre_moderation, reviews_enabled, updated_by)
  values (org, coalesce(update_org_settings.qa_enabled, true),
    coalesce(update_org_settings.endorsements_enabled, true),
    coalesce(update_org_settings.mentoring_enabled, true),
    coalesce(update_org_settings.anonymous_posting, false),
    coalesce(update_org_settings.pre_moderation, false),
    coalesce(update_org_settings.reviews_enabled, true), caller)
  on conflict (org_id) do update
  set qa_enabled = coalesce(update_org_settings.qa_enabled, s.qa_enabled),
      endorsements_enabled = coalesce(update_org_settings.endorsements_enabled, s.endorsements_enabled),
      mentoring_enabled = coalesce(update_org_settings.mentoring_enabled, s.mentoring_enabled),
      anonymous_posting = coalesce(update_org_settings.anonymous_posting, s.anonymous_posting),
      pre_moderation = coalesce(update_org_settings.pre_moderation, s.pre_moderation),
      reviews_enabled = coalesce(update_org_settings.reviews_enabled, s.reviews_enabled),
      updated_by = caller
  returning s.* into settings;
  return settings;
end;
$$;

comment on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean) is
  'Admins: change the settings of your org (null keeps a setting). Records updated_by and updated_at.';

revoke all on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean)
  from public, anon, authenticated, service_role;
grant execute on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean)
  to authenticated;

create trigger review_requests_check_feature
  before insert or update on public.review_requests
  for each row execute function private.refuse_when_feature_off('reviews');
create trigger reviews_check_feature
  before insert or update on public.reviews
  for each row execute function private.refuse_when_feature_off('reviews');
