-- Playlist items: one learning resource in a playlist, a web link (url: http or https only, stored as
-- given once validated), a title and an optional note, in the order the curators chose (position,
-- ascending; gaps allowed) and with a score (the sum of playlist_votes, kept by a trigger, so sorting by
-- score is an index scan). Added through add_playlist_item (any member of the org, or only curators when
-- the playlist's members_can_add is off; at most 100 per playlist; rate limited; idempotent on the
-- client-generated id). Whoever added an item edits its title and note with a plain update; whoever
-- added it and the playlist's curators remove it with a plain delete (its votes go with it); curators
-- reorder through reorder_playlist_items. All of it only while the playlist is neither archived, hidden
-- nor deleted. Moderators hide an item (moderate_playlist): then only whoever added it and moderators
-- read it. Members read the items of the playlists they can read.

-- A shareable web link: http:// or https:// (any case), a host name or an IPv4/IPv6 address (no user
-- name or password), an optional port, then anything but whitespace, control characters and the
-- characters that are never literal in a URL (< > " ` \). At most 2048 characters. So javascript:,
-- data:, file:, mailto: and every other scheme are refused, as are links padded with spaces.
create function private.is_valid_resource_url(url text)
  returns boolean
  language sql
  immutable
  set search_path = ''
as $$
  select url is not null
    and char_length(url) <= 2048
    and url ~* '^https?://([a-z0-9]([a-z0-9_.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:[0-9]{1,5})?([/?#][^[:space:][:cntrl:]<>"`\\]*)?$'
$$;
revoke all on function private.is_valid_resource_url(text) from public, anon;
grant execute on function private.is_valid_resource_url(text) to authenticated, service_role;

create table public.playlist_items (
  -- Client-generated, so a replayed add_playlist_item from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  playlist_id uuid not null,
  url text not null constraint playlist_items_url_valid check (private.is_valid_resource_url(url)),
  title text not null constraint playlist_items_title_length check (char_length(btrim(title)) between 1 and 200),
  note text constraint playlist_items_note_length check (char_length(btrim(note)) between 1 and 1000),
  position integer not null constraint playlist_items_position_positive check (position > 0),
  score integer not null default 0,
  added_by uuid references auth.users (id) on delete set null,
  hidden_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  edited_at timestamptz,
  -- The playlist is in the same org: an item can never be attached to another tenant's playlist.
  constraint playlist_items_playlist_fkey foreign key (org_id, playlist_id)
    references public.playlists (org_id, id) on delete cascade,
  -- Votes reference (org_id, id), so a vote is always in its item's org. Also serves org_id.
  constraint playlist_items_org_id_id_key unique (org_id, id),
  -- One item per position, checked at the end of each statement (deferrable), so the one UPDATE of
  -- reorder_playlist_items can permute positions. Its index serves the curated order and the playlist
  -- foreign key.
  constraint playlist_items_one_per_position unique (playlist_id, position) deferrable
);

comment on table public.playlist_items is 'A web resource in a playlist: url, title, note, curated position and vote score. Added through add_playlist_item.';
comment on column public.playlist_items.score is 'Sum of the item''s playlist_votes (+1/-1), kept by a trigger.';

-- The playlist's items by score (best first, curated order breaking ties); whoever added them (the
-- 'playlist_item' rate limit counts them) and the added_by foreign key.
create index playlist_items_playlist_id_score_position_idx on public.playlist_items (playlist_id, score desc, position);
create index playlist_items_added_by_created_at_idx on public.playlist_items (added_by, created_at);

-- Edits bump edited_at so readers can show "edited"; score and position changes bump only updated_at.
create function private.stamp_playlist_item_edit()
  returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if (new.title, new.note) is distinct from (old.title, old.note) then
    new.edited_at := now();
  end if;
  return new;
end;
$$;
revoke all on function private.stamp_playlist_item_edit() from public, anon;

create trigger playlist_items_stamp_edit
  before update on public.playlist_items
  for each row execute function private.stamp_playlist_item_edit();

create trigger playlist_items_touch_updated_at
  before update on public.playlist_items
  for each row execute function private.touch_updated_at();

alter table public.playlist_items enable row level security;

revoke all on table public.playlist_items from anon, authenticated;
grant select, delete on table public.playlist_items to authenticated;
grant update (title, note) on table public.playlist_items to authenticated;

-- The subquery sees playlists through their own policies: a hidden playlist's items are read by those
-- who read the playlist (its curators, moderators), a deleted playlist's by nobody.
create policy "Members can read items of playlists they can read"
  on public.playlist_items for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (hidden_at is null or added_by = (select auth.uid()))
    and exists (select 1 from public.playlists p where p.id = playlist_items.playlist_id)
  );

create policy "Moderators can read hidden playlist items in their org"
  on public.playlist_items for select
  to authenticated
  using (
    org_id in (select private.org_ids_where_role('moderator', 'admin'))
    and exists (select 1 from public.playlists p where p.id = playlist_items.playlist_id)
  );

-- The column grant limits this to title and note.
create policy "Whoever added an item can edit its title and note"
  on public.playlist_items for update
  to authenticated
  using (
    added_by = (select auth.uid())
    and org_id in (select private.member_org_ids())
    and hidden_at is null
    and private.playlist_is_writable(playlist_id)
  )
  with check (
    added_by = (select auth.uid())
    and org_id in (select private.member_org_ids())
  );

create policy "Curators and whoever added an item can remove it"
  on public.playlist_items for delete
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (added_by = (select auth.uid()) or private.is_playlist_curator(playlist_id))
    and private.playlist_is_writable(playlist_id)
  );
