-- search_threads: full-text search over questions (title and body) and their answers and replies,
-- ranked, newest first among equals, at most 50 threads. SECURITY INVOKER: RLS on threads and posts
-- decides what the caller can find, so it never finds another org's content, hidden content it
-- could not read, or anything deleted. The 'simple' configuration (no stemming, no stop words) is
-- language-neutral, which suits organisations that write in several languages.
--
-- Speed at a million posts: a common word matches rows in every org, and RLS would discard most of
-- them only after fetching them. So each indexed vector also carries one lexeme naming its org,
-- '~org<uuid>' (the parser drops '~', so no text can produce it), and the query ANDs the caller's org
-- lexemes in: the GIN index intersects the two posting lists and fetches only the caller's org's
-- matches. The expressions below must stay identical to the indexed ones for the index to apply.
-- Under RLS Postgres cannot use that index at all: @@ is not LEAKPROOF, so it may not run before the
-- policies, i.e. not as an index condition. The match therefore runs in private.search_matches
-- (SECURITY DEFINER, limited to the caller's orgs by the lexeme), which returns only ids and scores;
-- search_threads then reads every thread and matching post through RLS by primary key, so a hidden
-- post's words never make its thread findable for someone who cannot read that post.

create index threads_search_idx on public.threads using gin ((
  setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, body), 'B')
    || array_to_tsvector(array['~org' || org_id::text])
));
create index posts_search_idx on public.posts using gin ((
  to_tsvector('simple'::regconfig, body) || array_to_tsvector(array['~org' || org_id::text])
));

create function private.search_matches(words tsquery)
  returns table (thread_id uuid, post_id uuid, score real)
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
declare
  in_my_orgs tsquery;
  wanted tsquery;
begin
  select string_agg(quote_literal('~org' || o::text), ' | ')::tsquery into in_my_orgs
  from private.member_org_ids() o;
  if in_my_orgs is null or numnode(words) = 0 then
    return;
  end if;
  wanted := words && in_my_orgs;
  return query
    select t.id, null::uuid,
      ts_rank(setweight(to_tsvector('simple'::regconfig, t.title), 'A')
        || setweight(to_tsvector('simple'::regconfig, t.body), 'B'), words)
    from public.threads t
    where (setweight(to_tsvector('simple'::regconfig, t.title), 'A')
        || setweight(to_tsvector('simple'::regconfig, t.body), 'B')
        || array_to_tsvector(array['~org' || t.org_id::text])) @@ wanted
    union all
    -- An answer's match counts for less than the question's own words.
    select p.thread_id, p.id, ts_rank(to_tsvector('simple'::regconfig, p.body), words) * 0.5::real
    from public.posts p
    where (to_tsvector('simple'::regconfig, p.body) || array_to_tsvector(array['~org' || p.org_id::text])) @@ wanted;
end;
$$;
revoke all on function private.search_matches(tsquery) from public, anon;
grant execute on function private.search_matches(tsquery) to authenticated;

create function public.search_threads(query text, place_key text default null)
  returns table (
    id uuid,
    org_id uuid,
    -- The thread's place key ("place", because place_key names the filter argument).
    place text,
    title text,
    excerpt text,
    status text,
    created_at timestamptz,
    rank real,
    matched_in text
  )
  language plpgsql
  stable
  security invoker
  set search_path = ''
as $$
begin
  if query is null or char_length(btrim(query)) not between 1 and 200 then
    raise exception 'Search for 1 to 200 characters.' using errcode = '22023';
  end if;

  return query
  with visible as (
    select m.thread_id, m.score, case when m.post_id is null then 'question' else 'answer' end as matched
    from private.search_matches(websearch_to_tsquery('simple'::regconfig, query)) m
    -- RLS on posts: a match in a post the caller cannot read does not count.
    where m.post_id is null or exists (select 1 from public.posts p where p.id = m.post_id)
  ),
  best as (
    select distinct on (v.thread_id) v.thread_id, v.score, v.matched
    from visible v
    order by v.thread_id, v.score desc
  )
  select t.id, t.org_id, t.place_key, t.title, left(t.body, 280), t.status, t.created_at, b.score, b.matched
  from best b
  -- RLS on threads: only threads the caller can read.
  join public.threads t on t.id = b.thread_id
  where search_threads.place_key is null or t.place_key = search_threads.place_key
  order by b.score desc, t.created_at desc, t.id
  limit 50;
end;
$$;

comment on function public.search_threads(text, text) is
  'Full-text search (simple config) over thread titles, bodies and their answers; ranked; RLS-scoped; 50 threads at most.';

revoke all on function public.search_threads(text, text) from public, anon, authenticated, service_role;
grant execute on function public.search_threads(text, text) to authenticated;
