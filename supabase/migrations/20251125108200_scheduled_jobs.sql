-- Scheduled jobs, with pg_cron where the server has it (Supabase does: Integrations > Cron):
--   peerside-expire-mentor-requests  every 15 minutes  select public.expire_mentor_requests()
--       Requests unanswered for 14 days become expired (20251125102200_mentor_request_rpcs.sql). The
--       function is SECURITY DEFINER and executable by service_role only; the job runs as the role that
--       applied this migration (postgres, which owns the function).
--   peerside-prune-deleted-rows      daily at 03:23 UTC  select private.prune_deleted_rows()
--       Deletes delete tombstones (private.deleted_rows) older than the retention that pull_changes
--       honours. The function comes from the pull_changes v2 migration; a job's command is only text,
--       so nothing here depends on it until the job runs.
-- cron.schedule replaces a job of the same name, so scheduling is idempotent: applying this again (or
-- after someone rescheduled a job in the dashboard) leaves exactly these two jobs, as written here.
--
-- Where pg_cron is not available (PGlite, Peerside's local stack) or is installed but not loaded for
-- this database (it needs shared_preload_libraries = 'pg_cron' and cron.database_name naming this
-- database), this migration changes nothing and says so in a NOTICE. The local stack then runs the same
-- jobs itself on a timer (scripts/backend/index.mjs).
--
-- On Supabase, pg_cron is created in schema pg_catalog (its tables and functions live in schema cron)
-- and postgres is granted the cron schema, as Supabase's Cron guide does. Supabase preloads pg_cron
-- with cron.database_name = postgres, the database migrations run in.

do $$
declare
  installed boolean := exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron');
begin
  if not installed and not exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron is not available on this server, so no job is scheduled. Run '
      'public.expire_mentor_requests() every 15 minutes and private.prune_deleted_rows() daily some other way '
      '(the local stack does it on a timer).';
    return;
  end if;
  -- pg_cron defines cron.database_name only when it is preloaded, and can be created only there.
  if not installed
     and current_setting('cron.database_name', true) is distinct from pg_catalog.current_database() then
    raise notice 'pg_cron is installed but not loaded for database % (set shared_preload_libraries = ''pg_cron'' '
      'and cron.database_name = ''%'', then restart), so no job is scheduled.',
      pg_catalog.current_database(), pg_catalog.current_database();
    return;
  end if;

  create extension if not exists pg_cron with schema pg_catalog;
  grant usage on schema cron to postgres;
  grant all privileges on all tables in schema cron to postgres;

  perform cron.schedule('peerside-expire-mentor-requests', '*/15 * * * *',
    'select public.expire_mentor_requests()');
  perform cron.schedule('peerside-prune-deleted-rows', '23 3 * * *',
    'select private.prune_deleted_rows()');
end;
$$;
