-- Revisions: the edit history of questions and posts. When an author edits a question's title, body
-- or tags, or a post's body, a trigger keeps the version being replaced: its text, when it was
-- written (written_at: when it was posted or last edited), who replaced it and when (replaced_by,
-- replaced_at), numbered per item from 1 (the text as first posted). The current text stays in the
-- thread or post; a row with post_id null is a version of the question itself.
-- Nobody writes the table through the API, and nobody updates or deletes its rows (a hard delete of
-- the item takes its history with it). A revision is readable by exactly those who can read the item
-- now, as decided by the item's own policies: members of the org read the history of visible items,
-- the author and moderators that of hidden ones, nobody that of deleted ones.
-- Bounded: each text has the limits of the column it copies, and an item keeps its first version
-- (what was first shown, which moderation may need) and its 49 latest, at most 50 revisions: an
-- older one in between is dropped when a new one arrives. Not part of pull_changes: the panel reads
-- an item's history when asked (`select * from revisions where post_id = $1 order by version desc`).

create table public.revisions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  thread_id uuid not null,
  -- null: a version of the question (title, body, tags); set: a version of that post's body.
  post_id uuid,
  version integer not null constraint revisions_version_positive check (version >= 1),
  title text constraint revisions_title_length check (char_length(btrim(title)) between 3 and 200),
  tags text[] constraint revisions_tags_bounded check (private.is_valid_tag_list(tags, 10, 32)),
  body text not null constraint revisions_body_length check (char_length(btrim(body)) <= 20000),
  written_at timestamptz not null,
  replaced_by uuid references auth.users (id) on delete set null,
  replaced_at timestamptz not null default now(),
  constraint revisions_thread_fkey foreign key (org_id, thread_id)
    references public.threads (org_id, id) on delete cascade,
  constraint revisions_post_fkey foreign key (org_id, post_id)
    references public.posts (org_id, id) on delete cascade,
  -- A question's version has its title and tags; a post's has only a body.
  constraint revisions_shape_matches_item check (
    case when post_id is null then title is not null and tags is not null else title is null and tags is null end
  ),
  -- One row per version of an item. Leads with thread_id: a question's history (post_id is null) and
  -- the threads foreign key.
  constraint revisions_one_per_version unique nulls not distinct (thread_id, post_id, version)
);

comment on table public.revisions is 'Earlier versions of a question (title, body, tags) or a post (body), kept by triggers on edit. Readable as the item is.';

-- A post's history, and the posts foreign key; the org and editor foreign keys.
create index revisions_post_id_version_idx on public.revisions (post_id, version) where post_id is not null;
create index revisions_org_id_idx on public.revisions (org_id);
create index revisions_replaced_by_idx on public.revisions (replaced_by) where replaced_by is not null;

-- AFTER UPDATE of the edited columns (the trigger's WHEN says whether they changed): keep the old
-- version, then drop versions beyond the 50 kept. SECURITY DEFINER: authors may not write revisions.
-- Two edits of one item cannot interleave (the UPDATE holds its row lock), so versions never collide.
create function private.keep_revision()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
declare
  next_version integer;
begin
  if tg_table_name = 'threads' then
    select coalesce(max(r.version), 0) + 1 into next_version
    from public.revisions r where r.thread_id = old.id and r.post_id is null;
    insert into public.revisions (org_id, thread_id, post_id, version, title, tags, body, written_at, replaced_by)
    values (old.org_id, old.id, null, next_version, old.title, old.tags, old.body,
      coalesce(old.edited_at, old.created_at), (select auth.uid()));
    delete from public.revisions r
    where r.thread_id = old.id and r.post_id is null and r.version between 2 and next_version - 49;
  else
    select coalesce(max(r.version), 0) + 1 into next_version
    from public.revisions r where r.post_id = old.id;
    insert into public.revisions (org_id, thread_id, post_id, version, title, tags, body, written_at, replaced_by)
    values (old.org_id, old.thread_id, old.id, next_version, null, null, old.body,
      coalesce(old.edited_at, old.created_at), (select auth.uid()));
    delete from public.revisions r
    where r.post_id = old.id and r.version between 2 and next_version - 49;
  end if;
  return null;
end;
$$;
revoke all on function private.keep_revision() from public, anon;

create trigger threads_keep_revision
  after update of title, body, tags on public.threads
  for each row
  when ((old.title, old.body, old.tags) is distinct from (new.title, new.body, new.tags))
  execute function private.keep_revision();

create trigger posts_keep_revision
  after update of body on public.posts
  for each row
  when (old.body is distinct from new.body)
  execute function private.keep_revision();

alter table public.revisions enable row level security;

revoke all on table public.revisions from anon, authenticated;
grant select on table public.revisions to authenticated;

-- The subqueries see threads and posts through their own policies, so a revision is readable exactly
-- when its item is (one primary-key lookup per revision).
create policy "Members can read the history of what they can read"
  on public.revisions for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and case
      when post_id is null then exists (select 1 from public.threads t where t.id = revisions.thread_id)
      else exists (select 1 from public.posts p where p.id = revisions.post_id)
    end
  );
