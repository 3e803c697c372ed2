-- Posts: answers to a thread (parent_id null) and replies to an answer (parent_id set). Client-generated
-- ids make outbox replays no-ops. Authors edit their body (edited_at records it); score is kept by the
-- votes trigger; hidden_at and deleted_at change only through moderation RPCs.

create table public.posts (
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  thread_id uuid not null,
  parent_id uuid,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  body text not null constraint posts_body_length check (char_length(btrim(body)) between 1 and 20000),
  score integer not null default 0,
  hidden_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  edited_at timestamptz,
  -- The thread is in the same org: a post can never be attached to another tenant's thread.
  constraint posts_thread_fkey foreign key (org_id, thread_id)
    references public.threads (org_id, id) on delete cascade,
  constraint posts_id_thread_id_key unique (id, thread_id),
  constraint posts_org_id_id_key unique (org_id, id),
  -- A reply answers a post of the same thread.
  constraint posts_parent_fkey foreign key (parent_id, thread_id)
    references public.posts (id, thread_id) on delete cascade
);

comment on table public.posts is 'An answer (parent_id null) or a reply to an answer, in a thread.';

create index posts_thread_id_created_at_idx on public.posts (thread_id, created_at);
create index posts_org_id_updated_at_idx on public.posts (org_id, updated_at);
create index posts_parent_id_idx on public.posts (parent_id) where parent_id is not null;
create index posts_author_id_idx on public.posts (author_id);

-- The accepted answer must be a post of the same thread; declared here because posts did not exist yet.
alter table public.threads
  add constraint threads_accepted_post_fkey foreign key (accepted_post_id, id)
    references public.posts (id, thread_id);
create index threads_accepted_post_id_idx on public.threads (accepted_post_id) where accepted_post_id is not null;

-- May the signed-in user write in this thread? It exists in one of their orgs and is open to writing
-- (not locked, hidden or deleted). SECURITY DEFINER: it reads threads regardless of the caller's view.
create function private.can_write_in_thread(target_thread uuid)
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.threads t
    join public.members m on m.org_id = t.org_id and m.user_id = (select auth.uid())
    where t.id = target_thread
      and not t.locked
      and t.hidden_at is null
      and t.deleted_at is null
  );
end;
$$;
revoke all on function private.can_write_in_thread(uuid) from public, anon;
grant execute on function private.can_write_in_thread(uuid) to authenticated;

-- The first answer moves a thread from open to answered. SECURITY DEFINER: the answerer may not
-- update someone else's thread, but the status is a fact about the thread that must follow.
create function private.mark_thread_answered()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if new.parent_id is null then
    update public.threads set status = 'answered' where id = new.thread_id and status = 'open';
  end if;
  return null;
end;
$$;
revoke all on function private.mark_thread_answered() from public, anon;

create trigger posts_mark_thread_answered
  after insert on public.posts
  for each row execute function private.mark_thread_answered();

create function private.stamp_post_edit()
  returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if new.body is distinct from old.body then
    new.edited_at := now();
  end if;
  return new;
end;
$$;
revoke all on function private.stamp_post_edit() from public, anon;

create trigger posts_stamp_edit
  before update on public.posts
  for each row execute function private.stamp_post_edit();

create trigger posts_touch_updated_at
  before update on public.posts
  for each row execute function private.touch_updated_at();

alter table public.posts enable row level security;

revoke all on table public.posts from anon, authenticated;
grant select on table public.posts to authenticated;
grant insert (id, org_id, thread_id, parent_id, author_id, body) on table public.posts to authenticated;
grant update (body) on table public.posts to authenticated;

create policy "Members can read their org's posts"
  on public.posts for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and deleted_at is null
    and (hidden_at is null or author_id = (select auth.uid()))
  );

create policy "Moderators can read hidden posts in their org"
  on public.posts for select
  to authenticated
  using (
    org_id in (select private.org_ids_where_role('moderator', 'admin'))
    and deleted_at is null
  );

create policy "Members can answer open threads in their org"
  on public.posts for insert
  to authenticated
  with check (
    org_id in (select private.member_org_ids())
    and author_id = (select auth.uid())
    and private.can_write_in_thread(thread_id)
  );

create policy "Authors can edit their posts while the thread is open"
  on public.posts for update
  to authenticated
  using (
    author_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
    and deleted_at is null
    and private.can_write_in_thread(thread_id)
  )
  with check (
    author_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
  );
