-- Reports: a member flags a thread or a post for moderators, with a reason from a fixed list and an
-- optional note. A reporter has at most one open report per item. Reports are written only through
-- report_content (which checks the item is visible to the reporter and applies the rate limit) and
-- resolved only through moderate; through the API a member reads their own reports and moderators
-- and admins read their org's.

create table public.reports (
  -- Client-generated, so a replayed report from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  target_kind text not null constraint reports_target_kind_known check (target_kind in ('thread', 'post')),
  -- The reported thread, or the thread of the reported post.
  thread_id uuid not null,
  post_id uuid,
  reporter_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  reason text not null
    constraint reports_reason_known
    check (reason in ('spam', 'harassment', 'off_topic', 'cheating', 'misinformation', 'other')),
  note text constraint reports_note_length check (char_length(note) <= 1000),
  status text not null default 'open'
    constraint reports_status_known check (status in ('open', 'dismissed', 'actioned')),
  resolved_by uuid references auth.users (id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint reports_thread_fkey foreign key (org_id, thread_id)
    references public.threads (org_id, id) on delete cascade,
  constraint reports_post_fkey foreign key (post_id, thread_id)
    references public.posts (id, thread_id) on delete cascade,
  constraint reports_target_matches_kind check ((target_kind = 'post') = (post_id is not null)),
  constraint reports_resolved_when_closed check ((status = 'open') = (resolved_at is null))
);

comment on table public.reports is 'A member''s flag on a thread or post, for moderators. Written through report_content and moderate.';

-- One open report per reporter per item (the item is the post if there is one, else the thread).
create unique index reports_one_open_per_reporter_and_item
  on public.reports (reporter_id, target_kind, coalesce(post_id, thread_id)) where status = 'open';
-- The moderation queue: an org's open reports.
create index reports_org_id_created_at_open_idx on public.reports (org_id, created_at) where status = 'open';
-- Open reports of one item (closing them when it is hidden or deleted), and the foreign keys.
create index reports_thread_id_idx on public.reports (thread_id);
create index reports_post_id_idx on public.reports (post_id) where post_id is not null;
-- The hourly report limit, and the reporter foreign key.
create index reports_reporter_id_created_at_idx on public.reports (reporter_id, created_at);
create index reports_resolved_by_idx on public.reports (resolved_by) where resolved_by is not null;

create trigger reports_touch_updated_at
  before update on public.reports
  for each row execute function private.touch_updated_at();

alter table public.reports enable row level security;

revoke all on table public.reports from anon, authenticated;
grant select on table public.reports to authenticated;

create policy "Members can read the reports they made"
  on public.reports for select
  to authenticated
  using (reporter_id = (select auth.uid()) and org_id in (select private.member_org_ids()));

create policy "Moderators can read the reports in their org"
  on public.reports for select
  to authenticated
  using (org_id in (select private.org_ids_where_role('moderator', 'admin')));
