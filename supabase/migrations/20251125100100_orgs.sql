-- Organisations: the tenants. Every other table carries org_id and is read and written only by members
-- of that org. Orgs are created by the service role (provisioning), never through the public API.

create table public.orgs (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint orgs_name_length check (char_length(btrim(name)) between 1 and 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.orgs is 'A customer organisation. Created by provisioning (service role), renamed by its admins.';

create trigger orgs_touch_updated_at
  before update on public.orgs
  for each row execute function private.touch_updated_at();

alter table public.orgs enable row level security;

-- Supabase grants anon and authenticated everything in public by default: take it back, then give
-- authenticated exactly what the policies below are written for.
revoke all on table public.orgs from anon, authenticated;
grant select on table public.orgs to authenticated;
grant update (name) on table public.orgs to authenticated;

create policy "Members can read their own organisations"
  on public.orgs for select
  to authenticated
  using (id in (select private.member_org_ids()));

create policy "Admins can rename their organisation"
  on public.orgs for update
  to authenticated
  using (id in (select private.org_ids_where_role('admin')))
  with check (id in (select private.org_ids_where_role('admin')));
