-- The custom access token hook: Supabase Auth calls it (as supabase_auth_admin) before it issues every
-- access token, and it adds the user's org and role to app_metadata:
--   app_metadata.org_id   the org of the user's first membership (one project serves one customer,
--                         so one membership is the normal case)
--   app_metadata.org_role learner | mentor | moderator | admin
-- Clients use the claim to choose what to show; the database never trusts it for a decision: every
-- policy and RPC checks the members row. A user with no membership gets no org claim and sees nothing.
-- Enable it in supabase/config.toml ([auth.hook.custom_access_token]) and, on a hosted project, under
-- Authentication > Hooks in the dashboard.

create function public.custom_access_token_hook(event jsonb)
  returns jsonb
  language plpgsql
  stable
  set search_path = ''
as $$
declare
  claims jsonb := coalesce(event -> 'claims', '{}'::jsonb);
  membership record;
begin
  select m.org_id, m.role into membership
  from public.members m
  where m.user_id = (event ->> 'user_id')::uuid
  order by m.created_at, m.org_id
  limit 1;

  claims := jsonb_set(claims, '{app_metadata}', coalesce(claims -> 'app_metadata', '{}'::jsonb));
  if found then
    claims := jsonb_set(claims, '{app_metadata,org_id}', to_jsonb(membership.org_id));
    claims := jsonb_set(claims, '{app_metadata,org_role}', to_jsonb(membership.role));
  else
    claims := claims #- '{app_metadata,org_id}' #- '{app_metadata,org_role}';
  end if;

  return jsonb_build_object('claims', claims);
end;
$$;

comment on function public.custom_access_token_hook(jsonb) is
  'Supabase Auth custom access token hook: adds app_metadata.org_id and app_metadata.org_role from members.';

-- Supabase's documented grants for a Postgres hook: only the auth server may run it, and it reads
-- members as supabase_auth_admin (SECURITY INVOKER), through a policy of its own.
grant usage on schema public to supabase_auth_admin;
revoke all on function public.custom_access_token_hook(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;

grant select (org_id, user_id, role, created_at) on table public.members to supabase_auth_admin;

create policy "The auth server can read memberships to build access tokens"
  on public.members for select
  to supabase_auth_admin
  using (true);
