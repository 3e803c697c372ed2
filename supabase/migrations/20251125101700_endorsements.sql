-- Endorsements: a member vouches for a peer's helpful post (an answer or a reply) or for a skill the
-- peer lists on their profile. Never for themselves, at most once per endorser and target while it
-- stands. Written only through endorse and withdraw_endorsement (which check the target and who may
-- endorse it); a withdrawal is recorded in withdrawn_at rather than deleting the row, so a replayed
-- endorse of the same id stays a no-op and the history of who vouched when is kept.

create table public.endorsements (
  -- Client-generated, so a replayed endorsement from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  endorser_id uuid not null,
  target_kind text not null constraint endorsements_target_kind_known check (target_kind in ('post', 'skill')),
  post_id uuid,
  -- The endorsed member: the post's author, or the member whose skill it is.
  member_user_id uuid not null,
  skill text constraint endorsements_skill_length check (char_length(btrim(skill)) between 1 and 40),
  note text constraint endorsements_note_length check (char_length(note) <= 500),
  withdrawn_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Both people are members of the endorsement's org, and an endorsed post is in it too.
  constraint endorsements_endorser_fkey foreign key (org_id, endorser_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint endorsements_member_fkey foreign key (org_id, member_user_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint endorsements_post_fkey foreign key (org_id, post_id)
    references public.posts (org_id, id) on delete cascade,
  constraint endorsements_target_matches_kind
    check ((target_kind = 'post') = (post_id is not null) and (target_kind = 'skill') = (skill is not null)),
  constraint endorsements_not_self check (endorser_id <> member_user_id)
);

comment on table public.endorsements is 'A member''s endorsement of a peer''s post or profile skill. Written through endorse and withdraw_endorsement.';

-- At most one standing endorsement per endorser and target; these also serve a post's or a member's
-- counts and the post foreign key.
create unique index endorsements_one_per_endorser_and_post
  on public.endorsements (post_id, endorser_id) where target_kind = 'post' and withdrawn_at is null;
create unique index endorsements_one_per_endorser_and_skill
  on public.endorsements (member_user_id, org_id, skill, endorser_id)
  where target_kind = 'skill' and withdrawn_at is null;
-- A member's endorsements received (profiles) and given, and the member foreign keys.
create index endorsements_member_user_id_org_id_idx on public.endorsements (member_user_id, org_id);
create index endorsements_endorser_id_org_id_idx on public.endorsements (endorser_id, org_id);
create index endorsements_org_id_post_id_idx on public.endorsements (org_id, post_id) where post_id is not null;

create trigger endorsements_touch_updated_at
  before update on public.endorsements
  for each row execute function private.touch_updated_at();

alter table public.endorsements enable row level security;

revoke all on table public.endorsements from anon, authenticated;
grant select on table public.endorsements to authenticated;

create policy "Members can read standing endorsements and their own"
  on public.endorsements for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (withdrawn_at is null or endorser_id = (select auth.uid()))
  );
