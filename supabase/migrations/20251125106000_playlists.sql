-- Playlists: peers share and curate learning resources for a course or a lesson (issue #4). A
-- playlist hangs off a place of its org (place_key: a lesson key, or a course key such as
-- "moodle|moodle.localhost:8080|4021", which playlist_list also shows at every lesson of the course).
-- Its curators are its creator (created_by) and up to 5 co-curators (curator_ids) the creator or a
-- moderator names. Curators edit the title, the description and whether any member may add resources
-- (members_can_add) with a plain update; they reorder and remove items (playlist_items) and archive the
-- playlist (archived_at: read-only, still listed). Moderators hide it (hidden_at: then only its curators
-- and moderators read it); its creator or a moderator soft-deletes it (deleted_at: gone for everyone).
-- Created through create_playlist (rate limited, idempotent on the client-generated id); the other
-- rule-bearing changes go through the RPCs of 20251125106400_playlist_rpcs.sql. Members of the org
-- read its playlists; nothing is granted to anon.

create table public.playlists (
  -- Client-generated, so a replayed create_playlist from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  place_key text not null,
  created_by uuid references auth.users (id) on delete set null,
  title text not null constraint playlists_title_length check (char_length(btrim(title)) between 3 and 120),
  description text constraint playlists_description_length check (char_length(description) <= 2000),
  -- Co-curators besides the creator: distinct members of the org (create_playlist and
  -- set_playlist_curators check membership; a member who leaves simply stops counting).
  curator_ids uuid[] not null default '{}'
    constraint playlists_curator_ids_bounded
    check (cardinality(curator_ids) <= 5 and array_position(curator_ids, null) is null),
  -- Off: only curators add resources; on (the default): any member of the org may.
  members_can_add boolean not null default true,
  archived_at timestamptz,
  hidden_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The place is in the same org: a playlist can never point into another tenant.
  constraint playlists_place_fkey foreign key (org_id, place_key)
    references public.places (org_id, key) on update cascade on delete cascade,
  -- Items reference (org_id, id), so an item is always in its playlist's org. Also serves org_id.
  constraint playlists_org_id_id_key unique (org_id, id)
);

comment on table public.playlists is 'A shared, curated list of learning resources at a place (a course or a lesson). Created through create_playlist; curators edit title, description and members_can_add.';
comment on column public.playlists.curator_ids is 'Co-curators besides the creator (at most 5), set through set_playlist_curators.';

-- A place's playlists (playlist_list, or ?place_key=eq.): place_key leads, as for threads, because
-- RLS adds org_id as a hashed subplan; it also serves the (org_id, place_key) foreign key. The
-- creator's own (the 'playlist' rate limit counts them) and the created_by foreign key.
create index playlists_place_key_org_id_created_at_idx on public.playlists (place_key, org_id, created_at desc);
create index playlists_created_by_created_at_idx on public.playlists (created_by, created_at);

create trigger playlists_touch_updated_at
  before update on public.playlists
  for each row execute function private.touch_updated_at();

-- Is the signed-in user a curator of this playlist (its creator or a co-curator) and still a member of
-- its org? SECURITY DEFINER: it reads the playlist whatever the caller's view of it.
create function private.is_playlist_curator(target_playlist uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.playlists p
    join public.members m on m.org_id = p.org_id and m.user_id = (select auth.uid())
    where p.id = target_playlist
      and (p.created_by = (select auth.uid()) or (select auth.uid()) = any (p.curator_ids))
  );
end;
$$;
revoke all on function private.is_playlist_curator(uuid) from public, anon;
grant execute on function private.is_playlist_curator(uuid) to authenticated;

-- Does this playlist take changes from the signed-in user's org: it exists in one of their orgs and
-- is not archived, hidden or deleted? Items, votes and reorders check it.
create function private.playlist_is_writable(target_playlist uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.playlists p
    join public.members m on m.org_id = p.org_id and m.user_id = (select auth.uid())
    where p.id = target_playlist
      and p.archived_at is null
      and p.hidden_at is null
      and p.deleted_at is null
  );
end;
$$;
revoke all on function private.playlist_is_writable(uuid) from public, anon;
grant execute on function private.playlist_is_writable(uuid) to authenticated;

alter table public.playlists enable row level security;

revoke all on table public.playlists from anon, authenticated;
grant select on table public.playlists to authenticated;
grant update (title, description, members_can_add) on table public.playlists to authenticated;

-- Deleted playlists are gone for everyone; hidden ones stay visible to their curators (so they can see
-- what happened) and to moderators (so they can restore). Archived ones stay listed, read-only.
create policy "Members can read their org's playlists"
  on public.playlists for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and deleted_at is null
    and (hidden_at is null or created_by = (select auth.uid()) or (select auth.uid()) = any (curator_ids))
  );

create policy "Moderators can read hidden playlists in their org"
  on public.playlists for select
  to authenticated
  using (
    org_id in (select private.org_ids_where_role('moderator', 'admin'))
    and deleted_at is null
  );

-- The column grant limits this to title, description and members_can_add.
create policy "Curators can edit their open playlists"
  on public.playlists for update
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (created_by = (select auth.uid()) or (select auth.uid()) = any (curator_ids))
    and archived_at is null
    and hidden_at is null
    and deleted_at is null
  )
  with check (
    org_id in (select private.member_org_ids())
    and (created_by = (select auth.uid()) or (select auth.uid()) = any (curator_ids))
  );
