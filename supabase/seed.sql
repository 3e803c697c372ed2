-- Demo data for the local stack and `supabase db reset`: the org "Northwind Learning" with an admin, a
-- moderator, a mentor and four learners, places for the demo Moodle and Canvas courses served by
-- `npm start` (tests/fixtures/demo-lms), threads with answers, replies and votes; and a second org,
-- "Contoso Academy", that must never see any of it. Sign in locally with any address below: the
-- one-time code is printed by `npm run backend`. Invented people; *.example addresses never deliver.
-- Runs as postgres, so RLS does not apply, but every trigger does (scores, thread status).

-- People. Supabase Auth reads these token columns as strings: '' rather than NULL, or sign-in fails.
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
  raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
  email_change
)
select '00000000-0000-0000-0000-000000000000', person.id::uuid, 'authenticated', 'authenticated', person.email, '',
  now() - interval '90 days', '{"provider": "email", "providers": ["email"]}',
  jsonb_build_object('full_name', person.full_name), now() - interval '90 days', now() - interval '90 days',
  '', '', '', ''
from (values
  ('a1000000-0000-4000-8000-000000000001', 'priya.raman@northwind.example', 'Priya Raman'),
  ('a1000000-0000-4000-8000-000000000002', 'tomas.alvarez@northwind.example', 'Tomás Álvarez'),
  ('a1000000-0000-4000-8000-000000000003', 'grace.liu@northwind.example', 'Grace Liu'),
  ('a1000000-0000-4000-8000-000000000004', 'amara.okafor@northwind.example', 'Amara Okafor'),
  ('a1000000-0000-4000-8000-000000000005', 'jonas.becker@northwind.example', 'Jonas Becker'),
  ('a1000000-0000-4000-8000-000000000006', 'sofia.marino@northwind.example', 'Sofia Marino'),
  ('a1000000-0000-4000-8000-000000000007', 'mei.tanaka@northwind.example', 'Mei Tanaka'),
  ('b2000000-0000-4000-8000-000000000001', 'nadia.haddad@contoso.example', 'Nadia Haddad'),
  ('b2000000-0000-4000-8000-000000000002', 'ben.carter@contoso.example', 'Ben Carter')
) as person (id, email, full_name);

insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
  'email', u.created_at, u.created_at
from auth.users u
where u.email like '%@northwind.example' or u.email like '%@contoso.example';

insert into public.orgs (id, name, created_at) values
  ('10000000-0000-4000-8000-000000000001', 'Northwind Learning', now() - interval '120 days'),
  ('20000000-0000-4000-8000-000000000002', 'Contoso Academy', now() - interval '100 days');

insert into public.members (org_id, user_id, role, display_name, skills, created_at) values
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'admin', 'Priya Raman',
    '{"Learning design","Moodle administration"}', now() - interval '90 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'moderator', 'Tomás Álvarez',
    '{"Community moderation","Statistics"}', now() - interval '90 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000003', 'mentor', 'Grace Liu',
    '{"SQL","Statistics","Data visualisation","Project planning"}', now() - interval '90 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000004', 'learner', 'Amara Okafor',
    '{"Excel"}', now() - interval '60 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 'learner', 'Jonas Becker',
    '{}', now() - interval '60 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000006', 'learner', 'Sofia Marino',
    '{"Python"}', now() - interval '45 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000007', 'learner', 'Mei Tanaka',
    '{"Stakeholder interviews"}', now() - interval '30 days'),
  ('20000000-0000-4000-8000-000000000002', 'b2000000-0000-4000-8000-000000000001', 'admin', 'Nadia Haddad',
    '{}', now() - interval '80 days'),
  ('20000000-0000-4000-8000-000000000002', 'b2000000-0000-4000-8000-000000000002', 'learner', 'Ben Carter',
    '{}', now() - interval '80 days');

-- The demo LMS's courses and lessons (keys as lib/lms computes them on http://*.localhost:8080).
insert into public.places (id, org_id, key, platform, course_id, lesson_id, course_title, lesson_title, created_by)
values
  ('c3000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021', 'moodle', '4021', null, 'Introduction to Data Analysis', null,
    'a1000000-0000-4000-8000-000000000001'),
  ('c3000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021|cm:1325312', 'moodle', '4021', 'cm:1325312',
    'Introduction to Data Analysis', 'Quiz: Variables and observations', 'a1000000-0000-4000-8000-000000000004'),
  ('c3000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021|cm:1325311', 'moodle', '4021', 'cm:1325311',
    'Introduction to Data Analysis', 'Reading: What makes a question answerable?', 'a1000000-0000-4000-8000-000000000006'),
  ('c3000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'canvas|canvas.localhost:8080|1730', 'canvas', '1730', null, 'Foundations of Project Management', null,
    'a1000000-0000-4000-8000-000000000001'),
  ('c3000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'canvas|canvas.localhost:8080|1730|module_item:448684', 'canvas', '1730', 'module_item:448684',
    'Foundations of Project Management', 'Draft a project charter', 'a1000000-0000-4000-8000-000000000007'),
  -- Contoso uses the same demo course: same key, separate place, separate threads.
  ('c3000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'moodle|moodle.localhost:8080|4021', 'moodle', '4021', null, 'Introduction to Data Analysis', null,
    'b2000000-0000-4000-8000-000000000001');

insert into public.threads (id, org_id, place_key, author_id, title, body, tags, created_at, updated_at) values
  ('d4000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021|cm:1325312', 'a1000000-0000-4000-8000-000000000004',
    'Is "number of siblings" discrete or continuous?',
    'Question 3 marks it as discrete, but I thought anything you can average is continuous. What am I missing?',
    '{variables,quiz-1}', now() - interval '9 days', now() - interval '9 days'),
  ('d4000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021|cm:1325312', 'a1000000-0000-4000-8000-000000000005',
    'Why is temperature interval and not ratio data?',
    'Question 4 says Celsius is interval. Zero degrees is still a temperature, so why can''t I say 20° is twice 10°?',
    '{measurement-scales,quiz-1}', now() - interval '6 days', now() - interval '6 days'),
  ('d4000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021', 'a1000000-0000-4000-8000-000000000006',
    'Which spreadsheet tool are people using for the week 2 exercises?',
    'The course mentions Excel, but I only have LibreOffice at home. Will the formulas in the worked examples still work?',
    '{tools}', now() - interval '2 days', now() - interval '2 days'),
  ('d4000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'canvas|canvas.localhost:8080|1730|module_item:448684', 'a1000000-0000-4000-8000-000000000007',
    'How detailed should the stakeholder section of the charter be?',
    'The template has one line per stakeholder. Is a name and a role enough, or do we describe their interests too?',
    '{project-charter,stakeholders}', now() - interval '4 days', now() - interval '4 days'),
  ('d4000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021', 'a1000000-0000-4000-8000-000000000005',
    'Selling my completed quiz answers',
    'DM me for a copy of all the week 1 answers.',
    '{}', now() - interval '3 days', now() - interval '3 days'),
  ('d4000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001',
    'moodle|moodle.localhost:8080|4021|cm:1325311', 'a1000000-0000-4000-8000-000000000006',
    'The link to the reading returns a 404',
    'The "What makes a question answerable?" PDF link goes to a not-found page.',
    '{broken-link}', now() - interval '12 days', now() - interval '12 days'),
  ('d4000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'moodle|moodle.localhost:8080|4021', 'b2000000-0000-4000-8000-000000000002',
    'Where do I find the dataset for week 1?',
    'The course page mentions a CSV but I cannot see a download link.',
    '{datasets}', now() - interval '5 days', now() - interval '5 days');

insert into public.posts (id, org_id, thread_id, parent_id, author_id, body, created_at, updated_at) values
  ('e5000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000001', null, 'a1000000-0000-4000-8000-000000000003',
    'Discrete means the values are countable: you can have 2 or 3 siblings, never 2.4. The average of a discrete variable can be 2.4, but that is a property of the summary, not of the variable.',
    now() - interval '8 days', now() - interval '8 days'),
  ('e5000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000001', null, 'a1000000-0000-4000-8000-000000000005',
    'I think of it as: if you would count it, it is discrete; if you would measure it, it is continuous.',
    now() - interval '8 days', now() - interval '8 days'),
  ('e5000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000001', 'e5000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000004',
    'That makes sense, thank you. So "average household size" is continuous but "household size" is not.',
    now() - interval '7 days', now() - interval '7 days'),
  ('e5000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000002', null, 'a1000000-0000-4000-8000-000000000006',
    'Ratio data needs a true zero meaning "none of it". 0 °C is not "no temperature", so ratios are meaningless. In kelvin they work.',
    now() - interval '5 days', now() - interval '5 days'),
  ('e5000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000004', null, 'a1000000-0000-4000-8000-000000000003',
    'Add each stakeholder''s main interest and how much influence they have. One short sentence each is plenty; the grid in week 2 builds on it.',
    now() - interval '3 days', now() - interval '3 days'),
  ('e5000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001',
    'd4000000-0000-4000-8000-000000000006', null, 'a1000000-0000-4000-8000-000000000002',
    'Thanks for flagging it. The reading has moved; the course team has fixed the link, so I have locked this thread.',
    now() - interval '11 days', now() - interval '11 days'),
  ('e5000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000002',
    'd4000000-0000-4000-8000-000000000101', null, 'b2000000-0000-4000-8000-000000000001',
    'It is under "Week 1 resources" at the bottom of the section.',
    now() - interval '4 days', now() - interval '4 days');

insert into public.votes (id, org_id, post_id, user_id, value) values
  ('f6000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000004', 1),
  ('f6000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000005', 1),
  ('f6000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000006', 1),
  ('f6000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000004', 1),
  ('f6000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000007', -1),
  ('f6000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000007', 1),
  ('f6000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000001',
    'e5000000-0000-4000-8000-000000000005', 'a1000000-0000-4000-8000-000000000004', 1),
  ('f6000000-0000-4000-8000-000000000008', '20000000-0000-4000-8000-000000000002',
    'e5000000-0000-4000-8000-000000000101', 'b2000000-0000-4000-8000-000000000002', 1);

-- Amara accepted Grace's answer; a moderator hid the answer-selling thread and locked the fixed link.
update public.threads
set accepted_post_id = 'e5000000-0000-4000-8000-000000000001',
    accepted_by = 'a1000000-0000-4000-8000-000000000004',
    accepted_at = now() - interval '7 days',
    status = 'resolved'
where id = 'd4000000-0000-4000-8000-000000000001';

update public.threads set hidden_at = now() - interval '3 days'
where id = 'd4000000-0000-4000-8000-000000000005';

update public.threads set locked = true
where id = 'd4000000-0000-4000-8000-000000000006';

-- Moderation (second slice): Amara's report on the answer-selling thread, which Tomás acted on by
-- hiding it (the log says why), and Mei's open report on an answer, waiting in the moderation queue.
insert into public.reports (id, org_id, target_kind, thread_id, post_id, reporter_id, reason, note, status,
  resolved_by, resolved_at, created_at)
values
  ('a7000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'thread',
    'd4000000-0000-4000-8000-000000000005', null, 'a1000000-0000-4000-8000-000000000004', 'cheating',
    'Offering to sell the quiz answers.', 'actioned', 'a1000000-0000-4000-8000-000000000002',
    now() - interval '3 days', now() - interval '3 days 2 hours'),
  ('a7000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'post',
    'd4000000-0000-4000-8000-000000000001', 'e5000000-0000-4000-8000-000000000002',
    'a1000000-0000-4000-8000-000000000007', 'misinformation',
    'Counting vs measuring is a rule of thumb, not the definition.', 'open', null, null, now() - interval '1 day');

insert into public.moderation_actions (org_id, actor_id, action, target_kind, target_id, thread_id, reason, created_at)
values
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'hide', 'thread',
    'd4000000-0000-4000-8000-000000000005', 'd4000000-0000-4000-8000-000000000005',
    'Selling answers breaks the academic integrity policy.', now() - interval '3 days'),
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'lock', 'thread',
    'd4000000-0000-4000-8000-000000000006', 'd4000000-0000-4000-8000-000000000006',
    'The link is fixed; nothing more to add.', now() - interval '11 days');

-- Endorsements and mentoring (third slice): Grace offers mentoring; Amara endorsed her accepted answer,
-- Jonas her SQL and Sofia her Statistics; Mei has asked her for mentoring and waits for a reply.
insert into public.mentor_profiles (org_id, user_id, skills, capacity, availability, created_at) values
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000003',
    '{"SQL","Statistics","Data visualisation"}', 3, 'Tuesday and Thursday evenings (UTC), 30-minute calls.',
    now() - interval '30 days');

insert into public.endorsements (id, org_id, endorser_id, target_kind, post_id, member_user_id, skill, note, created_at)
values
  ('a8000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000004', 'post', 'e5000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000003', null, 'Cleared up discrete vs continuous for me.',
    now() - interval '7 days'),
  ('a8000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000005', 'skill', null, 'a1000000-0000-4000-8000-000000000003', 'SQL', null,
    now() - interval '5 days'),
  ('a8000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000006', 'skill', null, 'a1000000-0000-4000-8000-000000000003', 'Statistics',
    'Explains measurement scales better than the textbook.', now() - interval '4 days');

insert into public.mentor_requests (id, org_id, learner_id, mentor_id, message, created_at) values
  ('a9000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000007', 'a1000000-0000-4000-8000-000000000003',
    'Could you help me plan the data analysis for my capstone project? A few calls over the next month would be great.',
    now() - interval '2 days');

insert into public.mentor_request_events (org_id, request_id, actor_id, from_state, to_state, created_at) values
  ('10000000-0000-4000-8000-000000000001', 'a9000000-0000-4000-8000-000000000001',
    'a1000000-0000-4000-8000-000000000007', null, 'requested', now() - interval '2 days');

-- Settings and notifications (fourth slice): Northwind's settings row, as Priya left it (the defaults:
-- every feature on, no anonymous posting, no pre-moderation); Contoso has none, which means the same.
-- The notifications were written by the triggers as the rows above went in (answers, the accepted
-- answer, endorsements, Mei's request, the hidden thread); those older than five days have been read.
insert into public.org_settings (org_id, updated_by, created_at, updated_at) values
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', now() - interval '30 days',
    now() - interval '30 days');

update public.notifications set read_at = created_at + interval '2 hours'
where created_at < now() - interval '5 days';
