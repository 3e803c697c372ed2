-- Change tracking for peer reviews, so pull_changes (20251125104200_pull_changes_v2.sql) can stream
-- review_requests and reviews the way it streams threads, posts and votes. The three rules of
-- 20251125101000_change_tracking.sql, for the two review tables:
--   1. every UPDATE bumps updated_at: both tables have touch triggers already. Closing a request also
--      changes who may read its reviews (peers of the org lose them; the requester and each reviewer
--      keep them) without touching the reviews' rows, so a pull after the close would never tell a
--      peer's cache to drop them. The trigger below touches the reviews of a request whose closed_at
--      changes, so each review comes round again: as a tombstone to the peers who may no longer read
--      it, as the row to those who still may.
--   2. a hard DELETE (a cascade from a departed member, a deleted place or org) leaves a tombstone in
--      private.deleted_rows, with the new kinds 'review_request' and 'review'; a row inserted again
--      under a deleted id (a replayed request_review) takes its tombstone away;
--   3. the keyset (org_id, updated_at, id) is served by one index per table.
-- Nobody reads or writes these through the API; the triggers are SECURITY DEFINER in private.

alter table private.deleted_rows drop constraint deleted_rows_kind_known;
alter table private.deleted_rows add constraint deleted_rows_kind_known
  check (kind in ('thread', 'post', 'vote', 'review_request', 'review'));

comment on table private.deleted_rows is
  'Tombstones of hard-deleted threads, posts, votes, review requests and reviews, for pull_changes.';

create trigger review_requests_record_deletion
  after delete on public.review_requests
  for each row execute function private.record_deletion('review_request');
create trigger reviews_record_deletion
  after delete on public.reviews
  for each row execute function private.record_deletion('review');

create trigger review_requests_forget_deletion
  after insert on public.review_requests
  for each row execute function private.forget_deletion('review_request');
create trigger reviews_forget_deletion
  after insert on public.reviews
  for each row execute function private.forget_deletion('review');

-- Touches the reviews of a request whose closed_at changed (rule 1 above). SECURITY DEFINER: nobody
-- holds UPDATE on reviews; close_review_request is the only API path here, and it runs as the owner.
create function private.touch_reviews_of_request()
  returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  update public.reviews v set updated_at = now() where v.request_id = new.id;
  return null;
end;
$$;
revoke all on function private.touch_reviews_of_request() from public, anon;

create trigger review_requests_touch_reviews
  after update of closed_at on public.review_requests
  for each row
  when (old.closed_at is distinct from new.closed_at)
  execute function private.touch_reviews_of_request();

-- The keyset indexes of pull_changes: the org, then (updated_at, id) in pull order, so a page is one
-- index range scan however many requests and reviews the org has.
create index review_requests_org_id_updated_at_id_idx on public.review_requests (org_id, updated_at, id);
create index reviews_org_id_updated_at_id_idx on public.reviews (org_id, updated_at, id);
