-- Playlist votes: one per member per item, +1 (useful) or -1 (not useful: outdated, broken, off
-- topic), never on an item one added oneself. Who voted how is private to the voter, as for posts
-- (public.votes); everyone sees playlist_items.score, which a trigger keeps equal to the sum, so a
-- playlist sorted by score is one index scan. Plain writes under RLS, like votes: the client-generated id
-- makes a replayed insert (Prefer: resolution=ignore-duplicates) a no-op, changing one's mind is an
-- update of value, withdrawing a delete. Only on a visible item of a playlist that takes changes (not
-- archived, hidden or deleted).

create table public.playlist_votes (
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  item_id uuid not null,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  value smallint not null constraint playlist_votes_value_up_or_down check (value in (-1, 1)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The item is in the same org as the vote.
  constraint playlist_votes_item_fkey foreign key (org_id, item_id)
    references public.playlist_items (org_id, id) on delete cascade,
  -- One vote per member per item; also serves the item foreign key.
  constraint playlist_votes_one_per_user_per_item unique (item_id, user_id)
);

comment on table public.playlist_votes is 'A member''s +1/-1 on a playlist item. Private to the voter; playlist_items.score holds the sum.';

-- A voter's own votes (RLS reads by user_id) and the user foreign key; the org foreign key, by time.
create index playlist_votes_user_id_org_id_idx on public.playlist_votes (user_id, org_id);
create index playlist_votes_org_id_created_at_idx on public.playlist_votes (org_id, created_at);

create trigger playlist_votes_touch_updated_at
  before update on public.playlist_votes
  for each row execute function private.touch_updated_at();

-- May the signed-in user vote on this item? A visible item, not their own, in a playlist of one of
-- their orgs that takes changes.
create function private.can_vote_on_playlist_item(target_item uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.playlist_items i
    where i.id = target_item
      and i.added_by is distinct from (select auth.uid())
      and i.hidden_at is null
      and private.playlist_is_writable(i.playlist_id)
  );
end;
$$;
revoke all on function private.can_vote_on_playlist_item(uuid) from public, anon;
grant execute on function private.can_vote_on_playlist_item(uuid) to authenticated;

-- Keeps playlist_items.score equal to the sum of its votes. SECURITY DEFINER: voters may not update
-- items.
create function private.apply_playlist_vote_to_score()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update public.playlist_items set score = score - old.value where id = old.item_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.playlist_items set score = score + new.value where id = new.item_id;
  end if;
  return null;
end;
$$;
revoke all on function private.apply_playlist_vote_to_score() from public, anon;

create trigger playlist_votes_apply_to_score
  after insert or update of value or delete on public.playlist_votes
  for each row execute function private.apply_playlist_vote_to_score();

alter table public.playlist_votes enable row level security;

revoke all on table public.playlist_votes from anon, authenticated;
grant select, delete on table public.playlist_votes to authenticated;
grant insert (id, org_id, item_id, user_id, value) on table public.playlist_votes to authenticated;
grant update (value) on table public.playlist_votes to authenticated;

create policy "Members can read their own playlist votes"
  on public.playlist_votes for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "Members can vote on others' playlist items"
  on public.playlist_votes for insert
  to authenticated
  with check (
    user_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
    and private.can_vote_on_playlist_item(item_id)
  );

create policy "Members can change their own playlist votes"
  on public.playlist_votes for update
  to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and private.can_vote_on_playlist_item(item_id));

-- Withdrawing is allowed whatever became of the item since: a vote is the voter's own.
create policy "Members can withdraw their own playlist votes"
  on public.playlist_votes for delete
  to authenticated
  using (user_id = (select auth.uid()));
