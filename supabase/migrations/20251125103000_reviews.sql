-- Reviews: one per reviewer and request, by a member of the request's org who is not its requester,
-- with a score of 1 to 5 for each criterion of the rubric ({"Clarity": 4, ...}) and a comment.
-- Written only through submit_review (which matches the scores to the rubric and refuses closed
-- requests); readable by whoever can read the request (open ones, or the requester's own), and by
-- the reviewer.

create table public.reviews (
  -- Client-generated, so a replayed review from the outbox is a no-op.
  id uuid primary key,
  org_id uuid not null references public.orgs (id) on delete cascade,
  request_id uuid not null,
  reviewer_id uuid not null,
  scores jsonb not null constraint reviews_scores_object check (jsonb_typeof(scores) = 'object'),
  comment text constraint reviews_comment_length check (char_length(comment) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint reviews_request_fkey foreign key (org_id, request_id)
    references public.review_requests (org_id, id) on delete cascade,
  constraint reviews_reviewer_fkey foreign key (org_id, reviewer_id)
    references public.members (org_id, user_id) on delete cascade,
  -- One review per reviewer and request; also serves a request's reviews and the request key.
  constraint reviews_one_per_reviewer unique (request_id, reviewer_id)
);

comment on table public.reviews is 'A peer''s review of a review request: a 1-5 score per rubric criterion and a comment. Written through submit_review.';

create index reviews_org_id_request_id_idx on public.reviews (org_id, request_id);
create index reviews_reviewer_id_org_id_idx on public.reviews (reviewer_id, org_id);

create trigger reviews_touch_updated_at
  before update on public.reviews
  for each row execute function private.touch_updated_at();

alter table public.reviews enable row level security;

revoke all on table public.reviews from anon, authenticated;
grant select on table public.reviews to authenticated;

-- The subquery sees review_requests through its own policy: open requests, or the caller's own.
create policy "Members can read reviews of readable requests and their own"
  on public.reviews for select
  to authenticated
  using (
    org_id in (select private.member_org_ids())
    and (
      reviewer_id = (select auth.uid())
      or request_id in (select r.id from public.review_requests r)
    )
  );
