-- Feature switches as data, and two new ones: circles_enabled and playlists_enabled (default on).
-- Until now each switch re-created private.org_feature_enabled, private.refuse_when_feature_off and
-- update_org_settings with one more case. From here on a new feature: add a column, a row, and
-- triggers:
--   1. a column   alter table public.org_settings add column <feature>_enabled boolean not null default true;
--   2. a row      insert into private.org_features (feature, sentence) values ('<feature>', '<Sentence>.');
--   3. triggers   create trigger <table>_check_feature before insert on public.<table>
--                   for each row execute function private.refuse_when_feature_off('<feature>'[, 'replayable']);
-- and, so admins can flip it through the API, re-create public.update_org_settings with one more
-- named argument passed on in its jsonb_build_object (PostgREST calls RPCs by argument name, so the
-- argument list itself cannot be data). Nothing else changes: private.org_feature_enabled reads the
-- column by name, private.refuse_when_feature_off takes the sentence from the row, and
-- private.change_org_settings (behind update_org_settings) writes any boolean setting of org_settings
-- and lists them all when asked to change nothing. org-settings.test.ts checks that every feature has
-- its column and every trigger names a known feature.
--
-- The new switches, turned off, refuse with 42501 and their sentence (from BEFORE INSERT triggers, so
-- every path meets the same rule; only members of the org are told, as for the other switches):
--   circles    new circles, circle members, sessions and RSVPs: create_circle, join_circle,
--              add_circle_member (adding someone; changing a role is an update and still works),
--              schedule_circle_session and rsvp_circle_session ('Circles are turned off in your
--              organisation.')
--   playlists  new playlists, items and votes: create_playlist, add_playlist_item and inserting a
--              playlist vote ('Shared playlists are turned off in your organisation.')
-- What is already there can still be tidied up: renaming, archiving, leaving, cancelling, deleting,
-- moderating, withdrawing a vote. An outbox replay of a row that already exists still succeeds: the
-- RPCs hand an existing row back before they insert anything, and 'replayable' lets a direct insert
-- of an existing id (playlist_votes' ON CONFLICT (id) DO NOTHING) through to its no-op.

alter table public.org_settings add column circles_enabled boolean not null default true;
alter table public.org_settings add column playlists_enabled boolean not null default true;

comment on column public.org_settings.circles_enabled is 'Off: no new circles, circle members, sessions or RSVPs (42501).';
comment on column public.org_settings.playlists_enabled is 'Off: no new playlists, playlist items or playlist votes (42501).';

-- Every feature that can be switched off: its name (the column of org_settings is <feature>_enabled,
-- boolean, not null, default true) and the sentence a member meets when it is off. Read only by the
-- SECURITY DEFINER functions below; nothing is granted to API roles.
create table private.org_features (
  feature text primary key constraint org_features_feature_name check (feature ~ '^[a-z][a-z_]{0,39}$'),
  sentence text not null constraint org_features_sentence_length check (char_length(btrim(sentence)) between 1 and 200)
);

comment on table private.org_features is 'Features an org''s admins can turn off (column org_settings.<feature>_enabled), with the refusal sentence members meet.';

revoke all on table private.org_features from public, anon, authenticated;

insert into private.org_features (feature, sentence) values
  ('qa', 'Questions and answers are turned off in your organisation.'),
  ('endorsements', 'Endorsements are turned off in your organisation.'),
  ('mentoring', 'Mentoring is turned off in your organisation.'),
  ('reviews', 'Peer reviews are turned off in your organisation.'),
  ('circles', 'Circles are turned off in your organisation.'),
  ('playlists', 'Shared playlists are turned off in your organisation.');

-- The org's setting of a feature (its <feature>_enabled column), or on when the org has no row. An
-- unknown feature is refused with 22023 (a trigger naming a feature nobody listed is a bug to see).
create or replace function private.org_feature_enabled(target_org uuid, feature text)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
declare
  setting jsonb;
begin
  if not exists (select 1 from private.org_features f where f.feature = org_feature_enabled.feature) then
    raise exception 'There is no feature called "%" (see private.org_features).', org_feature_enabled.feature
      using errcode = '22023';
  end if;
  select to_jsonb(s) -> (org_feature_enabled.feature || '_enabled') into setting
  from public.org_settings s where s.org_id = target_org;
  if not found then
    return true;
  end if;
  if setting is null or jsonb_typeof(setting) <> 'boolean' then
    raise exception 'The feature "%" has no boolean column org_settings.%_enabled.', org_feature_enabled.feature,
      org_feature_enabled.feature using errcode = '22023';
  end if;
  return setting::boolean;
end;
$$;

-- BEFORE INSERT (or UPDATE) trigger: tg_argv[0] is the feature; tg_argv[1] = 'replayable' (only on
-- tables whose primary key is `id`) lets an insert of an id that already exists through (the outbox's
-- ON CONFLICT DO NOTHING makes it a no-op). Only a member of the row's org is told the feature is off;
-- anyone else meets RLS as before. The sentence is the feature's row in private.org_features.
create or replace function private.refuse_when_feature_off()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  feature_name text := tg_argv[0];
  replayed boolean := false;
  sentence text;
begin
  if (select auth.uid()) is null
     or not private.has_org_role(new.org_id, 'learner', 'mentor', 'moderator', 'admin')
     or private.org_feature_enabled(new.org_id, feature_name) then
    return new;
  end if;
  if tg_op = 'INSERT' and tg_nargs > 1 and tg_argv[1] = 'replayable' then
    execute format('select exists (select 1 from %I.%I where id = $1)', tg_table_schema, tg_table_name)
      into replayed using new.id;
    if replayed then
      return new;
    end if;
  end if;
  select f.sentence into sentence from private.org_features f where f.feature = feature_name;
  raise exception '%', sentence using errcode = '42501';
end;
$$;

-- The work behind update_org_settings, for any boolean setting of org_settings (every feature switch,
-- anonymous_posting, pre_moderation): `changes` maps setting names to true or false; a null (or
-- absent) setting is kept. Admins of the caller's org only (the org of their token's claim); records
-- who changed the settings last. The settings are read from the table's columns, so a new switch
-- needs no change here, and the "say which setting" sentence lists them all in column order.
create function private.change_org_settings(changes jsonb)
  returns public.org_settings
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  org uuid;
  asked jsonb := jsonb_strip_nulls(coalesce(changes, '{}'::jsonb));
  settable text[];
  assignments text;
  settings public.org_settings;
begin
  if caller is null then
    raise exception 'Sign in to change your organisation''s settings.' using errcode = '42501';
  end if;
  org := private.sync_org_id();
  if org is null or not private.has_org_role(org, 'admin') then
    raise exception 'Only admins can change your organisation''s settings.' using errcode = '42501';
  end if;

  select array_agg(a.attname::text order by a.attnum) into settable
  from pg_catalog.pg_attribute a
  where a.attrelid = 'public.org_settings'::regclass and a.attnum > 0 and not a.attisdropped
    and a.atttypid = 'boolean'::regtype;
  if jsonb_typeof(asked) <> 'object' or asked = '{}'::jsonb then
    raise exception 'Say which setting to change: % or %.',
      array_to_string(settable[1:cardinality(settable) - 1], ', '), settable[cardinality(settable)]
      using errcode = '22023';
  end if;
  if exists (
    select 1 from jsonb_each(asked) c where c.key <> all (settable) or jsonb_typeof(c.value) <> 'boolean'
  ) then
    raise exception 'Settings are turned on or off with true or false: %.', array_to_string(settable, ', ')
      using errcode = '22023';
  end if;

  -- Column names checked against the table above, quoted with %I; values passed as a parameter.
  select string_agg(format('%I = ($2 ->> %L)::boolean', c.key, c.key), ', ' order by c.key) into assignments
  from jsonb_object_keys(asked) as c (key);
  -- An org without a row starts from the defaults.
  insert into public.org_settings (org_id, updated_by) values (org, caller) on conflict (org_id) do nothing;
  execute format('update public.org_settings s set %s, updated_by = $3 where s.org_id = $1 returning s.*',
    assignments)
    into settings using org, asked, caller;
  return settings;
end;
$$;

revoke all on function private.org_feature_enabled(uuid, text) from public, anon;
revoke all on function private.refuse_when_feature_off() from public, anon;
revoke all on function private.change_org_settings(jsonb) from public, anon, authenticated;

drop function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean);

-- The settings RPC: the earlier arguments keep their names and positions, the new ones come last, so
-- earlier calls (positional or named) work unchanged. A new switch adds its argument here and to the
-- object below; the rules live in private.change_org_settings.
create function public.update_org_settings(
  qa_enabled boolean default null,
  endorsements_enabled boolean default null,
  mentoring_enabled boolean default null,
  anonymous_posting boolean default null,
  pre_moderation boolean default null,
  reviews_enabled boolean default null,
  circles_enabled boolean default null,
  playlists_enabled boolean default null
)
  returns public.org_settings
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
begin
  return private.change_org_settings(jsonb_build_object(
    'qa_enabled', update_org_settings.qa_enabled,
    'endorsements_enabled', update_org_settings.endorsements_enabled,
    'mentoring_enabled', update_org_settings.mentoring_enabled,
    'anonymous_posting', update_org_settings.anonymous_posting,
    'pre_moderation', update_org_settings.pre_moderation,
    'reviews_enabled', update_org_settings.reviews_enabled,
    'circles_enabled', update_org_settings.circles_enabled,
    'playlists_enabled', update_org_settings.playlists_enabled
  ));
end;
$$;

comment on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean) is
  'Admins: change the settings of your org (null keeps a setting). Records updated_by and updated_at.';

revoke all on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean)
  from public, anon, authenticated, service_role;
grant execute on function public.update_org_settings(boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean)
  to authenticated;

-- Circles: circles and circle_sessions have `id` keys (create_circle and schedule_circle_session are
-- idempotent on them); circle_members and circle_session_attendees are keyed by (circle or session,
-- person), and their RPCs return an existing row before inserting.
create trigger circles_check_feature
  before insert on public.circles
  for each row execute function private.refuse_when_feature_off('circles', 'replayable');
create trigger circle_members_check_feature
  before insert on public.circle_members
  for each row execute function private.refuse_when_feature_off('circles');
create trigger circle_sessions_check_feature
  before insert on public.circle_sessions
  for each row execute function private.refuse_when_feature_off('circles', 'replayable');
create trigger circle_session_attendees_check_feature
  before insert on public.circle_session_attendees
  for each row execute function private.refuse_when_feature_off('circles');

-- Playlists: every table has an `id` key; playlist_votes is written directly by the outbox, and a
-- changed vote is refused like a new one (as for answers' votes); withdrawing (delete) still works.
create trigger playlists_check_feature
  before insert on public.playlists
  for each row execute function private.refuse_when_feature_off('playlists', 'replayable');
create trigger playlist_items_check_feature
  before insert on public.playlist_items
  for each row execute function private.refuse_when_feature_off('playlists', 'replayable');
create trigger playlist_votes_check_feature
  before insert or update of value on public.playlist_votes
  for each row execute function private.refuse_when_feature_off('playlists', 'replayable');
