-- The rule-bearing writes of playlists, and the list a place shows:
--   create_playlist(playlist_id, place_key, title, description, members_can_add)  a member, in the org of
--                                                                                  their token's claim
--   set_playlist_curators(playlist_id, curator_ids)     the creator, or a moderator/admin of the org
--   archive_playlist(playlist_id, archived)             a curator (archive, or reopen with false)
--   delete_playlist(playlist_id, reason)                the creator, or a moderator/admin (logged)
--   add_playlist_item(item_id, playlist_id, url, title, note)  a member (only curators when the playlist's
--                                                       members_can_add is off)
--   reorder_playlist_items(playlist_id, item_ids)       a curator
--   moderate_playlist(target_kind, target_id, action, reason)  moderators and admins (logged)
--   playlist_list(place_key)                            SECURITY INVOKER: what RLS lets the caller read
-- Plain writes cover the rest (RLS in the table migrations): curators edit a playlist's title,
-- description and members_can_add; whoever added an item edits its title and note; curators and
-- whoever added an item remove it; members vote. SECURITY DEFINER because nobody inserts playlists or
-- items, or changes positions, curators, archived_at, hidden_at or deleted_at directly; every check is
-- explicit below. create_playlist and add_playlist_item are idempotent on their client-generated ids
-- (another user's id is refused); the others leave a row already in the asked-for state unchanged.
-- Refusals are sentences with an SQLSTATE to branch on: 42501 (HTTP 401/403) not allowed; P0001
-- (HTTP 400) no such playlist, item, place or member in the caller's org, or a state that forbids the
-- change (archived, hidden, full, a link already there, a stale reorder); 22023 (HTTP 400) an argument
-- missing or out of bounds (a link that is not http(s), an over-long title or note); PT429 (HTTP 429)
-- over the 'playlist' or 'playlist_item' rate limit below.
-- Not in pull_changes: the panel reads playlists directly (playlist_list, then the items).

insert into private.rate_limits (action, max_writes, span, counted_table, user_column, message) values
  ('playlist', 10, interval '1 day', 'public.playlists', 'created_by',
    'You have created %1$s playlists in the last day. Try again in %2$s.'),
  ('playlist_item', 30, interval '1 hour', 'public.playlist_items', 'added_by',
    'You have added %1$s resources to playlists in the last hour. Try again in %2$s.');

-- The playlist for a change by the signed-in user, locked. Refuses, as if it did not exist, one that
-- does not, one in an org the caller is not a member of, a hidden one the caller cannot read (not a
-- curator, not a moderator) and, unless allow_deleted, a deleted one: the caller cannot tell these apart.
create function private.playlist_for_change(target_playlist uuid, allow_deleted boolean default false)
  returns public.playlists
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  playlist public.playlists;
begin
  select p.* into playlist from public.playlists p where p.id = target_playlist for update;
  if not found
     or not private.has_org_role(playlist.org_id, 'learner', 'mentor', 'moderator', 'admin')
     or (playlist.deleted_at is not null and not allow_deleted)
     or (playlist.hidden_at is not null and not private.is_playlist_curator(playlist.id)
         and not private.has_org_role(playlist.org_id, 'moderator', 'admin')) then
    raise exception 'This playlist does not exist or you cannot see it.' using errcode = 'P0001';
  end if;
  return playlist;
end;
$$;
revoke all on function private.playlist_for_change(uuid, boolean) from public, anon;

-- Refuses a change to an archived or hidden playlist, saying which and what would undo it.
create function private.require_open_playlist(playlist public.playlists)
  returns void
  language plpgsql
  stable
  set search_path = ''
as $$
begin
  if playlist.hidden_at is not null then
    raise exception 'A moderator has hidden this playlist; it takes no changes until they restore it.'
      using errcode = 'P0001';
  end if;
  if playlist.archived_at is not null then
    raise exception 'This playlist is archived; a curator can reopen it.' using errcode = 'P0001';
  end if;
end;
$$;
revoke all on function private.require_open_playlist(public.playlists) from public, anon;

create function public.create_playlist(
  playlist_id uuid,
  place_key text,
  title text,
  description text default null,
  members_can_add boolean default true
)
  returns public.playlists
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  playlist public.playlists;
  org uuid;
begin
  if caller is null then
    raise exception 'Sign in to create a playlist.' using errcode = '42501';
  end if;
  if playlist_id is null then
    raise exception 'Give the playlist an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the playlist exists, so hand it back unchanged (and uncounted).
  select p.* into playlist from public.playlists p where p.id = create_playlist.playlist_id;
  if found then
    if playlist.created_by is distinct from caller then
      raise exception 'This playlist id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return playlist;
  end if;

  org := private.sync_org_id();
  perform private.require_role(org, 'Only members of an organisation can create playlists.',
    'learner', 'mentor', 'moderator', 'admin');
  if title is null or char_length(btrim(title)) not between 3 and 120 then
    raise exception 'Give the playlist a title of 3 to 120 characters.' using errcode = '22023';
  end if;
  if char_length(btrim(description)) > 2000 then
    raise exception 'Keep the description to 2000 characters.' using errcode = '22023';
  end if;
  if place_key is null or not exists (
    select 1 from public.places pl where pl.org_id = org and pl.key = create_playlist.place_key
  ) then
    raise exception 'This place does not exist in your organisation.' using errcode = 'P0001';
  end if;

  perform private.enforce_rate_limit('playlist');

  insert into public.playlists (id, org_id, place_key, created_by, title, description, members_can_add)
  values (create_playlist.playlist_id, org, create_playlist.place_key, caller, btrim(create_playlist.title),
    nullif(btrim(create_playlist.description), ''), coalesce(create_playlist.members_can_add, true))
  returning * into playlist;
  return playlist;
end;
$$;

comment on function public.create_playlist(uuid, text, text, text, boolean) is
  'Create a playlist of resources at a place of your org; you are its curator. Idempotent on playlist_id; 10 a day.';

create function public.set_playlist_curators(playlist_id uuid, curator_ids uuid[])
  returns public.playlists
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  playlist public.playlists;
  wanted uuid[];
begin
  if caller is null then
    raise exception 'Sign in to choose curators.' using errcode = '42501';
  end if;

  playlist := private.playlist_for_change(set_playlist_curators.playlist_id);
  if playlist.created_by is distinct from caller
     and not private.has_org_role(playlist.org_id, 'moderator', 'admin') then
    raise exception 'Only the person who created this playlist, or a moderator, can choose its curators.'
      using errcode = '42501';
  end if;
  if curator_ids is null or array_position(curator_ids, null) is not null then
    raise exception 'Give the co-curators as a list of members (an empty list removes them all).'
      using errcode = '22023';
  end if;

  -- Each person once, in the order given; the creator is a curator anyway.
  select coalesce(array_agg(c.id order by c.first), '{}') into wanted
  from (
    select u.id, min(u.ord) as first
    from unnest(curator_ids) with ordinality as u (id, ord)
    where u.id is distinct from playlist.created_by
    group by u.id
  ) c;
  if cardinality(wanted) > 5 then
    raise exception 'A playlist has at most 5 co-curators besides its creator.' using errcode = '22023';
  end if;
  if exists (
    select 1 from unnest(wanted) as w (id)
    where not exists (select 1 from public.members m where m.org_id = playlist.org_id and m.user_id = w.id)
  ) then
    raise exception 'This member does not exist or you cannot see them.' using errcode = 'P0001';
  end if;
  if wanted = playlist.curator_ids then
    return playlist;
  end if;

  update public.playlists p set curator_ids = wanted
  where p.id = playlist.id
  returning p.* into playlist;
  return playlist;
end;
$$;

comment on function public.set_playlist_curators(uuid, uuid[]) is
  'The creator (or a moderator) names up to 5 co-curators, members of the org; an empty list removes them.';

create function public.archive_playlist(playlist_id uuid, archived boolean default true)
  returns public.playlists
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  playlist public.playlists;
begin
  if caller is null then
    raise exception 'Sign in to archive a playlist.' using errcode = '42501';
  end if;
  if archived is null then
    raise exception 'Say whether to archive the playlist (true) or reopen it (false).' using errcode = '22023';
  end if;

  playlist := private.playlist_for_change(archive_playlist.playlist_id);
  if not private.is_playlist_curator(playlist.id) then
    raise exception 'Only the curators of this playlist can archive or reopen it.' using errcode = '42501';
  end if;
  if (playlist.archived_at is not null) = archived then
    return playlist;
  end if;

  update public.playlists p set archived_at = case when archive_playlist.archived then now() end
  where p.id = playlist.id
  returning p.* into playlist;
  return playlist;
end;
$$;

comment on function public.archive_playlist(uuid, boolean) is
  'A curator archives a playlist (read-only, still listed), or reopens it with archived => false. Idempotent.';

create function public.delete_playlist(playlist_id uuid, reason text default null)
  returns public.playlists
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  playlist public.playlists;
begin
  if caller is null then
    raise exception 'Sign in to delete a playlist.' using errcode = '42501';
  end if;
  if reason is not null and char_length(btrim(reason)) not between 1 and 500 then
    raise exception 'Keep the reason between 1 and 500 characters.' using errcode = '22023';
  end if;

  playlist := private.playlist_for_change(delete_playlist.playlist_id, allow_deleted => true);
  if playlist.created_by is distinct from caller
     and not private.has_org_role(playlist.org_id, 'moderator', 'admin') then
    raise exception 'Only the person who created this playlist, or a moderator, can delete it.'
      using errcode = '42501';
  end if;
  -- Already deleted: a replay from the outbox, answered as the first call was.
  if playlist.deleted_at is not null then
    return playlist;
  end if;

  update public.playlists p set deleted_at = now()
  where p.id = playlist.id
  returning p.* into playlist;
  insert into public.playlist_moderation_actions (org_id, actor_id, action, target_kind, target_id, playlist_id, reason)
  values (playlist.org_id, caller, 'delete', 'playlist', playlist.id, playlist.id, nullif(btrim(reason), ''));
  return playlist;
end;
$$;

comment on function public.delete_playlist(uuid, text) is
  'Soft-delete a playlist (gone for everyone, items included): its creator, or a moderator/admin. Logged; idempotent.';

create function public.add_playlist_item(
  item_id uuid,
  playlist_id uuid,
  url text,
  title text,
  note text default null
)
  returns public.playlist_items
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  item public.playlist_items;
  playlist public.playlists;
  held integer;
  last_position integer;
begin
  if caller is null then
    raise exception 'Sign in to add a resource.' using errcode = '42501';
  end if;
  if item_id is null then
    raise exception 'Give the item an id (a new UUID).' using errcode = '22023';
  end if;

  -- A replay from the outbox: the item exists, so hand it back unchanged (and uncounted).
  select i.* into item from public.playlist_items i where i.id = add_playlist_item.item_id;
  if found then
    if item.added_by is distinct from caller then
      raise exception 'This item id is already taken; generate a new one.' using errcode = '42501';
    end if;
    return item;
  end if;

  if not coalesce(private.is_valid_resource_url(url), false) then
    if url ~* '^https?://[^/?#\\[:space:]]*@' then
      raise exception 'Leave user names and passwords out of the link.' using errcode = '22023';
    end if;
    raise exception 'Give the resource as an http:// or https:// link without spaces, of at most 2048 characters.'
      using errcode = '22023';
  end if;
  if title is null or char_length(btrim(title)) not between 1 and 200 then
    raise exception 'Give the resource a title of 1 to 200 characters.' using errcode = '22023';
  end if;
  if char_length(btrim(note)) > 1000 then
    raise exception 'Keep the note to 1000 characters.' using errcode = '22023';
  end if;

  -- Locked, so concurrent additions take positions one after the other.
  playlist := private.playlist_for_change(add_playlist_item.playlist_id);
  perform private.require_open_playlist(playlist);
  if not playlist.members_can_add and not private.is_playlist_curator(playlist.id) then
    raise exception 'Only the curators of this playlist can add resources to it.' using errcode = '42501';
  end if;
  if exists (select 1 from public.playlist_items i where i.playlist_id = playlist.id and i.url = add_playlist_item.url) then
    raise exception 'This link is already in the playlist.' using errcode = 'P0001';
  end if;
  select count(*), max(i.position) into held, last_position
  from public.playlist_items i where i.playlist_id = playlist.id;
  if held >= 100 then
    raise exception 'This playlist is full (100 resources). Remove one before adding another.' using errcode = 'P0001';
  end if;

  perform private.enforce_rate_limit('playlist_item');

  insert into public.playlist_items (id, org_id, playlist_id, url, title, note, position, added_by)
  values (add_playlist_item.item_id, playlist.org_id, playlist.id, add_playlist_item.url,
    btrim(add_playlist_item.title), nullif(btrim(add_playlist_item.note), ''), coalesce(last_position, 0) + 1, caller)
  returning * into item;
  return item;
end;
$$;

comment on function public.add_playlist_item(uuid, uuid, text, text, text) is
  'Add a web resource (http/https link, title, note) at the end of a playlist. Idempotent on item_id; 30 an hour.';

create function public.reorder_playlist_items(playlist_id uuid, item_ids uuid[])
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  playlist public.playlists;
  moved integer;
begin
  if caller is null then
    raise exception 'Sign in to reorder a playlist.' using errcode = '42501';
  end if;
  if item_ids is null or array_position(item_ids, null) is not null
     or cardinality(item_ids) <> (select count(distinct u.id) from unnest(item_ids) as u (id)) then
    raise exception 'List the items in their new order, each once.' using errcode = '22023';
  end if;

  playlist := private.playlist_for_change(reorder_playlist_items.playlist_id);
  if not private.is_playlist_curator(playlist.id) then
    raise exception 'Only the curators of this playlist can reorder it.' using errcode = '42501';
  end if;
  perform private.require_open_playlist(playlist);
  if exists (
    select 1 from unnest(item_ids) as u (id)
    where not exists (select 1 from public.playlist_items i where i.id = u.id and i.playlist_id = playlist.id)
  ) then
    raise exception 'Some of these items are no longer in the playlist; reload it and try again.'
      using errcode = 'P0001';
  end if;

  -- The listed items first, in the order given, then the others in their current order (added since
  -- the curator loaded the list, or hidden from them), numbered from 1.
  with ordered as (
    select i.id, row_number() over (order by u.ord nulls last, i.position, i.id)::integer as new_position
    from public.playlist_items i
    left join unnest(item_ids) with ordinality as u (id, ord) on u.id = i.id
    where i.playlist_id = playlist.id
  )
  update public.playlist_items i set position = o.new_position
  from ordered o
  where i.id = o.id and i.position <> o.new_position;
  get diagnostics moved = row_count;
  return moved;
end;
$$;

comment on function public.reorder_playlist_items(uuid, uuid[]) is
  'A curator puts the listed items first, in that order; the rest follow. Returns how many items moved.';

create function public.moderate_playlist(target_kind text, target_id uuid, action text, reason text)
  returns public.playlist_moderation_actions
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target_org uuid;
  target_playlist uuid;
  logged public.playlist_moderation_actions;
begin
  if caller is null then
    raise exception 'Sign in to moderate.' using errcode = '42501';
  end if;
  if target_kind is null or target_kind not in ('playlist', 'playlist_item') then
    raise exception 'You can moderate a playlist or a playlist_item (target_kind).' using errcode = '22023';
  end if;
  if action is null or action not in ('hide', 'restore') then
    raise exception 'A playlist or a playlist item can be hidden or restored.' using errcode = '22023';
  end if;
  if reason is null or char_length(btrim(reason)) not between 1 and 500 then
    raise exception 'Say why, in 1 to 500 characters: it is kept in the moderation log.' using errcode = '22023';
  end if;

  if target_kind = 'playlist' then
    select p.org_id, p.id into target_org, target_playlist
    from public.playlists p where p.id = target_id and p.deleted_at is null
    for update;
  else
    select i.org_id, i.playlist_id into target_org, target_playlist
    from public.playlist_items i join public.playlists p on p.id = i.playlist_id
    where i.id = target_id and p.deleted_at is null
    for update of i;
  end if;
  if target_org is null or not private.has_org_role(target_org, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This % does not exist or you cannot see it.', replace(target_kind, '_', ' ')
      using errcode = 'P0001';
  end if;
  perform private.require_role(target_org, 'Only moderators and admins can moderate.', 'moderator', 'admin');

  if target_kind = 'playlist' then
    update public.playlists p
    set hidden_at = case moderate_playlist.action when 'hide' then coalesce(p.hidden_at, now()) end
    where p.id = target_id;
  else
    update public.playlist_items i
    set hidden_at = case moderate_playlist.action when 'hide' then coalesce(i.hidden_at, now()) end
    where i.id = target_id;
  end if;

  insert into public.playlist_moderation_actions (org_id, actor_id, action, target_kind, target_id, playlist_id, reason)
  values (target_org, caller, moderate_playlist.action, moderate_playlist.target_kind, moderate_playlist.target_id,
    target_playlist, btrim(reason))
  returning * into logged;
  return logged;
end;
$$;

comment on function public.moderate_playlist(text, uuid, text, text) is
  'Moderators/admins: hide or restore a playlist or a playlist item. Logged with the reason.';

-- A place's playlists: those at the place itself and, for a lesson, those at its course (every prefix
-- of the key of at least "platform|host|course"), the place's own first, then open before archived,
-- newest first; with the creator's name and the number of items the caller can read. SECURITY INVOKER:
-- RLS decides what the caller sees, so it cannot leak anything a direct select could not. Each key is
-- an equality on playlists_place_key_org_id_created_at_idx.
create function public.playlist_list(place_key text)
  returns table (
    id uuid,
    org_id uuid,
    place_key text,
    title text,
    description text,
    created_by uuid,
    creator_name text,
    curator_ids uuid[],
    members_can_add boolean,
    archived_at timestamptz,
    hidden_at timestamptz,
    created_at timestamptz,
    updated_at timestamptz,
    item_count integer
  )
  language sql
  stable
  security invoker
  set search_path = ''
as $$
  select
    p.id,
    p.org_id,
    p.place_key,
    p.title,
    p.description,
    p.created_by,
    m.display_name,
    p.curator_ids,
    p.members_can_add,
    p.archived_at,
    p.hidden_at,
    p.created_at,
    p.updated_at,
    (select count(*) from public.playlist_items i where i.playlist_id = p.id)::integer
  from public.playlists p
  left join public.members m on m.org_id = p.org_id and m.user_id = p.created_by
  where p.place_key in (
    select array_to_string(k.parts[1:n], '|')
    from (select string_to_array(playlist_list.place_key, '|') as parts) k,
      generate_series(least(3, cardinality(k.parts)), cardinality(k.parts)) as n
  )
  order by char_length(p.place_key) desc, p.archived_at is not null, p.created_at desc, p.id
$$;

comment on function public.playlist_list(text) is
  'Playlists at a place and at its course, the place''s own first, with creator_name and item_count. Subject to RLS.';

revoke all on function public.create_playlist(uuid, text, text, text, boolean) from public, anon, authenticated, service_role;
revoke all on function public.set_playlist_curators(uuid, uuid[]) from public, anon, authenticated, service_role;
revoke all on function public.archive_playlist(uuid, boolean) from public, anon, authenticated, service_role;
revoke all on function public.delete_playlist(uuid, text) from public, anon, authenticated, service_role;
revoke all on function public.add_playlist_item(uuid, uuid, text, text, text) from public, anon, authenticated, service_role;
revoke all on function public.reorder_playlist_items(uuid, uuid[]) from public, anon, authenticated, service_role;
revoke all on function public.moderate_playlist(text, uuid, text, text) from public, anon, authenticated, service_role;
revoke all on function public.playlist_list(text) from public, anon, authenticated, service_role;
grant execute on function public.create_playlist(uuid, text, text, text, boolean) to authenticated;
grant execute on function public.set_playlist_curators(uuid, uuid[]) to authenticated;
grant execute on function public.archive_playlist(uuid, boolean) to authenticated;
grant execute on function public.delete_playlist(uuid, text) to authenticated;
grant execute on function public.add_playlist_item(uuid, uuid, text, text, text) to authenticated;
grant execute on function public.reorder_playlist_items(uuid, uuid[]) to authenticated;
grant execute on function public.moderate_playlist(text, uuid, text, text) to authenticated;
grant execute on function public.playlist_list(text) to authenticated;
