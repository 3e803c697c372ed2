-- The moderation log: every rule-bearing change to content (hide, restore, lock, unlock, delete) and
-- every dismissed report, with who, when and why. Rows are written only by the RPCs that make those
-- changes (moderate, delete_content) and are never updated or deleted through the API. Moderators
-- and admins of the org read it. Targets are kept as ids without foreign keys, so the log outlives
-- the content it is about.

create table public.moderation_actions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  action text not null
    constraint moderation_actions_action_known
    check (action in ('hide', 'restore', 'lock', 'unlock', 'delete', 'dismiss')),
  target_kind text not null
    constraint moderation_actions_target_kind_known check (target_kind in ('thread', 'post', 'report')),
  target_id uuid not null,
  -- The thread the target belongs to (the thread itself, a post's thread, a report's thread).
  thread_id uuid not null,
  reason text constraint moderation_actions_reason_length check (char_length(btrim(reason)) between 1 and 500),
  created_at timestamptz not null default now()
);

comment on table public.moderation_actions is 'Audit log of moderation and deletions: who did what to which item, when and why.';

create index moderation_actions_org_id_created_at_idx on public.moderation_actions (org_id, created_at desc);
create index moderation_actions_target_id_idx on public.moderation_actions (target_id);
create index moderation_actions_actor_id_idx on public.moderation_actions (actor_id);

alter table public.moderation_actions enable row level security;

revoke all on table public.moderation_actions from anon, authenticated;
grant select on table public.moderation_actions to authenticated;

create policy "Moderators can read their org's moderation log"
  on public.moderation_actions for select
  to authenticated
  using (org_id in (select private.org_ids_where_role('moderator', 'admin')));
