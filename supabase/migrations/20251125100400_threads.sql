-- Threads: a question asked at a place. Clients generate the id, so a replayed insert from the offline
-- outbox (`Prefer: resolution=ignore-duplicates`, i.e. ON CONFLICT DO NOTHING) is a no-op.
-- Authors may edit title, body and tags. status, accepted_post_id, locked, hidden_at and deleted_at
-- carry rules and change only through RPCs (accept_answer) or triggers, never by a direct write.

create table public.threads (
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  place_key text not null,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  title text not null constraint threads_title_length check (char_length(btrim(title)) between 3 and 200),
  body text not null default '' constraint threads_body_length check (char_length(body) <= 20000),
  tags text[] not null default '{}' constraint threads_tags_bounded check (private.is_valid_tag_list(tags, 10, 32)),
  status text not null default 'open'
    constraint threads_status_known check (status in ('open', 'answered', 'resolved')),
  accepted_post_id uuid,
  accepted_by uuid references auth.users (id) on delete set null,
  accepted_at timestamptz,
  locked boolean not null default false,
  hidden_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  edited_at timestamptz,
  -- The place must exist in the same org: a thread can never point into another tenant.
  constraint threads_place_fkey foreign key (org_id, place_key)
    references public.places (org_id, key) on update cascade on delete cascade,
  -- Lets posts and votes reference (org_id, id) so their org always matches their thread's.
  constraint threads_org_id_id_key unique (org_id, id),
  constraint threads_resolved_has_answer check ((status = 'resolved') = (accepted_post_id is not null))
);

comment on table public.threads is 'A question at a place. Rule-bearing columns change only through RPCs and triggers.';

-- thread_list: one place's threads, newest first. place_key leads because thread_list filters on it
-- alone (RLS adds org_id as a hashed subplan, which cannot drive an index before Postgres 18's skip
-- scan); it also serves the (org_id, place_key) foreign key.
create index threads_place_key_org_id_created_at_idx on public.threads (place_key, org_id, created_at desc);
create index threads_org_id_updated_at_idx on public.threads (org_id, updated_at);
create index threads_author_id_idx on public.threads (author_id);
create index threads_accepted_by_idx on public.threads (accepted_by);

-- Edits bump edited_at so readers can show "edited"; any other change bumps only updated_at.
create function private.stamp_thread_edit()
  returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if (new.title, new.body, new.tags) is distinct from (old.title, old.body, old.tags) then
    new.edited_at := now();
  end if;
  return new;
end;
$$;
revoke all on function private.stamp_thread_edit() from public, anon;

create trigger threads_stamp_edit
  before update on public.threads
  for each row execute function private.stamp_thread_edit();

create trigger threads_touch_updated_at
  before update on public.threads
  for each row execute function private.touch_updated_at();

alter table public.threads enable row level security;

revoke all on table public.threads from anon, authenticated;
grant select on table public.threads to authenticated;
grant insert (id, org_id, place_key, author_id, title, body, tags) on table public.threads to authenticated;
grant update (title, body, tags) on table public.threads to authenticated;

-- Soft-deleted threads are gone for everyone; hidden (moderated) ones stay visible to their author and
-- to moderators, so the author can see why and a moderator can restore.
create policy "Members can read their org's threads"
  on public.threads for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and deleted_at is null
    and (hidden_at is null or author_id = (select auth.uid()))
  );

create policy "Moderators can read hidden threads in their org"
  on public.threads for select
  to authenticated
  using (
    org_id in (select private.org_ids_where_role('moderator', 'admin'))
    and deleted_at is null
  );

create policy "Members can ask questions in their org"
  on public.threads for insert
  to authenticated
  with check (
    org_id in (select private.member_org_ids())
    and author_id = (select auth.uid())
  );

create policy "Authors can edit their questions until locked"
  on public.threads for update
  to authenticated
  using (
    author_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
    and not locked
    and deleted_at is null
  )
  with check (
    author_id = (select auth.uid())
    and org_id in (select private.member_org_ids())
  );
