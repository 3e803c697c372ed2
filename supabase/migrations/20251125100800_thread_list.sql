-- thread_list: the threads at one place, newest first, with the number of visible answers and their
-- summed vote score. SECURITY INVOKER: RLS on threads, posts and members decides what the caller
-- sees, so this function cannot leak anything a direct select could not. Counts come from the
-- (thread_id, created_at) index and the trigger-kept posts.score, so the cost grows with the place's
-- threads, not with the org's posts.

create function public.thread_list(place_key text)
  returns table (
    id uuid,
    org_id uuid,
    author_id uuid,
    author_name text,
    title text,
    body text,
    tags text[],
    status text,
    accepted_post_id uuid,
    locked boolean,
    hidden_at timestamptz,
    created_at timestamptz,
    updated_at timestamptz,
    edited_at timestamptz,
    answer_count integer,
    vote_score integer
  )
  language sql
  stable
  security invoker
  set search_path = ''
as $$
  select
    t.id,
    t.org_id,
    t.author_id,
    m.display_name,
    t.title,
    t.body,
    t.tags,
    t.status,
    t.accepted_post_id,
    t.locked,
    t.hidden_at,
    t.created_at,
    t.updated_at,
    t.edited_at,
    coalesce(answers.answer_count, 0)::integer,
    coalesce(answers.vote_score, 0)::integer
  from public.threads t
  left join public.members m on m.org_id = t.org_id and m.user_id = t.author_id
  left join lateral (
    select count(*) as answer_count, sum(p.score) as vote_score
    from public.posts p
    where p.thread_id = t.id and p.parent_id is null
  ) answers on true
  where t.place_key = thread_list.place_key
  order by t.created_at desc, t.id
$$;

comment on function public.thread_list(text) is
  'Threads at a place (detection key), newest first, with answer_count and vote_score. Subject to RLS.';

revoke all on function public.thread_list(text) from public, anon, authenticated, service_role;
grant execute on function public.thread_list(text) to authenticated;
