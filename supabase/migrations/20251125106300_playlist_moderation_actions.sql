-- The moderation log of playlists: every hide and restore of a playlist or an item (moderate_playlist)
-- and every deletion of a playlist (delete_playlist, by its creator or a moderator), with who, when and
-- why. It mirrors public.moderation_actions, whose target_kind list and non-null thread_id are about
-- questions and answers; the dashboard reads both. Rows are written only by those RPCs and never
-- updated or deleted through the API; moderators and admins of the org read them. Targets are ids
-- without foreign keys, so the log outlives the content it is about.

create table public.playlist_moderation_actions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  action text not null
    constraint playlist_moderation_actions_action_known check (action in ('hide', 'restore', 'delete')),
  target_kind text not null
    constraint playlist_moderation_actions_target_kind_known check (target_kind in ('playlist', 'playlist_item')),
  target_id uuid not null,
  -- The playlist the target belongs to (the playlist itself, or an item's playlist).
  playlist_id uuid not null,
  reason text constraint playlist_moderation_actions_reason_length check (char_length(btrim(reason)) between 1 and 500),
  created_at timestamptz not null default now()
);

comment on table public.playlist_moderation_actions is 'Audit log of playlist moderation and deletions: who hid, restored or deleted which playlist or item, when and why.';

-- The org's log, newest first (and the org foreign key); an item's history; the actor foreign key.
create index playlist_moderation_actions_org_id_created_at_idx
  on public.playlist_moderation_actions (org_id, created_at desc);
create index playlist_moderation_actions_target_id_idx on public.playlist_moderation_actions (target_id);
create index playlist_moderation_actions_actor_id_idx on public.playlist_moderation_actions (actor_id);

alter table public.playlist_moderation_actions enable row level security;

revoke all on table public.playlist_moderation_actions from anon, authenticated;
grant select on table public.playlist_moderation_actions to authenticated;

create policy "Moderators can read their org's playlist moderation log"
  on public.playlist_moderation_actions for select
  to authenticated
  using (org_id in (select private.org_ids_where_role('moderator', 'admin')));
