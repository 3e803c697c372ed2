-- accept_answer: the thread's author, or a moderator or admin of its org, marks one answer as the
-- accepted one. It records who accepted and when (accepted_by, accepted_at) and moves the thread to
-- "resolved". Accepting another answer later replaces the choice. A locked thread can only be
-- changed by a moderator. SECURITY DEFINER because learners may not update threads directly; every
-- check is explicit below and every refusal is a sentence with an SQLSTATE the client can branch on:
--   42501 (HTTP 403) not allowed, P0001 (HTTP 400) no such thread or answer.

create function public.accept_answer(thread_id uuid, post_id uuid)
  returns public.threads
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  thread public.threads;
  is_moderator boolean;
begin
  if caller is null then
    raise exception 'Sign in to accept an answer.' using errcode = '42501';
  end if;

  select t.* into thread from public.threads t where t.id = accept_answer.thread_id for update;
  -- A thread in another org, or a deleted one, does not exist as far as this caller can tell.
  if not found or thread.deleted_at is not null
     or not private.has_org_role(thread.org_id, 'learner', 'mentor', 'moderator', 'admin') then
    raise exception 'This question does not exist or you cannot see it.' using errcode = 'P0001';
  end if;

  is_moderator := private.has_org_role(thread.org_id, 'moderator', 'admin');
  if thread.author_id is distinct from caller and not is_moderator then
    raise exception 'Only the person who asked, or a moderator, can accept an answer.' using errcode = '42501';
  end if;
  if thread.locked and not is_moderator then
    raise exception 'This question is locked; only a moderator can change it.' using errcode = '42501';
  end if;

  if not exists (
    select 1 from public.posts p
    where p.id = accept_answer.post_id
      and p.thread_id = thread.id
      and p.parent_id is null
      and p.hidden_at is null
      and p.deleted_at is null
  ) then
    raise exception 'Only a visible answer to this question can be accepted.' using errcode = 'P0001';
  end if;

  update public.threads t
  set accepted_post_id = accept_answer.post_id,
      accepted_by = caller,
      accepted_at = now(),
      status = 'resolved'
  where t.id = thread.id
  returning t.* into thread;

  return thread;
end;
$$;

comment on function public.accept_answer(uuid, uuid) is
  'Accept an answer: the asker or a moderator/admin of the org. Sets accepted_post_id, accepted_by, accepted_at and status.';

revoke all on function public.accept_answer(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function public.accept_answer(uuid, uuid) to authenticated;
