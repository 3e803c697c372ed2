-- The private schema: permission checks and trigger functions that policies and RPCs call. PostgREST
-- exposes only `public` (config.toml [api] schemas), so nothing here is reachable over the API.
-- authenticated needs USAGE and EXECUTE because RLS policies run with the caller's privileges.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated;

-- The organisations the signed-in user belongs to. Policies call it as
-- `org_id in (select private.member_org_ids())` so Postgres evaluates it once per statement, not once
-- per row. SECURITY DEFINER because members has RLS of its own, which would recurse.
-- plpgsql rather than sql: its body is resolved at call time, so it can be created before members.
create function private.member_org_ids()
  returns setof uuid
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return query
    select m.org_id from public.members m where m.user_id = (select auth.uid());
end;
$$;

-- The organisations where the signed-in user holds one of `roles` (for moderator and admin rules).
create function private.org_ids_where_role(variadic roles text[])
  returns setof uuid
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return query
    select m.org_id from public.members m
    where m.user_id = (select auth.uid()) and m.role = any (roles);
end;
$$;

-- Does the signed-in user hold one of `roles` in `target_org`? For RPCs that check one org.
create function private.has_org_role(target_org uuid, variadic roles text[])
  returns boolean
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  return exists (
    select 1 from public.members m
    where m.org_id = target_org and m.user_id = (select auth.uid()) and m.role = any (roles)
  );
end;
$$;

-- Bounded tag and skill lists, for CHECK constraints (which cannot hold subqueries). Tags are
-- lowercase slugs so the same tag is written one way: "sql-joins", not "SQL Joins ".
create function private.is_valid_tag_list(tags text[], max_items integer, max_length integer)
  returns boolean
  language sql
  immutable
  set search_path = ''
as $$
  select coalesce(cardinality(tags), 0) <= max_items
    and coalesce(bool_and(tag ~ '^[a-z0-9][a-z0-9+#.-]*$' and char_length(tag) <= max_length), true)
  from unnest(tags) as tag
$$;

create function private.is_valid_label_list(labels text[], max_items integer, max_length integer)
  returns boolean
  language sql
  immutable
  set search_path = ''
as $$
  select coalesce(cardinality(labels), 0) <= max_items
    and coalesce(bool_and(char_length(btrim(label)) between 1 and max_length), true)
  from unnest(labels) as label
$$;

-- Keeps updated_at honest for delta pulls: the client asks for rows changed since its cursor.
create function private.touch_updated_at()
  returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

revoke all on all functions in schema private from public, anon;
grant execute on function private.member_org_ids() to authenticated;
grant execute on function private.org_ids_where_role(text[]) to authenticated;
grant execute on function private.has_org_role(uuid, text[]) to authenticated;
grant execute on function private.is_valid_tag_list(text[], integer, integer) to authenticated, service_role;
grant execute on function private.is_valid_label_list(text[], integer, integer) to authenticated, service_role;
