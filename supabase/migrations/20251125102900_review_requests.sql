-- Review requests: a learner asks the peers of their org to review a piece of work, a link (https
-- only) or a text, optionally at a place, against a short rubric of 2 to 5 criteria (a jsonb array
-- of distinct labels). Open until the requester closes it (closed_at). Written only through
-- request_review and close_review_request; members of the org read open requests, the requester
-- also their closed ones.

-- A rubric: a json array of 2 to 5 distinct (ignoring case) labels of 1 to 80 characters, trimmed.
create function private.is_valid_rubric(rubric jsonb)
  returns boolean
  language sql
  immutable
  set search_path = ''
as $$
  select case
    when rubric is null or jsonb_typeof(rubric) <> 'array' then false
    when jsonb_array_length(rubric) not between 2 and 5 then false
    else (
      select bool_and(jsonb_typeof(c.value) = 'string'
          and char_length(c.value #>> '{}') between 1 and 80
          and c.value #>> '{}' = btrim(c.value #>> '{}'))
        and count(distinct lower(c.value #>> '{}')) = count(*)
      from jsonb_array_elements(rubric) as c (value)
    )
  end
$$;
revoke all on function private.is_valid_rubric(jsonb) from public, anon;
grant execute on function private.is_valid_rubric(jsonb) to authenticated, service_role;

create table public.review_requests (
  -- Client-generated, so a replayed request from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  requester_id uuid not null,
  place_key text,
  title text not null constraint review_requests_title_length check (char_length(btrim(title)) between 1 and 200),
  work_url text constraint review_requests_work_url_https
    check (char_length(work_url) <= 2000 and work_url ~ '^https://[^[:space:]]+$'),
  work_text text constraint review_requests_work_text_length
    check (char_length(btrim(work_text)) between 1 and 20000),
  rubric jsonb not null constraint review_requests_rubric_valid check (private.is_valid_rubric(rubric)),
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint review_requests_requester_fkey foreign key (org_id, requester_id)
    references public.members (org_id, user_id) on delete cascade,
  constraint review_requests_place_fkey foreign key (org_id, place_key)
    references public.places (org_id, key) on delete cascade,
  constraint review_requests_one_kind_of_work check (num_nonnulls(work_url, work_text) = 1),
  -- Reviews reference (org_id, id), so a review is always in its request's org.
  constraint review_requests_org_id_id_key unique (org_id, id)
);

comment on table public.review_requests is 'A member''s request for peer review of a link or text against a rubric. Written through request_review and close_review_request.';

-- The org's open requests, newest first; a requester's own (and the rate limit); the place key.
create index review_requests_org_id_created_at_open_idx
  on public.review_requests (org_id, created_at desc) where closed_at is null;
create index review_requests_requester_id_created_at_idx on public.review_requests (requester_id, created_at);
create index review_requests_org_id_place_key_idx on public.review_requests (org_id, place_key)
  where place_key is not null;

create trigger review_requests_touch_updated_at
  before update on public.review_requests
  for each row execute function private.touch_updated_at();

alter table public.review_requests enable row level security;

revoke all on table public.review_requests from anon, authenticated;
grant select on table public.review_requests to authenticated;

create policy "Members can read open review requests and their own"
  on public.review_requests for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (closed_at is null or requester_id = (select auth.uid()))
  );
