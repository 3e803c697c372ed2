-- Demo playlists (issue #4), on the people and places of seed.sql. Northwind: Grace's playlist for the
-- Moodle course "Introduction to Data Analysis", co-curated by Sofia, open to every member, with votes
-- and a link Jonas added to sell quiz answers, which Tomás hid (the playlist moderation log says why);
-- Amara's revision list at the quiz lesson; Mei's curated-only list at the Canvas lesson "Draft a
-- project charter", co-curated by Grace; and Priya's archived set-up list on the Canvas course. Contoso
-- has its own playlist at the same Moodle course key, which Northwind must never see.
-- Runs as postgres after seed.sql, so RLS and the rate limits do not apply, but the score trigger does.

insert into public.playlists (id, org_id, place_key, created_by, title, description, curator_ids, members_can_add,
  archived_at, created_at, updated_at)
values
  ('ab000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021', 'a1000000-0000-4000-8000-000000000003',
    'Variables and measurement scales: the explainers that helped',
    'Readings and videos peers found useful for weeks 1 and 2. Add what helped you; vote up what works, down what is outdated.',
    '{a1000000-0000-4000-8000-000000000006}', true, null, now() - interval '10 days', now() - interval '10 days'),
  ('ab000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021|cm:1325312', 'a1000000-0000-4000-8000-000000000004',
    'Revision for quiz 1', 'What I read before retaking the quiz.', '{}', true, null,
    now() - interval '6 days', now() - interval '6 days'),
  ('ab000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'canvas|canvas.localhost:8080|1730|module_item:448684', 'a1000000-0000-4000-8000-000000000007',
    'Project charter: templates and worked examples',
    'Curated by Mei and Grace. Suggest a resource in the thread and we will add it.',
    '{a1000000-0000-4000-8000-000000000003}', false, null, now() - interval '4 days', now() - interval '4 days'),
  ('ab000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'canvas|canvas.localhost:8080|1730', 'a1000000-0000-4000-8000-000000000001',
    'Week 0: getting set up on Canvas', null, '{}', true, now() - interval '20 days',
    now() - interval '40 days', now() - interval '20 days'),
  ('ab000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'moodle|moodle.localhost:8080|4021', 'b2000000-0000-4000-8000-000000000001',
    'Week 1 datasets and readings', 'Where to start with the week 1 data.', '{}', true, null,
    now() - interval '5 days', now() - interval '5 days');

insert into public.playlist_items (id, org_id, playlist_id, url, title, note, position, added_by, created_at,
  updated_at)
values
  ('ac000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000001', 'https://en.wikipedia.org/wiki/Level_of_measurement',
    'Level of measurement (Wikipedia)',
    'Nominal, ordinal, interval and ratio, with the temperature example from quiz question 4.', 1,
    'a1000000-0000-4000-8000-000000000003', now() - interval '10 days', now() - interval '10 days'),
  ('ac000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000001', 'https://www.openintro.org/book/os/',
    'OpenIntro Statistics (free textbook)', 'Section 1.2 covers types of variables; the PDF is free.', 2,
    'a1000000-0000-4000-8000-000000000006', now() - interval '9 days', now() - interval '9 days'),
  ('ac000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000001',
    'https://www.khanacademy.org/math/statistics-probability/analyzing-categorical-data',
    'Khan Academy: Analyzing categorical data', null, 3, 'a1000000-0000-4000-8000-000000000004',
    now() - interval '8 days', now() - interval '8 days'),
  ('ac000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000001', 'https://seeing-theory.brown.edu/basic-probability/index.html',
    'Seeing Theory: basic probability', 'Interactive; more week 3 than week 1, but a good preview.', 4,
    'a1000000-0000-4000-8000-000000000007', now() - interval '7 days', now() - interval '7 days'),
  ('ac000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000001', 'https://quiz-answers.example.com/moodle-4021',
    'All quiz answers, instant download', 'Cheap!', 5, 'a1000000-0000-4000-8000-000000000005',
    now() - interval '3 days', now() - interval '3 days'),
  ('ac000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000002', 'https://en.wikipedia.org/wiki/Continuous_or_discrete_variable',
    'Continuous or discrete variable (Wikipedia)', 'Cleared up the siblings question for me.', 1,
    'a1000000-0000-4000-8000-000000000004', now() - interval '6 days', now() - interval '6 days'),
  ('ac000000-0000-4000-8000-000000000021', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000003', 'https://en.wikipedia.org/wiki/Project_charter',
    'Project charter (Wikipedia)', 'What goes in a charter and why; short.', 1,
    'a1000000-0000-4000-8000-000000000007', now() - interval '4 days', now() - interval '4 days'),
  ('ac000000-0000-4000-8000-000000000022', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000003', 'https://en.wikipedia.org/wiki/Stakeholder_analysis',
    'Stakeholder analysis (Wikipedia)', 'The power/interest grid here is the one week 2 builds on.', 2,
    'a1000000-0000-4000-8000-000000000003', now() - interval '3 days', now() - interval '3 days'),
  ('ac000000-0000-4000-8000-000000000023', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000003', 'https://en.wikipedia.org/wiki/Responsibility_assignment_matrix',
    'Responsibility assignment matrix (RACI)', null, 3, 'a1000000-0000-4000-8000-000000000007',
    now() - interval '2 days', now() - interval '2 days'),
  ('ac000000-0000-4000-8000-000000000031', '10000000-0000-4000-8000-000000000001',
    'ab000000-0000-4000-8000-000000000004', 'https://community.canvaslms.com/t5/Student-Guide/tkb-p/student',
    'Canvas Student Guide', 'Notifications and the mobile app are in the first section.', 1,
    'a1000000-0000-4000-8000-000000000001', now() - interval '40 days', now() - interval '40 days'),
  ('ac000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'ab000000-0000-4000-8000-000000000101', 'https://www.jstatsoft.org/article/view/v059i10',
    'Tidy Data (Wickham, Journal of Statistical Software)', 'Read before cleaning the week 1 CSV.', 1,
    'b2000000-0000-4000-8000-000000000001', now() - interval '5 days', now() - interval '5 days');

-- Votes: the score trigger sums them into playlist_items.score (Level of measurement 3, OpenIntro 2,
-- Khan Academy 1, Seeing Theory 0, Stakeholder analysis 2...).
insert into public.playlist_votes (id, org_id, item_id, user_id, value, created_at) values
  ('ad000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000004', 1, now() - interval '9 days'),
  ('ad000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 1, now() - interval '8 days'),
  ('ad000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000007', 1, now() - interval '6 days'),
  ('ad000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000004', 1, now() - interval '8 days'),
  ('ad000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000003', 1, now() - interval '8 days'),
  ('ad000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000007', 1, now() - interval '7 days'),
  ('ad000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000004', 1, now() - interval '6 days'),
  ('ad000000-0000-4000-8000-000000000008', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000006', -1, now() - interval '6 days'),
  ('ad000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000021', 'a1000000-0000-4000-8000-000000000004', 1, now() - interval '3 days'),
  ('ad000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000022', 'a1000000-0000-4000-8000-000000000006', 1, now() - interval '2 days'),
  ('ad000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000022', 'a1000000-0000-4000-8000-000000000005', 1, now() - interval '2 days'),
  ('ad000000-0000-4000-8000-000000000012', '10000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000023', 'a1000000-0000-4000-8000-000000000001', 1, now() - interval '1 day'),
  ('ad000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'ac000000-0000-4000-8000-000000000101', 'b2000000-0000-4000-8000-000000000002', 1, now() - interval '4 days');

-- Tomás hid the answer-selling link, as moderate_playlist would have: hidden_at and a log entry.
update public.playlist_items set hidden_at = now() - interval '2 days'
where id = 'ac000000-0000-4000-8000-000000000005';

insert into public.playlist_moderation_actions (org_id, actor_id, action, target_kind, target_id, playlist_id, reason,
  created_at)
values
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'hide', 'playlist_item',
    'ac000000-0000-4000-8000-000000000005', 'ab000000-0000-4000-8000-000000000001',
    'Selling answers breaks the academic integrity policy.', now() - interval '2 days');
