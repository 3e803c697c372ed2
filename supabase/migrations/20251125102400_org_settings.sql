-- Org settings: one row per org, chosen by its admins. Absent row = every default below, which is the
-- behaviour before settings existed, so an org nobody has configured works exactly as it always did.
--   qa_enabled, endorsements_enabled, mentoring_enabled  a feature turned off refuses its writes (42501)
--   anonymous_posting  whether the extension offers "post anonymously" (a client choice; no rule here)
--   pre_moderation     new questions and answers of learners start hidden until a moderator restores them
-- Written only through update_org_settings (admins; it records who changed it last and when in
-- updated_by and updated_at). Members of the org read it; the enforcement is in the next migration.

create table public.org_settings (
  org_id uuid primary key references public.orgs (id) on delete cascade,
  qa_enabled boolean not null default true,
  endorsements_enabled boolean not null default true,
  mentoring_enabled boolean not null default true,
  anonymous_posting boolean not null default false,
  pre_moderation boolean not null default false,
  updated_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.org_settings is 'An org''s feature switches and moderation mode. No row means the defaults. Written through update_org_settings.';

create index org_settings_updated_by_idx on public.org_settings (updated_by) where updated_by is not null;

create trigger org_settings_touch_updated_at
  before update on public.org_settings
  for each row execute function private.touch_updated_at();

alter table public.org_settings enable row level security;

revoke all on table public.org_settings from anon, authenticated;
grant select on table public.org_settings to authenticated;

create policy "Members can read their organisation's settings"
  on public.org_settings for select
  to authenticated
  using (org_id in (select private.member_org_ids()));
