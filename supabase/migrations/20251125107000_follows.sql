-- Follows: a member follows a question (thread_id) to hear about its new answers and replies, or a
-- place (place_key) to hear about new questions there. A place follow covers the places under it, so
-- following a course (`moodle|host|4021`) covers its lessons (`moodle|host|4021|cm:1325312`). The
-- notifications are `followed_activity` (20251125107300_activity_notifications.sql).
-- Each row is one member's, and private: members read, add and delete (unfollow) only their own;
-- nobody, moderators included, reads who follows what. A member can follow only a question they can
-- read and a place of their org. Nothing here is rule-bearing beyond that, so the client writes the
-- table directly, like votes, through its outbox:
--   * the id is client-generated, so a replayed insert is a no-op (`on_conflict=id`, ignore-duplicates);
--   * each member follows a target once, and following it again is a no-op whatever the id (a second
--     device's follow): a BEFORE INSERT trigger skips the row. Unfollow by deleting the row, by id or
--     by target (`delete from follows where thread_id = ...`: RLS keeps it to one's own).
-- Asking a question follows it for its author (a trigger below), so the author hears of replies to
-- other people's answers too. Answering does not follow: an answerer already hears of replies to their
-- answer (`reply`) and of its acceptance, and a mentor who answers dozens of questions would otherwise
-- hear of every later post in each; they follow with one tap when they want to.
-- Rate limit 'follow': at most 60 new follows an hour per member (auto-follows count, replays and
-- repeats do not). A follow only ever notifies its follower, so this is not about spam but about
-- bounding the table against a runaway client or script (places, and so place follows, can be
-- added freely); nobody follows 60 things an hour by hand.

create table public.follows (
  -- Client-generated, so a replayed follow from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  user_id uuid not null default auth.uid(),
  thread_id uuid,
  place_key text constraint follows_place_key_length check (char_length(place_key) between 1 and 600),
  created_at timestamptz not null default now(),
  -- The follower is a member of the org; leaving it takes their follows with them.
  constraint follows_member_fkey foreign key (org_id, user_id)
    references public.members (org_id, user_id) on delete cascade,
  -- The question or place is in the same org as the follow.
  constraint follows_thread_fkey foreign key (org_id, thread_id)
    references public.threads (org_id, id) on delete cascade,
  constraint follows_place_fkey foreign key (org_id, place_key)
    references public.places (org_id, key) on update cascade on delete cascade,
  constraint follows_one_target check (num_nonnulls(thread_id, place_key) = 1),
  -- One follow per member and target. Both lead with the target: "who follows this question" and
  -- "who follows these places" are what every new post and question asks. Also the conflict targets
  -- for an upsert (`on_conflict=thread_id,user_id` or `org_id,place_key,user_id`) and the foreign keys.
  constraint follows_one_per_thread unique (thread_id, user_id),
  constraint follows_one_per_place unique (org_id, place_key, user_id)
);

comment on table public.follows is 'A member following a question (its new answers and replies) or a place (its new questions). Private to the follower.';

-- "My follows", the 'follow' rate limit (user_id, created_at) and the member foreign key.
create index follows_user_id_created_at_idx on public.follows (user_id, created_at);

insert into private.rate_limits (action, max_writes, span, counted_table, user_column, message) values
  ('follow', 60, interval '1 hour', 'public.follows', 'user_id',
    'You have followed %1$s questions and places in the last hour. Try again in %2$s.');

-- BEFORE INSERT: following what one already follows is a no-op whatever the id (the row is skipped),
-- and a genuinely new follow made by the member themselves counts against the rate limit. The skip
-- applies only to one's own row: another user_id meets RLS, so nobody learns what others follow.
-- pg_trigger_depth() = 1 means the member inserted it; the author's auto-follow (from the threads
-- trigger below) is not limited, so asking a question never fails on the follow limit.
create function private.admit_new_follow()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if new.user_id = (select auth.uid()) and exists (
    select 1 from public.follows f
    where f.user_id = new.user_id
      and (f.thread_id = new.thread_id or (f.org_id = new.org_id and f.place_key = new.place_key))
  ) then
    return null;
  end if;
  if pg_catalog.pg_trigger_depth() = 1 and not exists (select 1 from public.follows f where f.id = new.id) then
    perform private.enforce_rate_limit('follow');
  end if;
  return new;
end;
$$;
revoke all on function private.admit_new_follow() from public, anon;

create trigger follows_admit
  before insert on public.follows
  for each row execute function private.admit_new_follow();

-- AFTER INSERT on threads: the author follows their new question (a held, pre-moderated one too, so
-- they hear of answers once it is published). SECURITY DEFINER: it writes the follow whoever inserts.
create function private.follow_own_question()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if new.author_id is not null and exists (
    select 1 from public.members m where m.org_id = new.org_id and m.user_id = new.author_id
  ) then
    insert into public.follows (id, org_id, user_id, thread_id, created_at)
    values (gen_random_uuid(), new.org_id, new.author_id, new.id, new.created_at)
    on conflict do nothing;
  end if;
  return null;
end;
$$;
revoke all on function private.follow_own_question() from public, anon;

create trigger threads_follow_own_question
  after insert on public.threads
  for each row execute function private.follow_own_question();

alter table public.follows enable row level security;

revoke all on table public.follows from anon, authenticated;
grant select, delete on table public.follows to authenticated;
grant insert (id, org_id, user_id, thread_id, place_key) on table public.follows to authenticated;

create policy "Members can read their own follows"
  on public.follows for select
  to authenticated
  using (user_id = (select auth.uid()) and org_id in (select private.member_org_ids()));

-- The subqueries see threads and places through their own policies: a question the member can read
-- (not someone else's hidden one, not a deleted one), a place of their org.
create policy "Members can follow what they can read"
  on public.follows for insert
  to authenticated
  with check (
    user_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
    and (thread_id is null
      or exists (select 1 from public.threads t where t.id = follows.thread_id and t.org_id = follows.org_id))
    and (place_key is null
      or exists (select 1 from public.places p where p.org_id = follows.org_id and p.key = follows.place_key))
  );

create policy "Members can unfollow"
  on public.follows for delete
  to authenticated
  using (user_id = (select auth.uid()));
