-- Votes: one per user per post, +1 or -1. Who voted how is private to the voter; everyone sees the
-- post's score, which a trigger keeps in posts.score (readers never need other people's votes, and
-- the thread list stays fast at a million posts). Client-generated ids make outbox replays no-ops;
-- changing one's mind is an update of value, withdrawing is a delete.

create table public.votes (
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  post_id uuid not null,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  value smallint not null constraint votes_value_up_or_down check (value in (-1, 1)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The post is in the same org as the vote.
  constraint votes_post_fkey foreign key (org_id, post_id) references public.posts (org_id, id) on delete cascade,
  constraint votes_one_per_user_per_post unique (post_id, user_id)
);

comment on table public.votes is 'A user''s +1/-1 on a post. Private to the voter; posts.score holds the sum.';

create index votes_user_id_updated_at_idx on public.votes (user_id, updated_at);

create trigger votes_touch_updated_at
  before update on public.votes
  for each row execute function private.touch_updated_at();

-- May the signed-in user vote on this post? It is a visible post in one of their orgs, in a thread
-- that is not deleted, and it is not their own.
create function private.can_vote_on(target_post uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.posts p
    join public.threads t on t.id = p.thread_id
    join public.members m on m.org_id = p.org_id and m.user_id = (select auth.uid())
    where p.id = target_post
      and p.author_id is distinct from (select auth.uid())
      and p.hidden_at is null
      and p.deleted_at is null
      and t.deleted_at is null
  );
end;
$$;
revoke all on function private.can_vote_on(uuid) from public, anon;
grant execute on function private.can_vote_on(uuid) to authenticated;

-- Keeps posts.score equal to the sum of its votes. SECURITY DEFINER: voters may not update posts.
create function private.apply_vote_to_score()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update public.posts set score = score - old.value where id = old.post_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.posts set score = score + new.value where id = new.post_id;
  end if;
  return null;
end;
$$;
revoke all on function private.apply_vote_to_score() from public, anon;

create trigger votes_apply_to_score
  after insert or update of value or delete on public.votes
  for each row execute function private.apply_vote_to_score();

alter table public.votes enable row level security;

revoke all on table public.votes from anon, authenticated;
grant select, delete on table public.votes to authenticated;
grant insert (id, org_id, post_id, user_id, value) on table public.votes to authenticated;
grant update (value) on table public.votes to authenticated;

create policy "Members can read their own votes"
  on public.votes for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "Members can vote on others' posts in their org"
  on public.votes for insert
  to authenticated
  with check (
    user_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
    and private.can_vote_on(post_id)
  );

create policy "Members can change their own votes"
  on public.votes for update
  to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and private.can_vote_on(post_id));

create policy "Members can withdraw their own votes"
  on public.votes for delete
  to authenticated
  using (user_id = (select auth.uid()));
