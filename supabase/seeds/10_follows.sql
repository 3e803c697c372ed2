-- Follows, edit history and mentions (20251125107000_follows.sql to 20251125107300_activity_notifications.sql),
-- on the people, places and threads of seed.sql. Every question's author already follows it: the
-- threads trigger did that as seed.sql inserted them. Runs as postgres, after seed.sql.

-- Grace follows the quiz lesson (new questions there); Tomás, moderating, the whole Moodle course;
-- Priya the Canvas course; Mei, who upvoted Sofia's answer, Jonas's temperature question. In Contoso,
-- Ben follows the same Moodle course key, which is Contoso's own place and tells him nothing of
-- Northwind's questions.
insert into public.follows (id, org_id, user_id, thread_id, place_key, created_at) values
  ('f0110000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000003', null, 'moodle|moodle.localhost:8080|4021|cm:1325312',
    now() - interval '20 days'),
  ('f0110000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000002', null, 'moodle|moodle.localhost:8080|4021', now() - interval '30 days'),
  ('f0110000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000001', null, 'canvas|canvas.localhost:8080|1730', now() - interval '30 days'),
  ('f0110000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000007', 'd4000000-0000-4000-8000-000000000002', null, now() - interval '5 days'),
  ('f0110000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'b2000000-0000-4000-8000-000000000002', null, 'moodle|moodle.localhost:8080|4021', now() - interval '10 days');

-- Sofia edited her answer to Jonas twice: the history keeps the text as first posted (version 1) and
-- the first edit (version 2); the post holds the current text. The triggers date these edits now, so
-- they are dated back to when Sofia made them, about four days ago.
update public.posts
set body = 'Ratio data needs a true zero meaning "none of it". 0 °C is not "no temperature", so ratios are meaningless: 20 °C is not twice as hot as 10 °C. In kelvin they work, because 0 K really is no heat.'
where id = 'e5000000-0000-4000-8000-000000000004';

update public.posts
set body = 'Ratio data needs a true zero meaning "none of it". 0 °C is not "no temperature", so ratios are meaningless: 20 °C is not twice as hot as 10 °C. In kelvin they work, because 0 K really is no heat. Fahrenheit has the same problem: its zero is just as arbitrary.'
where id = 'e5000000-0000-4000-8000-000000000004';

update public.revisions
set replaced_by = 'a1000000-0000-4000-8000-000000000006',
    written_at = case version when 1 then written_at else now() - interval '4 days 20 hours' end,
    replaced_at = case version when 1 then now() - interval '4 days 20 hours' else now() - interval '4 days' end
where post_id = 'e5000000-0000-4000-8000-000000000004';

update public.posts set edited_at = now() - interval '4 days'
where id = 'e5000000-0000-4000-8000-000000000004';

-- Sofia answers Mei's charter question and mentions Tomás: Mei is told of the answer (`answer`) and
-- Tomás of the mention (`mention`), both unread.
insert into public.posts (id, org_id, thread_id, parent_id, author_id, body, mentioned_user_ids, created_at,
  updated_at)
values
  ('e5070000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000004', null, 'a1000000-0000-4000-8000-000000000006',
    'I added a column for what each stakeholder needs from the project. Tomás Álvarez suggested it when he ran this module, and it made the week 2 grid much quicker to fill in.',
    '{a1000000-0000-4000-8000-000000000002}', now() - interval '2 days', now() - interval '2 days');
